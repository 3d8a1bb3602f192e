/* check_metrics: metrics_file, written by real polls against tests/httpd.py
 * (also through rrdcached over TCP) and read back with Prometheus' own
 * parser (tests/metrics-parse.py, python3-prometheus-client); the station
 * values compared with what rrdtool reads from the files; the formatter's
 * text and label escaping. */
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "metrics.h"
#include "tests.h"

typedef struct {
    char dir[4096];
    char docroot[4200], data[4200], conf[4200], log[4200], textdir[4200], prom[4300];
    int httpd, port;
    time_t obs; /* the observation hour of the current feed */
} env;

static env E;

/* The test's configuration, with EXTRA lines after the common ones. */
static void write_conf(const char *extra)
{
    char reg[4096], text[16384];
    test_path(reg, sizeof reg, "stations/stations.tsv");
    snprintf(text, sizeof text,
             "data_dir = data\ngraph_dir = graphs\nstations_file = %s\ntimeout = 2s\n"
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
    snprintf(E.textdir, sizeof E.textdir, "%s/textfile", E.dir);
    snprintf(E.prom, sizeof E.prom, "%s/wxstrip.prom", E.textdir);
    ck_assert_int_eq(mkdir(E.docroot, 0755), 0);
    ck_assert_int_eq(mkdir(E.textdir, 0755), 0);
    write_conf("metrics_file = textfile/wxstrip.prom\n");
    E.obs = test_current_sources(E.docroot);
    E.httpd = test_httpd_start(E.docroot, E.log, &E.port);
}

static void teardown(void)
{
    test_stop(E.httpd);
    test_rmtree(E.dir);
}

static const char *url(const char *path)
{
    static char u[16][256];
    static int next;
    char *s = u[next++ % 16];
    snprintf(s, 256, "http://127.0.0.1:%d/%s", E.port, path);
    return s;
}

/* Runs wxstrip -c E.conf with ARGS; standard error into ERR. */
static int wx(buf_t *err, const char *const *args)
{
    buf_reset(err);
    return test_wx(E.conf, NULL, args, NULL, err);
}

/* ---- the metrics file as Prometheus reads it ---- */

/* PATH through Prometheus' parser: {"families": [{name, type, help,
 * samples: [{name, labels, value, timestamp}]}]}. Fails the test when the
 * parser refuses the file. */
static json_t *parse_metrics(const char *path)
{
    char script[4096];
    test_path(script, sizeof script, "tests/metrics-parse.py");
    char *argv[] = {"/usr/bin/python3", script, (char *)path, NULL};
    buf_t out = {0}, err = {0};
    int rc = test_run(argv, NULL, NULL, &out, &err);
    ck_assert_msg(rc == 0, "Prometheus' parser refused %s (%d): %s", path, rc, err.data);
    json_error_t je;
    json_t *doc = json_loads(out.data, 0, &je);
    ck_assert_msg(doc != NULL, "metrics-parse.py printed no JSON (%s): %s", je.text, out.data);
    buf_free(&out), buf_free(&err);
    return doc;
}

static json_t *family(json_t *doc, const char *name)
{
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(doc, "families"), i, f)
    {
        if (strcmp(json_string_value(json_object_get(f, "name")), name) == 0)
            return f;
    }
    return NULL;
}

static size_t nsamples(json_t *doc, const char *name)
{
    json_t *f = family(doc, name);
    return f ? json_array_size(json_object_get(f, "samples")) : 0;
}

/* The sample of family NAME whose label KEY is VAL (KEY NULL: its first
 * sample), or NULL. */
static json_t *find(json_t *doc, const char *name, const char *key, const char *val)
{
    json_t *f = family(doc, name), *s;
    size_t i;
    json_array_foreach(f ? json_object_get(f, "samples") : NULL, i, s)
    {
        const char *v =
            key ? json_string_value(json_object_get(json_object_get(s, "labels"), key)) : NULL;
        if (!key || (v && strcmp(v, val) == 0))
            return s;
    }
    return NULL;
}

