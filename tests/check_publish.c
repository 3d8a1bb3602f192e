/* check_publish: embed snippets and the gallery, checked against rrdtool, the
 * PNGs themselves and a headless Chromium on loopback. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests.h"

/* A registry name that must never reach a page as markup. */
#define EVIL "<script>alert(\"철원\")</script>'s"
#define EVIL_ESCAPED "&lt;script&gt;alert(&quot;철원&quot;)&lt;/script&gt;&#39;s"
#define DAY_START 1714834800L /* 2024-05-05 00:00 KST */
#define CHROMIUM "/usr/bin/chromium"
#define CHROMIUM_SECONDS 90

typedef struct {
    char dir[4096];
    char conf[4200], reg[4200], data[4200], graphs[4200], feeds[4200];
    int httpd; /* stopped by teardown */
} env;

static env E;

/* ---- data: KMA feeds for every hour of 2024-05-05 ---- */

/* 서울: falls to 14.0 at 05:00, rises to 18.5 at 14:00, then falls. */
static double seoul_temp(int h)
{
    return h <= 5 ? 16.0 - 0.4 * h : h <= 14 ? 14.0 + 0.5 * (h - 5) : 18.5 - 0.3 * (h - 14);
}

static const char *seoul_word(int h)
{
    return h >= 6 && h <= 20 ? "비" : "흐림"; /* rain 15 hours of 23 */
}

static void write_feed(int hour)
{
    char path[4300], text[2048];
    snprintf(path, sizeof path, "%s/%02d.xml", E.feeds, hour);
    int n = snprintf(text, sizeof text,
                     "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<current xmlns=\"current\">\n"
                     "<weather year=\"2024\" month=\"05\" day=\"05\" hour=\"%02d\">\n"
                     "<local stn_id=\"108\" icon=\"08\" desc=\"%s\" ta=\"%.1f\">서울</local>\n"
                     "<local stn_id=\"95\" icon=\"01\" desc=\"맑음\" ta=\"%.1f\">철원</local>\n"
                     "%s</weather>\n</current>\n",
                     hour, seoul_word(hour), seoul_temp(hour), 8.0 + 0.25 * hour,
                     hour == 14 ? "<local stn_id=\"90\" icon=\"04\" desc=\"흐림\" "
                                  "ta=\"15.9\">속초</local>\n"
                                : "");
    test_write(path, text, (size_t)n);
}

/* The bundled registry with 95's name replaced by EVIL. */
static void write_registry(void)
{
    buf_t reg = {0}, out = {0};
    test_read("stations/stations.tsv", &reg);
    const char *from = "\n95\t철원\t";
    char *at = strstr(reg.data, from);
    ck_assert_ptr_nonnull(at);
    buf_append(&out, reg.data, (size_t)(at - reg.data));
    buf_puts(&out, "\n95\t" EVIL "\t");
    buf_puts(&out, at + strlen(from));
    test_write(E.reg, out.data, out.len);
    buf_free(&reg), buf_free(&out);
}

/* Runs wxstrip -c E.conf --stations E.reg ARGS; returns its exit status. */
static int wx(buf_t *out, buf_t *err, const char *const *args)
{
    char *argv[48];
    size_t n = 0;
    argv[n++] = (char *)test_wxstrip();
    argv[n++] = "-c";
    argv[n++] = E.conf;
    argv[n++] = "--stations";
    argv[n++] = E.reg;
    for (; *args && n < 47; args++)
        argv[n++] = (char *)*args;
    argv[n] = NULL;
    return test_run(argv, NULL, NULL, out, err);
}

static void wx_ok(const char *const *args)
{
    buf_t err = {0};
    int rc = wx(NULL, &err, args);
    ck_assert_msg(rc == 0, "wxstrip %s: exit %d:\n%s", args[0], rc, err.data);
    buf_free(&err);
}

