/* check_remote: the store over rrdcached on TCP: poll, ingest, query,
 * stations, graph and embed through a real daemon on 127.0.0.1 whose base
 * directory wxstrip is not given; files named relative to it (rrd_prefix);
 * the local data dir gets no station file; two pollers into one daemon; the
 * daemon killed with kill -9 and restarted from its journal; a wrong
 * address is an error. */
#include <dirent.h>
#include <jansson.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
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
    return test_wx(conf, NULL, args, out, err);
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
 * FLUSH, INFO, LIST) takes everything ingest does; a graph host's (FLUSH,
 * FETCH, INFO, LIST) serves query and graph and refuses a write; one
 * without LIST still lists the stations with data (an INFO each). */
START_TEST(test_permission_sets)
{
    test_stop(daemon_pid);
    char sub[4400], a[4400], b[4400], text[16384], reg[4096];
    feed("a.xml", 1, "11.0", a, sizeof a);
    feed("b.xml", 2, "12.5", b, sizeof b);
    test_path(reg, sizeof reg, "stations/stations.tsv");
    snprintf(sub, sizeof sub, "%s/p", dir);
    ck_assert_int_eq(mkdir(sub, 0755), 0);
    daemon_pid = test_rrdcached_tcp_start(sub, base, "UPDATE,CREATE,FLUSH,INFO,LIST", &port);
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
    daemon_pid = test_rrdcached_tcp_start(sub, base, "FLUSH,FETCH,INFO,LIST", &port);
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
    test_stop(daemon_pid);
    snprintf(sub, sizeof sub, "%s/n", dir);
    ck_assert_int_eq(mkdir(sub, 0755), 0);
    daemon_pid = test_rrdcached_tcp_start(sub, base, "FLUSH,FETCH,INFO", &port);
    snprintf(text, sizeof text,
             "data_dir = %s\ngraph_dir = %s\nstations_file = %s\nrrdcached = 127.0.0.1:%d\n", local,
             graphs, reg, port);
    test_write(conf, text, strlen(text));
    buf_reset(&out);
    ck_assert_int_eq(
        wx((const char *[]){"stations", "--with-data", "--format", "tsv", NULL}, &out, &err), 0);
    ck_assert_msg(strstr(out.data, "\n108\t서울\t") && !strstr(out.data, "\n159\t"), "%s",
                  out.data);
    buf_free(&out), buf_free(&err);
}
END_TEST

/* A feed of the current KST hour with LOCALS (<local> elements), in the
 * temp dir (the httpd's docroot); the hour's epoch. */
static long now_feed(const char *name, const char *locals)
{
    time_t hour = time(NULL) / 3600 * 3600, kst = hour + 9 * 3600;
    struct tm tm;
    gmtime_r(&kst, &tm);
    char text[2048], path[4400];
    snprintf(text, sizeof text,
             "<current xmlns=\"current\"><weather year=\"%04d\" month=\"%02d\" day=\"%02d\" "
             "hour=\"%02d\">%s</weather></current>\n",
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, locals);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    test_write(path, text, strlen(text));
    return (long)hour;
}

#define SEOUL "<local stn_id=\"108\" icon=\"01\" desc=\"맑음\" ta=\"%s\">서울</local>"
#define BUSAN "<local stn_id=\"159\" icon=\"03\" desc=\"흐림\" ta=\"%s\">부산</local>"
#define DAEGU "<local stn_id=\"143\" icon=\"08\" desc=\"비\" ta=\"%s\">대구</local>"

/* A poller's configuration CONF: its own data dir DATA, the daemon, and
 * the sources (URLs of the httpd at HTTP_PORT: NAMES, NULL-ended). */
static void poller_conf(const char *path, const char *data, int http_port, const char *const *names)
{
    char reg[4096], text[16384];
    test_path(reg, sizeof reg, "stations/stations.tsv");
    int n = snprintf(text, sizeof text,
                     "data_dir = %s\ngraph_dir = %s\nstations_file = %s\n"
                     "rrdcached = 127.0.0.1:%d\nrrd_prefix = wx/\ntimeout = 30s\n",
                     data, graphs, reg, port);
    for (; *names; names++)
        n += snprintf(text + n, sizeof text - (size_t)n, "source = http://127.0.0.1:%d/files/%s\n",
                      http_port, *names);
    test_write(path, text, strlen(text));
}

static int poll_with(const char *c, buf_t *err)
{
    char *argv[] = {(char *)test_wxstrip(), "-c", (char *)c, "poll", "--no-graphs", NULL};
    return test_run(argv, NULL, NULL, NULL, err);
}

