/* check_format: JSON values (json.c), temperatures, a page as JSON and as
 * TSV. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "format.h"
#include "json.h"
#include "tests.h"
#include "weather.h"

#define FFFD "\xEF\xBF\xBD"

/* Python that reads JSON Lines from standard input as strict UTF-8 and
 * prints, per line, the source and the number of readings. */
static const char json_check[] =
    "import json,sys\n"
    "for line in sys.stdin.buffer.read().decode('utf-8').splitlines():\n"
    "    d = json.loads(line)\n"
    "    print(d['source'], len(d['readings']))\n";

/* V (taken) as jx_dump writes it, in OUT (reset first): dumped as the one
 * element of an array, whose brackets and newline are taken off. */
static const char *dumped(buf_t *out, json_t *v)
{
    ck_assert_ptr_nonnull(v);
    json_t *a = json_array();
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(jx_push(a, v), 0);
    buf_reset(out);
    ck_assert_int_eq(jx_dump(out, a), 0);
    json_decref(a);
    ck_assert_uint_ge(out->len, 3);
    ck_assert_msg(out->data[0] == '[' && strcmp(out->data + out->len - 2, "]\n") == 0, "%s",
                  out->data);
    out->data[out->len -= 2] = '\0';
    return out->data + 1;
}

/* jx_str(S) as JSON text. */
static const char *quoted(buf_t *out, const char *s)
{
    return dumped(out, jx_str(s));
}

static const char *temp(double t)
{
    static char s[32];
    format_temp(s, sizeof s, t);
    return s;
}

static wx_reading reading(int station, const char *name, const char *cond, int code, double t,
                          int inferred)
{
    wx_reading r = {.station = station, .code = code, .temp = t, .inferred = inferred};
    bprintf(r.name, sizeof r.name, "%s", name);
    bprintf(r.condition, sizeof r.condition, "%s", cond);
    return r;
}

/* A small page: a reading with a word, an inferred one without, an unknown
 * word, and two unresolved items. */
static void small_page(wx_page *p)
{
    page_init(p);
    p->kind = WX_KIND_HTML;
    wx_reading r[] = {
        reading(108, "서울", "비", 502, 18.6, 0),
        reading(93, "북춘천", "", WX_CODE_NONE, -3.2, 1),
        reading(90, "속초", "안개비", WX_CODE_UNKNOWN, 0.0, 0),
    };
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        ck_assert_int_eq(page_add_reading(p, &r[i]), 0);
    ck_assert_int_eq(page_add_unresolved(p, "흐림 어딘가 12.0℃", "not a station"), 0);
    ck_assert_int_eq(page_add_unresolved(p, "맑음 \"x\"\t9.0℃", "no station fits"), 0);
}

/* The absolute path of PROG found on PATH; fails the test when none is. */
static void find_program(const char *prog, char *dst, size_t size)
{
    const char *path = getenv("PATH");
    char dirs[4096];
    ck_assert_int_eq(bprintf(dirs, sizeof dirs, "%s", path ? path : "/usr/bin:/bin"), 0);
    char *save = NULL;
    for (char *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save))
        if (bprintf(dst, size, "%s/%s", d, prog) == 0 && access(dst, X_OK) == 0)
            return;
    ck_abort_msg("%s is not on PATH", prog);
}

/* Runs the JSON check over TEXT; returns its exit status, output in OUT. */
static int python_json(const char *text, buf_t *out, buf_t *err)
{
    char python[4096];
    find_program("python3", python, sizeof python);
    char *argv[] = {python, "-c", (char *)json_check, NULL};
    return test_run(argv, NULL, text, out, err);
}

START_TEST(test_jx_str_plain)
{
    buf_t b = {0};
    ck_assert_str_eq(quoted(&b, ""), "\"\"");
    ck_assert_str_eq(quoted(&b, "seed-000.txt"), "\"seed-000.txt\"");
    ck_assert_str_eq(quoted(&b, "서울 18.6℃"), "\"서울 18.6℃\"");
    ck_assert_str_eq(quoted(&b, "\xF0\x9F\x8C\xA7"), "\"\xF0\x9F\x8C\xA7\"");
    ck_assert_str_eq(quoted(&b, "a/b"), "\"a/b\"");
    buf_free(&b);
}
END_TEST

