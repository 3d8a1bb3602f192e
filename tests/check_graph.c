/* check_graph: wxstrip graph, checked the way rrdtool's tests check graphs:
 * PRINT values over the exact window, pixel sizes, window boundaries. */
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "tests.h"

#define MAY5 1714834800L /* 2024-05-05 00:00 KST */

typedef struct {
    char dir[4096];
    char conf[4200], data[4200], graphs[4200], feeds[4200];
} genv;

static genv G;

/* The temperature the generated feeds give station 108 at hour H (since
 * 2024-05-03 00:00 KST): a daily wave plus a drift, known to the test. */
static double temp_at(int h)
{
    return round((12.0 + 7.0 * sin((h % 24 - 9) * M_PI / 12) + h * 0.05) * 10) / 10;
}

static const char *word_at(int h)
{
    static const char *const words[] = {"맑음", "구름많음", "흐림", "비", "눈", "박무"};
    return words[(h / 5) % 6];
}

/* Writes 72 hourly feeds (2024-05-03 00:00 .. 05-05 23:00) for 108 and 159. */
static void write_feeds(void)
{
    ck_assert_int_eq(mkdir(G.feeds, 0755), 0);
    for (int h = 0; h < 73; h++) {
        time_t t = MAY5 - 2 * 86400 + h * 3600L;
        struct tm tm;
        localtime_r(&t, &tm);
        char path[4400], text[1024];
        snprintf(path, sizeof path, "%s/%03d.xml", G.feeds, h);
        snprintf(text, sizeof text,
                 "<current xmlns=\"current\"><weather year=\"%d\" month=\"%02d\" day=\"%02d\" "
                 "hour=\"%02d\"><local stn_id=\"108\" icon=\"01\" desc=\"%s\" ta=\"%.1f\">서울"
                 "</local><local stn_id=\"159\" icon=\"01\" desc=\"맑음\" ta=\"%.1f\">부산"
                 "</local></weather></current>\n",
                 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, word_at(h), temp_at(h),
                 temp_at(h) + 3);
        test_write(path, text, strlen(text));
    }
}

static void write_conf(const char *extra)
{
    char reg[4096], text[8192];
    test_path(reg, sizeof reg, "stations/stations.tsv");
    snprintf(text, sizeof text, "data_dir = data\ngraph_dir = graphs\nstations_file = %s\n%s", reg,
             extra);
    test_write(G.conf, text, strlen(text));
}

/* Runs wxstrip -c G.conf ARGS with ENV added; returns the exit status. */
static int wx(char *const env[], buf_t *out, buf_t *err, const char *const *args)
{
    return test_wx(G.conf, env, args, out, err);
}

static void setup(void)
{
    test_tmpdir(G.dir, sizeof G.dir);
    snprintf(G.conf, sizeof G.conf, "%s/wx.conf", G.dir);
    snprintf(G.data, sizeof G.data, "%s/data", G.dir);
    snprintf(G.graphs, sizeof G.graphs, "%s/graphs", G.dir);
    snprintf(G.feeds, sizeof G.feeds, "%s/feeds", G.dir);
    write_conf("");
    write_feeds();
    /* ingest every feed, listed here: no shell is involved */
    char *argv[100];
    char paths[73][4400];
    size_t n = 0;
    argv[n++] = (char *)test_wxstrip();
    argv[n++] = "-c";
    argv[n++] = G.conf;
    argv[n++] = "ingest";
    for (int h = 0; h < 73; h++) {
        snprintf(paths[h], sizeof paths[h], "%s/%03d.xml", G.feeds, h);
        argv[n++] = paths[h];
    }
    argv[n] = NULL;
    buf_t err = {0};
    ck_assert_msg(test_run(argv, NULL, NULL, NULL, &err) == 0, "ingest: %s", err.data);
    buf_free(&err);
}

static void teardown(void)
{
    test_rmtree(G.dir);
}

/* The verbose line of PNG (a path ending in FILE): "WxH start..end ... min max last". */
static int verbose_line(const char *out, const char *file, int *w, int *h, long *start, long *end,
                        double *min, double *max, double *last)
{
    char needle[256];
    snprintf(needle, sizeof needle, "/%s ", file);
    const char *line = strstr(out, needle);
    if (!line)
        return 0;
    line += strlen(needle);
    return sscanf(line, "%dx%d %ld..%ld (%*[^)]) min %lf max %lf last %lf", w, h, start, end, min,
                  max, last) == 7;
}

