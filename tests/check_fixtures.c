/* check_fixtures: every page in tests/fixtures/parse against its .expect file.
 *
 * NAME.expect, beside NAME.html / .txt / .xml, lists what parsing must give:
 *   kind html|feed|text
 *   date YYYY-MM-DD | date none
 *   time YYYY-MM-DDTHH:MM | time none        (optional)
 *   declared CHARSET                          (optional: the caller's charset)
 *   settle YYYY-MM-DDTHH:MM                   (optional: the poll's time, which
 *                                              gives a date line without a year
 *                                              its year; before the date line)
 *   charset NAME                              (optional: what the bytes were read as)
 *   reading STATION NAME CONDITION|- CODE|- TEMP [inferred]
 *   unresolved TEXT-SUBSTRING
 *   warning SUBSTRING
 * Readings must match exactly, all of them, in page order; unresolved items
 * likewise in order (each entry's text must contain the substring); each
 * warning line must match one of the page's warnings. '#' starts a comment. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "parse.h"
#include "tests.h"
#include "weather.h"
#include "when.h"

#define FIXTURE_DIR "tests/fixtures/parse"
#define MAX_FIXTURES 512

static char *names[MAX_FIXTURES]; /* input file names, sorted */
static int nnames;

static int is_input(const char *n)
{
    static const char *const exts[] = {".html", ".htm", ".txt", ".xml", NULL};
    size_t len = strlen(n);
    for (const char *const *e = exts; *e; e++) {
        size_t el = strlen(*e);
        if (len > el && strcmp(n + len - el, *e) == 0)
            return 1;
    }
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_fixtures(void)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s", test_top(), FIXTURE_DIR);
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) && nnames < MAX_FIXTURES)
        if (is_input(e->d_name))
            names[nnames++] = strdup(e->d_name);
    closedir(d);
    qsort(names, (size_t)nnames, sizeof *names, cmp_names);
}

typedef struct {
    wx_page *p; /* settle may date it */
    const char *name;
    size_t reading, unresolved;
} check_state;

static void expect_reading(check_state *st, char *args)
{
    int station, code = WX_CODE_NONE;
    char name[128], cond[128], codes[16], temps[32], flag[32] = "";
    int n = sscanf(args, "%d %127s %127s %15s %31s %31s", &station, name, cond, codes, temps, flag);
    ck_assert_msg(n >= 5, "%s: bad reading line '%s'", st->name, args);
    if (strcmp(codes, "-") != 0)
        code = atoi(codes);
    ck_assert_msg(st->reading < st->p->nreadings, "%s: missing reading %d (only %zu)", st->name,
                  station, st->p->nreadings);
    const wx_reading *r = &st->p->readings[st->reading++];
    const char *want_cond = strcmp(cond, "-") == 0 ? "" : cond;
    for (char *c = cond; *c; c++) /* '_' stands for a space in a word */
        if (*c == '_')
            *c = ' ';
    ck_assert_msg(r->station == station, "%s: reading %zu is station %d, expected %d", st->name,
                  st->reading, r->station, station);
    ck_assert_msg(strcmp(r->name, name) == 0, "%s: station %d named '%s', expected '%s'", st->name,
                  station, r->name, name);
    ck_assert_msg(strcmp(r->condition, want_cond) == 0,
                  "%s: station %d condition '%s', expected '%s'", st->name, station, r->condition,
                  want_cond);
    ck_assert_msg(r->code == code, "%s: station %d code %d, expected %d", st->name, station,
                  r->code, code);
    ck_assert_msg(fabs(r->temp - atof(temps)) < 1e-9, "%s: station %d temp %g, expected %s",
                  st->name, station, r->temp, temps);
    ck_assert_msg(r->inferred == (strcmp(flag, "inferred") == 0),
                  "%s: station %d inferred=%d, expected %s", st->name, station, r->inferred,
                  flag[0] ? flag : "not inferred");
}

