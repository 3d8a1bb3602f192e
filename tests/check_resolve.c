/* check_resolve: turning strip items into readings (resolve.c): names,
 * nameless items by position, duplicates, what is rejected, feed items by
 * number. The items come from the strip scanner; no markup is involved. */
#include <stdio.h>
#include <string.h>

#include "resolve.h"
#include "weather.h"
#include "tests.h"

/* The readings of the runs RUNS (NULL-terminated), one run each. */
static void resolve_runs(const char *const *runs, wx_page *p)
{
    wx_registry *reg = test_registry();
    strip_scan sc;
    strip_scan_init(&sc, reg);
    for (; *runs; runs++)
        strip_add_run(&sc, *runs, strlen(*runs));
    page_init(p);
    ck_assert_int_eq(resolve_strip(&sc, p), 0);
    strip_scan_free(&sc);
    stations_free(reg);
}

static void expect(const wx_page *p, size_t i, int station, int code, double temp, int inferred)
{
    ck_assert_msg(i < p->nreadings, "reading %zu of %zu", i, p->nreadings);
    const wx_reading *r = &p->readings[i];
    ck_assert_msg(r->station == station && r->code == code && r->temp == temp &&
                      r->inferred == inferred,
                  "reading %zu: %d %d %.1f %d, want %d %d %.1f %d", i, r->station, r->code, r->temp,
                  r->inferred, station, code, temp, inferred);
}

/* A nameless item between 속초 (90) and 철원 (95) is 북춘천 (93), the one
 * station between them; between 서울 (108) and 인천 (112) none fits. */
START_TEST(test_nameless_by_position)
{
    wx_page p;
    resolve_runs((const char *[]){"흐림 속초 15.9℃", "비 17.3℃", "흐림 철원 17.4℃", NULL}, &p);
    ck_assert_uint_eq(p.nreadings, 3);
    expect(&p, 0, 90, 203, 15.9, 0);
    expect(&p, 1, 93, 502, 17.3, 1);
    expect(&p, 2, 95, 203, 17.4, 0);
    page_free(&p);
    resolve_runs((const char *[]){"흐림 서울 18.6℃", "비 17.3℃", "흐림 인천 18.2℃", NULL}, &p);
    ck_assert_uint_eq(p.nreadings, 2);
    ck_assert_uint_eq(p.nunresolved, 1);
    ck_assert_ptr_nonnull(strstr(p.unresolved[0].text, "17.3"));
    page_free(&p);
}
END_TEST

/* A station listed twice: the same reading once, a different one kept
 * first with a warning; an unknown name and a temperature out of range
 * are unresolved. */
START_TEST(test_duplicates_and_rejects)
{
    wx_page p;
    resolve_runs((const char *[]){"흐림 서울 18.6℃", "흐림 서울 18.6℃", "비 부산 20.1℃",
                                  "맑음 부산 21.0℃", "흐림 가나다 15.0℃", "눈 대구 75.0℃", NULL},
                 &p);
    ck_assert_uint_eq(p.nreadings, 2);
    expect(&p, 0, 108, 203, 18.6, 0);
    expect(&p, 1, 159, 502, 20.1, 0);
    ck_assert_uint_eq(p.nwarnings, 1);
    ck_assert_ptr_nonnull(strstr(p.warnings[0], "listed twice with different readings"));
    ck_assert_uint_eq(p.nunresolved, 2);
    ck_assert_ptr_nonnull(strstr(p.unresolved[0].reason, "'가나다' is not a known station"));
    ck_assert_ptr_nonnull(strstr(p.unresolved[1].reason, "station 143: temperature 75.0℃"));
    page_free(&p);
}
END_TEST

/* Feed items name their station by number; the name in the text is not
 * needed, a number not registered is unresolved. */
START_TEST(test_feed_items)
{
    wx_registry *reg = test_registry();
    strip_item it[2];
    memset(it, 0, sizeof it);
    it[0].stn_id = 108, it[0].temp = 18.6, it[0].has_temp = 1;
    it[0].w = weather_lookup("비", strlen("비"));
    snprintf(it[0].word, sizeof it[0].word, "비");
    it[1].stn_id = 999, it[1].temp = 1.0, it[1].has_temp = 1;
    snprintf(it[1].text, sizeof it[1].text, "<local stn_id=\"999\">");
    wx_page p;
    page_init(&p);
    ck_assert_int_eq(resolve_feed(it, 2, reg, &p), 0);
    ck_assert_uint_eq(p.nreadings, 1);
    expect(&p, 0, 108, 502, 18.6, 0);
    ck_assert_str_eq(p.readings[0].name, "서울");
    ck_assert_uint_eq(p.nunresolved, 1);
    page_free(&p);
    stations_free(reg);
}
END_TEST

Suite *resolve_suite(void)
{
    Suite *s = suite_create("resolve");
    TCase *t = tcase_create("resolve");
    tcase_add_test(t, test_nameless_by_position);
    tcase_add_test(t, test_duplicates_and_rejects);
    tcase_add_test(t, test_feed_items);
    suite_add_tcase(s, t);
    return s;
}
