/* check_cli: the wxstrip command as a user runs it: output, exit status, errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

/* Runs wxstrip with ARGS (NULL-terminated) and STDIN_DATA; returns the status. */
static int wx(buf_t *out, buf_t *err, const char *stdin_data, const char *const *args)
{
    char *argv[32];
    size_t n = 0;
    argv[n++] = (char *)test_wxstrip();
    for (; *args && n < 31; args++)
        argv[n++] = (char *)*args;
    argv[n] = NULL;
    return test_run(argv, NULL, stdin_data, out, err);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static void fixture(char *dst, size_t size, const char *rel)
{
    char r[512];
    snprintf(r, sizeof r, "tests/fixtures/%s", rel);
    test_path(dst, size, r);
}

START_TEST(test_seed_000_json)
{
    char f[4096];
    buf_t out = {0}, err = {0};
    fixture(f, sizeof f, "parse/seed-000.txt");
    int rc = wx(&out, &err, NULL, (const char *[]){"parse", f, NULL});
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(count(out.data, "\n"), 1);
    ck_assert_ptr_nonnull(strstr(out.data, "\"kind\": \"text\", \"date\": \"2024-05-05\""));
    ck_assert_int_eq(count(out.data, "\"station\": "), 97);
    ck_assert_int_eq(count(out.data, "\"inferred\": true"), 4);
    ck_assert_ptr_nonnull(strstr(out.data, "{\"station\": 239, \"name\": \"세종\", \"condition\": "
                                           "\"흐림\", \"code\": 203, \"temp\": 18.3, "
                                           "\"inferred\": true}"));
    ck_assert_ptr_nonnull(strstr(out.data, "\"unresolved\": []}"));
    ck_assert_str_eq(err.data, "");
    buf_free(&out), buf_free(&err);
}
END_TEST

START_TEST(test_exact_json_and_tsv)
{
    buf_t page = {0}, json = {0}, tsv = {0}, out = {0}, err = {0};
    test_read("tests/fixtures/cli/small.html", &page);
    test_read("tests/fixtures/cli/small.json", &json);
    test_read("tests/fixtures/cli/small.tsv", &tsv);
    ck_assert_int_eq(wx(&out, NULL, page.data, (const char *[]){"parse", "-", NULL}), 0);
    ck_assert_str_eq(out.data, json.data);
    buf_reset(&out);
    int rc = wx(&out, &err, page.data, (const char *[]){"parse", "--format", "tsv", "-", NULL});
    ck_assert_int_eq(rc, 0);
    ck_assert_str_eq(out.data, tsv.data);
    /* TSV has no room for unresolved items: they go to standard error */
    ck_assert_ptr_nonnull(strstr(err.data, "unresolved '뿌연 가나다 3.0℃'"));
    buf_free(&page), buf_free(&json), buf_free(&tsv), buf_free(&out), buf_free(&err);
}
END_TEST

START_TEST(test_json_is_valid)
{
    char f[4096];
    buf_t out = {0}, check = {0};
    fixture(f, sizeof f, "parse/seed-004.txt");
    ck_assert_int_eq(wx(&out, NULL, NULL, (const char *[]){"parse", f, f, NULL}), 0);
    ck_assert_int_eq(count(out.data, "\n"), 2); /* JSON Lines: one object per source */
    char *py[] = {"/usr/bin/python3", "-c",
                  "import json,sys\n"
                  "for l in sys.stdin: d=json.loads(l); print(len(d['readings']), d['date'])",
                  NULL};
    ck_assert_int_eq(test_run(py, NULL, out.data, &check, NULL), 0);
    ck_assert_str_eq(check.data, "21 2025-11-25\n21 2025-11-25\n");
    buf_free(&out), buf_free(&check);
}
END_TEST

START_TEST(test_tsv_seed)
{
    char f[4096];
    buf_t out = {0};
    fixture(f, sizeof f, "parse/seed-000.txt");
    ck_assert_int_eq(wx(&out, NULL, NULL, (const char *[]){"parse", "-f", "tsv", f, NULL}), 0);
    ck_assert_int_eq(count(out.data, "\n"), 98);
    const char *header = "station\tname\tcondition\tcode\ttemp\n";
    ck_assert(strncmp(out.data, header, strlen(header)) == 0);
    ck_assert_ptr_nonnull(strstr(out.data, "\n108\t서울\t비\t502\t18.6\n"));
    ck_assert_ptr_nonnull(strstr(out.data, "\n296\t북부산\t흐림\t203\t18.0\n"));
    buf_free(&out);
}
END_TEST

START_TEST(test_no_strip_exit_1)
{
    char a[4096], b[4096];
    buf_t out = {0}, err = {0};
    fixture(a, sizeof a, "parse/seed-001-like.txt");
    fixture(b, sizeof b, "parse/seed-004.txt");
    int rc = wx(&out, &err, NULL, (const char *[]){"parse", a, b, NULL});
    ck_assert_int_eq(rc, 1);
    ck_assert_int_eq(count(out.data, "\n"), 2); /* the good source is still printed */
    ck_assert_ptr_nonnull(strstr(out.data, "\"readings\": [], \"unresolved\": []}"));
    ck_assert_ptr_nonnull(strstr(err.data, "seed-001-like.txt: no weather readings found"));
    buf_free(&out), buf_free(&err);
}
END_TEST

/* A temperature outside -60..60 ℃ is reported once, naming the station,
 * in TSV (standard error) and in JSON (an unresolved item). */
START_TEST(test_out_of_range_reported_once)
{
    char page[4096];
    buf_t out = {0}, err = {0};
    fixture(page, sizeof page, "parse/html-temp-out-of-range.html");
    ck_assert_int_eq(wx(&out, &err, NULL, (const char *[]){"parse", "-f", "tsv", page, NULL}), 0);
    ck_assert_uint_eq(count(err.data, "75.0℃ is outside -60..60℃"), 1);
    ck_assert_uint_eq(count(err.data, "61.5℃ is outside -60..60℃"), 1);
    ck_assert_ptr_nonnull(
        strstr(err.data, "unresolved '맑음 대구 75.0℃': station 143: temperature 75.0℃"));
    ck_assert_ptr_null(strstr(out.data, "75.0"));
    buf_reset(&out), buf_reset(&err);
    ck_assert_int_eq(wx(&out, &err, NULL, (const char *[]){"parse", page, NULL}), 0);
    ck_assert_uint_eq(count(err.data, "is outside"), 0);
    ck_assert_uint_eq(count(out.data, "is outside -60..60℃"), 2);
    buf_free(&out), buf_free(&err);
}
END_TEST

START_TEST(test_unreadable_source)
{
    buf_t out = {0}, err = {0};
    int rc = wx(&out, &err, NULL, (const char *[]){"parse", "/nonexistent/page.html", NULL});
    ck_assert_int_eq(rc, 1);
    ck_assert_str_eq(out.data, "");
    ck_assert_str_eq(err.data, "wxstrip: /nonexistent/page.html: No such file or directory\n");
    buf_reset(&err);
    rc = wx(&out, &err, NULL, (const char *[]){"parse", "/", NULL});
    ck_assert_int_eq(rc, 1);
    ck_assert_str_eq(err.data, "wxstrip: /: is a directory\n");
    buf_free(&out), buf_free(&err);
}
END_TEST

START_TEST(test_usage_errors)
{
    buf_t err = {0};
    ck_assert_int_eq(wx(NULL, &err, NULL, (const char *[]){"parse", NULL}), 2);
    ck_assert_ptr_nonnull(strstr(err.data, "usage: wxstrip parse"));
    buf_reset(&err);
    ck_assert_int_eq(wx(NULL, &err, NULL, (const char *[]){"parse", "--format", "xml", "-", NULL}),
                     2);
    ck_assert_int_eq(wx(NULL, &err, NULL, (const char *[]){"frobnicate", NULL}), 2);
    ck_assert_ptr_nonnull(strstr(err.data, "'frobnicate' is not a command"));
    ck_assert_int_eq(wx(NULL, NULL, NULL, (const char *[]){NULL}), 2);
    ck_assert_int_eq(wx(NULL, NULL, NULL, (const char *[]){"--bogus", "parse", NULL}), 2);
    buf_free(&err);
}
END_TEST

START_TEST(test_version_and_help)
{
    buf_t out = {0};
    ck_assert_int_eq(wx(&out, NULL, NULL, (const char *[]){"--version", NULL}), 0);
    ck_assert(strncmp(out.data, "wxstrip ", 8) == 0);
    buf_reset(&out);
    ck_assert_int_eq(wx(&out, NULL, NULL, (const char *[]){"--help", NULL}), 0);
    ck_assert_ptr_nonnull(strstr(out.data, "parse"));
    buf_free(&out);
}
END_TEST

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_bad_config_line)
{
    char dir[4096], conf[4200];
    buf_t err = {0};
    test_tmpdir(dir, sizeof dir);
    snprintf(conf, sizeof conf, "%s/wx.conf", dir);
    write_file(conf, "# test\ndata_dir = data\ntimeout = soon\n");
    int rc = wx(NULL, &err, "", (const char *[]){"-c", conf, "parse", "-", NULL});
    ck_assert_int_eq(rc, 2);
    ck_assert_ptr_nonnull(strstr(err.data, "wx.conf:3: bad value 'soon' for timeout"));
    test_rmtree(dir);
    buf_free(&err);
}
END_TEST