static void expect_unresolved(check_state *st, const char *text)
{
    ck_assert_msg(st->unresolved < st->p->nunresolved, "%s: missing unresolved item '%s'", st->name,
                  text);
    const wx_unresolved *u = &st->p->unresolved[st->unresolved++];
    ck_assert_msg(strstr(u->text, text) != NULL, "%s: unresolved item '%s' (%s), expected '%s'",
                  st->name, u->text, u->reason, text);
}

static void expect_warning(check_state *st, const char *text)
{
    for (size_t i = 0; i < st->p->nwarnings; i++)
        if (strstr(st->p->warnings[i], text))
            return;
    ck_abort_msg("%s: no warning contains '%s'", st->name, text);
}

static void expect_date(check_state *st, const char *v)
{
    char got[32] = "none";
    if (st->p->year)
        snprintf(got, sizeof got, "%04d-%02d-%02d", st->p->year, st->p->month, st->p->day);
    ck_assert_msg(strcmp(got, v) == 0, "%s: date %s, expected %s", st->name, got, v);
}

static void expect_time(check_state *st, const char *v)
{
    char got[32] = "none";
    if (st->p->year && st->p->hour >= 0)
        snprintf(got, sizeof got, "%04d-%02d-%02dT%02d:%02d", st->p->year, st->p->month, st->p->day,
                 st->p->hour, st->p->minute);
    ck_assert_msg(strcmp(got, v) == 0, "%s: time %s, expected %s", st->name, got, v);
}

static void settle(check_state *st, const char *when)
{
    time_t t;
    char err[256];
    ck_assert_msg(when_parse(when, &t, err, sizeof err) == 0, "%s: settle: %s", st->name, err);
    ck_assert_int_eq(page_settle_year(st->p, t), 0);
}

static void check_line(check_state *st, char *line)
{
    char *sp = strchr(line, ' ');
    char *arg = sp ? sp + 1 : (char *)"";
    if (sp)
        *sp = '\0';
    if (strcmp(line, "kind") == 0)
        ck_assert_msg(strcmp(page_kind_name(st->p->kind), arg) == 0, "%s: kind %s, expected %s",
                      st->name, page_kind_name(st->p->kind), arg);
    else if (strcmp(line, "date") == 0)
        expect_date(st, arg);
    else if (strcmp(line, "time") == 0)
        expect_time(st, arg);
    else if (strcmp(line, "charset") == 0)
        ck_assert_msg(strcmp(st->p->charset, arg) == 0, "%s: read as %s, expected %s", st->name,
                      st->p->charset, arg);
    else if (strcmp(line, "reading") == 0)
        expect_reading(st, arg);
    else if (strcmp(line, "unresolved") == 0)
        expect_unresolved(st, arg);
    else if (strcmp(line, "warning") == 0)
        expect_warning(st, arg);
    else if (strcmp(line, "settle") == 0)
        settle(st, arg);
    else if (strcmp(line, "declared") != 0)
        ck_abort_msg("%s: unknown expect line '%s'", st->name, line);
}

/* The "declared" charset named in the expect text, if any. */
static const char *declared_charset(const char *expect, char *dst, size_t size)
{
    const char *d = strstr(expect, "\ndeclared ");
    if (!d && strncmp(expect, "declared ", 9) == 0)
        d = expect - 1;
    if (!d)
        return NULL;
    snprintf(dst, size, "%s", d + 10);
    dst[strcspn(dst, "\r\n")] = '\0';
    return dst;
}