/* "TIME: TEMP CODE" of the daemon's file for STATION, by rrdtool as a
 * second client of the base directory. */
static void last_of(int station, buf_t *out)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/wx/%d.rrd", base, station);
    char *argv[] = {"/usr/bin/rrdtool", "lastupdate", path, NULL};
    buf_reset(out);
    ck_assert_msg(test_run(argv, NULL, NULL, out, NULL) == 0, "%s", path);
}

static void assert_last(int station, long t, const char *temp_code)
{
    buf_t out = {0};
    char want[128];
    last_of(station, &out);
    snprintf(want, sizeof want, "%ld: %s", t, temp_code);
    ck_assert_msg(strstr(out.data, want) != NULL, "station %d: no '%s' in:\n%s", station, want,
                  out.data);
    buf_free(&out);
}

/* What the local data dir holds but the host's own fetch state. */
static size_t local_station_data(const char *d)
{
    DIR *dd = opendir(d);
    size_t n = 0;
    struct dirent *e;
    while (dd && (e = readdir(dd)))
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
             strcmp(e->d_name, "sources.state") && strcmp(e->d_name, ".wxstrip.swept");
    if (dd)
        closedir(dd);
    return n;
}

/* poll over TCP from a real HTTP server: stored means on the daemon's disk
 * (rrdtool reads it), the local data dir keeps only the validators, and
 * the second poll of the unchanged source stores nothing twice. */
START_TEST(test_poll_over_tcp)
{
    char log[4400], c[4400], busan[256], seoul[256], locals[1024];
    int http_port, httpd;
    snprintf(log, sizeof log, "%s/http.log", dir);
    httpd = test_httpd_start(dir, log, &http_port);
    snprintf(seoul, sizeof seoul, SEOUL, "3.5");
    snprintf(busan, sizeof busan, BUSAN, "9.25");
    snprintf(locals, sizeof locals, "%s%s", seoul, busan);
    long t = now_feed("kma.xml", locals);
    snprintf(c, sizeof c, "%s/poll.conf", dir);
    poller_conf(c, local, http_port, (const char *[]){"kma.xml", NULL});
    buf_t err = {0};
    ck_assert_msg(poll_with(c, &err) == 0, "%s", err.data);
    ck_assert_msg(strstr(err.data, "readings 2: 2 stored") != NULL, "%s", err.data);
    assert_last(108, t, "3.5 101");
    assert_last(159, t, "9.25 ");
    ck_assert_uint_eq(local_station_data(local), 0);
    buf_reset(&err);
    ck_assert_msg(poll_with(c, &err) == 0, "%s", err.data);
    ck_assert_msg(strstr(err.data, "2 stored") == NULL, "%s", err.data);
    test_stop(httpd);
    buf_free(&err);
}
END_TEST

/* Two pollers, each with its own sources and data dir, at once into one
 * daemon: every station is stored, and the one reading both sources show
 * is stored once and counted "already stored" by the other. */
START_TEST(test_two_pollers_one_daemon)
{
    char log[4400], c1[4400], c2[4400], d2[4400], s[3][256], locals[1024], e2[4400];
    int http_port, httpd;
    snprintf(log, sizeof log, "%s/http.log", dir);
    httpd = test_httpd_start(dir, log, &http_port);
    snprintf(s[0], sizeof s[0], SEOUL, "1.5");
    snprintf(s[1], sizeof s[1], BUSAN, "7.0");
    snprintf(s[2], sizeof s[2], DAEGU, "4.0");
    snprintf(locals, sizeof locals, "%s%s", s[0], s[1]);
    long t = now_feed("one.xml", locals);
    snprintf(locals, sizeof locals, "%s%s", s[0], s[2]);
    now_feed("two.xml", locals);
    snprintf(c1, sizeof c1, "%s/one.conf", dir);
    snprintf(c2, sizeof c2, "%s/two.conf", dir);
    snprintf(d2, sizeof d2, "%s/local2", dir);
    snprintf(e2, sizeof e2, "%s/two.err", dir);
    poller_conf(c1, local, http_port, (const char *[]){"one.xml", NULL});
    poller_conf(c2, d2, http_port, (const char *[]){"two.xml", NULL});
    pid_t child = fork();
    ck_assert_int_ge(child, 0);
    if (child == 0) {
        buf_t err = {0};
        int rc = poll_with(c2, &err);
        test_write(e2, err.data ? err.data : "", err.len);
        _exit(rc);
    }
    buf_t err1 = {0}, err2 = {0};
    int rc1 = poll_with(c1, &err1), status;
    ck_assert_int_eq(waitpid(child, &status, 0), child);
    test_read_abs(e2, &err2);
    ck_assert_msg(rc1 == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s\n%s", err1.data,
                  err2.data);
    assert_last(108, t, "1.5 101");
    assert_last(159, t, "7 ");
    assert_last(143, t, "4 ");
    /* 108 is stored by one poller and skipped by the other */
    int one = strstr(err1.data, "readings 2: 2 stored, 0 skipped") != NULL;
    int two = strstr(err2.data, "readings 2: 2 stored, 0 skipped") != NULL;
    ck_assert_msg(one != two, "%s\n%s", err1.data, err2.data);
    ck_assert_ptr_nonnull(strstr(one ? err2.data : err1.data, "1 stored, 1 skipped"));
    ck_assert_uint_eq(local_station_data(local) + local_station_data(d2), 0);
    test_stop(httpd);
    buf_free(&err1), buf_free(&err2);
}
END_TEST