/* jansson's escapes: the short ones where JSON has them, \u00XX (upper
 * case) for other controls; DEL is written as it is, which JSON allows. */
START_TEST(test_jx_str_escapes)
{
    buf_t b = {0};
    ck_assert_str_eq(quoted(&b, "say \"hi\""), "\"say \\\"hi\\\"\"");
    ck_assert_str_eq(quoted(&b, "C:\\tmp\\"), "\"C:\\\\tmp\\\\\"");
    ck_assert_str_eq(quoted(&b, "a\nb\tc\rd"), "\"a\\nb\\tc\\rd\"");
    ck_assert_str_eq(quoted(&b, "\b\f"), "\"\\b\\f\"");
    ck_assert_str_eq(quoted(&b, "\x01\x1f\x7f"), "\"\\u0001\\u001F\x7f\"");
    ck_assert_str_eq(quoted(&b, "\x1b[0m"), "\"\\u001B[0m\"");
    buf_free(&b);
}
END_TEST

/* The document is appended as one line: what the buffer held stays. */
START_TEST(test_jx_dump_appends)
{
    buf_t b = {0};
    buf_puts(&b, "[");
    json_t *doc = json_object();
    ck_assert_int_eq(jx_set(doc, "a", jx_str("b")), 0);
    ck_assert_int_eq(jx_set(doc, "n", json_array()), 0);
    ck_assert_int_eq(jx_dump(&b, doc), 0);
    ck_assert_int_eq(jx_dump(&b, doc), 0);
    ck_assert_str_eq(b.data, "[{\"a\": \"b\", \"n\": []}\n{\"a\": \"b\", \"n\": []}\n");
    json_decref(doc);
    buf_free(&b);
}
END_TEST

START_TEST(test_jx_str_invalid)
{
    buf_t b = {0};
    ck_assert_str_eq(quoted(&b, "a\xFF"
                                "b"),
                     "\"a" FFFD "b\"");
    ck_assert_str_eq(quoted(&b, "\x80"), "\"" FFFD "\"");
    ck_assert_str_eq(quoted(&b, "\xC0\xAF"), "\"" FFFD FFFD "\"");
    ck_assert_str_eq(quoted(&b, "서\xEA\xB0"), "\"서" FFFD FFFD "\""); /* cut short */
    ck_assert_str_eq(quoted(&b, "\xEA\xB0"
                                "x"),
                     "\"" FFFD FFFD "x\"");
    ck_assert_str_eq(quoted(&b, "\xF5\x80\x80\x80"), "\"" FFFD FFFD FFFD FFFD "\"");
    ck_assert_str_eq(quoted(&b, "\xBC\xAD\xBF\xEF"), "\"" FFFD FFFD FFFD FFFD "\""); /* CP949 */
    buf_free(&b);
}
END_TEST

/* Sequences shaped like UTF-8 that are not: overlongs, surrogates, beyond
 * U+10FFFF. JSON output must be valid UTF-8 whatever a file name holds. */
START_TEST(test_jx_str_not_unicode)
{
    buf_t b = {0};
    ck_assert_str_eq(quoted(&b, "\xE0\x80\xAF"), "\"" FFFD FFFD FFFD "\"");
    ck_assert_str_eq(quoted(&b, "\xF0\x80\x80\xAF"), "\"" FFFD FFFD FFFD FFFD "\"");
    ck_assert_str_eq(quoted(&b, "\xED\xA0\x80"), "\"" FFFD FFFD FFFD "\"");
    ck_assert_str_eq(quoted(&b, "\xED\xBF\xBF"), "\"" FFFD FFFD FFFD "\"");
    ck_assert_str_eq(quoted(&b, "\xF4\x90\x80\x80"), "\"" FFFD FFFD FFFD FFFD "\"");
    ck_assert_str_eq(quoted(&b, "\xED\x9F\xBF"), "\"\xED\x9F\xBF\""); /* U+D7FF is fine */
    ck_assert_str_eq(quoted(&b, "\xF4\x8F\xBF\xBF"), "\"\xF4\x8F\xBF\xBF\"");
    buf_free(&b);
}
END_TEST

/* Rounded to the places asked; printed with no binary noise and always
 * with a decimal point; never -0.0; null for what is no number. */
