/* check_strip: tests of the strip module (single items, runs); the date lines
 * are check_dateline.c's, the temperatures check_temptext.c's. */
#include <math.h>
#include <string.h>

#include "strip.h"
#include "temptext.h"
#include "tests.h"

#define SEG "\x1f" /* TEXT_SEG as a string, for building element-joined text */

/* ---- strip_single ---- */

typedef struct {
    wx_registry *reg;
    strip_scan scan;
} ctx;

static void ctx_open(ctx *c)
{
    c->reg = test_registry();
    strip_scan_init(&c->scan, c->reg);
}

static void ctx_close(ctx *c)
{
    strip_scan_free(&c->scan);
    stations_free(c->reg);
}

/* strip_single on S; returns its result and fills IT. */
static int single(ctx *c, const char *s, strip_item *it)
{
    memset(it, 0, sizeof *it);
    return strip_single(&c->scan, s, strlen(s), it);
}

/* Asserts an item: station STN (0: none), word code CODE (WX_CODE_UNKNOWN
 * with no table entry: unknown word or none), temperature TEMP. */
static void assert_item(const char *what, const strip_item *it, int stn, const char *word, int code,
                        double temp)
{
    if (stn)
        ck_assert_msg(it->st && it->st->id == stn, "%s: station %d, expected %d", what,
                      it->st ? it->st->id : 0, stn);
    else
        ck_assert_msg(it->st == NULL, "%s: station %d, expected none", what, it->st->id);
    ck_assert_msg(strcmp(it->word, word) == 0, "%s: word '%s', expected '%s'", what, it->word,
                  word);
    if (code == WX_CODE_UNKNOWN)
        ck_assert_msg(it->w == NULL, "%s: word entry '%s', expected none", what, it->w->word);
    else
        ck_assert_msg(it->w && it->w->code == code, "%s: code %d, expected %d", what,
                      it->w ? it->w->code : 0, code);
    ck_assert_msg(it->has_temp, "%s: no temperature", what);
    ck_assert_msg(fabs(it->temp - temp) < 1e-9, "%s: temperature %g, expected %g", what, it->temp,
                  temp);
}

static void assert_single(ctx *c, const char *s, int stn, const char *word, int code, double temp)
{
    strip_item it;
    ck_assert_msg(single(c, s, &it) == 1, "'%s' is not read as one item", s);
    assert_item(s, &it, stn, word, code, temp);
}

static void assert_not_single(ctx *c, const char *s)
{
    strip_item it;
    ck_assert_msg(single(c, s, &it) == 0, "'%s' was read as an item", s);
}

START_TEST(test_single_elements)
{
    ctx c;
    ctx_open(&c);
    /* <span class="iw18">연무</span>서울 5.0℃ */
    assert_single(&c, "연무" SEG "서울 5.0℃", 108, "연무", 302, 5.0);
    /* word, name and temperature in three elements */
    assert_single(&c, SEG "흐림" SEG SEG "속초" SEG SEG "15.9℃" SEG, 90, "흐림", 203, 15.9);
    /* the client-side widget: 서울 <span class="ta">5.0</span>℃ */
    assert_single(&c, "구름많음" SEG "서울 " SEG "5.0" SEG "℃", 108, "구름많음", 202, 5.0);
    ctx_close(&c);
}
END_TEST

START_TEST(test_single_flattened)
{
    ctx c;
    ctx_open(&c);
    assert_single(&c, "흐림속초15.9℃", 90, "흐림", 203, 15.9);
    assert_single(&c, "구름많음포항 12.9℃", 138, "구름많음", 202, 12.9);
    assert_single(&c, "비북강릉19.0℃", 104, "비", 502, 19.0);
    assert_single(&c, "흐림강릉20.1℃", 105, "흐림", 203, 20.1);
    ctx_close(&c);
}
END_TEST

