/* check_poll: poll and ingest against a real HTTP server, rrdcached and rrdtool. */
#include <fcntl.h>
#include <signal.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "tests.h"

typedef struct {
    char dir[4096];
    char docroot[4200], data[4200], conf[4200], log[4200];
    int httpd, port;
    time_t obs; /* the observation hour of the current feed */
} env;

static env E;

static void docroot_file(const char *name, const buf_t *b)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", E.docroot, name);
    test_write(path, b->data, b->len);
}

/* The demo feed and page as they are (stale-feed.xml, stale-page.html)
 * and re-dated to now (feed.xml, page.html: test_current_sources). */
static void current_sources(void)
{
    buf_t feed = {0}, page = {0};
    test_read("tests/fixtures/demo/kma-feed.xml", &feed);
    test_read("tests/fixtures/demo/news-page.html", &page);
    docroot_file("stale-feed.xml", &feed);
    docroot_file("stale-page.html", &page);
    buf_free(&feed), buf_free(&page);
    E.obs = test_current_sources(E.docroot);
}

static void write_conf(const char *extra)
{
    char reg[4096], text[16384];
    test_path(reg, sizeof reg, "stations/stations.tsv");
    snprintf(text, sizeof text,
             "data_dir = data\ngraph_dir = graphs\nstations_file = %s\ntimeout = "
             "2s\nmax_page_bytes = 1M\n"
             "lock_wait = 1s\n%s",
             reg, extra);
    test_write(E.conf, text, strlen(text));
}

static void setup(void)
{
    test_tmpdir(E.dir, sizeof E.dir);
    snprintf(E.docroot, sizeof E.docroot, "%s/docroot", E.dir);
    snprintf(E.data, sizeof E.data, "%s/data", E.dir);
    snprintf(E.conf, sizeof E.conf, "%s/wx.conf", E.dir);
    snprintf(E.log, sizeof E.log, "%s/httpd.log", E.dir);
    ck_assert_int_eq(mkdir(E.docroot, 0755), 0);
    write_conf("");
    current_sources();
    E.httpd = test_httpd_start(E.docroot, E.log, &E.port);
}

static void teardown(void)
{
    test_stop(E.httpd);
    test_rmtree(E.dir);
}

static const char *url(const char *path)
{
    static char u[32][256]; /* a few calls' worth of arguments */
    static int next;
    char *s = u[next++ % 32];
    snprintf(s, 256, "http://127.0.0.1:%d/%s", E.port, path);
    return s;
}

/* Runs wxstrip -c E.conf with ARGS; returns its exit status. */
static int wx(buf_t *err, const char *const *args)
{
    return test_wx(E.conf, NULL, args, NULL, err);
}

/* `rrdtool lastupdate` of a station's file: "TIME: TEMP CODE". */
static void lastupdate(int station, const char *daemon, char *dst, size_t size)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%d.rrd", E.data, station);
    char *argv[] = {"/usr/bin/rrdtool",         "lastupdate",   path,
                    daemon ? "--daemon" : NULL, (char *)daemon, NULL};
    buf_t out = {0};
    ck_assert_int_eq(test_run(argv, NULL, NULL, &out, NULL), 0);
    char *last = strrchr(out.data, '\n');
    while (last && last > out.data && last[1] == '\0') {
        *last = '\0';
        last = strrchr(out.data, '\n');
    }
    snprintf(dst, size, "%s", last ? last + 1 : out.data);
    buf_free(&out);
}

static void expect_last(int station, time_t t, const char *values, const char *daemon)
{
    char got[256], want[256];
    lastupdate(station, daemon, got, sizeof got);
    snprintf(want, sizeof want, "%lld: %s", (long long)t, values);
    ck_assert_str_eq(got, want);
}

/* The hourly LAST row of a station ending at T, through `rrdtool fetch`. */
static void expect_hour(int station, time_t t, const char *values)
{
    char path[4400], start[32], end[32], want[128];
    snprintf(path, sizeof path, "%s/%d.rrd", E.data, station);
    snprintf(start, sizeof start, "%lld", (long long)(t - 3600));
    snprintf(end, sizeof end, "%lld", (long long)t);
    char *argv[] = {
        "/usr/bin/rrdtool", "fetch", path, "LAST", "-r", "3600", "-s", start, "-e", end, NULL};
    buf_t out = {0};
    ck_assert_int_eq(test_run(argv, NULL, NULL, &out, NULL), 0);
    snprintf(want, sizeof want, "\n%lld: %s\n", (long long)t, values);
    ck_assert_msg(strstr(out.data, want) != NULL, "no row '%s' in:\n%s", want + 1, out.data);
    buf_free(&out);
}

static int file_exists(int station)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%d.rrd", E.data, station);
    return access(path, F_OK) == 0;
}

START_TEST(test_poll_feed_and_page)
{
    buf_t err = {0};
    int rc = wx(&err, (const char *[]){"poll", "--no-graphs", url("files/feed.xml"),
                                       url("files/page.html"), NULL});
    ck_assert_msg(rc == 0, "poll failed:\n%s", err.data);
    ck_assert_ptr_nonnull(strstr(err.data, "sources 2 ok, 0 failed; readings 118: 118 stored"));
    /* a station only the feed has: the feed's hour and values */
    expect_last(90, E.obs, "15.9 203", NULL);
    expect_hour(90, E.obs, "1.5900000000e+01 2.0300000000e+02");
    /* 서울: the feed's hour, then the page's reading at poll time */
    expect_hour(108, E.obs, "1.8600000000e+01 5.0200000000e+02");
    char got[256];
    lastupdate(108, NULL, got, sizeof got);
    ck_assert_msg(strstr(got, ": 8.6 301") && atoll(got) > E.obs, "108: %s", got);
    /* a feed item with desc="-": temperature stored, weather unknown */
    expect_last(98, E.obs, "18 U", NULL); /* 98 % 7 == 0: desc="-" in the demo feed */
    ck_assert(!file_exists(1));
    buf_free(&err);
}
END_TEST