static int wait_for_line(const char *path, const char *needle)
{
    for (int i = 0; i < 400; i++) {
        buf_t b = {0};
        if (access(path, F_OK) == 0)
            test_read_abs(path, &b);
        int found = b.data && strstr(b.data, needle) != NULL;
        buf_free(&b);
        if (found)
            return 1;
        usleep(25000);
    }
    return 0;
}

/* The daemon killed with kill -9 in the middle of a poll (after the first
 * source is stored, while the second is being fetched) and restarted from
 * its journal: the poll reports the lost daemon with its address, and the
 * next poll stores what the second source still shows; nothing the first
 * stored is lost. */
START_TEST(test_daemon_killed_mid_poll)
{
    char log[4400], c[4400], s[3][256], locals[1024], second[256], pidfile[4400];
    int http_port, httpd;
    snprintf(log, sizeof log, "%s/http.log", dir);
    httpd = test_httpd_start(dir, log, &http_port);
    snprintf(s[0], sizeof s[0], SEOUL, "2.5");
    snprintf(s[1], sizeof s[1], BUSAN, "8.5");
    snprintf(s[2], sizeof s[2], DAEGU, "5.5");
    snprintf(locals, sizeof locals, "%s%s", s[0], s[1]);
    long t = now_feed("first.xml", locals);
    now_feed("second.xml", s[2]);
    snprintf(second, sizeof second, "second.xml?after=go");
    snprintf(c, sizeof c, "%s/poll.conf", dir);
    poller_conf(c, local, http_port, (const char *[]){"first.xml", second, NULL});
    char ebuf[4400];
    snprintf(ebuf, sizeof ebuf, "%s/poll.err", dir);
    pid_t child = fork();
    ck_assert_int_ge(child, 0);
    if (child == 0) {
        buf_t err = {0};
        int rc = poll_with(c, &err);
        test_write(ebuf, err.data ? err.data : "", err.len);
        _exit(rc);
    }
    ck_assert_msg(wait_for_line(log, "/files/second.xml?after=go waiting"), "no second fetch");
    assert_last(108, t, "2.5 101"); /* the first source is on disk already */
    kill(daemon_pid, SIGKILL);
    waitpid(daemon_pid, NULL, 0);
    snprintf(pidfile, sizeof pidfile, "%s/rrdcached-tcp.pid", dir);
    unlink(pidfile);
    daemon_pid = test_rrdcached_tcp_restart(dir, base, NULL, port);
    char go[4400];
    snprintf(go, sizeof go, "%s/go", dir);
    test_write(go, "", 0);
    int status;
    ck_assert_int_eq(waitpid(child, &status, 0), child);
    buf_t err = {0};
    test_read_abs(ebuf, &err);
    char addr[64];
    snprintf(addr, sizeof addr, "rrdcached at 127.0.0.1:%d", port);
    /* librrd may reconnect to the new daemon; if not, the loss is reported
     * with the address and the status says so */
    ck_assert_msg(WIFEXITED(status), "%s", err.data);
    if (WEXITSTATUS(status) != 0)
        ck_assert_msg(WEXITSTATUS(status) == 1 && strstr(err.data, addr), "%s", err.data);
    buf_reset(&err);
    ck_assert_msg(poll_with(c, &err) == 0, "%s", err.data);
    assert_last(108, t, "2.5 101");
    assert_last(159, t, "8.5 ");
    assert_last(143, t, "5.5 ");
    ck_assert_uint_eq(local_station_data(local), 0);
    test_stop(httpd);
    buf_free(&err);
}
END_TEST

