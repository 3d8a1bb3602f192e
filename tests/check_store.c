/* check_store: the store module at fixed timestamps: stored, skipped and
 * failed, the rows read back (with the real rrdtool as a second client),
 * the first reading, the files listed, what a file keeps. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "query.h"
#include "rrdhead.h"
#include "store.h"
#include "tests.h"

#define T0 1714834800 /* 2024-05-05 00:00 KST */

static char dir[4096];
static store *st;

static void setup(void)
{
    char err[512];
    test_tmpdir(dir, sizeof dir);
    st = store_open(dir, NULL, "", err, sizeof err);
    ck_assert_msg(st != NULL, "%s", err);
}

static void teardown(void)
{
    store_close(st);
    test_rmtree(dir);
}

static store_status put(int station, time_t t, double temp, int code)
{
    char err[1024] = "";
    store_status s = store_put(st, station, t, temp, code, err, sizeof err);
    ck_assert_msg(s != STORE_FAILED, "%d at %lld: %s", station, (long long)t, err);
    return s;
}

/* rrdtool's LAST row of STATION ending at T: "TEMP CODE" as it prints them. */
static void fetch_row(int station, time_t t, char *dst, size_t size)
{
    char path[4300], s[32], e[32];
    snprintf(path, sizeof path, "%s/%d.rrd", dir, station);
    snprintf(s, sizeof s, "%lld", (long long)(t - 3600));
    snprintf(e, sizeof e, "%lld", (long long)t);
    char *argv[] = {
        "/usr/bin/rrdtool", "fetch", path, "LAST", "-r", "3600", "-s", s, "-e", e, NULL};
    buf_t out = {0};
    ck_assert_int_eq(test_run(argv, NULL, NULL, &out, NULL), 0);
    char key[40];
    snprintf(key, sizeof key, "\n%lld: ", (long long)t);
    const char *row = strstr(out.data, key);
    ck_assert_msg(row != NULL, "no row %lld in %s", (long long)t, out.data);
    row += strlen(key);
    snprintf(dst, size, "%.*s", (int)strcspn(row, "\n"), row);
    buf_free(&out);
}

START_TEST(test_put_stored_skipped)
{
    ck_assert_int_eq(put(108, T0, 18.6, 502), STORE_STORED);
    ck_assert_int_eq(put(108, T0 + 3600, 19.1, -1), STORE_STORED);   /* no weather: U */
    ck_assert_int_eq(put(108, T0 + 3600, 20.0, 101), STORE_SKIPPED); /* the same time */
    ck_assert_int_eq(put(108, T0, 1.0, 101), STORE_SKIPPED);         /* an older one */
    char row[128];
    fetch_row(108, T0, row, sizeof row);
    ck_assert_str_eq(row, "1.8600000000e+01 5.0200000000e+02");
    fetch_row(108, T0 + 3600, row, sizeof row);
    ck_assert_str_eq(row, "1.9100000000e+01 -nan");
    store_last last;
    char err[256];
    ck_assert_int_eq(store_get_last(st, 108, &last, err, sizeof err), 0);
    ck_assert_int_eq(last.time, T0 + 3600);
    ck_assert(last.temp == 19.1 && last.code == -1);
    ck_assert(store_has(st, 108) && !store_has(st, 159));
}
END_TEST

/* A file that is no RRD fails its station only, and is left as it was. */
START_TEST(test_put_corrupt_file)
{
    char path[4300], err[1024];
    snprintf(path, sizeof path, "%s/159.rrd", dir);
    test_write(path, "not an rrd file\n", 16);
    ck_assert_int_eq(store_put(st, 159, T0, 12.0, 101, err, sizeof err), STORE_FAILED);
    ck_assert_ptr_nonnull(strstr(err, path));
    buf_t b = {0};
    char why[128];
    ck_assert_int_eq(file_read(path, 1024, &b, why, sizeof why), 0);
    ck_assert_str_eq(b.data, "not an rrd file\n");
    buf_free(&b);
    ck_assert_int_eq(put(108, T0, 18.6, 502), STORE_STORED);
}
END_TEST