static void setup(void)
{
    char reg[4096], text[8192];
    test_tmpdir(E.dir, sizeof E.dir);
    snprintf(E.conf, sizeof E.conf, "%s/wx.conf", E.dir);
    snprintf(E.reg, sizeof E.reg, "%s/stations.tsv", E.dir);
    snprintf(E.data, sizeof E.data, "%s/data", E.dir);
    snprintf(E.graphs, sizeof E.graphs, "%s/graphs", E.dir);
    snprintf(E.feeds, sizeof E.feeds, "%s/feeds", E.dir);
    test_path(reg, sizeof reg, "stations/stations.tsv");
    snprintf(text, sizeof text, "data_dir = data\ngraph_dir = graphs\nstations_file = %s\n", reg);
    test_write(E.conf, text, strlen(text));
    write_registry();
    ck_assert_int_eq(mkdir(E.feeds, 0755), 0);
    const char *args[32] = {"ingest"};
    static char files[24][4300];
    for (int h = 1; h <= 23; h++) {
        write_feed(h);
        snprintf(files[h], sizeof files[h], "%s/%02d.xml", E.feeds, h);
        args[h] = files[h];
    }
    wx_ok(args);
    wx_ok((const char *[]){"graph", "--date", "2024-05-05", "108", "95", NULL});
}

static void teardown(void)
{
    test_stop(E.httpd);
    E.httpd = 0;
    if (getenv("WX_KEEP_TMP")) /* to look at a screenshot */
        fprintf(stderr, "check_publish: kept %s\n", E.dir);
    else
        test_rmtree(E.dir);
}

/* ---- independent readings of what was drawn ---- */

/* The pixel size in a PNG's IHDR chunk, after checking the signature. */
static void png_size(const char *path, int *w, int *h)
{
    unsigned char b[24];
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
    ck_assert_uint_eq(fread(b, 1, sizeof b, f), sizeof b);
    fclose(f);
    ck_assert(memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(b + 12, "IHDR", 4) == 0);
    *w = b[16] << 24 | b[17] << 16 | b[18] << 8 | b[19];
    *h = b[20] << 24 | b[21] << 16 | b[22] << 8 | b[23];
}

static void graph_size(int station, const char *file, int *w, int *h)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%d/%s", E.graphs, station, file);
    png_size(path, w, h);
}

/* Minimum and maximum of the hourly averages over the day, one decimal,
 * by `rrdtool graph ... PRINT`. */
static void rrd_minmax(int station, char *lo, char *hi)
{
    char def[4400], start[32], end[32];
    snprintf(def, sizeof def, "DEF:t=%s/%d.rrd:temp:AVERAGE:step=3600", E.data, station);
    snprintf(start, sizeof start, "%ld", DAY_START);
    snprintf(end, sizeof end, "%ld", DAY_START + 86400);
    char *argv[] = {"/usr/bin/rrdtool",
                    "graph",
                    "/dev/null",
                    "--start",
                    start,
                    "--end",
                    end,
                    def,
                    "VDEF:lo=t,MINIMUM",
                    "VDEF:hi=t,MAXIMUM",
                    "PRINT:lo:%.1lf",
                    "PRINT:hi:%.1lf",
                    NULL};
    buf_t out = {0};
    ck_assert_int_eq(test_run(argv, NULL, NULL, &out, NULL), 0);
    char size_line[32];
    ck_assert_int_eq(sscanf(out.data, "%31s %15s %15s", size_line, lo, hi), 3);
    buf_free(&out);
}

/* The same escaping as the module's, written again to check it. */
static void escape(const char *s, buf_t *out)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': buf_puts(out, "&amp;"); break;
        case '<': buf_puts(out, "&lt;"); break;
        case '>': buf_puts(out, "&gt;"); break;
        case '"': buf_puts(out, "&quot;"); break;
        case '\'': buf_puts(out, "&#39;"); break;
        default: buf_putc(out, *s);
        }
    }
}

static void read_file(const char *path, buf_t *out)
{
    char *argv[] = {"/bin/cat", (char *)path, NULL};
    ck_assert_msg(test_run(argv, NULL, NULL, out, NULL) == 0, "cannot read %s", path);
}

static void read_page(const char *rel, buf_t *out)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", E.graphs, rel);
    read_file(path, out);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static void expect_in(const char *hay, const char *needle)
{
    ck_assert_msg(strstr(hay, needle) != NULL, "no '%s' in:\n%s", needle, hay);
}

static void expect_before(const char *hay, const char *a, const char *b)
{
    const char *pa = strstr(hay, a), *pb = strstr(hay, b);
    ck_assert_msg(pa && pb && pa < pb, "'%s' is not before '%s'", a, b);
}

/* Checks a page with python3's HTML parser: a doctype, <html lang="ko">,
 * <meta charset="utf-8">, every element closed in order, no script. */