/* What `rrdtool graph` itself PRINTs for the window: min, max, last. */
static void rrdtool_print(long start, long end, double *min, double *max, double *last)
{
    char rrd[4400], s[32], e[32], def[4600];
    snprintf(rrd, sizeof rrd, "%s/108.rrd", G.data);
    snprintf(s, sizeof s, "%ld", start);
    snprintf(e, sizeof e, "%ld", end);
    snprintf(def, sizeof def, "DEF:t=%s:temp:AVERAGE:step=600", rrd);
    char *argv[] = {"/usr/bin/rrdtool",
                    "graph",
                    "/dev/null",
                    "--start",
                    s,
                    "--end",
                    e,
                    def,
                    "VDEF:a=t,MINIMUM",
                    "VDEF:b=t,MAXIMUM",
                    "VDEF:c=t,LAST",
                    "PRINT:a:%.2lf",
                    "PRINT:b:%.2lf",
                    "PRINT:c:%.2lf",
                    NULL};
    buf_t out = {0};
    ck_assert_int_eq(test_run(argv, NULL, NULL, &out, NULL), 0);
    int w, h;
    ck_assert_int_eq(sscanf(out.data, "%dx%d %lf %lf %lf", &w, &h, min, max, last), 5);
    buf_free(&out);
}

static void png_size(const char *file, int *w, int *h)
{
    char path[4400];
    unsigned char b[24];
    snprintf(path, sizeof path, "%s/108/%s", G.graphs, file);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "%s missing", path);
    ck_assert_int_eq(fread(b, 1, 24, f), 24);
    fclose(f);
    ck_assert(memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0);
    *w = b[16] << 24 | b[17] << 16 | b[18] << 8 | b[19];
    *h = b[20] << 24 | b[21] << 16 | b[22] << 8 | b[23];
}

START_TEST(test_dated_graph_window_and_values)
{
    buf_t out = {0}, err = {0};
    int rc =
        wx(NULL, &out, &err, (const char *[]){"graph", "--date", "2024-05-05", "-v", "108", NULL});
    ck_assert_msg(rc == 0, "%s", err.data);
    int w, h;
    long start, end;
    double min, max, last;
    ck_assert_msg(verbose_line(out.data, "2024-05-05.png", &w, &h, &start, &end, &min, &max, &last),
                  "%s", out.data);
    /* the calendar day in KST: 00:00 to 24:00 */
    ck_assert_int_eq(start, MAY5);
    ck_assert_int_eq(end, MAY5 + 86400);
    /* the window holds the observations of 01:00 .. 24:00 (hours 49..72) */
    double want_min = 1e9, want_max = -1e9;
    for (int hr = 49; hr <= 72; hr++)
        want_min = fmin(want_min, temp_at(hr)), want_max = fmax(want_max, temp_at(hr));
    ck_assert_double_eq_tol(min, want_min, 1e-9);
    ck_assert_double_eq_tol(max, want_max, 1e-9);
    ck_assert_double_eq_tol(last, temp_at(72), 1e-9);
    /* and rrdtool, as a second client of the file, agrees */
    double rmin, rmax, rlast;
    rrdtool_print(start, end, &rmin, &rmax, &rlast);
    ck_assert_double_eq_tol(min, rmin, 1e-9);
    ck_assert_double_eq_tol(max, rmax, 1e-9);
    ck_assert_double_eq_tol(last, rlast, 1e-9);
    /* pixel sizes: what --verbose says is the file's, and @2x is twice 1x */
    int pw, ph, w2, h2;
    png_size("2024-05-05.png", &pw, &ph);
    ck_assert_int_eq(pw, w);
    ck_assert_int_eq(ph, h);
    ck_assert_int_gt(pw, 600); /* a 600 x 200 plot area plus axes and legend */
    ck_assert_int_gt(ph, 200);
    png_size("2024-05-05@2x.png", &w2, &h2);
    ck_assert_int_eq(w2, 2 * pw);
    ck_assert_int_eq(h2, 2 * ph);
    buf_free(&out), buf_free(&err);
}
END_TEST

