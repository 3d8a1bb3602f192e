/* check_query: the pure parts of query and stations: observations and
 * buckets from rows (query.c), time arguments (timearg.c), text tables
 * (table.c) and name suggestions (stations.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "report.h"
#include "table.h"
#include "tests.h"
#include "timearg.h"
#include "weather.h"
#include "when.h"

#define T0 1714834800 /* 2024-05-05 00:00 KST */

/* Rows of STEP seconds from T0 - STEP (row i ends at T0 + i*STEP). */
static store_rows rows_of(unsigned long step, const double *temp, const double *code, size_t n)
{
    store_rows r = {T0 - (time_t)step,          step, n,   malloc(n * sizeof(double)),
                    malloc(n * sizeof(double)), NULL, NULL};
    memcpy(r.temp, temp, n * sizeof(double));
    memcpy(r.code, code, n * sizeof(double));
    return r;
}

/* Hourly readings at T0, T0+1h, T0+2h as librrd keeps them in 10-minute
 * rows: each fills the five rows before its own. */
START_TEST(test_observations_backfill)
{
    double t[13], c[13];
    t[0] = 10, c[0] = 101;
    for (int i = 1; i <= 6; i++)
        t[i] = 11, c[i] = 203;
    for (int i = 7; i <= 12; i++)
        t[i] = 11, c[i] = 203; /* the same reading an hour later: its own observation */
    store_rows r = rows_of(600, t, c, 13);
    query_obs *o = NULL;
    size_t n = 0, cap = 0;
    ck_assert_int_eq(query_observations(&r, 0, T0 + 86400, &o, &n, &cap), 0);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(o[0].t, T0);
    ck_assert_int_eq(o[1].t, T0 + 3600);
    ck_assert_int_eq(o[2].t, T0 + 7200);
    ck_assert(o[0].temp == 10 && o[0].code == 101 && o[1].temp == 11 && o[1].code == 203);
    free(o);
    store_rows_free(&r);
}
END_TEST

/* Readings every 10 minutes that change are one observation each; a gap
 * (NAN) and an unknown weather (NAN code) are kept apart. */
START_TEST(test_observations_each_row)
{
    double t[] = {1, 2, NAN, 3, 3}, c[] = {101, 101, NAN, NAN, 101};
    store_rows r = rows_of(600, t, c, 5);
    query_obs *o = NULL;
    size_t n = 0, cap = 0;
    ck_assert_int_eq(query_observations(&r, T0 + 1, T0 + 86400, &o, &n, &cap), 0);
    ck_assert_uint_eq(n, 3); /* T0 itself is before FROM */
    ck_assert_int_eq(o[0].t, T0 + 600);
    ck_assert_int_eq(o[1].t, T0 + 1800);
    ck_assert_int_eq(o[1].code, -1);
    ck_assert_int_eq(o[2].t, T0 + 2400);
    free(o);
    store_rows_free(&r);
}
END_TEST

START_TEST(test_buckets_hourly_and_raw)
{
    query_obs o[] = {{T0, 10, 101},
                     {T0 + 600, 12, 502},
                     {T0 + 1200, 12, 502},
                     {T0 + 3600, 20, 203},
                     {T0 + 3 * 3600, 5, -1}};
    query_rows rows = {0};
    time_t from = T0 + 60, to = T0 + 3 * 3600 + 30;
    query_align(QUERY_1H, &from, &to);
    ck_assert_int_eq(from, T0);
    ck_assert_int_eq(to, T0 + 4 * 3600);
    ck_assert_int_eq(query_bucket(o, 5, QUERY_1H, from, to, &rows), 0);
    ck_assert_uint_eq(rows.n, 4);
    const query_row *h = &rows.v[0];
    ck_assert(h->n == 3 && fabs(h->mean - 34.0 / 3) < 1e-9 && h->min == 10 && h->max == 12);
    ck_assert_int_eq(h->tmin, T0);
    ck_assert_int_eq(h->tmax, T0 + 600); /* the first time it was that warm */
    ck_assert_int_eq(h->code, 502);      /* seen most */
    ck_assert(rows.v[2].n == 0 && isnan(rows.v[2].mean) && rows.v[2].code == -1);
    ck_assert(rows.v[3].n == 1 && rows.v[3].mean == 5 && rows.v[3].code == -1);
    query_summary s;
    query_summarize(&rows, o, 5, from, to, T0 + 86400, &s);
    ck_assert(s.min == 5 && s.max == 20 && s.tmax == T0 + 3600 && s.n == 5);
    ck_assert(fabs(s.mean - 59.0 / 5) < 1e-9);
    ck_assert_uint_eq(s.expected, 4);
    ck_assert_uint_eq(s.present, 3);
    ck_assert_int_eq(s.code, 502);
    query_rows_free(&rows);
    ck_assert_int_eq(query_bucket(o, 5, QUERY_RAW, T0 + 600, T0 + 3600, &rows), 0);
    ck_assert_uint_eq(rows.n, 2);
    ck_assert(rows.v[0].start == T0 + 600 && rows.v[0].mean == 12 && rows.v[0].n == 1);
    query_rows_free(&rows);
}
END_TEST