static void expect_valid_html(const char *rel)
{
    static const char checker[] =
        "import sys\n"
        "from html.parser import HTMLParser\n"
        "VOID = {'area','base','br','col','embed','hr','img','input','link','meta','source',"
        "'track','wbr'}\n"
        "class P(HTMLParser):\n"
        "    def __init__(s):\n"
        "        super().__init__(); s.stack = []; s.err = []; s.doctype = s.meta = False\n"
        "    def handle_decl(s, d): s.doctype = d.lower() == 'doctype html'\n"
        "    def handle_starttag(s, t, a):\n"
        "        if t == 'meta' and ('charset', 'utf-8') in a: s.meta = True\n"
        "        if t == 'html' and ('lang', 'ko') not in a: s.err.append('no lang=ko')\n"
        "        if t == 'script': s.err.append('a script')\n"
        "        if t not in VOID: s.stack.append(t)\n"
        "    def handle_endtag(s, t):\n"
        "        if not s.stack or s.stack[-1] != t:\n"
        "            s.err.append('</%s> closes %s' % (t, s.stack[-1:] or 'nothing'))\n"
        "        else: s.stack.pop()\n"
        "p = P(); p.feed(open(sys.argv[1], encoding='utf-8').read()); p.close()\n"
        "p.err += ['unclosed ' + ' '.join(p.stack)] if p.stack else []\n"
        "p.err += [] if p.doctype else ['no doctype']\n"
        "p.err += [] if p.meta else ['no meta charset']\n"
        "print('\\n'.join(p.err) or 'ok')\n";
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", E.graphs, rel);
    char *argv[] = {"/usr/bin/python3", "-c", (char *)checker, path, NULL};
    buf_t out = {0};
    ck_assert_int_eq(test_run(argv, NULL, NULL, &out, NULL), 0);
    ck_assert_msg(strcmp(out.data, "ok\n") == 0, "%s: %s", rel, out.data);
    buf_free(&out);
}

/* ---- wxstrip embed ---- */

static void embed(buf_t *out, const char *const *args)
{
    buf_t err = {0};
    int rc = wx(out, &err, args);
    ck_assert_msg(rc == 0, "embed: exit %d: %s", rc, err.data);
    buf_free(&err);
}

static void expected_day_snippet(char *dst, size_t size, const char *base)
{
    char lo[16], hi[16];
    int w, h;
    rrd_minmax(108, lo, hi);
    ck_assert_str_eq(lo, "14.0"); /* the data went in as written */
    ck_assert_str_eq(hi, "18.5");
    graph_size(108, "2024-05-05.png", &w, &h);
    snprintf(dst, size,
             "<figure class=\"wxstrip\">\n"
             "<img src=\"%s108/2024-05-05.png\" srcset=\"%s108/2024-05-05@2x.png 2x\" "
             "width=\"%d\" height=\"%d\" "
             "alt=\"서울 2024년 5월 5일 기온: 최저 %s℃, 최고 %s℃, 대체로 비\" "
             "loading=\"lazy\" decoding=\"async\" style=\"max-width:100%%;height:auto\">\n"
             "<figcaption>서울 기온 · 2024년 5월 5일 · 자료: 기상청</figcaption>\n"
             "</figure>\n",
             base, base, w, h, lo, hi);
}

START_TEST(test_embed_snippet)
{
    char want[2048];
    buf_t out = {0};
    expected_day_snippet(want, sizeof want, "");
    embed(&out, (const char *[]){"embed", "108", "--date", "2024-05-05", NULL});
    ck_assert_str_eq(out.data, want);
    /* by name, with a base URL (its trailing slash not doubled) */
    buf_reset(&out);
    expected_day_snippet(want, sizeof want, "https://news.example.com/wx/");
    embed(&out, (const char *[]){"embed", "서울", "--date", "2024-05-05", "--base-url",
                                 "https://news.example.com/wx/", NULL});
    ck_assert_str_eq(out.data, want);
    /* a rolling graph drawn at 1x only: no srcset; no data in its window */
    wx_ok((const char *[]){"graph", "--period", "week", "--scale", "1", "108", NULL});
    int w, h;
    graph_size(108, "week.png", &w, &h);
    snprintf(want, sizeof want,
             "<figure class=\"wxstrip\">\n<img src=\"108/week.png\" width=\"%d\" height=\"%d\" "
             "alt=\"서울 최근 7일 기온: 자료 없음\" loading=\"lazy\" decoding=\"async\" "
             "style=\"max-width:100%%;height:auto\">\n"
             "<figcaption>서울 기온 · 최근 7일 · 자료: 기상청</figcaption>\n</figure>\n",
             w, h);
    buf_reset(&out);
    embed(&out, (const char *[]){"embed", "--period", "week", "108", NULL});
    ck_assert_str_eq(out.data, want);
    buf_free(&out);
}
END_TEST