START_TEST(test_single_name_first)
{
    ctx c;
    ctx_open(&c);
    /* a table row: <th>서울</th><td>맑음</td><td>18.6℃</td> */
    assert_single(&c, SEG "서울" SEG SEG "맑음" SEG SEG "18.6℃" SEG, 108, "맑음", 101, 18.6);
    assert_single(&c, "제주 구름많음 20.2℃", 184, "구름많음", 202, 20.2);
    ctx_close(&c);
}
END_TEST

START_TEST(test_single_distinct_names)
{
    ctx c;
    ctx_open(&c);
    assert_single(&c, "구름많음북창원 21.3℃", 255, "구름많음", 202, 21.3);
    assert_single(&c, "구름많음창원 21.0℃", 155, "구름많음", 202, 21.0);
    assert_single(&c, "흐림고창군18.7℃", 251, "흐림", 203, 18.7);
    assert_single(&c, "흐림고창18.9℃", 172, "흐림", 203, 18.9);
    ctx_close(&c);
}
END_TEST

START_TEST(test_single_aliases)
{
    ctx c;
    ctx_open(&c);
    strip_item it;
    assert_single(&c, "흐림 홍성(예) 17.6℃", 177, "흐림", 203, 17.6);
    assert_single(&c, "흐림서청주(예)18.1℃", 181, "흐림", 203, 18.1);
    assert_single(&c, "흐림" SEG "대구(기) 22.4℃", 143, "흐림", 203, 22.4);
    assert_single(&c, "비 백령 13.9℃", 102, "비", 502, 13.9);
    /* the name as written is kept beside the resolved station */
    ck_assert_int_eq(single(&c, "비 백령 13.9℃", &it), 1);
    ck_assert_str_eq(it.name, "백령");
    ck_assert_str_eq(it.st->name, "백령도");
    ctx_close(&c);
}
END_TEST

START_TEST(test_single_no_word)
{
    ctx c;
    ctx_open(&c);
    strip_item it;
    ck_assert_int_eq(single(&c, "서울 18.6℃", &it), 1);
    ck_assert_int_eq(it.st->id, 108);
    ck_assert_str_eq(it.word, "");
    ck_assert_ptr_null(it.w);
    ck_assert(fabs(it.temp - 18.6) < 1e-9);
    ctx_close(&c);
}
END_TEST

START_TEST(test_single_no_report_dash)
{
    ctx c;
    ctx_open(&c);
    assert_single(&c, "-" SEG "대관령 -12.4℃", 100, "-", WX_CODE_NONE, -12.4);
    ctx_close(&c);
}
END_TEST

START_TEST(test_single_nameless)
{
    ctx c;
    ctx_open(&c);
    strip_item it;
    ck_assert_int_eq(single(&c, "비" SEG "17.3℃", &it), 1);
    assert_item("비17.3℃", &it, 0, "비", 502, 17.3);
    ck_assert_str_eq(it.name, "");
    ck_assert_int_eq(single(&c, "흐림17.5℃", &it), 1);
    assert_item("흐림17.5℃", &it, 0, "흐림", 203, 17.5);
    ctx_close(&c);
}
END_TEST

START_TEST(test_single_not_a_station)
{
    ctx c;
    ctx_open(&c);
    strip_item it;
    /* kept as an item so that it can be reported unresolved with its text */
    ck_assert_int_eq(single(&c, "흐림 가나다 15.0℃", &it), 1);
    ck_assert_ptr_null(it.st);
    ck_assert_str_eq(it.name, "가나다");
    ck_assert_int_eq(it.w->code, 203);
    ck_assert(strstr(it.text, "가나다") != NULL);
    /* a prefix of a station's name is not that station */
    ck_assert_int_eq(single(&c, "구름많음 북창 16.0℃", &it), 1);
    ck_assert_ptr_null(it.st);
    ck_assert_str_eq(it.name, "북창");
    ctx_close(&c);
}
END_TEST