static size_t count_log(const char *line)
{
    FILE *f = fopen(E.log, "r");
    size_t n = 0;
    char l[512];
    while (f && fgets(l, sizeof l, f))
        n += strcmp(l, line) == 0;
    if (f)
        fclose(f);
    return n;
}

/* The news page in EUC-KR with no charset of its own, labelled only by the
 * Content-Type header and sent gzip-compressed: read and stored as the
 * UTF-8 page is. */
START_TEST(test_gzip_and_header_charset)
{
    char path[4400], why[256];
    buf_t page = {0}, err = {0};
    snprintf(path, sizeof path, "%s/page.html", E.docroot);
    ck_assert_int_eq(file_read(path, 1 << 20, &page, why, sizeof why), 0);
    test_replace(&page, "<meta charset=\"utf-8\">", "");
    iconv_t cd = iconv_open("CP949", "UTF-8");
    ck_assert(cd != (iconv_t)-1);
    char *kr = malloc(page.len * 2), *in = page.data, *out = kr;
    size_t inleft = page.len, outleft = page.len * 2;
    ck_assert_ptr_nonnull(kr);
    ck_assert_uint_ne(iconv(cd, &in, &inleft, &out, &outleft), (size_t)-1);
    iconv_close(cd);
    snprintf(path, sizeof path, "%s/page-kr.html", E.docroot);
    test_write(path, kr, (size_t)(out - kr));
    const char *src = url("files/page-kr.html?charset=euc-kr&gzip=1");
    int rc = wx(&err, (const char *[]){"poll", "--no-graphs", src, NULL});
    ck_assert_msg(rc == 0, "poll failed:\n%s", err.data);
    ck_assert_msg(strstr(err.data, "sources 1 ok, 0 failed; readings 21: 21 stored"), "%s",
                  err.data);
    char got[256];
    lastupdate(108, NULL, got, sizeof got);
    ck_assert_msg(strstr(got, ": 8.6 301"), "108: %s", got);
    ck_assert_int_eq(count_log("/files/page-kr.html?charset=euc-kr&gzip=1 200 gzip\n"), 1);
    free(kr), buf_free(&page), buf_free(&err);
}
END_TEST

START_TEST(test_repoll_stores_nothing)
{
    buf_t err = {0};
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", "--no-graphs", url("files/feed.xml"), NULL}),
                     0);
    char state[4400];
    struct stat before, after;
    snprintf(state, sizeof state, "%s/sources.state", E.data);
    ck_assert_int_eq(stat(state, &before), 0);
    buf_reset(&err);
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", "--no-graphs", url("files/feed.xml"), NULL}),
                     0);
    ck_assert_int_eq(stat(state, &after), 0); /* nothing changed: not rewritten */
    ck_assert_uint_eq(before.st_ino, after.st_ino);
    ck_assert_ptr_nonnull(strstr(err.data, "sources 1 ok, 0 failed; readings 0: 0 stored"));
    ck_assert_int_eq(count_log("/files/feed.xml 304\n"), 1);
    /* without validators the page is parsed again and every reading skipped */
    buf_reset(&err);
    ck_assert_int_eq(
        wx(&err, (const char *[]){"poll", "--no-graphs", url("files/feed.xml?nocache=1"), NULL}),
        0);
    ck_assert_ptr_nonnull(strstr(err.data, "readings 97: 0 stored, 97 skipped"));
    expect_last(90, E.obs, "15.9 203", NULL);
    /* a source without validators leaves nothing to remember */
    ck_assert_int_eq(stat(state, &after), 0);
    ck_assert_uint_eq(before.st_ino, after.st_ino);
    buf_t st = {0};
    char why[256];
    ck_assert_int_eq(file_read(state, 1 << 20, &st, why, sizeof why), 0);
    ck_assert_ptr_nonnull(strstr(st.data, "files/feed.xml\t"));
    ck_assert_ptr_null(strstr(st.data, "nocache"));
    buf_free(&st);
    buf_free(&err);
}
END_TEST

static void expect_error(const char *err, const char *path, const char *why)
{
    char want[1024];
    snprintf(want, sizeof want, "wxstrip: %s: %s", url(path), why);
    ck_assert_msg(strstr(err, want) != NULL, "no '%s' in:\n%s", want, err);
}