START_TEST(test_embed_escapes)
{
    char lo[16], hi[16], want[1024];
    buf_t out = {0};
    rrd_minmax(95, lo, hi);
    embed(&out, (const char *[]){"embed", EVIL, "--date", "2024-05-05", "--base-url",
                                 "https://ex.com/a&b\"c'd<e>", NULL});
    ck_assert_msg(!strstr(out.data, "<script") && !strstr(out.data, "\"철원"), "%s", out.data);
    snprintf(want, sizeof want,
             "alt=\"" EVIL_ESCAPED " 2024년 5월 5일 기온: 최저 %s℃, 최고 %s℃, "
             "대체로 맑음\"",
             lo, hi);
    expect_in(out.data, want);
    expect_in(out.data, "<figcaption>" EVIL_ESCAPED " 기온 · 2024년 5월 5일 · 자료: 기상청");
    expect_in(out.data, "src=\"https://ex.com/a&amp;b&quot;c&#39;d&lt;e&gt;/95/2024-05-05.png\"");
    /* the pages: escaped as text, and twice in the shown snippet */
    buf_t gallery = {0}, page = {0};
    read_page("index.html", &gallery);
    read_page("95/index.html", &page);
    ck_assert(!strstr(gallery.data, "<script") && !strstr(page.data, "<script"));
    expect_in(gallery.data, ">" EVIL_ESCAPED "</a>");
    expect_in(page.data, "<title>" EVIL_ESCAPED "(95) 기온 그래프</title>");
    expect_in(page.data, "<h1>" EVIL_ESCAPED "<span");
    expect_in(page.data, "alt=&quot;&amp;lt;script&amp;gt;alert(&amp;quot;철원&amp;quot;)");
    buf_free(&out), buf_free(&gallery), buf_free(&page);
}
END_TEST

/* Runs the command an error names ("run 'wxstrip graph ...'"). */
static void run_hint(const char *err)
{
    const char *at = strstr(err, "run 'wxstrip graph ");
    ck_assert_msg(at != NULL, "no hint in: %s", err);
    char cmd[256], *args[16];
    ck_assert_int_eq(sscanf(at + strlen("run 'wxstrip "), "%255[^']", cmd), 1);
    size_t n = 0;
    for (char *tok = strtok(cmd, " "); tok && n < 15; tok = strtok(NULL, " "))
        args[n++] = tok;
    args[n] = NULL;
    wx_ok((const char *const *)args);
}

static void expect_exit(int status, const char *message, const char *const *args)
{
    buf_t out = {0}, err = {0};
    ck_assert_int_eq(wx(&out, &err, args), status);
    ck_assert_msg(out.len == 0, "printed: %s", out.data);
    expect_in(err.data, message);
    buf_free(&out), buf_free(&err);
}

START_TEST(test_embed_missing)
{
    buf_t err = {0};
    ck_assert_int_eq(wx(NULL, &err, (const char *[]){"embed", "108", "--date", "2024-05-03", NULL}),
                     1);
    expect_in(err.data, "/108/2024-05-03.png has not been drawn yet: run 'wxstrip graph --date "
                        "2024-05-03 108'");
    run_hint(err.data); /* the hint draws it: then embed works */
    buf_t out = {0};
    embed(&out, (const char *[]){"embed", "108", "--date", "2024-05-03", NULL});
    expect_in(out.data, "alt=\"서울 2024년 5월 3일 기온: 자료 없음\"");
    buf_reset(&err);
    ck_assert_int_eq(wx(NULL, &err, (const char *[]){"embed", "95", "--period", "month", NULL}), 1);
    expect_in(err.data, "run 'wxstrip graph --period month 95'");
    run_hint(err.data);
    expect_exit(1, "station 100 대관령 has no data yet", (const char *[]){"embed", "100", NULL});
    expect_exit(2, "'가나다' is not a station", (const char *[]){"embed", "가나다", NULL});
    expect_exit(2, "2024-02-30 is not a date",
                (const char *[]){"embed", "108", "--date", "2024-02-30", NULL});
    expect_exit(2, "not both",
                (const char *[]){"embed", "108", "--date", "2024-05-05", "--period", "day", NULL});
    expect_exit(2, "'hour' is not day", (const char *[]){"embed", "108", "--period", "hour", NULL});
    expect_exit(2, "usage: wxstrip embed", (const char *[]){"embed", "108", "95", NULL});
    expect_exit(2, "usage: wxstrip embed", (const char *[]){"embed", NULL});
    expect_exit(2, "white space", (const char *[]){"embed", "108", "--base-url", "a b", NULL});
    buf_free(&err), buf_free(&out);
}
END_TEST