/* A station added to the registry file is known at once, no rebuild. */
START_TEST(test_user_registry)
{
    char dir[4096], conf[4200], reg[4200];
    buf_t out = {0};
    test_tmpdir(dir, sizeof dir);
    snprintf(conf, sizeof conf, "%s/wx.conf", dir);
    snprintf(reg, sizeof reg, "%s/my-stations.tsv", dir);
    write_file(conf, "stations_file = my-stations.tsv\n");
    write_file(reg, "id\tname_ko\tname_en\tlat\tlon\televation_m\tprovince\taliases\n"
                    "108\t서울\tSeoul\t37.57\t126.97\t85.67\t서울특별시\t서울시\n"
                    "999\t시험봉\tSiheombong\t37.0\t127.0\t\t경기도\t\n");
    int rc = wx(&out, NULL, "흐림 시험봉 1.5℃\n맑음 서울시 2.5℃\n",
                (const char *[]){"-c", conf, "parse", "-f", "tsv", "-", NULL});
    ck_assert_int_eq(rc, 0);
    ck_assert_str_eq(out.data, "station\tname\tcondition\tcode\ttemp\n"
                               "999\t시험봉\t흐림\t203\t1.5\n"
                               "108\t서울\t맑음\t101\t2.5\n");
    test_rmtree(dir);
    buf_free(&out);
}
END_TEST