static double value(json_t *doc, const char *name, const char *key, const char *val)
{
    json_t *s = find(doc, name, key, val);
    ck_assert_msg(s != NULL, "no sample %s{%s=\"%s\"}", name, key ? key : "", val ? val : "");
    json_t *v = json_object_get(s, "value");
    ck_assert_msg(json_is_number(v), "%s: value is no number", name);
    return json_number_value(v);
}

static double value_at(json_t *doc, const char *name, int station)
{
    char id[16];
    snprintf(id, sizeof id, "%d", station);
    return value(doc, name, "station", id);
}

/* What every family must be: wxstrip_*, a gauge with help, its samples of
 * its own name and without a timestamp. */
static void expect_well_formed(json_t *doc)
{
    json_t *families = json_object_get(doc, "families"), *f, *s;
    size_t i, j;
    ck_assert_uint_gt(json_array_size(families), 0);
    json_array_foreach(families, i, f)
    {
        const char *name = json_string_value(json_object_get(f, "name"));
        ck_assert_msg(strncmp(name, "wxstrip_", 8) == 0, "%s: no wxstrip_ prefix", name);
        ck_assert_str_eq(json_string_value(json_object_get(f, "type")), "gauge");
        ck_assert_msg(*json_string_value(json_object_get(f, "help")), "%s: no HELP", name);
        ck_assert_uint_gt(json_array_size(json_object_get(f, "samples")), 0);
        json_array_foreach(json_object_get(f, "samples"), j, s)
        {
            ck_assert_str_eq(json_string_value(json_object_get(s, "name")), name);
            ck_assert_msg(json_is_null(json_object_get(s, "timestamp")), "%s has a timestamp",
                          name);
        }
    }
}

/* The textfile directory holds the metrics file and nothing else: no
 * temporary file of the atomic write is left behind. */
static void expect_only_the_file(void)
{
    DIR *d = opendir(E.textdir);
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            ck_assert_msg(strcmp(e->d_name, "wxstrip.prom") == 0, "left in %s: %s", E.textdir,
                          e->d_name);
            n++;
        }
    closedir(d);
    ck_assert_uint_eq(n, 1);
}

/* ---- the stations, as rrdtool reads their files ---- */

/* `rrdtool lastupdate` of PATH: its time and temperature (NAN for U). */
static void lastupdate(const char *path, long long *t, double *temp)
{
    char *argv[] = {"/usr/bin/rrdtool", "lastupdate", (char *)path, NULL};
    buf_t out = {0};
    ck_assert_int_eq(test_run(argv, NULL, NULL, &out, NULL), 0);
    char *line = strrchr(out.data, ':');
    while (line && line > out.data && line[-1] != '\n')
        line--;
    char v[64];
    ck_assert_msg(line && sscanf(line, "%lld: %63s", t, v) == 2, "%s: %s", path, out.data);
    *temp = strcmp(v, "U") == 0 ? NAN : strtod(v, NULL);
    buf_free(&out);
}

/* Every station file in DIR has its samples, with the time and the
 * temperature rrdtool reads and the registry's name; no other station has. */
static void expect_stations_as_stored(json_t *doc, const char *dir)
{
    const char *tname = "wxstrip_station_last_observation_timestamp_seconds";
    const char *cname = "wxstrip_station_temperature_celsius";
    wx_registry *reg = test_registry();
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    size_t files = 0, temps = 0;
    while ((e = readdir(d))) {
        int id;
        char rest[8] = "", path[4400];
        if (sscanf(e->d_name, "%d.rr%7s", &id, rest) != 2 || strcmp(rest, "d") != 0)
            continue;
        files++;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        long long t;
        double temp;
        lastupdate(path, &t, &temp);
        ck_assert_msg(value_at(doc, tname, id) == (double)t, "station %d: time %.0f, file %lld", id,
                      value_at(doc, tname, id), t);
        char sid[16];
        snprintf(sid, sizeof sid, "%d", id);
        json_t *labels = json_object_get(find(doc, tname, "station", sid), "labels");
        const wx_station *st = stations_by_id(reg, id);
        ck_assert_str_eq(json_string_value(json_object_get(labels, "name")), st ? st->name : "");
        if (isnan(temp)) {
            ck_assert_ptr_null(find(doc, cname, "station", sid));
            continue;
        }
        temps++;
        ck_assert_msg(value_at(doc, cname, id) == temp, "station %d: %.2f, file %.2f", id,
                      value_at(doc, cname, id), temp);
    }
    closedir(d);
    ck_assert_uint_gt(files, 0);
    ck_assert_uint_eq(nsamples(doc, tname), files);
    ck_assert_uint_eq(nsamples(doc, cname), temps);
    stations_free(reg);
}