/* A finished day keeps the alt text it had (its hourly rows leave the RRD
 * after 63 days); a redrawn PNG makes it read the data again. */
START_TEST(test_finished_day_keeps_its_alt)
{
    char path[4400];
    struct stat sb;
    snprintf(path, sizeof path, "%s/108/.2024-05-05.alt", E.graphs);
    ck_assert_int_eq(stat(path, &sb), 0);
    buf_t kept = {0}, out = {0};
    read_file(path, &kept);
    char *alt = strstr(kept.data, "\n서울 2024년 5월 5일 기온: 최저 14.0℃");
    ck_assert_ptr_nonnull(alt);
    strcpy(alt + 1, "서울 2024년 5월 5일 기온: 기록된 설명\n");
    test_write(path, kept.data, strlen(kept.data));
    embed(&out, (const char *[]){"embed", "108", "--date", "2024-05-05", NULL});
    expect_in(out.data, "alt=\"서울 2024년 5월 5일 기온: 기록된 설명\"");
    wx_ok((const char *[]){"graph", "--date", "2024-05-05", "108", NULL});
    buf_reset(&out);
    embed(&out, (const char *[]){"embed", "108", "--date", "2024-05-05", NULL});
    expect_in(out.data, "alt=\"서울 2024년 5월 5일 기온: 최저 14.0℃, 최고 18.5℃, 대체로 비\"");
    buf_free(&kept), buf_free(&out);
}
END_TEST

/* ---- the gallery and the station pages ---- */

static void expect_no_temp_files(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    while ((e = readdir(d)))
        ck_assert_msg(!strstr(e->d_name, ".tmp."), "left behind: %s/%s", dir, e->d_name);
    closedir(d);
}

START_TEST(test_gallery)
{
    wx_ok((const char *[]){"graph", "--date", "2024-05-04", "108", NULL});
    wx_ok((const char *[]){"graph", "--period", "day", "108", NULL});
    buf_t index = {0}, page = {0}, snippet = {0}, escaped = {0};
    read_page("index.html", &index);
    /* every station with data, in number order, with its latest reading */
    expect_before(index.data, "<a href=\"90/index.html\">속초</a>", "<a href=\"95/index.html\">");
    expect_before(index.data, "<a href=\"95/index.html\">", "<a href=\"108/index.html\">서울</a>");
    ck_assert_uint_eq(count(index.data, "<li class=\"card\">"), 3);
    expect_in(index.data, "<span class=\"temp\">15.8℃</span> <span class=\"cond\">흐림</span>");
    expect_in(index.data, "<time datetime=\"2024-05-05T23:00+09:00\">2024-05-05 23:00 KST</time>");
    expect_in(index.data, "<span class=\"temp\">15.9℃</span> <span class=\"cond\">흐림</span>");
    /* only 108's day graph is drawn */
    int w, h;
    char want[512];
    graph_size(108, "day.png", &w, &h);
    snprintf(want, sizeof want,
             "<a href=\"108/index.html\"><img src=\"108/day.png\" srcset=\"108/day@2x.png 2x\" "
             "width=\"%d\" height=\"%d\" alt=\"서울 최근 24시간 기온: ",
             w, h);
    expect_in(index.data, want);
    ck_assert_uint_eq(count(index.data, "<img "), 1);
    ck_assert_uint_eq(count(index.data, "아직 그린 그래프가 없습니다"), 2);
    /* 108's page: the day graph, then its dates newest first, each with its snippet */
    read_page("108/index.html", &page);
    expect_before(page.data, "<section class=\"graph\" id=\"day\">",
                  "<section class=\"graph\" id=\"d2024-05-05\">");
    expect_before(page.data, "id=\"d2024-05-05\"", "id=\"d2024-05-04\"");
    ck_assert(!strstr(page.data, "id=\"week\""));
    expect_in(page.data,
              "<img src=\"../108/2024-05-05.png\" srcset=\"../108/2024-05-05@2x.png 2x\"");
    embed(&snippet, (const char *[]){"embed", "108", "--date", "2024-05-05", NULL});
    snippet.data[--snippet.len] = '\0'; /* the printed newline */
    escape(snippet.data, &escaped);
    expect_in(page.data, escaped.data);
    buf_reset(&page);
    read_page("90/index.html", &page);
    expect_in(page.data, "아직 그린 그래프가 없습니다: <code>wxstrip graph 90</code>");
    expect_valid_html("index.html");
    expect_valid_html("108/index.html");
    expect_valid_html("95/index.html");
    expect_valid_html("90/index.html");
    expect_no_temp_files(E.graphs);
    char dir[4400];
    snprintf(dir, sizeof dir, "%s/108", E.graphs);
    expect_no_temp_files(dir);
    buf_free(&index), buf_free(&page), buf_free(&snippet), buf_free(&escaped);
}
END_TEST