/* Coverage counts hours up to now only; a tie in the weather goes to the
 * latest. */
START_TEST(test_summary_now_and_ties)
{
    query_obs o[] = {{T0, 1, 101}, {T0 + 3600, 2, 502}};
    query_rows rows = {0};
    ck_assert_int_eq(query_bucket(o, 2, QUERY_1D, T0, T0 + 86400, &rows), 0);
    ck_assert_uint_eq(rows.n, 1);
    ck_assert_int_eq(rows.v[0].code, 502);
    query_summary s;
    query_summarize(&rows, o, 2, T0, T0 + 86400, T0 + 2 * 3600 + 5, &s);
    ck_assert_uint_eq(s.expected, 3);
    ck_assert_uint_eq(s.present, 2);
    query_rows_free(&rows);
}
END_TEST

/* Daily rows: those starting in the range, min and max from their own
 * columns, n unknown. */
START_TEST(test_daily_rows)
{
    double t[] = {5, 6, 7}, c[] = {101, NAN, 203}, lo[] = {1, 2, 3}, hi[] = {9, 10, 11};
    store_rows r = rows_of(86400, t, c, 3);
    r.start = T0 + 9 * 3600 - 86400; /* rows run 09:00 to 09:00 */
    r.tmin = lo, r.tmax = hi;
    query_rows rows = {0};
    ck_assert_int_eq(query_daily(&r, T0, T0 + 2 * 86400, &rows), 0);
    ck_assert_uint_eq(rows.n, 2);
    ck_assert(rows.v[0].daily && rows.v[0].start == T0 + 9 * 3600 && rows.v[0].min == 2 &&
              rows.v[0].max == 10 && rows.v[0].code == -1 && rows.v[0].n == 0);
    /* a KST day of observations after them: the last daily row reaches 9
     * hours into it, and those hours are counted once */
    query_obs o[] = {{T0 + 2 * 86400, 4, 101}, {T0 + 2 * 86400 + 3600, 6, 101}};
    ck_assert_int_eq(query_bucket(o, 2, QUERY_1D, T0 + 2 * 86400, T0 + 3 * 86400, &rows), 0);
    query_summary m;
    query_summarize(&rows, o, 2, T0, T0 + 3 * 86400, T0 + 10 * 86400, &m);
    ck_assert_uint_eq(m.expected, 72);
    /* 00:00-09:00 of the first day is in no row shown; the second daily
     * row is counted up to the observations' midnight (15 h) */
    ck_assert_uint_eq(m.present, 15 + 24 + 2);
    ck_assert_uint_eq(m.n, 15 + 24 + 2);
    ck_assert(fabs(m.mean - (6.0 * 24 + 7.0 * 15 + 4 + 6) / 41) < 1e-9);
    ck_assert(m.min == 2 && m.max == 11 && m.tmin == 0 && m.tmax == 0);
    r.tmin = r.tmax = NULL;
    query_rows_free(&rows);
    store_rows_free(&r);
}
END_TEST

START_TEST(test_steps)
{
    ck_assert_int_eq(query_step_parse("raw"), QUERY_RAW);
    ck_assert_int_eq(query_step_parse("1d"), QUERY_1D);
    ck_assert_int_eq(query_step_parse("1 h"), -1);
    ck_assert_int_eq(query_step_seconds(QUERY_10M), 600);
    ck_assert_str_eq(query_step_name(QUERY_1H), "1h");
    time_t from = T0 + 3 * 3600, to = T0 + 86400 + 1;
    query_align(QUERY_1D, &from, &to);
    ck_assert_int_eq(from, T0);
    ck_assert_int_eq(to, T0 + 2 * 86400);
}
END_TEST