START_TEST(test_bad_registry)
{
    char dir[4096], reg[4200];
    buf_t err = {0};
    test_tmpdir(dir, sizeof dir);
    snprintf(reg, sizeof reg, "%s/bad.tsv", dir);
    write_file(reg, "108\t서울\tSeoul\tnorth\t126.97\t85.67\t서울특별시\n");
    int rc = wx(NULL, &err, "", (const char *[]){"--stations", reg, "parse", "-", NULL});
    ck_assert_int_eq(rc, 2);
    ck_assert_ptr_nonnull(strstr(err.data, "bad.tsv:1: bad latitude"));
    test_rmtree(dir);
    buf_free(&err);
}
END_TEST

Suite *cli_suite(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("parse");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_seed_000_json);
    tcase_add_test(tc, test_exact_json_and_tsv);
    tcase_add_test(tc, test_json_is_valid);
    tcase_add_test(tc, test_tsv_seed);
    tcase_add_test(tc, test_no_strip_exit_1);
    tcase_add_test(tc, test_out_of_range_reported_once);
    tcase_add_test(tc, test_unreadable_source);
    tcase_add_test(tc, test_usage_errors);
    tcase_add_test(tc, test_version_and_help);
    tcase_add_test(tc, test_bad_config_line);
    tcase_add_test(tc, test_user_registry);
    tcase_add_test(tc, test_bad_registry);
    suite_add_tcase(s, tc);
    return s;
}