START_TEST(test_jx_real)
{
    buf_t b = {0};
    ck_assert_str_eq(dumped(&b, jx_real(18.6, 1)), "18.6");
    ck_assert_str_eq(dumped(&b, jx_real(18.0, 1)), "18.0");
    ck_assert_str_eq(dumped(&b, jx_real(18, 0)), "18.0");
    ck_assert_str_eq(dumped(&b, jx_real(-3.25, 2)), "-3.25");
    ck_assert_str_eq(dumped(&b, jx_real(0.1, 1)), "0.1");
    ck_assert_str_eq(dumped(&b, jx_real(0.1 + 0.2, 1)), "0.3");
    ck_assert_str_eq(dumped(&b, jx_real(0.1 + 0.2, 14)), "0.3");
    ck_assert_str_eq(dumped(&b, jx_real(18.64, 1)), "18.6");
    ck_assert_str_eq(dumped(&b, jx_real(18.66, 1)), "18.7");
    ck_assert_str_eq(dumped(&b, jx_real(-3.256, 2)), "-3.26");
    ck_assert_str_eq(dumped(&b, jx_real(-3.254, 2)), "-3.25");
    ck_assert_str_eq(dumped(&b, jx_real(2.5, 0)), "3.0");
    ck_assert_str_eq(dumped(&b, jx_real(-2.5, 0)), "-3.0");
    ck_assert_str_eq(dumped(&b, jx_real(-39.94, 1)), "-39.9");
    ck_assert_str_eq(dumped(&b, jx_real(0.0, 1)), "0.0");
    ck_assert_str_eq(dumped(&b, jx_real(-0.0, 1)), "0.0");
    ck_assert_str_eq(dumped(&b, jx_real(-0.04, 1)), "0.0"); /* rounds to -0.0 */
    ck_assert_str_eq(dumped(&b, jx_real(NAN, 1)), "null");
    ck_assert_str_eq(dumped(&b, jx_real(-NAN, 1)), "null");
    ck_assert_str_eq(dumped(&b, jx_real(INFINITY, 1)), "null");
    ck_assert_str_eq(dumped(&b, jx_real(-INFINITY, 1)), "null");
    buf_free(&b);
}
END_TEST

/* Local time with its offset: the test runner sets TZ=Asia/Seoul. */
START_TEST(test_jx_time)
{
    buf_t b = {0};
    ck_assert_str_eq(dumped(&b, jx_time(1714885200)), "\"2024-05-05T14:00:00+09:00\"");
    ck_assert_str_eq(dumped(&b, jx_time(1735744025)), "\"2025-01-02T00:07:05+09:00\"");
    ck_assert_str_eq(dumped(&b, jx_time(1)), "\"1970-01-01T09:00:01+09:00\"");
    ck_assert_str_eq(dumped(&b, jx_time(0)), "null");
    buf_free(&b);
}
END_TEST

START_TEST(test_jx_int)
{
    buf_t b = {0};
    ck_assert_str_eq(dumped(&b, jx_int(502, 1)), "502");
    ck_assert_str_eq(dumped(&b, jx_int(0, 1)), "0");
    ck_assert_str_eq(dumped(&b, jx_int(-1, 1)), "-1");
    ck_assert_str_eq(dumped(&b, jx_int(1LL << 40, 1)), "1099511627776");
    ck_assert_str_eq(dumped(&b, jx_int(502, 0)), "null");
    ck_assert_str_eq(dumped(&b, jx_int(0, 0)), "null");
    buf_free(&b);
}
END_TEST

/* A NULL value (memory ran out making it) fails jx_set and jx_push and
 * leaves the container as it was. */
START_TEST(test_jx_set_null)
{
    json_t *o = json_object(), *a = json_array();
    ck_assert_int_eq(jx_set(o, "a", NULL), -1);
    ck_assert_int_eq(jx_push(a, NULL), -1);
    ck_assert_uint_eq(json_object_size(o), 0);
    ck_assert_uint_eq(json_array_size(a), 0);
    json_decref(o);
    json_decref(a);
}
END_TEST