static void range(const char *from, const char *to, time_t now, time_t a, time_t b)
{
    time_t s, e;
    char err[512];
    ck_assert_msg(timearg_range(from, to, now, &s, &e, err, sizeof err) == 0, "%s", err);
    ck_assert_msg(s == a && e == b, "%s..%s: %lld..%lld, want %lld..%lld", from, to, (long long)s,
                  (long long)e, (long long)a, (long long)b);
}

START_TEST(test_timearg)
{
    time_t now = T0 + 14 * 3600 + 1234;
    range("2024-05-05T14:00", "2024-05-05T15:30", now, T0 + 14 * 3600, T0 + 15 * 3600 + 1800);
    range("2024-05-05T05:00Z", "2024-05-05 15:00:00+09:00", now, T0 + 14 * 3600, T0 + 15 * 3600);
    range("2024-05-04", "2024-05-05", now, T0 - 86400, T0 + 86400); /* whole days */
    range("today", "today", now, T0, T0 + 86400);
    range("yesterday", "yesterday", now, T0 - 86400, T0);
    range("yesterday", "now", now, T0 - 86400, now);
    range("2024-05-05T12:00", "start+2h", now, T0 + 12 * 3600, T0 + 14 * 3600);
    range("end-1d", "2024-05-05T12:00", now, T0 - 12 * 3600, T0 + 12 * 3600);
    range(NULL, "2024-05-05T12:00", now, T0 - 12 * 3600, T0 + 12 * 3600);
    time_t s, e, real = time(NULL);
    char err[512];
    ck_assert_int_eq(timearg_range("-2h", NULL, real, &s, &e, err, sizeof err), 0);
    ck_assert(e - s == 7200 && labs((long)(e - real)) < 5);
    ck_assert_int_eq(timearg_range("midnight yesterday", "midnight", real, &s, &e, err, sizeof err),
                     0);
    ck_assert_int_eq(e - s, 86400);
    ck_assert_int_eq(e, timearg_day_start(real));
    ck_assert_int_eq(timearg_range("2024-02-30", NULL, now, &s, &e, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "2024-02-30"));
    ck_assert_int_eq(timearg_range("bogus words", NULL, now, &s, &e, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "--from"));
    ck_assert_int_eq(timearg_range("2024-05-06", "2024-05-05", now, &s, &e, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "before"));
}
END_TEST

/* when_format and when_iso agree with localtime_r and strftime every 15
 * minutes of a year, in zones with and without DST (Lord Howe shifts by 30
 * minutes at 02:00 local). */
START_TEST(test_when_formats)
{
    static const char *const zones[] = {"Asia/Seoul", "America/New_York", "Australia/Lord_Howe",
                                        "Asia/Kathmandu", "UTC"};
    for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
        setenv("TZ", zones[z], 1);
        tzset();
        for (time_t t = 1704067200 - 86400; t < 1704067200 + 366 * 86400; t += 900) {
            char a[64], b[64], want[128], iso[64];
            struct tm tm;
            localtime_r(&t, &tm);
            strftime(want, sizeof want, "%Y-%m-%d %H:%M", &tm);
            when_format(t, a, sizeof a);
            ck_assert_msg(strcmp(a, want) == 0, "%s %lld: %s, want %s", zones[z], (long long)t, a,
                          want);
            long off = tm.tm_gmtoff, abs_off = off < 0 ? -off : off;
            strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%S", &tm);
            snprintf(want, sizeof want, "%s%c%02ld:%02ld", iso, off < 0 ? '-' : '+', abs_off / 3600,
                     abs_off % 3600 / 60);
            when_iso(t, b, sizeof b);
            ck_assert_msg(strcmp(b, want) == 0, "%s %lld: %s, want %s", zones[z], (long long)t, b,
                          want);
        }
    }
    setenv("TZ", "Asia/Seoul", 1);
    tzset();
}
END_TEST