/* The current hour's feed for 108 and 90. */
static time_t write_current_feed(const char *path)
{
    time_t now = time(NULL), obs = now - now % 3600 - 3600;
    struct tm tm;
    localtime_r(&obs, &tm);
    char text[1024];
    int n = snprintf(text, sizeof text,
                     "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<current xmlns=\"current\">\n"
                     "<weather year=\"%04d\" month=\"%02d\" day=\"%02d\" hour=\"%02d\">\n"
                     "<local stn_id=\"108\" icon=\"08\" desc=\"소나기\" ta=\"-3.4\">서울</local>\n"
                     "<local stn_id=\"90\" icon=\"04\" desc=\"안개\" ta=\"2.0\">속초</local>\n"
                     "</weather>\n</current>\n",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour);
    test_write(path, text, (size_t)n);
    return obs;
}

START_TEST(test_poll_publishes)
{
    char feed[4400], index[4400], human[64], want[256];
    struct stat before, after;
    snprintf(feed, sizeof feed, "%s/now.xml", E.feeds);
    snprintf(index, sizeof index, "%s/index.html", E.graphs);
    time_t obs = write_current_feed(feed);
    wx_ok((const char *[]){"poll", feed, NULL});
    buf_t page = {0};
    read_page("index.html", &page);
    strftime(human, sizeof human, "%Y-%m-%d %H:%M KST", localtime(&obs));
    snprintf(want, sizeof want,
             "<span class=\"temp\">-3.4℃</span> <span class=\"cond\">소나기"
             "</span></p>\n<p class=\"time\"><time datetime=\"");
    expect_in(page.data, want);
    expect_in(page.data, human);
    expect_in(page.data, "<img src=\"90/day.png\"");
    expect_in(page.data, "<img src=\"108/day.png\"");
    buf_reset(&page);
    read_page("90/index.html", &page);
    expect_in(page.data, "<span class=\"temp\">2.0℃</span> <span class=\"cond\">안개</span>");
    expect_in(page.data, "id=\"year\"");
    /* a poll that stores nothing rewrites nothing */
    ck_assert_int_eq(stat(index, &before), 0);
    wx_ok((const char *[]){"poll", feed, NULL});
    ck_assert_int_eq(stat(index, &after), 0);
    ck_assert_uint_eq(before.st_ino, after.st_ino);
    /* --no-graphs publishes nothing either */
    wx_ok((const char *[]){"poll", "--no-graphs", feed, NULL});
    ck_assert_int_eq(stat(index, &after), 0);
    ck_assert_uint_eq(before.st_ino, after.st_ino);
    buf_free(&page);
}
END_TEST

/* ---- in a browser ---- */