START_TEST(test_single_unknown_word)
{
    ctx c;
    ctx_open(&c);
    strip_item it;
    ck_assert_int_eq(single(&c, "흐린뒤갬" SEG "서울 18.0℃", &it), 1);
    assert_item("흐린뒤갬", &it, 108, "흐린뒤갬", WX_CODE_UNKNOWN, 18.0);
    /* an unknown word of several tokens is still kept with its temperature */
    ck_assert_msg(single(&c, "흐린 뒤 갬" SEG "춘천 17.3℃", &it) == 1,
                  "an unknown three-token word dropped the item");
    assert_item("흐린 뒤 갬", &it, 101, "흐린 뒤 갬", WX_CODE_UNKNOWN, 17.3);
    ctx_close(&c);
}
END_TEST

START_TEST(test_single_multiword_words)
{
    ctx c;
    ctx_open(&c);
    assert_single(&c, "비 또는 눈" SEG "인천 2.2℃", 112, "비 또는 눈", 705, 2.2);
    assert_single(&c, "구름많고 비" SEG "수원 18.2℃", 119, "구름많고 비", 526, 18.2);
    assert_single(&c, "뇌우,우박" SEG "수원 18.2℃", 119, "뇌우,우박", 802, 18.2);
    assert_single(&c, "비/눈청주12.0℃", 131, "비/눈", 707, 12.0);
    ctx_close(&c);
}
END_TEST

START_TEST(test_single_temperature_spellings)
{
    ctx c;
    ctx_open(&c);
    assert_single(&c, "맑음 서울 18.6°C", 108, "맑음", 101, 18.6);
    assert_single(&c, "맑음 서울 18.6° C", 108, "맑음", 101, 18.6);
    assert_single(&c, "맑음 서울 18.6 ℃", 108, "맑음", 101, 18.6);
    assert_single(&c, "맑음 서울 -3.2℃", 108, "맑음", 101, -3.2);
    assert_single(&c,
                  "맑음 서울 \xE2\x88\x92"
                  "3.2℃",
                  108, "맑음", 101, -3.2); /* U+2212 */
    assert_single(&c, "맑음철원-17.8℃", 95, "맑음", 101, -17.8);
    assert_single(&c, "눈 광주 0.0℃", 156, "눈", 601, 0.0);
    ctx_close(&c);
}
END_TEST

START_TEST(test_single_text_collapsed)
{
    ctx c;
    ctx_open(&c);
    strip_item it;
    ck_assert_int_eq(single(&c, "  흐림   서울\n   18.6℃ ", &it), 1);
    ck_assert_str_eq(it.text, "흐림 서울 18.6℃");
    ck_assert_str_eq(it.word, "흐림");
    ck_assert_str_eq(it.name, "서울");
    ctx_close(&c);
}
END_TEST

START_TEST(test_single_rejects)
{
    ctx c;
    ctx_open(&c);
    assert_not_single(&c, "서울 18.6℃ 인천 17.2℃");           /* two temperatures */
    assert_not_single(&c, "서울 낮 기온은 18.6℃까지 올랐다"); /* prose */
    assert_not_single(&c, "이날 행사장 기온은 18.6℃로 포근했다.");
    assert_not_single(&c, "흐림 서울"); /* no temperature */
    assert_not_single(&c, "서울 18.6"); /* no mark */
    assert_not_single(&c, "");
    assert_not_single(&c, "서울: 낮 최고 21℃, 아침 최저 12℃");
    assert_not_single(&c, "기상청은 \"서울 18.6℃\"라고 밝혔다.");
    ctx_close(&c);
}
END_TEST

START_TEST(test_single_respects_len)
{
    ctx c;
    ctx_open(&c);
    const char *s = "흐림속초15.9℃비북강릉19.0℃";
    strip_item it;
    memset(&it, 0, sizeof it);
    ck_assert_int_eq(strip_single(&c.scan, s, strlen("흐림속초15.9℃"), &it), 1);
    assert_item("first of two", &it, 90, "흐림", 203, 15.9);
    ck_assert_int_eq(strip_single(&c.scan, s, strlen(s), &it), 0);
    ctx_close(&c);
}
END_TEST