START_TEST(test_faults_cost_only_themselves)
{
    buf_t err = {0};
    const char *redirect = "redirect?to=file:///etc/passwd";
    int rc = wx(&err, (const char *[]){"poll", "--no-graphs", url("status/404"), url("status/500"),
                                       url("hang"), url("big?bytes=2000000"),
                                       url("big?bytes=2000000&chunked=1"), url(redirect),
                                       url("garbage"), url("truncated"), url("status/304"),
                                       url("files/feed.xml"), url("files/missing.html"), NULL});
    ck_assert_int_eq(rc, 1);
    expect_error(err.data, "status/404", "HTTP 404 Not Found");
    expect_error(err.data, "status/500", "HTTP 500 Internal Server Error");
    expect_error(err.data, "hang", "timed out after 2 s");
    expect_error(err.data, "big?bytes=2000000", "the page is larger than the limit of 1048576");
    expect_error(err.data, "big?bytes=2000000&chunked=1", "the page is larger than the limit");
    expect_error(err.data, redirect, "redirected to file:///etc/passwd: only http and https");
    expect_error(err.data, "garbage", "");
    expect_error(err.data, "truncated", "transfer closed with");
    expect_error(err.data, "files/missing.html", "HTTP 404");
    /* a 304 to a request that sent no validator says nothing about the page */
    expect_error(err.data, "status/304",
                 "HTTP 304 Not Modified to a request that sent no validator");
    ck_assert_ptr_nonnull(strstr(err.data, "sources 1 ok, 10 failed; readings 97: 97 stored"));
    expect_last(108, E.obs, "18.6 502", NULL);
    buf_free(&err);
}
END_TEST

START_TEST(test_garbage_body_is_no_strip)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/noise.html", E.docroot);
    test_write(path, "\x01\x02\xff\xfe<<<>>>&&&\x80\x81", 14);
    buf_t err = {0};
    ck_assert_int_eq(
        wx(&err, (const char *[]){"poll", "--no-graphs", url("files/noise.html"), NULL}), 1);
    expect_error(err.data, "files/noise.html", "no weather readings found");
    buf_free(&err);
}
END_TEST

START_TEST(test_stale_sources_refused)
{
    buf_t err = {0};
    int rc = wx(&err, (const char *[]){"poll", "--no-graphs", url("files/stale-page.html"),
                                       url("files/stale-feed.xml"), NULL});
    ck_assert_int_eq(rc, 1);
    expect_error(err.data, "files/stale-page.html", "stale: the strip is dated 2025-11-25");
    expect_error(err.data, "files/stale-feed.xml", "stale: observation 2024-05-05 14:00 is");
    ck_assert_ptr_nonnull(strstr(err.data, "0 stored, 0 skipped (already stored), 118 rejected"));
    ck_assert(!file_exists(108));
    buf_free(&err);
}
END_TEST

START_TEST(test_ingest_at)
{
    char seed[4096];
    buf_t err = {0};
    test_path(seed, sizeof seed, "tests/fixtures/parse/seed-000.txt");
    ck_assert_int_eq(wx(&err, (const char *[]){"ingest", seed, NULL}), 1);
    ck_assert_ptr_nonnull(strstr(err.data, "gives a date but no time of day: give --at TIME"));
    ck_assert_int_eq(wx(&err, (const char *[]){"ingest", "--at", "2024-05-06T14:00", seed, NULL}),
                     1);
    ck_assert_ptr_nonnull(strstr(err.data, "the page is dated 2024-05-05, not 2024-05-06"));
    ck_assert(!file_exists(108));
    buf_reset(&err);
    ck_assert_int_eq(wx(&err, (const char *[]){"ingest", "--at", "2024-05-05T14:00", seed, NULL}),
                     0);
    ck_assert_ptr_nonnull(strstr(err.data, "readings 97: 97 stored"));
    time_t t = 1714885200; /* 2024-05-05 14:00 KST */
    expect_last(108, t, "18.6 502", NULL);
    expect_last(296, t, "18 203", NULL); /* 북부산, a nameless item */
    /* the feed of the same hour agrees with --at; of another hour it does not */
    char feed[4096];
    test_path(feed, sizeof feed, "tests/fixtures/demo/kma-feed.xml");
    ck_assert_int_eq(
        wx(&err, (const char *[]){"ingest", "--at", "2024-05-05T15:00+09:00", feed, NULL}), 1);
    ck_assert_ptr_nonnull(strstr(err.data, "observation time 14:00 disagrees with --at"));
    ck_assert_int_eq(wx(&err, (const char *[]){"ingest", "--at", "2024-05-05T05:00Z", feed, NULL}),
                     0);
    ck_assert_int_eq(wx(&err, (const char *[]){"ingest", "--at", "tomorrow", seed, NULL}), 2);
    buf_free(&err);
}
END_TEST

/* A feed of 108 alone, observed at HOUR:00 on 2024-05-05, in the docroot. */
static void hour_feed(const char *name, int hour, const char *ta)
{
    char text[512], path[4400];
    snprintf(text, sizeof text,
             "<current xmlns=\"current\"><weather year=\"2024\" month=\"05\" day=\"05\" "
             "hour=\"%02d\"><local stn_id=\"108\" icon=\"08\" desc=\"비\" ta=\"%s\">서울"
             "</local></weather></current>\n",
             hour, ta);
    snprintf(path, sizeof path, "%s/%s", E.docroot, name);
    test_write(path, text, strlen(text));
}

/* A reading from the future would make every true one after it "not
 * newer"; one from before what a file keeps would create a file that then
 * refuses the backfill: both are refused, naming the stations, and nothing
 * is stored for them. */