START_TEST(test_format_temp)
{
    ck_assert_str_eq(temp(18.0), "18.0");
    ck_assert_str_eq(temp(18), "18.0");
    ck_assert_str_eq(temp(-3.2), "-3.2");
    ck_assert_str_eq(temp(0.0), "0.0");
    ck_assert_str_eq(temp(18.65), "18.65");
    ck_assert_str_eq(temp(18.6), "18.6");
    ck_assert_str_eq(temp(-10), "-10.0");
    ck_assert_str_eq(temp(-0.4), "-0.4");
    ck_assert_str_eq(temp(39.9), "39.9");
    ck_assert_str_eq(temp(-3.25), "-3.25");
    ck_assert_str_eq(temp(0.1 + 0.2), "0.3"); /* no binary noise */
    ck_assert_str_eq(temp(-0.05), "-0.05");
}
END_TEST

/* A tab, newline or backslash in a weather word or a name cannot shift the
 * TSV columns after it: every line keeps five fields. */
START_TEST(test_page_tsv_escapes)
{
    wx_page p;
    page_init(&p);
    p.kind = WX_KIND_FEED;
    wx_reading r[] = {reading(108, "서울", "흐\t림\\x\ny", WX_CODE_UNKNOWN, 15.9, 0),
                      reading(159, "부\r산", "", WX_CODE_NONE, -1.5, 0)};
    for (size_t i = 0; i < 2; i++)
        ck_assert_int_eq(page_add_reading(&p, &r[i]), 0);
    buf_t b = {0};
    ck_assert_int_eq(format_tsv_header(&b), 0);
    ck_assert_int_eq(format_page_tsv(&b, &p), 0);
    ck_assert_str_eq(b.data, "station\tname\tcondition\tcode\ttemp\n"
                             "108\t서울\t흐\\t림\\\\x\\ny\t0\t15.9\n"
                             "159\t부\\r산\t\t\t-1.5\n");
    buf_free(&b);
    page_free(&p);
}
END_TEST

START_TEST(test_page_json)
{
    wx_page p;
    small_page(&p);
    p.year = 2024, p.month = 5, p.day = 5, p.hour = 14, p.minute = 0;
    buf_t b = {0};
    ck_assert_int_eq(format_page_json(&b, "pages/a.html", &p), 0);
    ck_assert_str_eq(
        b.data, "{\"source\": \"pages/a.html\", \"kind\": \"html\", \"date\": \"2024-05-05\", "
                "\"time\": \"2024-05-05T14:00:00+09:00\", \"readings\": ["
                "{\"station\": 108, \"name\": \"서울\", \"condition\": \"비\", \"code\": 502, "
                "\"temp\": 18.6, \"inferred\": false}, "
                "{\"station\": 93, \"name\": \"북춘천\", \"condition\": null, \"code\": null, "
                "\"temp\": -3.2, \"inferred\": true}, "
                "{\"station\": 90, \"name\": \"속초\", \"condition\": \"안개비\", \"code\": 0, "
                "\"temp\": 0.0, \"inferred\": false}], \"unresolved\": ["
                "{\"text\": \"흐림 어딘가 12.0℃\", \"reason\": \"not a station\"}, "
                "{\"text\": \"맑음 \\\"x\\\"\\t9.0℃\", \"reason\": \"no station fits\"}]}\n");
    buf_free(&b);
    page_free(&p);
}
END_TEST

START_TEST(test_page_json_date_only)
{
    wx_page p;
    page_init(&p);
    p.kind = WX_KIND_TEXT;
    p.year = 2024, p.month = 12, p.day = 31;
    buf_t b = {0};
    ck_assert_int_eq(format_page_json(&b, "-", &p), 0);
    ck_assert_str_eq(b.data, "{\"source\": \"-\", \"kind\": \"text\", \"date\": \"2024-12-31\", "
                             "\"time\": null, \"readings\": [], \"unresolved\": []}\n");
    buf_free(&b);
    page_free(&p);
}
END_TEST