/* A daemon that acknowledges updates but may not write them (its socket
 * refuses FLUSH), killed with kill -9, restarted from its journal: no
 * acknowledged reading is lost. wxstrip counted none stored and kept no
 * validators, so the next poll fetches the page again and stores it (or
 * finds the journal's replay already did). */
START_TEST(test_acknowledged_unflushed_not_lost)
{
    char log[4400], c[4400], s[2][256], locals[1024], pidfile[4400];
    int http_port, httpd;
    test_stop(daemon_pid);
    snprintf(log, sizeof log, "%s/http.log", dir);
    httpd = test_httpd_start(dir, log, &http_port);
    snprintf(pidfile, sizeof pidfile, "%s/rrdcached-tcp.pid", dir);
    unlink(pidfile);
    daemon_pid = test_rrdcached_tcp_restart(dir, base, "UPDATE,CREATE,INFO", port);
    snprintf(s[0], sizeof s[0], SEOUL, "0.5");
    snprintf(s[1], sizeof s[1], BUSAN, "6.5");
    snprintf(locals, sizeof locals, "%s%s", s[0], s[1]);
    long t = now_feed("kma.xml", locals);
    snprintf(c, sizeof c, "%s/poll.conf", dir);
    poller_conf(c, local, http_port, (const char *[]){"kma.xml", NULL});
    buf_t err = {0};
    ck_assert_int_eq(poll_with(c, &err), 1);
    ck_assert_msg(strstr(err.data, "0 stored") && strstr(err.data, "(FLUSH)") &&
                      strstr(err.data, "Permission denied"),
                  "%s", err.data);
    kill(daemon_pid, SIGKILL);
    waitpid(daemon_pid, NULL, 0);
    unlink(pidfile);
    daemon_pid = test_rrdcached_tcp_restart(dir, base, NULL, port);
    buf_reset(&err);
    ck_assert_msg(poll_with(c, &err) == 0, "%s", err.data);
    ck_assert_msg(strstr(err.data, "readings 2: ") && strstr(err.data, "0 rejected"), "%s",
                  err.data);
    assert_last(108, t, "0.5 101");
    assert_last(159, t, "6.5 ");
    /* the page was fetched in full twice: no validators kept after a failure */
    buf_t l = {0};
    test_read_abs(log, &l);
    const char *first = strstr(l.data, "/files/kma.xml 200");
    ck_assert_msg(first && strstr(first + 1, "/files/kma.xml 200"), "%s", l.data);
    buf_free(&l);
    test_stop(httpd);
    buf_free(&err);
}
END_TEST

/* A reading after a gap longer than the heartbeat is given its hour through
 * the daemon too, as with local files. */
START_TEST(test_gap_over_tcp)
{
    char a[4400], b[4400];
    feed("a.xml", 1, "11.0", a, sizeof a);
    feed("b.xml", 6, "16.0", b, sizeof b);
    buf_t out = {0}, err = {0};
    ck_assert_msg(wx((const char *[]){"ingest", a, b, NULL}, NULL, &err) == 0, "%s", err.data);
    ck_assert_int_eq(wx((const char *[]){"query", "108", "--date", "2024-05-05", "--step", "1h",
                                         "--format", "csv", NULL},
                        &out, &err),
                     0);
    ck_assert_msg(strstr(out.data, "2024-05-05T06:00:00+09:00,1714856400,16.0,") != NULL, "%s",
                  out.data);
    ck_assert_msg(strstr(out.data, "2024-05-05T05:00:00+09:00,1714852800,,") != NULL, "%s",
                  out.data);
    buf_free(&out), buf_free(&err);
}
END_TEST

Suite *remote_suite(void)
{
    Suite *s = suite_create("remote");
    TCase *t = tcase_create("remote");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 60);
    tcase_add_test(t, test_ingest_query_stations_over_tcp);
    tcase_add_test(t, test_wrong_address);
    tcase_add_test(t, test_graph_and_embed_over_tcp);
    tcase_add_test(t, test_permission_sets);
    tcase_add_test(t, test_poll_over_tcp);
    tcase_add_test(t, test_two_pollers_one_daemon);
    tcase_add_test(t, test_daemon_killed_mid_poll);
    tcase_add_test(t, test_acknowledged_unflushed_not_lost);
    tcase_add_test(t, test_gap_over_tcp);
    suite_add_tcase(s, t);
    return s;
}