START_TEST(test_periods_scales_and_size)
{
    buf_t out = {0}, err = {0};
    write_conf("graph_width = 400\ngraph_height = 120\n");
    int rc = wx(NULL, &out, &err, (const char *[]){"graph", "--scale", "1", "-v", NULL});
    ck_assert_msg(rc == 0, "%s", err.data);
    static const char *const files[] = {"day.png", "week.png", "month.png", "year.png"};
    int w0 = 0, h0 = 0;
    for (size_t i = 0; i < 4; i++) {
        int w, h;
        png_size(files[i], &w, &h);
        if (!w0)
            w0 = w, h0 = h;
        ck_assert_int_eq(w, w0); /* every period: the same size */
        ck_assert_int_eq(h, h0);
        ck_assert_int_lt(w, 600);
        ck_assert_int_gt(w, 400);
    }
    ck_assert_ptr_nonnull(strstr(out.data, "/159/day.png "));
    char path[4400];
    snprintf(path, sizeof path, "%s/108/day@2x.png", G.graphs);
    ck_assert_int_ne(access(path, F_OK), 0); /* --scale 1 */
    ck_assert_int_eq(wx(NULL, NULL, &err, (const char *[]){"graph", "--period", "fortnight", NULL}),
                     2);
    ck_assert_int_eq(
        wx(NULL, NULL, &err, (const char *[]){"graph", "--date", "2024-13-01", "108", NULL}), 2);
    buf_reset(&err);
    ck_assert_int_eq(wx(NULL, NULL, &err, (const char *[]){"graph", "가나다", NULL}), 2);
    ck_assert_ptr_nonnull(strstr(err.data, "'가나다' is not a station"));
    buf_free(&out), buf_free(&err);
}
END_TEST

/* With fontconfig limited to fonts without Hangul, graph refuses and
 * writes nothing. */
START_TEST(test_no_hangul_font)
{
    char fonts[4400], fcconf[4400], env_fc[4500], text[16384];
    snprintf(fonts, sizeof fonts, "%s/fonts", G.dir);
    snprintf(fcconf, sizeof fcconf, "%s/fonts.conf", G.dir);
    ck_assert_int_eq(mkdir(fonts, 0755), 0);
    const char *latin = "/usr/share/fonts/truetype/dejavu";
    snprintf(text, sizeof text,
             "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>"
             "<dir>%s</dir><dir>%s</dir><cachedir>%s/cache</cachedir></fontconfig>\n",
             fonts, access(latin, F_OK) == 0 ? latin : fonts, G.dir);
    test_write(fcconf, text, strlen(text));
    snprintf(env_fc, sizeof env_fc, "FONTCONFIG_FILE=%s", fcconf);
    char *env[] = {env_fc, NULL};
    buf_t err = {0};
    int rc = wx(env, NULL, &err, (const char *[]){"graph", "108", NULL});
    ck_assert_int_eq(rc, 1);
    ck_assert_ptr_nonnull(strstr(err.data, "no font with Hangul is installed"));
    ck_assert_ptr_nonnull(strstr(err.data, "fonts-nanum"));
    char png[4500];
    snprintf(png, sizeof png, "%s/108/day.png", G.graphs);
    ck_assert_int_ne(access(png, F_OK), 0); /* nothing written */
    buf_free(&err);
}
END_TEST

/* A PNG whole: the signature first, the IEND chunk last. */
static int whole_png(const char *path)
{
    buf_t b = {0};
    char why[128];
    if (file_read(path, 16u << 20, &b, why, sizeof why) < 0)
        return -1; /* not there (yet) */
    int ok = b.len > 20 && memcmp(b.data, "\x89PNG\r\n\x1a\n", 8) == 0 &&
             memcmp(b.data + b.len - 8, "IEND\xae\x42\x60\x82", 8) == 0;
    buf_free(&b);
    return ok;
}