/* "readings N: S stored, K skipped" of the poll's summary line. */
static void summary_counts(const char *err, unsigned *stored, unsigned *skipped)
{
    const char *at = strstr(err, ": sources ");
    at = at ? strstr(at, "; readings ") : NULL;
    unsigned n;
    ck_assert_msg(at &&
                      sscanf(at, "; readings %u: %u stored, %u skipped", &n, stored, skipped) == 3,
                  "no summary line in:\n%s", err);
}

/* A poll of the feed, the page and the page again as a file whose name
 * needs every escape a label value has: the file Prometheus reads has
 * every source up since this poll, the counts the summary line gives, and
 * each station's last stored observation. */
START_TEST(test_poll_writes_metrics)
{
    buf_t page = {0}, err = {0};
    char odd[4400], copy[4400];
    snprintf(odd, sizeof odd, "%s/a \"quoted\" back\\slash\nnew line.html", E.dir);
    snprintf(copy, sizeof copy, "%s/page.html", E.docroot);
    test_read_abs(copy, &page);
    test_write(odd, page.data, page.len);
    time_t before = time(NULL);
    int rc = wx(&err, (const char *[]){"poll", "--no-graphs", url("files/feed.xml"),
                                       url("files/page.html"), odd, NULL});
    time_t after = time(NULL);
    ck_assert_msg(rc == 0, "poll failed:\n%s", err.data);
    json_t *doc = parse_metrics(E.prom);
    expect_well_formed(doc);
    double t = value(doc, "wxstrip_poll_timestamp_seconds", NULL, NULL);
    ck_assert(t >= (double)before && t <= (double)after);
    ck_assert(value(doc, "wxstrip_last_success_timestamp_seconds", NULL, NULL) == t);
    ck_assert(value(doc, "wxstrip_poll_success", NULL, NULL) == 1);
    double took = value(doc, "wxstrip_poll_duration_seconds", NULL, NULL);
    ck_assert(took > 0 && took <= (double)(after - before + 1));
    const char *srcs[] = {url("files/feed.xml"), url("files/page.html"), odd};
    for (size_t i = 0; i < 3; i++) {
        ck_assert(value(doc, "wxstrip_source_up", "source", srcs[i]) == 1);
        ck_assert(value(doc, "wxstrip_source_last_success_timestamp_seconds", "source", srcs[i]) ==
                  t);
    }
    ck_assert_uint_eq(nsamples(doc, "wxstrip_source_up"), 3);
    ck_assert(value(doc, "wxstrip_poll_sources", "result", "ok") == 3);
    ck_assert(value(doc, "wxstrip_poll_sources", "result", "failed") == 0);
    /* the counts of the summary line: the page's second copy is all skipped */
    unsigned stored, skipped;
    summary_counts(err.data, &stored, &skipped);
    ck_assert_uint_eq(stored, 118);
    ck_assert_uint_eq(skipped, 21);
    ck_assert(value(doc, "wxstrip_poll_readings", "result", "stored") == stored);
    ck_assert(value(doc, "wxstrip_poll_readings", "result", "skipped") == skipped);
    ck_assert(value(doc, "wxstrip_poll_readings", "result", "rejected") == 0);
    ck_assert(value(doc, "wxstrip_poll_readings", "result", "failed") == 0);
    ck_assert(value(doc, "wxstrip_poll_graphs_failed", NULL, NULL) == 0);
    /* the fixture's values: 속초 only in the feed; 서울 from the page */
    ck_assert(value_at(doc, "wxstrip_station_temperature_celsius", 90) == 15.9);
    ck_assert(value_at(doc, "wxstrip_station_last_observation_timestamp_seconds", 90) == E.obs);
    ck_assert(value_at(doc, "wxstrip_station_temperature_celsius", 108) == 8.6);
    ck_assert(value_at(doc, "wxstrip_station_last_observation_timestamp_seconds", 108) > E.obs);
    expect_stations_as_stored(doc, E.data);
    expect_only_the_file();
    json_decref(doc);
    buf_free(&page), buf_free(&err);
}
END_TEST