START_TEST(test_page_json_no_date)
{
    wx_page p;
    page_init(&p);
    p.kind = WX_KIND_FEED;
    wx_reading r = reading(184, "제주", "맑음", 101, 21.05, 0);
    page_add_reading(&p, &r);
    buf_t b = {0};
    ck_assert_int_eq(format_page_json(&b, "feed.xml", &p), 0);
    ck_assert_str_eq(b.data, "{\"source\": \"feed.xml\", \"kind\": \"feed\", \"date\": null, "
                             "\"time\": null, \"readings\": [{\"station\": 184, \"name\": "
                             "\"제주\", \"condition\": \"맑음\", \"code\": 101, \"temp\": 21.05, "
                             "\"inferred\": false}], \"unresolved\": []}\n");
    buf_free(&b);
    page_free(&p);
}
END_TEST

/* Times before ten are zero-padded, minutes included. */
START_TEST(test_page_json_time_padding)
{
    wx_page p;
    page_init(&p);
    p.year = 2025, p.month = 1, p.day = 2, p.hour = 3, p.minute = 7;
    buf_t b = {0};
    ck_assert_int_eq(format_page_json(&b, "x", &p), 0);
    ck_assert_msg(
        strstr(b.data, "\"date\": \"2025-01-02\", \"time\": \"2025-01-02T03:07:00+09:00\""), "%s",
        b.data);
    ck_assert_msg(strstr(b.data, "\"kind\": \"none\""), "%s", b.data);
    buf_free(&b);
    page_free(&p);
}
END_TEST

/* Temperatures as format_temp writes them (TSV), except that -0.0 is 0.0. */
START_TEST(test_page_json_temps)
{
    static const double t[] = {18.0, -3.25, 18.6, 0.1, 0.1 + 0.2, -0.05, 18.65, -10, -0.0, 21.05};
    static const char *const want[] = {"18.0",  "-3.25", "18.6",  "0.1", "0.3",
                                       "-0.05", "18.65", "-10.0", "0.0", "21.05"};
    wx_page p;
    page_init(&p);
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        wx_reading r = reading(108, "서울", "", WX_CODE_NONE, t[i], 0);
        ck_assert_int_eq(page_add_reading(&p, &r), 0);
    }
    buf_t b = {0}, w = {0};
    ck_assert_int_eq(format_page_json(&b, "t", &p), 0);
    buf_puts(&w, "{\"source\": \"t\", \"kind\": \"none\", \"date\": null, \"time\": null, "
                 "\"readings\": [");
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        buf_printf(&w,
                   "%s{\"station\": 108, \"name\": \"서울\", \"condition\": null, "
                   "\"code\": null, \"temp\": %s, \"inferred\": false}",
                   i ? ", " : "", want[i]);
    buf_puts(&w, "], \"unresolved\": []}\n");
    ck_assert_str_eq(b.data, w.data);
    buf_free(&b), buf_free(&w);
    page_free(&p);
}
END_TEST

/* Several pages append to one buffer as JSON Lines. */
START_TEST(test_page_json_lines)
{
    wx_page p;
    small_page(&p);
    buf_t b = {0};
    ck_assert_int_eq(format_page_json(&b, "one", &p), 0);
    ck_assert_int_eq(format_page_json(&b, "two", &p), 0);
    const char *nl = strchr(b.data, '\n');
    ck_assert_ptr_nonnull(nl);
    ck_assert(strncmp(nl + 1, "{\"source\": \"two\"", 16) == 0);
    ck_assert_ptr_eq(strchr(nl + 1, '\n'), b.data + b.len - 1);
    buf_free(&b);
    page_free(&p);
}
END_TEST

START_TEST(test_page_json_valid)
{
    wx_page p;
    small_page(&p);
    p.year = 2024, p.month = 5, p.day = 5, p.hour = 9, p.minute = 30;
    page_add_unresolved(&p, "\x01\x7f\\\"\xFF\xED\xA0\x80\xC0\xAF", "bad\nbytes");
    buf_t b = {0}, out = {0}, err = {0};
    ck_assert_int_eq(format_page_json(&b, "a \"quoted\"\tname\xFF", &p), 0);
    page_free(&p);
    page_init(&p);
    ck_assert_int_eq(format_page_json(&b, "empty", &p), 0);
    ck_assert_msg(python_json(b.data, &out, &err) == 0, "%s\n%s", err.data, b.data);
    ck_assert_str_eq(out.data, "a \"quoted\"\tname\xEF\xBF\xBD 3\nempty 0\n");
    buf_free(&b), buf_free(&out), buf_free(&err);
    page_free(&p);
}
END_TEST