START_TEST(test_implausible_times_refused)
{
    char page[4400], feed[4400];
    snprintf(page, sizeof page, "%s/s.txt", E.docroot);
    test_write(page, "• 흐림서울 18.6℃\n• 비부산 20.1℃\n",
               strlen("• 흐림서울 18.6℃\n• 비부산 20.1℃\n"));
    static const char *const ats[] = {"2100-01-01T00:00", "9999-12-31T23:59", "0001-01-01T00:00",
                                      "1970-01-02T00:00"};
    static const char *const whys[] = {"in the future", "in the future", "older than the ten years",
                                       "older than the ten years"};
    buf_t err = {0};
    for (size_t i = 0; i < sizeof ats / sizeof ats[0]; i++) {
        buf_reset(&err);
        ck_assert_int_eq(wx(&err, (const char *[]){"ingest", "--at", ats[i], page, NULL}), 1);
        ck_assert_msg(strstr(err.data, whys[i]) &&
                          strstr(err.data, "nothing stored for 108 서울, 159 부산"),
                      "--at %s:\n%s", ats[i], err.data);
        ck_assert(!file_exists(108) && !file_exists(159));
    }
    /* a feed dated 2100 */
    hour_feed("f.xml", 14, "18.6");
    snprintf(feed, sizeof feed, "%s/f.xml", E.docroot);
    buf_t text = {0};
    ck_assert_int_eq(file_read(feed, 1 << 20, &text, page + 4000, 400), 0);
    char *y = strstr(text.data, "2024");
    memcpy(y, "2100", 4);
    test_write(feed, text.data, text.len);
    buf_reset(&err);
    ck_assert_int_eq(wx(&err, (const char *[]){"ingest", feed, NULL}), 1);
    ck_assert_ptr_nonnull(strstr(err.data, "its time 2100-05-05 14:00 is in the future"));
    ck_assert(!file_exists(108));
    /* the true reading after them is stored */
    snprintf(page, sizeof page, "%s/s.txt", E.docroot);
    buf_reset(&err);
    ck_assert_int_eq(wx(&err, (const char *[]){"ingest", "--at", "2024-05-05T14:00", page, NULL}),
                     0);
    expect_last(108, 1714885200, "18.6 203", NULL);
    buf_free(&err), buf_free(&text);
}
END_TEST

/* The reading that ends a gap longer than the heartbeat is kept: librrd
 * alone would leave its whole interval unknown and the reading with it;
 * wxstrip gives it the hour before it, and the gap stays unknown. */
START_TEST(test_reading_after_a_gap_is_kept)
{
    char a[4400], b[4400], c[4400];
    hour_feed("a.xml", 1, "11.0");
    hour_feed("b.xml", 2, "12.0");
    hour_feed("c.xml", 6, "16.5"); /* four hours later: 14400 s > 7800 s */
    snprintf(a, sizeof a, "%s/a.xml", E.docroot);
    snprintf(b, sizeof b, "%s/b.xml", E.docroot);
    snprintf(c, sizeof c, "%s/c.xml", E.docroot);
    buf_t err = {0};
    ck_assert_int_eq(wx(&err, (const char *[]){"ingest", a, b, c, NULL}), 0);
    ck_assert_ptr_nonnull(strstr(err.data, "readings 3: 3 stored"));
    time_t t0 = 1714838400; /* 2024-05-05 01:00 KST */
    expect_hour(108, t0 + 3600, "1.2000000000e+01 5.0200000000e+02");
    expect_hour(108, t0 + 5 * 3600, "1.6500000000e+01 5.0200000000e+02");
    expect_hour(108, t0 + 4 * 3600, "-nan -nan"); /* the gap */
    expect_hour(108, t0 + 2 * 3600, "-nan -nan");
    expect_last(108, t0 + 5 * 3600, "16.5 502", NULL);
    /* the same reading again is already stored */
    buf_reset(&err);
    ck_assert_int_eq(wx(&err, (const char *[]){"ingest", c, NULL}), 0);
    ck_assert_ptr_nonnull(strstr(err.data, "0 stored, 1 skipped"));
    buf_free(&err);
}
END_TEST

static unsigned mode_of(const char *path)
{
    struct stat sb;
    ck_assert_msg(stat(path, &sb) == 0, "%s: missing", path);
    return (unsigned)(sb.st_mode & 07777);
}

/* Every file wxstrip writes (the station's file, the lock, the validators,
 * graphs and pages) takes its mode from the umask, as the unit's UMask=
 * sets it; librrd alone writes 0644 whatever the umask. */
START_TEST(test_files_follow_umask)
{
    static const unsigned masks[] = {027, 002};
    for (size_t m = 0; m < sizeof masks / sizeof masks[0]; m++) {
        char conf[256], path[4600];
        snprintf(conf, sizeof conf, "graph_dir = graphs%zu\ndata_dir = data%zu\n", m, m);
        write_conf(conf);
        mode_t old = umask((mode_t)masks[m]);
        buf_t err = {0};
        int polled = wx(&err, (const char *[]){"poll", url("files/feed.xml"), NULL});
        umask(old);
        ck_assert_msg(polled == 0, "%s", err.data);
        unsigned want = 0666 & ~masks[m];
        const char *files[] = {"data%zu/108.rrd", "data%zu/.wxstrip.lock", "data%zu/sources.state",
                               "graphs%zu/108/day.png", "graphs%zu/index.html"};
        for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
            char rel[64];
            snprintf(rel, sizeof rel, files[i], m);
            snprintf(path, sizeof path, "%s/%s", E.dir, rel);
            ck_assert_msg(mode_of(path) == want, "%s: mode %o, want %o (umask %03o)", rel,
                          mode_of(path), want, masks[m]);
        }
        buf_free(&err);
    }
}
END_TEST

/* A daemon that takes one update and dies: every reading is reported with
 * the daemon's address, none is counted stored (librrd 1.7.2 reports the
 * next one accepted, from its previous answer; the file says otherwise),
 * nothing is written locally instead, and wxstrip ends with status 1, not
 * killed by SIGPIPE (141) without a word. */