/* A web server reading a graph while it is redrawn never gets half a file. */
START_TEST(test_reader_never_sees_partial_png)
{
    buf_t err = {0};
    ck_assert_int_eq(
        wx(NULL, NULL, &err, (const char *[]){"graph", "--period", "day", "108", NULL}), 0);
    char png[4400];
    snprintf(png, sizeof png, "%s/108/day.png", G.graphs);
    ck_assert_int_eq(whole_png(png), 1);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) { /* the redrawing side */
        for (int i = 0; i < 15; i++)
            if (wx(NULL, NULL, NULL, (const char *[]){"graph", "--period", "day", "108", NULL}))
                _exit(1);
        _exit(0);
    }
    long reads = 0, bad = 0;
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        bad += whole_png(png) != 1;
        reads++;
    }
    ck_assert_int_eq(WEXITSTATUS(status), 0);
    ck_assert_int_gt(reads, 20);
    ck_assert_int_eq(bad, 0);
    buf_free(&err);
}
END_TEST

/* A corrupt station file costs only its own graphs: they fail naming the
 * file, their old PNGs stay as they were, the other station is drawn. */
START_TEST(test_corrupt_file_costs_only_its_graphs)
{
    buf_t err = {0}, before = {0}, after = {0};
    char rrd[4400], png[4400], other[4400], why[256];
    ck_assert_int_eq(wx(NULL, NULL, &err, (const char *[]){"graph", "--period", "day", NULL}), 0);
    snprintf(rrd, sizeof rrd, "%s/108.rrd", G.data);
    snprintf(png, sizeof png, "%s/108/day.png", G.graphs);
    snprintf(other, sizeof other, "%s/159/day.png", G.graphs);
    ck_assert_int_eq(file_read(png, 1 << 22, &before, why, sizeof why), 0);
    ck_assert_int_eq(truncate(rrd, 1000), 0);
    ck_assert_int_eq(unlink(other), 0);
    buf_reset(&err);
    ck_assert_int_eq(wx(NULL, NULL, &err, (const char *[]){"graph", "--period", "day", NULL}), 1);
    char want[9000];
    snprintf(want, sizeof want, "graph %s: %s: ", png, rrd);
    ck_assert_msg(strstr(err.data, want), "no '%s' in:\n%s", want, err.data);
    ck_assert_int_eq(file_read(png, 1 << 22, &after, why, sizeof why), 0);
    ck_assert_uint_eq(after.len, before.len);
    ck_assert_int_eq(memcmp(after.data, before.data, before.len), 0);
    ck_assert_int_eq(whole_png(other), 1);
    struct stat sb;
    ck_assert_int_eq(stat(rrd, &sb), 0);
    ck_assert_int_eq(sb.st_size, 1000); /* left as it was */
    buf_free(&err), buf_free(&before), buf_free(&after);
}
END_TEST

/* ---- a full disk ---- */

/* Ingests a feed of two stations, then draws every graph, on a 400 KB
 * tmpfs: room for one station's file and a few PNGs. The tmpfs is mounted
 * in a user and mount namespace of the test's own (unshare -rm), so no
 * privilege is needed; what the runs left is copied out before it goes. */
static const char full_disk_script[] =
    "mount -t tmpfs -o size=400k wxstrip-test \"$1\" || exit 90\n"
    "\"$2\" -c \"$3\" --data-dir \"$1/data\" --graph-dir \"$1/graphs\" ingest \"$4\" "
    "2>\"$5/ingest.err\"; echo $? >\"$5/ingest.rc\"\n"
    "\"$2\" -c \"$3\" --data-dir \"$1/data\" --graph-dir \"$1/graphs\" graph "
    "2>\"$5/graph.err\"; echo $? >\"$5/graph.rc\"\n"
    "cp -a \"$1/data\" \"$1/graphs\" \"$5/\" || exit 91\n";

static void read_text(const char *dir, const char *name, buf_t *b)
{
    char path[4400], why[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    buf_reset(b);
    ck_assert_msg(file_read(path, 1 << 20, b, why, sizeof why) == 0, "%s", why);
}

/* Asserts that DIR holds no temporary or partial file: none of librrd's
 * "<name>.rrdXXXXXX", none of our ".<name>.tmp.XXXXXX". */
static void assert_no_leftovers(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "%s: cannot read", dir);
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *rrd = strstr(e->d_name, ".rrd");
        ck_assert_msg(!strstr(e->d_name, ".tmp.") && !(rrd && rrd[4]), "%s/%s left behind", dir,
                      e->d_name);
    }
    closedir(d);
}

