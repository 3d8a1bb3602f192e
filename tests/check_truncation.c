/* check_truncation: a page or feed cut at any byte gives, for each station,
 * the full page's reading or none: never another number (issue 10). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "tests.h"

typedef struct {
    int cuts, wrong, kept, dropped;
    char first[512]; /* the first wrong one, for the message */
} cut_report;

static const wx_reading *find(const wx_page *p, int station)
{
    for (size_t i = 0; i < p->nreadings; i++)
        if (p->readings[i].station == station)
            return &p->readings[i];
    return NULL;
}

/* Parses BYTES[0..n) and compares each reading with FULL's. */
static void one_cut(const char *bytes, size_t n, const wx_page *full, const wx_registry *reg,
                    cut_report *r)
{
    wx_page p;
    char err[256];
    ck_assert_int_eq(parse_page(bytes, n, NULL, reg, &p, err, sizeof err), 0);
    r->cuts++;
    for (size_t i = 0; i < p.nreadings; i++) {
        const wx_reading *got = &p.readings[i], *want = find(full, got->station);
        if (want && got->temp == want->temp && got->code == want->code) {
            r->kept++;
            continue;
        }
        if (!r->wrong++)
            snprintf(r->first, sizeof r->first,
                     "cut at %zu: station %d read as %.2f (code %d), the full page says %s%.2f", n,
                     got->station, got->temp, got->code, want ? "" : "nothing; ",
                     want ? want->temp : 0.0);
    }
    r->dropped +=
        (int)(full->nreadings - (p.nreadings < full->nreadings ? p.nreadings : full->nreadings));
    page_free(&p);
}

static void cuts_of(const char *rel, size_t min_readings, size_t stride)
{
    buf_t b = {0};
    test_read(rel, &b);
    wx_registry *reg = test_registry();
    wx_page full;
    char err[256];
    ck_assert_int_eq(parse_page(b.data, b.len, NULL, reg, &full, err, sizeof err), 0);
    ck_assert_uint_ge(full.nreadings, min_readings);
    cut_report r = {0};
    for (size_t n = 0; n < b.len; n += stride)
        one_cut(b.data, n, &full, reg, &r);
    ck_assert_msg(r.wrong == 0, "%s: %d wrong readings in %d cuts; %s", rel, r.wrong, r.cuts,
                  r.first);
    ck_assert(r.kept > 0 || full.nreadings == 0); /* cuts keep what came before them */
    page_free(&full);
    stations_free(reg);
    buf_free(&b);
}

static void every_cut(const char *rel, size_t min_readings)
{
    cuts_of(rel, min_readings, 1);
}

START_TEST(test_feed_cut_anywhere)
{
    every_cut("tests/fixtures/demo/kma-feed.xml", 97);
}
END_TEST

START_TEST(test_page_cut_anywhere)
{
    every_cut("tests/fixtures/demo/news-page.html", 20);
}
END_TEST

START_TEST(test_table_cut_anywhere)
{
    every_cut("tests/fixtures/parse/html-table-header.html", 3);
}
END_TEST

/* Every page and feed fixture with readings, cut at every third byte. */
START_TEST(test_fixtures_cut)
{
    char dir[4096];
    test_path(dir, sizeof dir, "tests/fixtures/parse");
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    int files = 0;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        int page = n > 5 && (strcmp(e->d_name + n - 5, ".html") == 0 ||
                             strcmp(e->d_name + n - 4, ".xml") == 0 ||
                             strcmp(e->d_name + n - 4, ".txt") == 0);
        if (!page || strncmp(e->d_name, "seed-", 5) == 0)
            continue;
        char rel[512];
        snprintf(rel, sizeof rel, "tests/fixtures/parse/%s", e->d_name);
        cuts_of(rel, 0, 3);
        files++;
    }
    closedir(d);
    ck_assert_int_gt(files, 60);
}
END_TEST

/* A NUL byte inside a value ends nothing: that item gives no reading. */
START_TEST(test_nul_inside_a_value)
{
    static const char feed[] =
        "<current xmlns=\"current\"><weather year=\"2024\" month=\"05\" day=\"05\" hour=\"14\">\n"
        "<local stn_id=\"90\" icon=\"04\" desc=\"흐림\" ta=\"15.9\">속초</local>\n"
        "<local stn_id=\"108\" icon=\"08\" desc=\"비\" ta=\"18\0.6\">서울</local>\n"
        "</weather></current>\n";
    wx_registry *reg = test_registry();
    wx_page p;
    char err[256];
    ck_assert_int_eq(parse_page(feed, sizeof feed - 1, NULL, reg, &p, err, sizeof err), 0);
    const wx_reading *r = find(&p, 108);
    ck_assert_msg(!r || r->temp == 18.6, "108 read as %.2f", r ? r->temp : 0.0);
    page_free(&p);
    stations_free(reg);
}
END_TEST

Suite *truncation_suite(void)
{
    Suite *s = suite_create("truncation");
    TCase *t = tcase_create("truncation");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, test_feed_cut_anywhere);
    tcase_add_test(t, test_page_cut_anywhere);
    tcase_add_test(t, test_table_cut_anywhere);
    tcase_add_test(t, test_fixtures_cut);
    tcase_add_test(t, test_nul_inside_a_value);
    suite_add_tcase(s, t);
    return s;
}