START_TEST(test_daemon_hangs_up)
{
    char script[4096], sock[4400], addr[4500], var[4600], a[4400], b[4400], rrd[4400];
    test_path(script, sizeof script, "tests/fake-rrdcached.py");
    snprintf(sock, sizeof sock, "%s/fake.sock", E.dir);
    snprintf(addr, sizeof addr, "unix:%s", sock);
    snprintf(var, sizeof var, "RRDCACHED_ADDRESS=%s", addr);
    char *fake[] = {"/usr/bin/python3", script, sock, "1", NULL};
    int pid = test_spawn_ready(fake);
    char c[4400], d[4400];
    hour_feed("a.xml", 1, "11.0");
    hour_feed("b.xml", 2, "12.0");
    hour_feed("c.xml", 3, "13.0");
    hour_feed("d.xml", 4, "14.0");
    snprintf(a, sizeof a, "%s/a.xml", E.docroot);
    snprintf(b, sizeof b, "%s/b.xml", E.docroot);
    snprintf(c, sizeof c, "%s/c.xml", E.docroot);
    snprintf(d, sizeof d, "%s/d.xml", E.docroot);
    char *argv[] = {(char *)test_wxstrip(), "-c", E.conf, "ingest", a, b, c, d, NULL};
    char *envs[] = {var, NULL};
    buf_t err = {0};
    int rc = test_run(argv, envs, NULL, NULL, &err);
    test_stop(pid);
    ck_assert_msg(rc == 1, "status %d (-1: killed by a signal):\n%s", rc, err.data);
    ck_assert_ptr_nonnull(strstr(err.data, "readings 4: 0 stored, 0 skipped"));
    ck_assert_ptr_nonnull(strstr(err.data, "4 failed (station file errors)"));
    char want[9300];
    snprintf(want, sizeof want, "a.xml: station 108 서울: %s/108.rrd: rrdcached at %s", E.data,
             addr);
    ck_assert_msg(strstr(err.data, want) != NULL, "no '%s' in:\n%s", want, err.data);
    snprintf(rrd, sizeof rrd, "%s/108.rrd", E.data);
    ck_assert_msg(access(rrd, F_OK) != 0, "%s was written locally", rrd);
    buf_free(&err);
}
END_TEST

START_TEST(test_through_rrdcached)
{
    char rc_dir[4400], addr[4500], conf[4600];
    snprintf(rc_dir, sizeof rc_dir, "%s/rrdcached", E.dir);
    ck_assert_int_eq(mkdir(rc_dir, 0755), 0);
    ck_assert_int_eq(mkdir(E.data, 0755), 0);
    int pid = test_rrdcached_start(rc_dir, E.data);
    snprintf(addr, sizeof addr, "unix:%s/sock", rc_dir);
    snprintf(conf, sizeof conf, "rrdcached = %s\n", addr);
    write_conf(conf);
    buf_t err = {0};
    int rc = wx(&err, (const char *[]){"poll", "--no-graphs", url("files/feed.xml"),
                                       url("files/page.html"), NULL});
    ck_assert_msg(rc == 0, "%s", err.data);
    ck_assert_ptr_nonnull(strstr(err.data, "readings 118: 118 stored"));
    expect_last(90, E.obs, "15.9 203", addr);
    buf_reset(&err);
    rc = wx(&err, (const char *[]){"poll", "--no-graphs", url("files/feed.xml?nocache=1"), NULL});
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_nonnull(strstr(err.data, "readings 97: 0 stored, 97 skipped"));
    /* a graph drawn now shows what the daemon still holds (its write delay is
     * an hour): the 15.9 of a moment ago */
    buf_t out = {0};
    char *argv[] = {(char *)test_wxstrip(),
                    "-c",
                    E.conf,
                    "graph",
                    "--period",
                    "day",
                    "--scale",
                    "1",
                    "-v",
                    "90",
                    NULL};
    ck_assert_int_eq(test_run(argv, NULL, NULL, &out, &err), 0);
    ck_assert_msg(strstr(out.data, "/90/day.png ") && strstr(out.data, " last 15.90"), "%s",
                  out.data);
    buf_free(&out);
    test_stop(pid); /* -F: flushes everything on the way out */
    expect_last(90, E.obs, "15.9 203", NULL);
    expect_hour(108, E.obs, "1.8600000000e+01 5.0200000000e+02");
    buf_free(&err);
}
END_TEST

/* "Stored" through rrdcached means flushed: a daemon killed with SIGKILL
 * right after a poll (its journal buffered, its write delay an hour) has
 * lost nothing that poll counted, and the validators it saved (so the
 * next poll gets a 304) belong to readings that are in the files. */
START_TEST(test_killed_daemon_loses_nothing)
{
    char rc_dir[4400], addr[4500], conf[4600], state[4400];
    snprintf(rc_dir, sizeof rc_dir, "%s/rrdcached", E.dir);
    ck_assert_int_eq(mkdir(rc_dir, 0755), 0);
    ck_assert_int_eq(mkdir(E.data, 0755), 0);
    int pid = test_rrdcached_start(rc_dir, E.data);
    snprintf(addr, sizeof addr, "unix:%s/sock", rc_dir);
    snprintf(conf, sizeof conf, "rrdcached = %s\n", addr);
    write_conf(conf);
    buf_t err = {0}, st = {0};
    int rc = wx(&err, (const char *[]){"poll", "--no-graphs", url("files/feed.xml"), NULL});
    ck_assert_msg(rc == 0, "%s", err.data);
    ck_assert_ptr_nonnull(strstr(err.data, "readings 97: 97 stored"));
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    /* read without the daemon: the files have the poll's readings */
    expect_last(90, E.obs, "15.9 203", NULL);
    expect_last(108, E.obs, "18.6 502", NULL);
    expect_hour(184, E.obs, "2.4200000000e+01 5.0200000000e+02");
    snprintf(state, sizeof state, "%s/sources.state", E.data);
    ck_assert_int_eq(file_read(state, 1 << 20, &st, conf, sizeof conf), 0);
    ck_assert_ptr_nonnull(strstr(st.data, url("files/feed.xml")));
    buf_free(&err), buf_free(&st);
}
END_TEST