START_TEST(test_full_disk_loses_nothing)
{
    char mnt[4200], out[4200], feed[4200];
    snprintf(mnt, sizeof mnt, "%s/mnt", G.dir);
    snprintf(out, sizeof out, "%s/out", G.dir);
    snprintf(feed, sizeof feed, "%s/full.xml", G.dir);
    ck_assert_int_eq(mkdir(mnt, 0755), 0);
    ck_assert_int_eq(mkdir(out, 0755), 0);
    const char *text = "<current xmlns=\"current\"><weather year=\"2024\" month=\"05\" day=\"05\" "
                       "hour=\"14\"><local stn_id=\"90\" icon=\"04\" desc=\"흐림\" ta=\"15.9\">속초"
                       "</local><local stn_id=\"108\" icon=\"08\" desc=\"비\" ta=\"18.6\">서울"
                       "</local></weather></current>\n";
    test_write(feed, text, strlen(text));
    char *argv[] = {"/usr/bin/unshare",
                    "-rm",
                    "/bin/sh",
                    "-c",
                    (char *)full_disk_script,
                    "sh",
                    mnt,
                    (char *)test_wxstrip(),
                    G.conf,
                    feed,
                    out,
                    NULL};
    buf_t err = {0}, b = {0};
    ck_assert_msg(test_run(argv, NULL, NULL, NULL, &err) == 0, "unshare: %s", err.data);

    /* the station that fitted is stored; the other is refused, saying why */
    read_text(out, "ingest.rc", &b);
    ck_assert_str_eq(b.data, "1\n");
    read_text(out, "ingest.err", &b);
    ck_assert_msg(strstr(b.data, "/data/108.rrd: no space left on the device"), "%s", b.data);
    char path[4400], *rrd[] = {"/usr/bin/rrdtool", "lastupdate", path, NULL};
    snprintf(path, sizeof path, "%s/data/90.rrd", out);
    buf_reset(&err);
    buf_t last = {0};
    ck_assert_int_eq(test_run(rrd, NULL, NULL, &last, &err), 0);
    ck_assert_msg(strstr(last.data, "1714885200: 15.9 203"), "%s", last.data);
    snprintf(path, sizeof path, "%s/data/108.rrd", out);
    ck_assert_int_ne(access(path, F_OK), 0); /* no partial file that would block it for ever */
    snprintf(path, sizeof path, "%s/data", out);
    assert_no_leftovers(path);

    /* graphs: what was drawn is whole; what did not fit is said */
    read_text(out, "graph.rc", &b);
    ck_assert_str_eq(b.data, "1\n");
    read_text(out, "graph.err", &b);
    ck_assert_msg(strstr(b.data, "the PNG came out cut short (no space left on the device)"), "%s",
                  b.data);
    size_t pngs = 0;
    for (const char *const *n = (const char *const[]){"day", "day@2x", "week", "week@2x", "month",
                                                      "month@2x", "year", "year@2x", NULL};
         *n; n++) {
        snprintf(path, sizeof path, "%s/graphs/90/%s.png", out, *n);
        if (access(path, F_OK) != 0)
            continue;
        pngs++;
        ck_assert_msg(whole_png(path) == 1, "%s is not a whole PNG", path);
    }
    ck_assert_uint_gt(pngs, 0);
    ck_assert_uint_lt(pngs, 8);
    snprintf(path, sizeof path, "%s/graphs/90", out);
    assert_no_leftovers(path);
    buf_free(&b), buf_free(&err), buf_free(&last);
}
END_TEST

Suite *graph_suite(void)
{
    Suite *s = suite_create("graph");
    TCase *tc = tcase_create("graph");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_dated_graph_window_and_values);
    tcase_add_test(tc, test_periods_scales_and_size);
    tcase_add_test(tc, test_no_hangul_font);
    tcase_add_test(tc, test_reader_never_sees_partial_png);
    tcase_add_test(tc, test_corrupt_file_costs_only_its_graphs);
    tcase_add_test(tc, test_full_disk_loses_nothing);
    suite_add_tcase(s, tc);
    return s;
}
