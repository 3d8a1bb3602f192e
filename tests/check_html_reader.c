/* check_html_reader: the HTML reader (html_reader.c): what a page's markup becomes as
 * strip items, without the resolver: blocks, labels, ignored elements,
 * tables, a page cut inside a block. */
#include <string.h>

#include "html_reader.h"
#include "tests.h"

typedef struct {
    wx_registry *reg;
    strip_scan sc;
} scan;

static void scan_page(scan *s, const char *html)
{
    s->reg = test_registry();
    strip_scan_init(&s->sc, s->reg);
    ck_assert_int_eq(html_scan(&s->sc, html, strlen(html)), 0);
}

static void scan_free(scan *s)
{
    strip_scan_free(&s->sc);
    stations_free(s->reg);
}

/* Item I: its station (0: none), weather code (-1 none, -2: unknown word)
 * and temperature. */
static void expect_item(const scan *s, size_t i, int station, int code, double temp)
{
    ck_assert_msg(i < s->sc.n, "item %zu of %zu", i, s->sc.n);
    const strip_item *it = &s->sc.items[i];
    ck_assert_msg((it->st ? it->st->id : 0) == station, "item %zu: station %d, want %d", i,
                  it->st ? it->st->id : 0, station);
    int got = it->w ? it->w->code : it->word[0] ? -2 : -1;
    ck_assert_msg(got == code, "item %zu: code %d, want %d", i, got, code);
    ck_assert_msg(it->has_temp && it->temp == temp, "item %zu: %.2f, want %.2f", i, it->temp, temp);
}

START_TEST(test_blocks_and_labels)
{
    scan s;
    scan_page(&s, "<ul><li>흐림 서울 18.6℃</li>"
                  "<li><img alt='비'>부산 <b>20.1</b>℃</li>"
                  "<li><span aria-label='맑음' class='i'></span>대구 -1.5℃</li></ul>");
    ck_assert_uint_eq(s.sc.n, 3);
    expect_item(&s, 0, 108, 203, 18.6);
    expect_item(&s, 1, 159, 502, 20.1);
    expect_item(&s, 2, 143, 101, -1.5);
    scan_free(&s);
}
END_TEST

/* Scripts, styles, the head and comments are never text of the page. */
START_TEST(test_ignored_elements)
{
    scan s;
    scan_page(&s, "<html><head><title>흐림 서울 1.0℃</title><style>.a{}/* 비 부산 2.0℃ */</style>"
                  "</head><body><script>var s = '맑음 대구 3.0℃';</script><!-- 눈 광주 4.0℃ -->"
                  "<ul><li>흐림 인천 5.0℃</li></ul></body></html>");
    ck_assert_uint_eq(s.sc.n, 1);
    expect_item(&s, 0, 112, 203, 5.0);
    scan_free(&s);
}
END_TEST

/* A table's temperature column gives its bare numbers their mark; other
 * numeric columns are no temperature; a unit cell marks the number before
 * it. */
START_TEST(test_tables)
{
    scan s;
    scan_page(&s, "<table><tr><th>지점</th><th>날씨</th><th>기온(℃)</th><th>습도</th></tr>"
                  "<tr><td>서울</td><td>맑음</td><td>8.6</td><td>45</td></tr></table>"
                  "<table><tr><td>부산</td><td>비</td><td>12.1</td><td>°C</td></tr></table>");
    ck_assert_uint_eq(s.sc.n, 2);
    expect_item(&s, 0, 108, 101, 8.6);
    expect_item(&s, 1, 159, 502, 12.1);
    scan_free(&s);
}
END_TEST

/* A block the input ends inside gives no item, and says so; the complete
 * ones before it stay. */
START_TEST(test_cut_block)
{
    scan s;
    scan_page(&s, "<ul><li>흐림 서울 18.6℃</li><li><span>부산</span> <span>20.1°C</span> <span>");
    ck_assert_uint_eq(s.sc.n, 1);
    expect_item(&s, 0, 108, 203, 18.6);
    ck_assert_int_eq(s.sc.cut, 1);
    scan_free(&s);
    scan_page(&s, "<ul><li>흐림 서울 18.6℃</li></ul>");
    ck_assert_int_eq(s.sc.cut, 0);
    scan_free(&s);
}
END_TEST

Suite *html_suite(void)
{
    Suite *s = suite_create("html");
    TCase *t = tcase_create("html");
    tcase_add_test(t, test_blocks_and_labels);
    tcase_add_test(t, test_ignored_elements);
    tcase_add_test(t, test_tables);
    tcase_add_test(t, test_cut_block);
    suite_add_tcase(s, t);
    return s;
}