/* ---- strip_add_run ---- */

static void run(ctx *c, const char *s)
{
    strip_add_run(&c->scan, s, strlen(s));
}

static void assert_stations(const ctx *c, const int *ids, size_t n)
{
    ck_assert_msg(c->scan.n == n, "%zu items, expected %zu", c->scan.n, n);
    for (size_t i = 0; i < n; i++) {
        const strip_item *it = &c->scan.items[i];
        int got = it->st ? it->st->id : 0;
        ck_assert_msg(got == ids[i], "item %zu is station %d, expected %d (%s)", i, got, ids[i],
                      it->text);
    }
}

START_TEST(test_run_flattened)
{
    ctx c;
    ctx_open(&c);
    run(&c, "흐림속초15.9℃비북강릉19.0℃흐림강릉20.1℃구름많음북창원21.3℃");
    assert_stations(&c, (const int[]){90, 104, 105, 255}, 4);
    ck_assert(fabs(c.scan.items[1].temp - 19.0) < 1e-9);
    ck_assert_int_eq(c.scan.items[3].w->code, 202);
    ck_assert_int_eq(c.scan.failed, 0);
    ctx_close(&c);
}
END_TEST

START_TEST(test_run_separators)
{
    ctx c;
    ctx_open(&c);
    run(&c, "흐림 속초 15.9℃ | 비 북강릉 19.0℃ | 흐림 강릉 20.1℃");
    assert_stations(&c, (const int[]){90, 104, 105}, 3);
    ctx_close(&c);
    ctx_open(&c);
    run(&c, "맑음 서울 18.6℃ · 구름조금 인천 17.2℃ · 맑음 수원 19.0℃");
    assert_stations(&c, (const int[]){108, 112, 119}, 3);
    ck_assert_int_eq(c.scan.items[1].w->code, 201);
    ctx_close(&c);
    ctx_open(&c);
    run(&c, "  • 흐림속초15.9℃");
    assert_stations(&c, (const int[]){90}, 1);
    ctx_close(&c);
}
END_TEST

START_TEST(test_run_negative_glued)
{
    ctx c;
    ctx_open(&c);
    run(&c, "맑음철원-17.8℃맑음춘천\xE2\x88\x92"
            "12.9℃눈제주2.1℃");
    assert_stations(&c, (const int[]){95, 101, 184}, 3);
    ck_assert(fabs(c.scan.items[0].temp + 17.8) < 1e-9);
    ck_assert(fabs(c.scan.items[1].temp + 12.9) < 1e-9);
    ck_assert(fabs(c.scan.items[2].temp - 2.1) < 1e-9);
    ctx_close(&c);
}
END_TEST

START_TEST(test_run_nameless)
{
    ctx c;
    ctx_open(&c);
    run(&c, "흐림속초15.9℃비17.3℃흐림철원17.4℃");
    assert_stations(&c, (const int[]){90, 0, 95}, 3);
    ck_assert_str_eq(c.scan.items[1].word, "비");
    ck_assert_str_eq(c.scan.items[1].name, "");
    ck_assert(fabs(c.scan.items[1].temp - 17.3) < 1e-9);
    ctx_close(&c);
}
END_TEST

START_TEST(test_run_prose)
{
    ctx c;
    ctx_open(&c);
    run(&c, "어린이날인 5일 서울 낮 기온은 18.6℃까지 올랐다.");
    run(&c, "서울 18.6℃, 인천 17.2℃, 수원 19.0℃ 등으로 평년보다 3~5도가량 높았다.");
    run(&c, "대구는 24.3℃, 부산은 22.1℃를 기록했다.");
    ck_assert_uint_eq(c.scan.n, 0);
    ck_assert_uint_eq(c.scan.ndates, 0);
    ck_assert_uint_gt(c.scan.gap, 0);
    ctx_close(&c);
}
END_TEST

