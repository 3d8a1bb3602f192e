/* check_remote: the store over rrdcached on TCP (issue 12, in progress):
 * ingest, query and stations through a real daemon on 127.0.0.1 whose base
 * directory wxstrip is not given; files named relative to it (rrd_prefix);
 * the local data dir gets no station file; a wrong address is an error. */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests.h"

static char dir[4096], base[4200], local[4200], conf[4200], graphs[4200];
static int daemon_pid, port;

static void setup(void)
{
    test_tmpdir(dir, sizeof dir);
    snprintf(base, sizeof base, "%s/base", dir);
    snprintf(local, sizeof local, "%s/local", dir);
    snprintf(graphs, sizeof graphs, "%s/graphs", dir);
    ck_assert_int_eq(mkdir(base, 0755), 0);
    daemon_pid = test_rrdcached_tcp_start(dir, base, NULL, &port);
    char reg[4096], text[16384];
    test_path(reg, sizeof reg, "stations/stations.tsv");
    snprintf(conf, sizeof conf, "%s/wx.conf", dir);
    snprintf(text, sizeof text,
             "data_dir = %s\ngraph_dir = %s\nstations_file = %s\nrrdcached = 127.0.0.1:%d\n"
             "rrd_prefix = wx/\n",
             local, graphs, reg, port);
    test_write(conf, text, strlen(text));
}

static void teardown(void)
{
    test_stop(daemon_pid);
    test_rmtree(dir);
}

static int wx(const char *const *args, buf_t *out, buf_t *err)
{
    char *argv[16];
    size_t n = 0;
    argv[n++] = (char *)test_wxstrip();
    argv[n++] = "-c";
    argv[n++] = conf;
    for (; *args && n < 15; args++)
        argv[n++] = (char *)*args;
    argv[n] = NULL;
    return test_run(argv, NULL, NULL, out, err);
}

/* A feed of 108 at HOUR:00 on 2024-05-05 with TEMP, in the temp dir. */
static void feed(const char *name, int hour, const char *temp, char *path, size_t size)
{
    char text[512];
    snprintf(text, sizeof text,
             "<current xmlns=\"current\"><weather year=\"2024\" month=\"05\" day=\"05\" "
             "hour=\"%02d\"><local stn_id=\"108\" icon=\"08\" desc=\"비\" ta=\"%s\">서울</local>"
             "</weather></current>\n",
             hour, temp);
    snprintf(path, size, "%s/%s", dir, name);
    test_write(path, text, strlen(text));
}

static size_t station_files(const char *d)
{
    DIR *dd = opendir(d);
    size_t n = 0;
    struct dirent *e;
    while (dd && (e = readdir(dd)))
        n += strstr(e->d_name, ".rrd") != NULL;
    if (dd)
        closedir(dd);
    return n;
}

START_TEST(test_ingest_query_stations_over_tcp)
{
    char a[4400], b[4400];
    feed("a.xml", 1, "11.0", a, sizeof a);
    feed("b.xml", 2, "12.5", b, sizeof b);
    buf_t out = {0}, err = {0};
    ck_assert_msg(wx((const char *[]){"ingest", a, b, NULL}, NULL, &err) == 0, "%s", err.data);
    ck_assert_ptr_nonnull(strstr(err.data, "readings 2: 2 stored"));
    /* the daemon's file, read by rrdtool as a second client (stored means
     * flushed), under the prefix; nothing local */
    char path[4400];
    snprintf(path, sizeof path, "%s/wx/108.rrd", base);
    char *argv[] = {"/usr/bin/rrdtool", "lastupdate", path, NULL};
    ck_assert_int_eq(test_run(argv, NULL, NULL, &out, NULL), 0);
    ck_assert_msg(strstr(out.data, "1714842000: 12.5 502") != NULL, "%s", out.data);
    ck_assert_uint_eq(station_files(local), 0);
    /* query through the daemon */
    buf_reset(&out);
    ck_assert_int_eq(wx((const char *[]){"query", "108", "--date", "2024-05-05", "--step", "1h",
                                         "--format", "json", NULL},
                        &out, &err),
                     0);
    json_t *doc = json_loads(out.data, 0, NULL);
    ck_assert_ptr_nonnull(doc);
    json_t *st = json_array_get(json_object_get(doc, "stations"), 0);
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(st, "latest"), "epoch")),
                     1714842000);
    json_t *rows = json_object_get(st, "rows");
    ck_assert_double_eq(json_real_value(json_object_get(json_array_get(rows, 1), "mean")), 11.0);
    ck_assert_double_eq(json_real_value(json_object_get(json_array_get(rows, 2), "mean")), 12.5);
    json_decref(doc);
    /* stations knows 108 has data, and 159 none */
    buf_reset(&out);
    ck_assert_int_eq(
        wx((const char *[]){"stations", "--with-data", "--format", "tsv", NULL}, &out, &err), 0);
    ck_assert_ptr_nonnull(strstr(out.data, "\n108\t서울\t"));
    ck_assert_ptr_null(strstr(out.data, "\n159\t"));
    ck_assert_uint_eq(station_files(local), 0);
    buf_free(&out), buf_free(&err);
}
END_TEST

/* A daemon that is not there: a clear error naming the address, exit 1,
 * nothing written locally instead. */