START_TEST(test_table_width)
{
    ck_assert_uint_eq(table_width("Seoul"), 5);
    ck_assert_uint_eq(table_width("서울"), 4);
    ck_assert_uint_eq(table_width("18.6℃"), 5);
    ck_assert_uint_eq(table_width("ｆｕｌｌ"), 8);
    ck_assert_uint_eq(table_width("e\xCC\x81"), 1); /* e + combining acute */
    ck_assert_uint_eq(table_width(""), 0);
}
END_TEST

/* The weather column of query's tables is as wide as the widest word. */
START_TEST(test_word_column)
{
    size_t widest = 0;
    for (size_t i = 0; i < weather_count(); i++) {
        size_t w = table_width(weather_at(i)->word);
        widest = w > widest ? w : widest;
    }
    ck_assert_uint_eq(widest, REPORT_WORD_COLUMNS);
}
END_TEST

static const table_col cols[] = {
    {"a", "A", 4, 1}, {"b", "B", 6, 0}, {"hidden", "", -1, 0}, {"c", "C", 0, 0}};

START_TEST(test_table_forms)
{
    buf_t b = {0};
    const char *row[] = {"1", "서울", "x", "비"}, *gap[] = {"22", "", "y", "구름많음"};
    ck_assert_int_eq(table_header(&b, TABLE_TEXT, cols, 4), 0);
    ck_assert_int_eq(table_row(&b, TABLE_TEXT, cols, 4, row), 0);
    ck_assert_int_eq(table_row(&b, TABLE_TEXT, cols, 4, gap), 0);
    ck_assert_str_eq(b.data, "   A  B       C\n"
                             "   1  서울    비\n"
                             "  22  -       구름많음\n");
    buf_reset(&b);
    const char *odd[] = {"a,b", "say \"hi\"", "x", "two\r\nlines"};
    ck_assert_int_eq(table_header(&b, TABLE_CSV, cols, 4), 0);
    ck_assert_int_eq(table_row(&b, TABLE_CSV, cols, 4, odd), 0);
    ck_assert_str_eq(b.data, "a,b,hidden,c\r\n\"a,b\",\"say \"\"hi\"\"\",x,\"two\r\nlines\"\r\n");
    buf_reset(&b);
    const char *tabs[] = {"a\tb", "c\\d", "", "e\nf"};
    ck_assert_int_eq(table_row(&b, TABLE_TSV, cols, 4, tabs), 0);
    ck_assert_str_eq(b.data, "a\\tb\tc\\\\d\t\te\\nf\n");
    buf_free(&b);
}
END_TEST

static void suggest(const wx_registry *reg, const char *q, const char *first, size_t n_min)
{
    const char *near[3];
    size_t n = stations_suggest(reg, q, near, 3);
    ck_assert_msg(n >= n_min, "%s: %zu suggestions", q, n);
    if (first)
        ck_assert_str_eq(near[0], first);
}

START_TEST(test_suggest)
{
    wx_registry *reg = test_registry();
    suggest(reg, "서을", "서울", 1);
    suggest(reg, "부신", "부산", 1);
    suggest(reg, "seol", "Seoul", 1);
    suggest(reg, "JEONJOO", "Jeonju", 1);
    suggest(reg, "백령돈", "백령도", 1);
    const char *near[3];
    ck_assert_uint_eq(stations_suggest(reg, "zzzzzz", near, 3), 0);
    ck_assert_uint_eq(stations_suggest(reg, "", near, 3), 0);
    const wx_station *b = stations_find(reg, "102");
    ck_assert_str_eq(b->aliases, "백령");
    ck_assert_str_eq(stations_find(reg, "108")->aliases, "");
    stations_free(reg);
}
END_TEST

Suite *query_suite(void)
{
    Suite *s = suite_create("query");
    TCase *t = tcase_create("query");
    tcase_add_test(t, test_observations_backfill);
    tcase_add_test(t, test_observations_each_row);
    tcase_add_test(t, test_buckets_hourly_and_raw);
    tcase_add_test(t, test_summary_now_and_ties);
    tcase_add_test(t, test_daily_rows);
    tcase_add_test(t, test_steps);
    tcase_add_test(t, test_timearg);
    tcase_add_test(t, test_when_formats);
    tcase_add_test(t, test_table_width);
    tcase_add_test(t, test_table_forms);
    tcase_add_test(t, test_word_column);
    tcase_add_test(t, test_suggest);
    suite_add_tcase(s, t);
    return s;
}