/* A source that dies keeps the time it last succeeded (from metrics.state)
 * while the one that answers 304 is up and newer; the stations keep what
 * their files hold; the file is replaced (a new inode), never rewritten. */
START_TEST(test_dead_source_keeps_last_success)
{
    buf_t err = {0};
    const char *feed = url("files/feed.xml"), *page = url("files/page.html");
    ck_assert_msg(wx(&err, (const char *[]){"poll", "--no-graphs", feed, page, NULL}) == 0, "%s",
                  err.data);
    json_t *first = parse_metrics(E.prom);
    double t1 = value(first, "wxstrip_poll_timestamp_seconds", NULL, NULL);
    ck_assert(value(first, "wxstrip_source_last_success_timestamp_seconds", "source", page) == t1);
    struct stat was, is;
    ck_assert_int_eq(stat(E.prom, &was), 0);
    while (time(NULL) <= (time_t)t1) /* the next poll's time is another second */
        usleep(50000);
    char gone[4400];
    snprintf(gone, sizeof gone, "%s/page.html", E.docroot);
    ck_assert_int_eq(unlink(gone), 0);
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", "--no-graphs", feed, page, NULL}), 1);
    json_t *doc = parse_metrics(E.prom);
    expect_well_formed(doc);
    double t2 = value(doc, "wxstrip_poll_timestamp_seconds", NULL, NULL);
    ck_assert(t2 > t1);
    ck_assert(value(doc, "wxstrip_source_up", "source", page) == 0);
    ck_assert(value(doc, "wxstrip_source_last_success_timestamp_seconds", "source", page) == t1);
    ck_assert(value(doc, "wxstrip_source_up", "source", feed) == 1); /* a 304 */
    ck_assert(value(doc, "wxstrip_source_last_success_timestamp_seconds", "source", feed) == t2);
    ck_assert(value(doc, "wxstrip_poll_success", NULL, NULL) == 0);
    ck_assert(value(doc, "wxstrip_last_success_timestamp_seconds", NULL, NULL) == t1);
    ck_assert(value(doc, "wxstrip_poll_sources", "result", "failed") == 1);
    ck_assert(value(doc, "wxstrip_poll_readings", "result", "stored") == 0);
    /* nothing read, and still every station as its file holds it */
    ck_assert(value_at(doc, "wxstrip_station_temperature_celsius", 108) ==
              value_at(first, "wxstrip_station_temperature_celsius", 108));
    expect_stations_as_stored(doc, E.data);
    ck_assert_int_eq(stat(E.prom, &is), 0);
    ck_assert_uint_ne(was.st_ino, is.st_ino);
    expect_only_the_file();
    json_decref(first), json_decref(doc);
    buf_free(&err);
}
END_TEST

/* A metrics file that cannot be written is an error naming it, exit 1;
 * the readings are stored all the same. */
START_TEST(test_metrics_write_fails)
{
    write_conf("metrics_file = missing/wxstrip.prom\n");
    buf_t err = {0};
    ck_assert_int_eq(wx(&err, (const char *[]){"poll", "--no-graphs", url("files/feed.xml"), NULL}),
                     1);
    char want[4400];
    snprintf(want, sizeof want, "wxstrip: metrics_file: cannot create a file beside %s/missing/",
             E.dir);
    ck_assert_msg(strstr(err.data, want) != NULL, "no '%s' in:\n%s", want, err.data);
    ck_assert_ptr_nonnull(strstr(err.data, "readings 97: 97 stored"));
    char rrd[4400];
    long long t;
    double temp;
    snprintf(rrd, sizeof rrd, "%s/90.rrd", E.data);
    lastupdate(rrd, &t, &temp);
    ck_assert_int_eq(t, E.obs);
    buf_free(&err);
}
END_TEST