/* Stops chromium: SIGTERM, then SIGKILL when it lingers. */
static int reap(pid_t pid, int timed_out)
{
    int status = 0;
    if (timed_out)
        kill(pid, SIGTERM);
    for (int i = 0; i < 100; i++) {
        if (waitpid(pid, &status, WNOHANG) == pid)
            return timed_out ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        usleep(100000);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return -1;
}

static void chromium_child(char *const argv[], int out)
{
    char log[4400], home[4400];
    snprintf(log, sizeof log, "%s/chromium.log", E.dir);
    snprintf(home, sizeof home, "%s/home", E.dir);
    mkdir(home, 0700);
    int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
    dup2(out, 1);
    if (fd >= 0)
        dup2(fd, 2);
    setenv("HOME", home, 1);
    setenv("XDG_CONFIG_HOME", home, 1);
    setenv("XDG_CACHE_HOME", home, 1);
    execv(argv[0], argv);
    _exit(127);
}

/* Runs headless Chromium with EXTRA flags on URL; standard output (the DOM
 * with --dump-dom) goes to OUT. Stopped by its PID after CHROMIUM_SECONDS.
 * Returns its exit status, -1 when it was stopped. */
static int chromium(const char *const *extra, const char *url, buf_t *out)
{
    char profile[4400], profile_flag[4500];
    snprintf(profile, sizeof profile, "%s/profile", E.dir);
    snprintf(profile_flag, sizeof profile_flag, "--user-data-dir=%s", profile);
    char *argv[24] = {CHROMIUM,
                      "--headless",
                      "--no-sandbox",
                      "--disable-gpu",
                      "--disable-background-networking",
                      "--disable-component-update",
                      "--disable-sync",
                      "--no-first-run",
                      profile_flag,
                      "--virtual-time-budget=10000"};
    size_t n = 10;
    for (; *extra && n < 22; extra++)
        argv[n++] = (char *)*extra;
    argv[n++] = (char *)url;
    argv[n] = NULL;
    ck_assert_msg(access(CHROMIUM, X_OK) == 0, CHROMIUM " is missing: make deps-test installs it");
    int p[2];
    ck_assert(pipe(p) == 0);
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0)
        close(p[0]), chromium_child(argv, p[1]);
    close(p[1]);
    time_t deadline = time(NULL) + CHROMIUM_SECONDS;
    int timed_out = 0;
    for (;;) {
        struct pollfd pf = {p[0], POLLIN, 0};
        long left = (long)(deadline - time(NULL));
        int r = left > 0 ? poll(&pf, 1, (int)left * 1000) : 0;
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            timed_out = 1;
            break;
        }
        char chunk[8192];
        ssize_t k = read(p[0], chunk, sizeof chunk);
        if (k <= 0)
            break;
        buf_append(out, chunk, (size_t)k);
    }
    close(p[0]);
    buf_append(out, "", 0);
    return reap(pid, timed_out);
}

/* A page that, once loaded, loads every image of itself and of its frames
 * (lazy ones too) and writes what it found into <pre id="result">. */
static const char check_script[] =
    "<pre id=\"result\">not run</pre>\n<script>\n"
    "function check(name, doc) {\n"
    "  var imgs = Array.prototype.slice.call(doc.images);\n"
    "  return Promise.all(imgs.map(function (img) {\n"
    "    if (img.complete) return null;\n"
    "    return new Promise(function (done) {\n"
    "      img.addEventListener('load', done); img.addEventListener('error', done);\n"
    "      img.loading = 'eager';\n"
    "    });\n"
    "  })).then(function () {\n"
    "    var loaded = imgs.filter(function (i) { return i.naturalWidth > 0; }).length;\n"
    "    var alt = imgs.filter(function (i) { return i.alt.trim() !== ''; }).length;\n"
    "    return name + ': images=' + imgs.length + ' loaded=' + loaded + ' alt=' + alt;\n"
    "  });\n"
    "}\n"
    "window.addEventListener('load', function () {\n"
    "  var docs = [check('page', document)];\n"
    "  document.querySelectorAll('iframe').forEach(function (f) {\n"
    "    docs.push(check(f.getAttribute('src'), f.contentDocument));\n"
    "  });\n"
    "  Promise.all(docs).then(function (lines) {\n"
    "    document.getElementById('result').textContent = lines.join(' | ');\n"
    "  });\n"
    "});\n</script>\n";