START_TEST(test_truncated_rrd_fails_only_its_station)
{
    char seed[4096], path[4400];
    buf_t err = {0}, before = {0}, after = {0};
    test_path(seed, sizeof seed, "tests/fixtures/demo/kma-feed.xml");
    ck_assert_int_eq(wx(&err, (const char *[]){"ingest", seed, NULL}), 0);
    snprintf(path, sizeof path, "%s/108.rrd", E.data);
    ck_assert_int_eq(truncate(path, 4000), 0);
    ck_assert_int_eq(test_run((char *[]){"/bin/cat", path, NULL}, NULL, NULL, &before, NULL), 0);
    int rc = wx(&err, (const char *[]){"poll", "--no-graphs", url("files/feed.xml"), NULL});
    ck_assert_int_eq(rc, 1);
    ck_assert_ptr_nonnull(strstr(err.data, "station 108 서울: "));
    ck_assert_ptr_nonnull(strstr(err.data, "/108.rrd: "));
    ck_assert_ptr_nonnull(strstr(err.data, "readings 97: 96 stored"));
    ck_assert_int_eq(test_run((char *[]){"/bin/cat", path, NULL}, NULL, NULL, &after, NULL), 0);
    ck_assert_uint_eq(after.len, 4000);
    ck_assert(memcmp(before.data, after.data, 4000) == 0);
    expect_last(90, E.obs, "15.9 203", NULL);
    buf_free(&err), buf_free(&before), buf_free(&after);
}
END_TEST

START_TEST(test_second_poll_waits_then_gives_up)
{
    char lock[4400];
    ck_assert_int_eq(mkdir(E.data, 0755), 0);
    snprintf(lock, sizeof lock, "%s/.wxstrip.lock", E.data);
    int fd = open(lock, O_RDWR | O_CREAT, 0644);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(flock(fd, LOCK_EX), 0);
    buf_t err = {0};
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", "--no-graphs", url("files/feed.xml"), NULL}),
                     1);
    ck_assert_ptr_nonnull(strstr(err.data, "another wxstrip is writing to"));
    ck_assert_ptr_nonnull(strstr(err.data, "gave up after waiting 1 s"));
    ck_assert(!file_exists(108));
    close(fd);
    buf_reset(&err);
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", "--no-graphs", url("files/feed.xml"), NULL}),
                     0);
    buf_free(&err);
}
END_TEST

START_TEST(test_configured_sources)
{
    char conf[1024];
    snprintf(conf, sizeof conf, "source = %s\nsource = %s euc-kr\n", url("files/feed.xml"),
             url("files/page.html"));
    write_conf(conf);
    buf_t err = {0};
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", "--no-graphs", "--no-graphs", NULL}), 0);
    ck_assert_ptr_nonnull(strstr(err.data, "sources 2 ok, 0 failed"));
    write_conf("");
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", "--no-graphs", NULL}), 2);
    ck_assert_ptr_nonnull(strstr(err.data, "no sources"));
    buf_free(&err);
}
END_TEST

static time_t mtime_of(const char *rel)
{
    char path[4400];
    struct stat sb;
    snprintf(path, sizeof path, "%s/graphs/%s", E.dir, rel);
    return stat(path, &sb) == 0 ? sb.st_mtime : 0;
}