/* What `wxstrip parse` prints for the seeds is valid JSON Lines. */
START_TEST(test_parse_output_valid)
{
    char seed0[4096], seed4[4096];
    test_path(seed0, sizeof seed0, "tests/fixtures/parse/seed-000.txt");
    test_path(seed4, sizeof seed4, "tests/fixtures/parse/seed-004.txt");
    char *argv[] = {(char *)test_wxstrip(), "parse", seed0, seed4, NULL};
    buf_t json = {0}, out = {0}, err = {0}, want = {0};
    ck_assert_msg(test_run(argv, NULL, NULL, &json, &err) == 0, "%s", err.data);
    ck_assert_msg(python_json(json.data, &out, &err) == 0, "%s\n%s", err.data, json.data);
    buf_printf(&want, "%s 97\n%s 21\n", seed0, seed4);
    ck_assert_str_eq(out.data, want.data);
    buf_free(&json), buf_free(&out), buf_free(&err), buf_free(&want);
}
END_TEST

/* The check itself refuses broken JSON, so the tests above mean something. */
START_TEST(test_python_refuses_invalid)
{
    buf_t out = {0}, err = {0};
    ck_assert_int_ne(python_json("{\"source\": \"x\", \"readings\": [}\n", &out, &err), 0);
    ck_assert_int_ne(python_json("{\"source\": \"\xED\xA0\x80\", \"readings\": []}\n", &out, &err),
                     0);
    buf_free(&out), buf_free(&err);
}
END_TEST

START_TEST(test_tsv)
{
    wx_page p;
    small_page(&p);
    buf_t b = {0};
    ck_assert_int_eq(format_tsv_header(&b), 0);
    ck_assert_str_eq(b.data, "station\tname\tcondition\tcode\ttemp\n");
    ck_assert_int_eq(format_page_tsv(&b, &p), 0);
    ck_assert_str_eq(b.data, "station\tname\tcondition\tcode\ttemp\n"
                             "108\t서울\t비\t502\t18.6\n"
                             "93\t북춘천\t\t\t-3.2\n"
                             "90\t속초\t안개비\t0\t0.0\n");
    buf_free(&b);
    page_free(&p);
}
END_TEST

/* A page without readings adds nothing; unresolved items are not TSV lines. */
START_TEST(test_tsv_empty)
{
    wx_page p;
    page_init(&p);
    page_add_unresolved(&p, "흐림 어딘가 12.0℃", "not a station");
    buf_t b = {0};
    ck_assert_int_eq(format_page_tsv(&b, &p), 0);
    ck_assert_uint_eq(b.len, 0);
    buf_free(&b);
    page_free(&p);
}
END_TEST

Suite *format_suite(void)
{
    Suite *s = suite_create("format");
    TCase *t = tcase_create("values");
    tcase_add_test(t, test_jx_str_plain);
    tcase_add_test(t, test_jx_str_escapes);
    tcase_add_test(t, test_jx_dump_appends);
    tcase_add_test(t, test_jx_str_invalid);
    tcase_add_test(t, test_jx_str_not_unicode);
    tcase_add_test(t, test_jx_real);
    tcase_add_test(t, test_jx_time);
    tcase_add_test(t, test_jx_int);
    tcase_add_test(t, test_jx_set_null);
    tcase_add_test(t, test_format_temp);
    suite_add_tcase(s, t);
    t = tcase_create("page");
    tcase_add_test(t, test_page_json);
    tcase_add_test(t, test_page_json_date_only);
    tcase_add_test(t, test_page_json_no_date);
    tcase_add_test(t, test_page_json_time_padding);
    tcase_add_test(t, test_page_json_temps);
    tcase_add_test(t, test_page_json_lines);
    tcase_add_test(t, test_tsv);
    tcase_add_test(t, test_tsv_empty);
    suite_add_tcase(s, t);
    t = tcase_create("valid json");
    tcase_set_timeout(t, 30);
    tcase_add_test(t, test_page_json_valid);
    tcase_add_test(t, test_page_tsv_escapes);
    tcase_add_test(t, test_parse_output_valid);
    tcase_add_test(t, test_python_refuses_invalid);
    suite_add_tcase(s, t);
    return s;
}