START_TEST(test_fixture)
{
    const char *name = names[_i];
    char rel[512], exp_rel[512], err[256], declared[64];
    snprintf(rel, sizeof rel, "%s/%s", FIXTURE_DIR, name);
    snprintf(exp_rel, sizeof exp_rel, "%s", rel);
    strcpy(strrchr(exp_rel, '.'), ".expect");
    buf_t input = {0}, expect = {0};
    test_read(rel, &input);
    test_read(exp_rel, &expect);
    wx_registry *reg = test_registry();
    wx_page p;
    int rc =
        parse_page(input.data, input.len, declared_charset(expect.data, declared, sizeof declared),
                   reg, &p, err, sizeof err);
    ck_assert_msg(rc == 0, "%s: %s", name, err);
    check_state st = {&p, name, 0, 0};
    for (char *save = NULL, *line = strtok_r(expect.data, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        line[strcspn(line, "\r")] = '\0';
        if (*line && *line != '#')
            check_line(&st, line);
    }
    ck_assert_msg(st.reading == p.nreadings, "%s: %zu readings, expected %zu (next: %d)", name,
                  p.nreadings, st.reading,
                  st.reading < p.nreadings ? p.readings[st.reading].station : 0);
    ck_assert_msg(st.unresolved == p.nunresolved,
                  "%s: %zu unresolved items, expected %zu (next: '%s': %s)", name, p.nunresolved,
                  st.unresolved,
                  st.unresolved < p.nunresolved ? p.unresolved[st.unresolved].text : "",
                  st.unresolved < p.nunresolved ? p.unresolved[st.unresolved].reason : "");
    page_free(&p);
    stations_free(reg);
    buf_free(&input);
    buf_free(&expect);
}
END_TEST

START_TEST(test_fixtures_present)
{
    ck_assert_msg(nnames >= 10, "only %d fixtures in %s", nnames, FIXTURE_DIR);
}
END_TEST

/* Inputs the fuzzer once crashed on (tests/fixtures/fuzz): they must parse,
 * and every station come out once at most. Run under `make asan` too. */
#define FUZZ_DIR "tests/fixtures/fuzz"
static char *crashes[64];
static int ncrashes;

static void list_crashes(void)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s", test_top(), FUZZ_DIR);
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) && ncrashes < 64)
        if (e->d_name[0] != '.')
            crashes[ncrashes++] = strdup(e->d_name);
    if (d)
        closedir(d);
}

START_TEST(test_fuzz_crash)
{
    char rel[512], err[256];
    snprintf(rel, sizeof rel, "%s/%s", FUZZ_DIR, crashes[_i]);
    buf_t input = {0};
    test_read(rel, &input);
    wx_registry *reg = test_registry();
    wx_page p;
    ck_assert_msg(parse_page(input.data, input.len, NULL, reg, &p, err, sizeof err) == 0, "%s: %s",
                  rel, err);
    for (size_t i = 0; i < p.nreadings; i++)
        for (size_t j = 0; j < i; j++)
            ck_assert_int_ne(p.readings[i].station, p.readings[j].station);
    page_free(&p);
    stations_free(reg);
    buf_free(&input);
}
END_TEST

/* Every item markup in every container, in UTF-8 and EUC-KR, through the
 * wxstrip binary (tests/strip-matrix.py writes the pages). */
START_TEST(test_strip_matrix)
{
    char script[4096], stations[4096], conditions[4096], dir[4096];
    test_path(script, sizeof script, "tests/strip-matrix.py");
    test_path(stations, sizeof stations, "stations/stations.tsv");
    test_path(conditions, sizeof conditions, "tests/fixtures/kma-conditions.tsv");
    test_tmpdir(dir, sizeof dir);
    char *argv[] = {
        "/usr/bin/python3", script, (char *)test_wxstrip(), stations, conditions, dir, NULL};
    buf_t out = {0}, err = {0};
    int rc = test_run(argv, NULL, NULL, &out, &err);
    test_rmtree(dir);
    ck_assert_msg(rc == 0 && strstr(out.data, " pages, 0 differ"), "%s%s", out.data, err.data);
    buf_free(&out), buf_free(&err);
}
END_TEST

Suite *fixtures_suite(void)
{
    Suite *s = suite_create("fixtures");
    TCase *tc = tcase_create("parse");
    list_fixtures();
    tcase_add_test(tc, test_fixtures_present);
    tcase_add_loop_test(tc, test_fixture, 0, nnames);
    list_crashes();
    tcase_add_loop_test(tc, test_fuzz_crash, 0, ncrashes);
    suite_add_tcase(s, tc);
    tc = tcase_create("matrix");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_strip_matrix);
    suite_add_tcase(s, tc);
    return s;
}