START_TEST(test_wrong_address)
{
    char a[4400], c[4400], text[16384], reg[4096];
    feed("a.xml", 1, "11.0", a, sizeof a);
    test_path(reg, sizeof reg, "stations/stations.tsv");
    snprintf(c, sizeof c, "%s/bad.conf", dir);
    snprintf(text, sizeof text, "data_dir = %s\nstations_file = %s\nrrdcached = 127.0.0.1:1\n",
             local, reg);
    test_write(c, text, strlen(text));
    char *argv[] = {(char *)test_wxstrip(), "-c", c, "ingest", a, NULL};
    buf_t err = {0};
    ck_assert_int_eq(test_run(argv, NULL, NULL, NULL, &err), 1);
    ck_assert_msg(strstr(err.data, "cannot connect to rrdcached at 127.0.0.1:1") != NULL, "%s",
                  err.data);
    ck_assert_uint_eq(station_files(local), 0);
    buf_free(&err);
}
END_TEST

/* A graph drawn through the daemon (rrd_graph_v's --daemon and the relative
 * name), its gallery page, and the snippet that embeds it. */
START_TEST(test_graph_and_embed_over_tcp)
{
    char a[4400], b[4400];
    feed("a.xml", 1, "11.0", a, sizeof a);
    feed("b.xml", 2, "12.5", b, sizeof b);
    buf_t out = {0}, err = {0};
    ck_assert_msg(wx((const char *[]){"ingest", a, b, NULL}, NULL, &err) == 0, "%s", err.data);
    int rc = wx((const char *[]){"graph", "--date", "2024-05-05", "--scale", "1", "-v", NULL}, &out,
                &err);
    ck_assert_msg(rc == 0, "%s", err.data);
    ck_assert_msg(strstr(out.data, "/108/2024-05-05.png ") && strstr(out.data, " max 12.50") &&
                      strstr(out.data, " last 12.50"),
                  "%s", out.data);
    char png[4400];
    snprintf(png, sizeof png, "%s/108/index.html", graphs);
    ck_assert_int_eq(access(png, F_OK), 0);
    buf_reset(&out);
    ck_assert_int_eq(wx((const char *[]){"embed", "108", "--date", "2024-05-05", NULL}, &out, &err),
                     0);
    ck_assert_msg(strstr(out.data, "최고 12.5℃") != NULL, "%s", out.data);
    ck_assert_uint_eq(station_files(local), 0);
    buf_free(&out), buf_free(&err);
}
END_TEST

/* The permission sets README gives: a poller's socket (UPDATE, CREATE,
 * FLUSH, INFO) takes everything ingest does; a graph host's (FLUSH, FETCH,
 * INFO) serves query and graph and refuses a write. */
START_TEST(test_permission_sets)
{
    test_stop(daemon_pid);
    char sub[4400], a[4400], b[4400], text[16384], reg[4096];
    feed("a.xml", 1, "11.0", a, sizeof a);
    feed("b.xml", 2, "12.5", b, sizeof b);
    test_path(reg, sizeof reg, "stations/stations.tsv");
    snprintf(sub, sizeof sub, "%s/p", dir);
    ck_assert_int_eq(mkdir(sub, 0755), 0);
    daemon_pid = test_rrdcached_tcp_start(sub, base, "UPDATE,CREATE,FLUSH,INFO", &port);
    snprintf(text, sizeof text,
             "data_dir = %s\ngraph_dir = %s\nstations_file = %s\nrrdcached = 127.0.0.1:%d\n", local,
             graphs, reg, port);
    test_write(conf, text, strlen(text));
    buf_t out = {0}, err = {0};
    ck_assert_msg(wx((const char *[]){"ingest", a, NULL}, NULL, &err) == 0, "%s", err.data);
    ck_assert_ptr_nonnull(strstr(err.data, "readings 1: 1 stored"));
    test_stop(daemon_pid);
    snprintf(sub, sizeof sub, "%s/r", dir);
    ck_assert_int_eq(mkdir(sub, 0755), 0);
    daemon_pid = test_rrdcached_tcp_start(sub, base, "FLUSH,FETCH,INFO", &port);
    snprintf(text, sizeof text,
             "data_dir = %s\ngraph_dir = %s\nstations_file = %s\nrrdcached = 127.0.0.1:%d\n", local,
             graphs, reg, port);
    test_write(conf, text, strlen(text));
    ck_assert_int_eq(wx((const char *[]){"query", "108", "--format", "csv", NULL}, &out, &err), 0);
    ck_assert_ptr_nonnull(
        strstr(out.data, "\n108,서울,2024-05-05T01:00:00+09:00,1714838400,11.0,"));
    ck_assert_int_eq(
        wx((const char *[]){"graph", "--date", "2024-05-05", "--scale", "1", "108", NULL}, NULL,
           &err),
        0);
    buf_reset(&err);
    ck_assert_int_eq(wx((const char *[]){"ingest", b, NULL}, NULL, &err), 1);
    ck_assert_msg(strstr(err.data, "Permission denied") && strstr(err.data, "0 stored"), "%s",
                  err.data);
    buf_free(&out), buf_free(&err);
}
END_TEST

Suite *remote_suite(void)
{
    Suite *s = suite_create("remote");
    TCase *t = tcase_create("remote");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 30);
    tcase_add_test(t, test_ingest_query_stations_over_tcp);
    tcase_add_test(t, test_wrong_address);
    tcase_add_test(t, test_graph_and_embed_over_tcp);
    tcase_add_test(t, test_permission_sets);
    suite_add_tcase(s, t);
    return s;
}