/* Rows at the finest resolution that covers a range, and observations. */
START_TEST(test_read_rows)
{
    for (int h = 0; h < 6; h++)
        put(108, T0 + h * 3600, 10.0 + h, 101 + (h % 2) * 100);
    store_rows r;
    char err[512];
    ck_assert_int_eq(store_read_rows(st, 108, T0 - 600, T0 + 5 * 3600, 600, 0, &r, err, sizeof err),
                     0);
    ck_assert_uint_eq(r.step, 600); /* within the last 7 days of the file */
    query_obs *o = NULL;
    size_t n = 0, cap = 0;
    ck_assert_int_eq(query_observations(&r, T0, T0 + 6 * 3600, &o, &n, &cap), 0);
    ck_assert_uint_eq(n, 6);
    for (int h = 0; h < 6; h++)
        ck_assert(o[h].t == T0 + h * 3600 && o[h].temp == 10.0 + h &&
                  o[h].code == 101 + (h % 2) * 100);
    free(o);
    store_rows_free(&r);
    /* daily rows with MIN and MAX */
    ck_assert_int_eq(
        store_read_rows(st, 108, T0 - 86400, T0 + 86400, 86400, 1, &r, err, sizeof err), 0);
    ck_assert_uint_eq(r.step, 86400);
    ck_assert_ptr_nonnull(r.tmin);
    ck_assert_ptr_nonnull(r.tmax);
    store_rows_free(&r);
}
END_TEST

START_TEST(test_first_and_kept)
{
    put(108, T0 + 7200, 5.0, 101);
    put(108, T0 + 3 * 3600, 6.0, 101);
    store_last last;
    char err[512];
    ck_assert_int_eq(store_get_last(st, 108, &last, err, sizeof err), 0);
    store_rows r;
    ck_assert_int_eq(store_first(st, 108, last.time, &r, err, sizeof err), 0);
    ck_assert_uint_eq(r.step, 600);
    query_obs *o = NULL;
    size_t n = 0, cap = 0;
    ck_assert_int_eq(query_observations(&r, 0, last.time + 1, &o, &n, &cap), 0);
    ck_assert(n >= 1 && o[0].t == T0 + 7200); /* not the file's start an hour before */
    free(o);
    store_rows_free(&r);
    ck_assert_int_eq(store_kept_since(T0 + 3600, 3600), T0 + 3600 - 1511L * 3600);
    ck_assert_int_eq(store_kept_since(T0 + 3600 + 59, 600), T0 + 3600 - 1007L * 600);
    ck_assert_int_eq(store_kept_since(T0, 60), 0); /* no such resolution */
}
END_TEST

START_TEST(test_stations_listed)
{
    put(159, T0, 1.0, 101);
    put(90, T0, 1.0, 101);
    put(108, T0, 1.0, 101);
    char path[4300];
    snprintf(path, sizeof path, "%s/108.rrdAbCdEf", dir); /* a temporary: no station */
    test_write(path, "x", 1);
    snprintf(path, sizeof path, "%s/notes.rrd", dir);
    test_write(path, "x", 1);
    int *ids;
    size_t n;
    char err[256];
    ck_assert_int_eq(store_stations(dir, &ids, &n, err, sizeof err), 0);
    ck_assert_uint_eq(n, 3);
    ck_assert(ids[0] == 90 && ids[1] == 108 && ids[2] == 159);
    free(ids);
    ck_assert_int_eq(store_stations("/nonexistent/wx", &ids, &n, err, sizeof err), 0);
    ck_assert_uint_eq(n, 0);
}
END_TEST

/* rrdtool ARGS (argv[0] left out); fails the test unless it exits 0. */
static void rrdtool(const char *const *args, buf_t *out)
{
    char *argv[32] = {"/usr/bin/rrdtool"};
    size_t n = 1;
    for (; *args && n < 31; args++)
        argv[n++] = (char *)*args;
    argv[n] = NULL;
    buf_t err = {0};
    int rc = test_run(argv, NULL, NULL, out, &err);
    ck_assert_msg(rc == 0, "rrdtool %s: %s", argv[1], err.data);
    buf_free(&err);
}

/* rrdhead_lastupdate gives the names, values and time `rrdtool lastupdate`
 * prints (" a b\n\nTIME: 1 2\n"). */
static void expect_lastupdate(const char *path)
{
    buf_t out = {0};
    rrdtool((const char *[]){"lastupdate", path, NULL}, &out);
    rrdhead_ds ds[8];
    time_t last;
    int n = rrdhead_lastupdate(path, &last, ds, 8);
    buf_t names = {0}, values = {0};
    for (int i = 0; i < n; i++)
        buf_printf(&names, " %s", ds[i].name), buf_printf(&values, " %s", ds[i].value);
    char want[512];
    ck_assert_msg(n > 0, "%s: rrdhead_lastupdate: %d", path, n);
    snprintf(want, sizeof want, "%s\n\n%lld:%s\n", names.data ? names.data : "", (long long)last,
             values.data ? values.data : "");
    ck_assert_msg(strcmp(out.data, want) == 0, "%s: rrdtool lastupdate:\n%s\nrrdhead:\n%s", path,
                  out.data, want);
    ck_assert_int_eq(rrdhead_lastupdate(path, &last, ds, n - 1), -1); /* more than MAX */
    buf_free(&out), buf_free(&names), buf_free(&values);
}