static void set_mtime(const char *rel, time_t t)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/graphs/%s", E.dir, rel);
    test_write(path, "stale", 5);
    struct timespec ts[2] = {{t, 0}, {t, 0}};
    ck_assert_int_eq(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* A small current feed of two stations, so drawing stays quick. */
static void small_feed(const char *name, time_t obs, double temp)
{
    struct tm tm;
    localtime_r(&obs, &tm);
    char path[4400], text[512];
    snprintf(path, sizeof path, "%s/%s", E.docroot, name);
    snprintf(text, sizeof text,
             "<current><weather year=\"%d\" month=\"%02d\" day=\"%02d\" hour=\"%02d\">"
             "<local stn_id=\"108\" desc=\"비\" ta=\"%.1f\">서울</local>"
             "<local stn_id=\"90\" desc=\"맑음\" ta=\"3.0\">속초</local></weather></current>",
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, temp);
    test_write(path, text, strlen(text));
}

/* A poll draws what it changed (and finishes yesterday's graph once); a
 * poll that stored nothing draws nothing. */
START_TEST(test_poll_draws_lazily)
{
    write_conf("graph_scale = 1\n");
    time_t now = time(NULL);
    int y, m, d;
    struct tm tm;
    localtime_r(&now, &tm);
    y = tm.tm_year + 1900, m = tm.tm_mon + 1, d = tm.tm_mday;
    char today[64], yesterday[64];
    snprintf(today, sizeof today, "108/%04d-%02d-%02d.png", y, m, d);
    time_t yday = now - 86400;
    localtime_r(&yday, &tm);
    snprintf(yesterday, sizeof yesterday, "108/%04d-%02d-%02d.png", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday);
    char dir[4400];
    snprintf(dir, sizeof dir, "%s/graphs", E.dir);
    mkdir(dir, 0755);
    snprintf(dir, sizeof dir, "%s/graphs/108", E.dir);
    mkdir(dir, 0755);
    set_mtime(yesterday, yday); /* drawn yesterday, before its day was over */
    small_feed("small.xml", E.obs - 3600, 5.5);
    buf_t err = {0};
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", url("files/small.xml"), NULL}), 0);
    time_t drawn = mtime_of("108/day.png");
    ck_assert_int_gt(drawn, 0);
    ck_assert_int_gt(mtime_of("90/week.png"), 0);
    ck_assert_int_gt(mtime_of(today), 0);
    ck_assert_int_ge(mtime_of(yesterday), now); /* redrawn now, once more: final */
    time_t final = mtime_of(yesterday);
    ck_assert_int_eq(mtime_of("108/day@2x.png"), 0); /* graph_scale = 1 */
    ck_assert_int_eq(mtime_of("159/day.png"), 0);    /* no reading: no graph */
    sleep(1);
    /* nothing new: nothing drawn */
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", url("files/small.xml?nocache=1"), NULL}), 0);
    ck_assert_int_eq(mtime_of("108/day.png"), drawn);
    /* new data: redrawn, but a finished date never again */
    small_feed("small2.xml", E.obs, 6.5);
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", url("files/small2.xml"), NULL}), 0);
    ck_assert_int_gt(mtime_of("108/day.png"), drawn);
    ck_assert_int_eq(mtime_of(yesterday), final);
    buf_free(&err);
}
END_TEST

/* A poll killed between storing and drawing (here: --no-graphs) leaves
 * graphs older than their files; the next poll draws them though it stores
 * nothing new, and then leaves them until they are stale again. */
START_TEST(test_poll_draws_what_a_killed_poll_left)
{
    write_conf("graph_scale = 1\n");
    small_feed("small.xml", E.obs - 3600, 5.5);
    buf_t err = {0};
    ck_assert_int_eq(
        wx(&err, (const char *[]){"poll", "--no-graphs", url("files/small.xml"), NULL}), 0);
    ck_assert_int_eq(mtime_of("108/day.png"), 0);
    buf_reset(&err);
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", url("files/small.xml"), NULL}), 0);
    ck_assert_ptr_nonnull(strstr(err.data, ": 0 stored"));
    time_t drawn = mtime_of("108/day.png");
    ck_assert_int_gt(drawn, 0);
    ck_assert_int_gt(mtime_of("108/month.png"), 0);
    ck_assert_int_gt(mtime_of("index.html"), 0);
    sleep(1);
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", url("files/small.xml?nocache=1"), NULL}), 0);
    ck_assert_int_eq(mtime_of("108/day.png"), drawn);
    buf_free(&err);
}
END_TEST

/* A file under the test directory with mtime T (created). */
static void old_file(const char *rel, time_t t)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", E.dir, rel);
    test_write(path, "x", 1);
    struct timespec ts[2] = {{t, 0}, {t, 0}};
    ck_assert_int_eq(utimensat(AT_FDCWD, path, ts, 0), 0);
}

static int exists_rel(const char *rel)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", E.dir, rel);
    return access(path, F_OK) == 0;
}

/* What a killed run left (librrd's NNN.rrdXXXXXX, wxstrip's .NAME.tmp.XXXXXX)
 * goes at the next run's start, once over an hour old; nothing else does. */
START_TEST(test_temporaries_swept)
{
    time_t old = time(NULL) - 7200, fresh = time(NULL) - 60;
    char dir[4400];
    snprintf(dir, sizeof dir, "%s/data", E.dir);
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    snprintf(dir, sizeof dir, "%s/graphs", E.dir);
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    snprintf(dir, sizeof dir, "%s/graphs/108", E.dir);
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    static const char *const gone[] = {"data/108.rrdAb12Cd", "data/.sources.state.tmp.x1Y2z3",
                                       "graphs/.index.html.tmp.QwErTy",
                                       "graphs/108/.day.png.tmp.a1b2c3"};
    static const char *const kept[] = {
        "data/108.rrdAb12",    "data/notes.tmp.abcdef",         "data/.hidden",
        "data/x108.rrdAb12Cd", "graphs/108/day.png.tmp.a1b2c3", "graphs/other/.a.tmp.abcdef"};
    snprintf(dir, sizeof dir, "%s/graphs/other", E.dir);
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++)
        old_file(gone[i], old);
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
        old_file(kept[i], old);
    old_file("graphs/108/.week.png.tmp.zzzzzz", fresh); /* a live run's */
    buf_t err = {0};
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", "--no-graphs", url("files/feed.xml"), NULL}),
                     0);
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++)
        ck_assert_msg(!exists_rel(gone[i]), "%s was left", gone[i]);
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
        ck_assert_msg(exists_rel(kept[i]), "%s was removed", kept[i]);
    ck_assert(exists_rel("graphs/108/.week.png.tmp.zzzzzz"));
    ck_assert(exists_rel("data/108.rrd"));
    /* one sweep an hour: a poll within it walks no directory */
    old_file("graphs/108/.day.png.tmp.b2c3d4", old);
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", "--no-graphs", url("files/feed.xml"), NULL}),
                     0);
    ck_assert(exists_rel("graphs/108/.day.png.tmp.b2c3d4"));
    old_file("data/.wxstrip.swept", old); /* an hour later */
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", "--no-graphs", url("files/feed.xml"), NULL}),
                     0);
    ck_assert(!exists_rel("graphs/108/.day.png.tmp.b2c3d4"));
    buf_free(&err);
}
END_TEST