/* ingest is a backfill, not a poll: it leaves the metrics file alone;
 * without metrics_file a poll writes none (nor metrics.state). */
START_TEST(test_ingest_and_unset_write_none)
{
    char feed[4400], state[4400];
    snprintf(feed, sizeof feed, "%s/feed.xml", E.docroot);
    snprintf(state, sizeof state, "%s/metrics.state", E.data);
    buf_t err = {0};
    ck_assert_msg(wx(&err, (const char *[]){"ingest", feed, NULL}) == 0, "%s", err.data);
    ck_assert_int_ne(access(E.prom, F_OK), 0);
    write_conf("metrics_file =\n");
    ck_assert_msg(wx(&err, (const char *[]){"poll", "--no-graphs", url("files/page.html"), NULL}) ==
                      0,
                  "%s", err.data);
    ck_assert_int_ne(access(E.prom, F_OK), 0);
    ck_assert_int_ne(access(state, F_OK), 0);
    buf_free(&err);
}
END_TEST

/* Through rrdcached over TCP: the stations are those the daemon lists,
 * with what its files hold; nothing local but the state. */
START_TEST(test_metrics_through_remote_rrdcached)
{
    char base[4300], files[4400], extra[512];
    snprintf(base, sizeof base, "%s/base", E.dir);
    ck_assert_int_eq(mkdir(base, 0755), 0);
    int port, daemon = test_rrdcached_tcp_start(E.dir, base, NULL, &port);
    snprintf(extra, sizeof extra,
             "metrics_file = textfile/wxstrip.prom\nrrdcached = 127.0.0.1:%d\nrrd_prefix = wx/\n",
             port);
    write_conf(extra);
    buf_t err = {0};
    int rc = wx(&err, (const char *[]){"poll", "--no-graphs", url("files/feed.xml"), NULL});
    ck_assert_msg(rc == 0, "%s", err.data);
    json_t *doc = parse_metrics(E.prom);
    expect_well_formed(doc);
    ck_assert(value(doc, "wxstrip_poll_readings", "result", "stored") == 97);
    ck_assert(value_at(doc, "wxstrip_station_temperature_celsius", 90) == 15.9);
    snprintf(files, sizeof files, "%s/wx", base);
    expect_stations_as_stored(doc, files);
    char local[4400];
    snprintf(local, sizeof local, "%s/90.rrd", E.data);
    ck_assert_int_ne(access(local, F_OK), 0);
    json_decref(doc);
    test_stop(daemon);
    buf_free(&err);
}
END_TEST

/* ---- the formatter alone ---- */

static void escaped(const char *in, const char *want)
{
    buf_t b = {0};
    ck_assert_int_eq(metrics_label_value(&b, in), 0);
    ck_assert_str_eq(b.data ? b.data : "", want);
    buf_free(&b);
}

START_TEST(test_label_escaping)
{
    escaped("", "");
    escaped("http://example.com/x?a=1", "http://example.com/x?a=1");
    escaped("서울", "서울");
    escaped("a\\b", "a\\\\b");
    escaped("say \"hi\"", "say \\\"hi\\\"");
    escaped("two\nlines\n", "two\\nlines\\n");
    escaped("\\\"\n", "\\\\\\\"\\n");
    escaped("tab\there", "tab\there"); /* only the three are escaped */
}
END_TEST