/* The header reader gives what `rrdtool last` and `lastupdate` do for files the rrdtool
 * command wrote in other layouts (format 0003, and 0005 with a DCOUNTER),
 * and -1 (so librrd is asked) for what is no RRD file it knows: a missing
 * file, text, a cut header, another version, a byte-swapped cookie. */
START_TEST(test_header_last_update)
{
    static const char *const layouts[][6] = {
        {"DS:a:GAUGE:600:U:U", "RRA:AVERAGE:0.5:1:10", NULL},
        {"DS:a:GAUGE:600:U:U", "DS:b:COUNTER:600:U:U", "DS:c:DERIVE:600:0:U",
         "RRA:AVERAGE:0.5:1:10", "RRA:MAX:0.5:6:700", "RRA:LAST:0.5:60:8000"},
        {"DS:a:DCOUNTER:600:U:U", "DS:b:GAUGE:600:U:U", "RRA:LAST:0.5:1:5", NULL},
    };
    char path[4300], stamp[32];
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++) {
        snprintf(path, sizeof path, "%s/other%zu.rrd", dir, i);
        const char *create[16] = {"create", path, "--start", "1714834000", "--step", "60"};
        size_t n = 6;
        for (size_t k = 0; k < 6 && layouts[i][k]; k++)
            create[n++] = layouts[i][k];
        create[n] = NULL;
        buf_t out = {0};
        rrdtool(create, &out);
        long long t = 1714834800 + (long long)i * 7;
        snprintf(stamp, sizeof stamp, "%lld:%s", t, i == 1 ? "1:2:3" : i == 2 ? "4:5" : "6");
        rrdtool((const char *[]){"update", path, stamp, NULL}, &out);
        buf_reset(&out);
        rrdtool((const char *[]){"last", path, NULL}, &out);
        ck_assert_msg(rrdhead_last(path) == (time_t)strtoll(out.data, NULL, 10),
                      "layout %zu: %lld, rrdtool last %s", i, (long long)rrdhead_last(path),
                      out.data);
        ck_assert_int_eq(rrdhead_last(path), t);
        expect_lastupdate(path);
        buf_free(&out);
    }
    /* what is not a file this reader knows */
    snprintf(path, sizeof path, "%s/none.rrd", dir);
    ck_assert_int_eq(rrdhead_last(path), -1);
    snprintf(path, sizeof path, "%s/text.rrd", dir);
    test_write(path, "RRD is not this\n", 16);
    ck_assert_int_eq(rrdhead_last(path), -1);
    buf_t whole = {0};
    snprintf(path, sizeof path, "%s/other1.rrd", dir);
    test_read_abs(path, &whole);
    snprintf(path, sizeof path, "%s/cut.rrd", dir);
    test_write(path, whole.data, 600); /* the definitions, not the live head */
    ck_assert_int_eq(rrdhead_last(path), -1);
    memcpy(whole.data + 4, "0001", 4);
    test_write(path, whole.data, whole.len);
    ck_assert_int_eq(rrdhead_last(path), -1);
    memcpy(whole.data + 4, "0003", 4);
    for (size_t k = 0; k < 4; k++) { /* the float cookie as another byte order has it */
        char c = whole.data[16 + k];
        whole.data[16 + k] = whole.data[23 - k], whole.data[23 - k] = c;
    }
    test_write(path, whole.data, whole.len);
    ck_assert_int_eq(rrdhead_last(path), -1);
    buf_free(&whole);
}
END_TEST

Suite *store_suite(void)
{
    Suite *s = suite_create("store");
    TCase *t = tcase_create("store");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 30);
    tcase_add_test(t, test_put_stored_skipped);
    tcase_add_test(t, test_put_corrupt_file);
    tcase_add_test(t, test_read_rows);
    tcase_add_test(t, test_first_and_kept);
    tcase_add_test(t, test_stations_listed);
    tcase_add_test(t, test_header_last_update);
    suite_add_tcase(s, t);
    return s;
}