/* A source URL's password is sent, but never printed nor kept in
 * sources.state; one an older wxstrip kept there is dropped. */
START_TEST(test_credentials_never_kept)
{
    char ok[512], bad[512], state[4400], line[1024];
    snprintf(ok, sizeof ok, "http://reader:s3cret@127.0.0.1:%d/files/feed.xml", E.port);
    snprintf(bad, sizeof bad, "http://reader:s3cret@127.0.0.1:%d/status/404", E.port);
    ck_assert_int_eq(mkdir(E.data, 0755), 0);
    snprintf(state, sizeof state, "%s/sources.state", E.data);
    snprintf(line, sizeof line, "# old\nhttp://old:hunter2@127.0.0.1:%d/x\t\"e1\"\t\n", E.port);
    test_write(state, line, strlen(line));
    buf_t err = {0}, st = {0};
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", "--no-graphs", ok, bad, NULL}), 1);
    ck_assert_ptr_nonnull(strstr(err.data, "readings 97: 97 stored"));
    ck_assert_msg(!strstr(err.data, "s3cret"), "%s", err.data);
    snprintf(line, sizeof line, "http://reader@127.0.0.1:%d/status/404: HTTP 404", E.port);
    ck_assert_msg(strstr(err.data, line) != NULL, "%s", err.data);
    ck_assert_int_eq(file_read(state, 1 << 20, &st, line, sizeof line), 0);
    ck_assert_msg(!strstr(st.data, "s3cret") && !strstr(st.data, "hunter2"), "%s", st.data);
    snprintf(line, sizeof line, "http://reader@127.0.0.1:%d/files/feed.xml\t", E.port);
    ck_assert_msg(strstr(st.data, line) != NULL, "%s", st.data);
    /* the next poll finds its validators under the kept name: a 304 */
    buf_reset(&err);
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", "--no-graphs", ok, NULL}), 0);
    ck_assert_ptr_nonnull(strstr(err.data, "readings 0: 0 stored"));
    buf_free(&err), buf_free(&st);
}
END_TEST

/* A Hangul host name is fetched also where the environment gives no UTF-8
 * locale (systemd gives a service none): *.localhost is the loopback. */
START_TEST(test_hangul_host_name)
{
    char u[512];
    snprintf(u, sizeof u, "http://기상.localhost:%d/files/feed.xml", E.port);
    char *argv[] = {(char *)test_wxstrip(), "-c", E.conf, "poll", "--no-graphs", u, NULL};
    char *envs[] = {"LC_ALL=C", "LANG=C", NULL};
    buf_t err = {0};
    ck_assert_msg(test_run(argv, envs, NULL, NULL, &err) == 0, "%s", err.data);
    ck_assert_ptr_nonnull(strstr(err.data, "readings 97: 97 stored"));
    buf_free(&err);
}
END_TEST

/* A strip with no date line is stored at the poll time, with a warning
 * naming the source: a site whose date line changed shape is noticed. */
START_TEST(test_undated_strip_warns)
{
    static const char page[] = "<html><body><ul><li>흐림 서울 18.6℃</li><li>비 부산 20.1℃</li>"
                               "</ul><p>기상청 제공</p></body></html>\n";
    char path[4400];
    snprintf(path, sizeof path, "%s/undated.html", E.docroot);
    test_write(path, page, strlen(page));
    buf_t err = {0};
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", "--no-graphs", url("files/undated.html"),
                                               url("files/page.html"), NULL}),
                     0);
    char want[512];
    snprintf(want, sizeof want, "%s: the strip has no date line that wxstrip can read",
             url("files/undated.html"));
    ck_assert_msg(strstr(err.data, want) != NULL, "%s", err.data);
    ck_assert_ptr_null(strstr(strstr(err.data, want) + strlen(want), "no date line")); /* once */
    ck_assert_ptr_nonnull(strstr(err.data, "sources 2 ok"));
    buf_free(&err);
}
END_TEST

Suite *poll_suite(void)
{
    Suite *s = suite_create("poll");
    TCase *tc = tcase_create("poll");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_poll_feed_and_page);
    tcase_add_test(tc, test_repoll_stores_nothing);
    tcase_add_test(tc, test_gzip_and_header_charset);
    tcase_add_test(tc, test_faults_cost_only_themselves);
    tcase_add_test(tc, test_garbage_body_is_no_strip);
    tcase_add_test(tc, test_stale_sources_refused);
    tcase_add_test(tc, test_ingest_at);
    tcase_add_test(tc, test_reading_after_a_gap_is_kept);
    tcase_add_test(tc, test_implausible_times_refused);
    tcase_add_test(tc, test_files_follow_umask);
    tcase_add_test(tc, test_daemon_hangs_up);
    tcase_add_test(tc, test_killed_daemon_loses_nothing);
    tcase_add_test(tc, test_through_rrdcached);
    tcase_add_test(tc, test_truncated_rrd_fails_only_its_station);
    tcase_add_test(tc, test_second_poll_waits_then_gives_up);
    tcase_add_test(tc, test_configured_sources);
    tcase_add_test(tc, test_poll_draws_lazily);
    tcase_add_test(tc, test_poll_draws_what_a_killed_poll_left);
    tcase_add_test(tc, test_temporaries_swept);
    tcase_add_test(tc, test_credentials_never_kept);
    tcase_add_test(tc, test_hangul_host_name);
    tcase_add_test(tc, test_undated_strip_warns);
    suite_add_tcase(s, tc);
    return s;
}