START_TEST(test_format_text)
{
    metrics_source src[] = {{"http://h/\"q\"\\\n", 1, 1714885200}, {"/dead", 0, 0}};
    metrics_station st[] = {{108, "서울", 1714885200, 18.6}, {159, "부산", 1714881600, NAN}};
    metrics_poll m = {.poll_time = 1714885260,
                      .success = 0,
                      .duration = 0.25,
                      .sources_ok = 1,
                      .sources_failed = 1,
                      .stored = 97,
                      .skipped = 3,
                      .sources = src,
                      .nsources = 2,
                      .stations = st,
                      .nstations = 2};
    buf_t b = {0};
    ck_assert_int_eq(metrics_format(&m, &b), 0);
    const char *want[] = {
        "# HELP wxstrip_poll_timestamp_seconds ",
        "\n# TYPE wxstrip_poll_timestamp_seconds gauge\nwxstrip_poll_timestamp_seconds "
        "1714885260\n",
        "\nwxstrip_poll_success 0\n",
        "\nwxstrip_poll_duration_seconds 0.25\n",
        "\nwxstrip_poll_readings{result=\"stored\"} 97\n",
        "\nwxstrip_poll_readings{result=\"skipped\"} 3\n",
        "\nwxstrip_source_up{source=\"http://h/\\\"q\\\"\\\\\\n\"} 1\n",
        "\nwxstrip_source_up{source=\"/dead\"} 0\n",
        "\nwxstrip_source_last_success_timestamp_seconds{source=\"http://h/\\\"q\\\"\\\\\\n\"} "
        "1714885200\n",
        "\nwxstrip_station_last_observation_timestamp_seconds{station=\"108\",name=\"서울\"} "
        "1714885200\n",
        "\nwxstrip_station_last_observation_timestamp_seconds{station=\"159\",name=\"부산\"} "
        "1714881600\n",
        "\nwxstrip_station_temperature_celsius{station=\"108\",name=\"서울\"} 18.6\n",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        ck_assert_msg(strstr(b.data, want[i]) != NULL, "no '%s' in:\n%s", want[i], b.data);
    /* no success yet, a source never up, a station without temperature:
     * no sample, and no family without one */
    ck_assert_ptr_null(strstr(b.data, "wxstrip_last_success_timestamp_seconds"));
    ck_assert_ptr_null(strstr(b.data, "source_last_success_timestamp_seconds{source=\"/dead\"}"));
    ck_assert_ptr_null(strstr(b.data, "temperature_celsius{station=\"159\""));
    /* every line: a comment, or NAME[{...}] VALUE with no timestamp after it */
    size_t lines = 0;
    for (char *p = b.data, *nl; (nl = strchr(p, '\n')); p = nl + 1, lines++) {
        if (*p == '#')
            continue;
        char *close = memchr(p, '}', (size_t)(nl - p));
        char *v = close ? close + 1 : strchr(p, ' ');
        ck_assert_msg(v && *v == ' ' && !memchr(v + 1, ' ', (size_t)(nl - v - 1)),
                      "not NAME VALUE: %.*s", (int)(nl - p), p);
    }
    ck_assert_uint_gt(lines, 20);
    ck_assert_int_eq(b.data[b.len - 1], '\n');
    buf_free(&b);
}
END_TEST

/* metrics_file: a path from the file's directory; empty is none. */
START_TEST(test_config_key)
{
    wx_config c;
    char err[512];
    config_init(&c);
    ck_assert_str_eq(c.metrics_file, "");
    const char *text = "metrics_file = prom/wxstrip.prom\n";
    ck_assert_int_eq(config_parse(&c, text, strlen(text), "t", "/etc/wx", err, sizeof err), 0);
    ck_assert_str_eq(c.metrics_file, "/etc/wx/prom/wxstrip.prom");
    ck_assert_int_eq(config_parse(&c, "metrics_file =\n", 15, "t", "/etc/wx", err, sizeof err), 0);
    ck_assert_str_eq(c.metrics_file, "");
    config_free(&c);
}
END_TEST

Suite *metrics_suite(void)
{
    Suite *s = suite_create("metrics");
    TCase *unit = tcase_create("format");
    tcase_add_test(unit, test_label_escaping);
    tcase_add_test(unit, test_format_text);
    tcase_add_test(unit, test_config_key);
    suite_add_tcase(s, unit);
    TCase *tc = tcase_create("poll");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_poll_writes_metrics);
    tcase_add_test(tc, test_dead_source_keeps_last_success);
    tcase_add_test(tc, test_metrics_write_fails);
    tcase_add_test(tc, test_ingest_and_unset_write_none);
    tcase_add_test(tc, test_metrics_through_remote_rrdcached);
    suite_add_tcase(s, tc);
    return s;
}