START_TEST(test_run_date_line)
{
    ctx c;
    ctx_open(&c);
    run(&c, "2024.05.05 (일)");
    ck_assert_uint_eq(c.scan.ndates, 1);
    ck_assert_uint_eq(c.scan.n, 0);
    ck_assert_int_eq(c.scan.dates[0].year, 2024);
    ck_assert_int_eq(c.scan.dates[0].month, 5);
    ck_assert_int_eq(c.scan.dates[0].day, 5);
    ck_assert_int_eq(c.scan.dates[0].hour, -1);
    ck_assert_uint_eq(c.scan.dates[0].at, 0);
    run(&c, "흐림속초15.9℃");
    run(&c, "비북강릉19.0℃");
    run(&c, "2024.05.06");
    ck_assert_uint_eq(c.scan.ndates, 2);
    ck_assert_uint_eq(c.scan.dates[1].at, 2); /* two items came before it */
    ck_assert_int_eq(c.scan.dates[1].day, 6);
    ctx_close(&c);
}
END_TEST

START_TEST(test_run_gap)
{
    ctx c;
    ctx_open(&c);
    run(&c, "흐림속초15.9℃");
    run(&c, "비북강릉19.0℃");
    run(&c, "구립도서관이 이달부터 평일 운영 시간을 밤 10시까지 늘린다.");
    run(&c, "흐림강릉20.1℃");
    assert_stations(&c, (const int[]){90, 104, 105}, 3);
    ck_assert_uint_eq(c.scan.items[1].gap, 0);
    ck_assert_uint_gt(c.scan.items[2].gap, 0);
    ctx_close(&c);
}
END_TEST

START_TEST(test_run_no_temperature)
{
    ctx c;
    ctx_open(&c);
    run(&c, "정치 경제 사회 지역 문화");
    run(&c, "흐림 속초");
    run(&c, "");
    ck_assert_uint_eq(c.scan.n, 0);
    ck_assert_uint_eq(c.scan.ndates, 0);
    ctx_close(&c);
}
END_TEST

START_TEST(test_run_respects_len)
{
    ctx c;
    ctx_open(&c);
    const char *s = "흐림속초15.9℃비북강릉19.0℃";
    strip_add_run(&c.scan, s, strlen("흐림속초15.9℃"));
    assert_stations(&c, (const int[]){90}, 1);
    ctx_close(&c);
}
END_TEST

Suite *strip_suite(void)
{
    Suite *s = suite_create("strip");

    TCase *tc = tcase_create("single");
    tcase_add_test(tc, test_single_elements);
    tcase_add_test(tc, test_single_flattened);
    tcase_add_test(tc, test_single_name_first);
    tcase_add_test(tc, test_single_distinct_names);
    tcase_add_test(tc, test_single_aliases);
    tcase_add_test(tc, test_single_no_word);
    tcase_add_test(tc, test_single_no_report_dash);
    tcase_add_test(tc, test_single_nameless);
    tcase_add_test(tc, test_single_not_a_station);
    tcase_add_test(tc, test_single_unknown_word);
    tcase_add_test(tc, test_single_multiword_words);
    tcase_add_test(tc, test_single_temperature_spellings);
    tcase_add_test(tc, test_single_text_collapsed);
    tcase_add_test(tc, test_single_rejects);
    tcase_add_test(tc, test_single_respects_len);
    suite_add_tcase(s, tc);

    tc = tcase_create("run");
    tcase_add_test(tc, test_run_flattened);
    tcase_add_test(tc, test_run_separators);
    tcase_add_test(tc, test_run_negative_glued);
    tcase_add_test(tc, test_run_nameless);
    tcase_add_test(tc, test_run_prose);
    tcase_add_test(tc, test_run_date_line);
    tcase_add_test(tc, test_run_gap);
    tcase_add_test(tc, test_run_no_temperature);
    tcase_add_test(tc, test_run_respects_len);
    suite_add_tcase(s, tc);

    return s;
}