static void write_check_page(const char *name, const char *body)
{
    char path[4400];
    buf_t page = {0};
    snprintf(path, sizeof path, "%s/%s", E.graphs, name);
    buf_puts(&page, "<!DOCTYPE html>\n<html lang=\"ko\">\n<head><meta charset=\"utf-8\">"
                    "<title>check</title></head>\n<body>\n");
    buf_puts(&page, body);
    buf_puts(&page, check_script);
    buf_puts(&page, "</body>\n</html>\n");
    test_write(path, page.data, page.len);
    buf_free(&page);
}

/* 1x graphs in GRAPH_DIR/<station>/, as the station page shows them. */
static int drawn(int station)
{
    char dir[4400];
    snprintf(dir, sizeof dir, "%s/%d", E.graphs, station);
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += e->d_name[0] != '.' && strstr(e->d_name, ".png") && !strstr(e->d_name, "@2x");
    if (d)
        closedir(d);
    return n;
}

static const char *site_url(int port, const char *path)
{
    static char u[256];
    snprintf(u, sizeof u, "http://127.0.0.1:%d/site/%s", port, path);
    return u;
}

START_TEST(test_browser)
{
    char log[4400], want[512], shot[4400], flag[4500];
    wx_ok((const char *[]){"graph", "--period", "day", "108", "95", NULL});
    buf_t a = {0}, b = {0}, dom = {0};
    embed(&a, (const char *[]){"embed", "108", "--date", "2024-05-05", NULL});
    embed(&b, (const char *[]){"embed", EVIL, NULL});
    buf_append(&a, b.data, b.len);
    write_check_page("check-embed.html", a.data);
    write_check_page("check-site.html",
                     "<iframe src=\"index.html\" width=\"1200\" height=\"3000\"></iframe>\n"
                     "<iframe src=\"108/index.html\" width=\"1200\" height=\"3000\"></iframe>\n");
    snprintf(log, sizeof log, "%s/httpd.log", E.dir);
    int port;
    E.httpd = test_httpd_start(E.graphs, log, &port);
    int rc =
        chromium((const char *[]){"--dump-dom", NULL}, site_url(port, "check-embed.html"), &dom);
    ck_assert_msg(rc == 0, "chromium: exit %d; see %s/chromium.log", rc, E.dir);
    expect_in(dom.data, "<pre id=\"result\">page: images=2 loaded=2 alt=2</pre>");
    buf_reset(&dom);
    rc = chromium((const char *[]){"--dump-dom", NULL}, site_url(port, "check-site.html"), &dom);
    ck_assert_msg(rc == 0, "chromium: exit %d; see %s/chromium.log", rc, E.dir);
    int n = drawn(108);
    ck_assert_int_eq(n, 2); /* day and 2024-05-05 */
    snprintf(want, sizeof want,
             "<pre id=\"result\">page: images=0 loaded=0 alt=0 | index.html: images=2 loaded=2 "
             "alt=2 | 108/index.html: images=%d loaded=%d alt=%d</pre>",
             n, n, n);
    expect_in(dom.data, want);
    /* a screenshot of the gallery, kept in the test's directory */
    snprintf(shot, sizeof shot, "%s/shot.png", E.dir);
    snprintf(flag, sizeof flag, "--screenshot=%s", shot);
    buf_reset(&dom);
    rc = chromium((const char *[]){flag, "--window-size=1200,1600", NULL},
                  site_url(port, "index.html"), &dom);
    ck_assert_msg(rc == 0, "chromium: exit %d; see %s/chromium.log", rc, E.dir);
    int w, h;
    png_size(shot, &w, &h);
    ck_assert_int_eq(w, 1200);
    ck_assert_int_eq(h, 1600);
    buf_free(&a), buf_free(&b), buf_free(&dom);
}
END_TEST

Suite *publish_suite(void)
{
    Suite *s = suite_create("publish");
    TCase *tc = tcase_create("publish");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_embed_snippet);
    tcase_add_test(tc, test_embed_escapes);
    tcase_add_test(tc, test_embed_missing);
    tcase_add_test(tc, test_finished_day_keeps_its_alt);
    tcase_add_test(tc, test_gallery);
    tcase_add_test(tc, test_poll_publishes);
    suite_add_tcase(s, tc);
    TCase *browser = tcase_create("browser");
    tcase_add_checked_fixture(browser, setup, teardown);
    tcase_set_timeout(browser, 4 * CHROMIUM_SECONDS);
    tcase_add_test(browser, test_browser);
    suite_add_tcase(s, browser);
    return s;
}
