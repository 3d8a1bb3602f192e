/* publish: the HTML wxstrip writes: embed snippets, the gallery, station pages.
 *
 * The only module that builds HTML. Every text that comes from a page, the
 * registry or the configuration goes through html_escape; every page is
 * written with atomic_write, so a web server never serves half a file. */
#include "publish.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "facts.h"
#include "fileio.h"
#include "graphs.h"
#include "vec.h"
#include "weather.h"

#define DATE_PNG_LEN 14 /* "2024-05-05.png" */

/* ---- escaping and wording ---- */

static const struct {
    char c;
    const char *entity;
} entities[] = {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&#39;"}};

static int escape_n(buf_t *b, const char *s, size_t len)
{
    const char *end = s + len;
    while (s < end) {
        size_t run = 0;
        while (s + run < end && !memchr("&<>\"'", s[run], 5))
            run++;
        if (buf_append(b, s, run) < 0)
            return -1;
        if ((s += run) == end)
            break;
        for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
            if (entities[i].c == *s && buf_puts(b, entities[i].entity) < 0)
                return -1;
        s++;
    }
    return 0;
}

int html_escape(buf_t *b, const char *s)
{
    return escape_n(b, s, strlen(s));
}

/* "2024-05-05 14:00 KST" and "2024-05-05T14:00+09:00" (for <time>). */
static void local_time(time_t t, char *human, size_t hsize, char *iso, size_t isize)
{
    struct tm tm;
    char minute[32];
    localtime_r(&t, &tm);
    strftime(human, hsize, "%Y-%m-%d %H:%M %Z", &tm);
    strftime(minute, sizeof minute, "%Y-%m-%dT%H:%M", &tm);
    long off = tm.tm_gmtoff < 0 ? -tm.tm_gmtoff : tm.tm_gmtoff;
    snprintf(iso, isize, "%s%c%02ld:%02ld", minute, tm.tm_gmtoff < 0 ? '-' : '+', off / 3600,
             off / 60 % 60);
}

/* ---- snippets ---- */

/* BASE/<id>/FILE, or <id>/FILE without a base; escaped for an attribute. */
static int image_url(buf_t *b, const char *base, int station, const char *file)
{
    if (base && *base) {
        size_t n = strlen(base);
        while (n > 0 && base[n - 1] == '/')
            n--;
        if (escape_n(b, base, n) < 0 || buf_putc(b, '/') < 0)
            return -1;
    }
    return buf_printf(b, "%d/", station) < 0 || html_escape(b, file) < 0 ? -1 : 0;
}

static int img_tag(buf_t *b, const graph_facts *g, const char *base)
{
    int station = g->job.station;
    if (buf_puts(b, "<img src=\"") < 0 || image_url(b, base, station, g->file) < 0)
        return -1;
    if (g->has2x && (buf_puts(b, "\" srcset=\"") < 0 ||
                     image_url(b, base, station, g->file2x) < 0 || buf_puts(b, " 2x") < 0))
        return -1;
    if (buf_printf(b, "\" width=\"%d\" height=\"%d\" alt=\"", g->width, g->height) < 0 ||
        html_escape(b, g->alt) < 0)
        return -1;
    return buf_puts(b, "\" loading=\"lazy\" decoding=\"async\" "
                       "style=\"max-width:100%;height:auto\">");
}

static int figure(buf_t *b, const graph_facts *g, const char *base)
{
    if (buf_puts(b, "<figure class=\"wxstrip\">\n") < 0 || img_tag(b, g, base) < 0 ||
        buf_puts(b, "\n<figcaption>") < 0 || html_escape(b, g->name) < 0 ||
        buf_puts(b, " 기온 · ") < 0 || html_escape(b, g->span) < 0)
        return -1;
    return buf_puts(b, " · 자료: 기상청</figcaption>\n</figure>");
}

static int has_data(const publish_ctx *pc, int station, char *err, size_t errlen)
{
    char path[WX_PATH_MAX + 32], name[WX_NAME_MAX];
    if (store_path(pc->st, station, path, sizeof path) < 0)
        return errf(err, errlen, "path too long");
    if (store_has(pc->st, station)) /* locally, or through a remote daemon */
        return 0;
    facts_name(pc->reg, station, name, sizeof name);
    return errf(err, errlen, "station %d %s has no data yet (no %s)", station, name, path);
}

int publish_snippet(const publish_ctx *pc, const render_job *graph, const char *base_url,
                    buf_t *out, char *err, size_t errlen)
{
    graph_facts g;
    if (has_data(pc, graph->station, err, errlen) < 0 ||
        facts_read(pc, graph, &g, 0, err, errlen) != 0)
        return -1;
    return figure(out, &g, base_url) < 0 ? errf(err, errlen, "out of memory") : 0;
}

/* ---- pages ---- */

static const char css[] =
    "body{margin:0;background:#f3f4f6;color:#1d1d1f;"
    "font:16px/1.6 \"Apple SD Gothic Neo\",\"Malgun Gothic\",\"Noto Sans KR\","
    "NanumGothic,sans-serif;word-break:keep-all}\n"
    "header{background:#fff;border-bottom:3px solid #d33a2c}\n"
    "header div,main,footer{max-width:1180px;margin:0 auto;padding:0 20px}\n"
    "header div{padding:18px 20px}\n"
    "h1{margin:0;font-size:26px;letter-spacing:-.5px}\n"
    "header p{margin:4px 0 0;color:#555}\n"
    "main{padding-top:24px;padding-bottom:24px}\n"
    "h2{font-size:20px;margin:8px 0 14px}\n"
    "a{color:#1a4f9c;text-decoration:none}a:hover{text-decoration:underline}\n"
    ".stations{list-style:none;margin:0;padding:0;display:grid;"
    "grid-template-columns:repeat(auto-fill,minmax(min(100%,440px),1fr));gap:18px}\n"
    ".card,.graph{background:#fff;border:1px solid #e1e3e6;border-radius:6px;padding:16px}\n"
    ".card h2{margin:0;font-size:20px}\n"
    ".id{color:#888;font-size:13px;font-weight:normal;margin-left:6px}\n"
    ".now{margin:2px 0 0}.temp{font-size:28px;font-weight:bold;color:#d33a2c}\n"
    ".cond{margin-left:8px;font-size:18px}\n"
    ".time{margin:0 0 10px;color:#666;font-size:13px}\n"
    "img{display:block;max-width:100%;height:auto}figure{margin:0}\n"
    "figcaption{color:#666;font-size:13px;margin-top:4px}\n"
    ".graph{margin:0 0 18px;display:grid;grid-template-columns:minmax(0,672px) "
    "minmax(0,1fr);gap:18px;align-items:start}\n"
    ".graph h3{grid-column:1/-1;margin:0;font-size:18px}\n"
    ".code p{margin:0 0 6px;font-size:13px;color:#555}\n"
    "pre{margin:0;padding:10px 12px;background:#f6f7f9;border:1px solid #e1e3e6;"
    "border-radius:4px;font:12px/1.5 D2Coding,monospace;white-space:pre-wrap;"
    "word-break:break-all}\n"
    ".none,.note,footer{color:#666;font-size:14px}footer{padding-bottom:32px}\n"
    ".nograph{margin:0;aspect-ratio:672/300;display:flex;align-items:center;"
    "justify-content:center;background:#f6f7f9;border-radius:4px;color:#888;font-size:14px}\n"
    "@media (max-width:900px){.graph{grid-template-columns:1fr}}\n";

/* From <!DOCTYPE html> to the opening <header>; TITLE is escaped. */
static int page_head(buf_t *b, const char *title)
{
    if (buf_puts(b, "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"wxstrip\">\n<title>") < 0 ||
        html_escape(b, title) < 0)
        return -1;
    return buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header><div>\n", css);
}

static int page_foot(buf_t *b)
{
    return buf_puts(b, "</main>\n<footer>자료: 기상청 · wxstrip</footer>\n</body>\n</html>\n");
}

/* The latest reading: temperature, weather word and time. -1 with err. */
static int reading(const publish_ctx *pc, int station, buf_t *b, char *err, size_t errlen)
{
    store_last last;
    char temp[16] = "–", human[64], iso[64];
    if (store_get_last(pc->st, station, &last, err, errlen) < 0)
        return -1;
    const wx_word *w = last.code > 0 ? weather_by_code(last.code) : NULL;
    if (!isnan(last.temp))
        facts_temp(last.temp, temp, sizeof temp);
    local_time(last.time, human, sizeof human, iso, sizeof iso);
    if (buf_printf(b, "<p class=\"now\"><span class=\"temp\">%s℃</span>", temp) < 0 ||
        (w && (buf_puts(b, " <span class=\"cond\">") < 0 || html_escape(b, w->word) < 0 ||
               buf_puts(b, "</span>") < 0)) ||
        buf_printf(b, "</p>\n<p class=\"time\"><time datetime=\"%s\">%s</time> 관측</p>\n", iso,
                   human) < 0)
        return errf(err, errlen, "out of memory");
    return 0;
}

static int write_page(const char *path, const buf_t *b, char *err, size_t errlen)
{
    return atomic_write(path, b->data ? b->data : "", b->len, 0, err, errlen);
}

/* ---- a station's page ---- */

/* One graph with its snippet as code; nothing when it is not drawn. */
static int graph_section(const publish_ctx *pc, const render_job *want, buf_t *b, int *shown,
                         char *err, size_t errlen)
{
    graph_facts g;
    int rc = facts_read(pc, want, &g, 1, err, errlen);
    if (rc != 0)
        return rc > 0 ? 0 : -1;
    char anchor[32];
    if (g.job.p == PERIOD_DATE)
        snprintf(anchor, sizeof anchor, "d%.10s", g.file);
    else
        snprintf(anchor, sizeof anchor, "%s", render_period_name(g.job.p));
    buf_t code = {0};
    rc = buf_printf(b, "<section class=\"graph\" id=\"%s\">\n<h3>", anchor) < 0 ||
         html_escape(b, g.span) < 0 || buf_puts(b, "</h3>\n") < 0 || figure(b, &g, "..") < 0 ||
         buf_puts(b, "\n<div class=\"code\">\n<p>기사 삽입 코드</p>\n<pre><code>") < 0 ||
         figure(&code, &g, "") < 0 || html_escape(b, code.data) < 0 ||
         buf_puts(b, "</code></pre>\n</div>\n</section>\n") < 0;
    buf_free(&code);
    (*shown)++;
    return rc ? errf(err, errlen, "out of memory") : 0;
}

static int name_desc(const void *a, const void *b)
{
    return strcmp((const char *)b, (const char *)a);
}

/* "2024-05-05.png": digits, dashes and the suffix in their places. */
static int is_date_png(const char *s)
{
    static const char shape[] = "dddd-dd-dd.png";
    if (strlen(s) != DATE_PNG_LEN)
        return 0;
    for (size_t i = 0; i < DATE_PNG_LEN; i++)
        if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
            return 0;
    return 1;
}

/* The dated graphs in DIR, newest first; free *NAMES. */
static int dated_files(const char *dir, char (**names)[DATE_PNG_LEN + 1], size_t *n, char *err,
                       size_t errlen)
{
    DIR *d = opendir(dir);
    size_t cap = 0;
    struct dirent *e;
    *names = NULL, *n = 0;
    if (!d)
        return errno == ENOENT ? 0 : errf(err, errlen, "%s: %s", dir, strerror(errno));
    while ((e = readdir(d))) {
        if (!is_date_png(e->d_name))
            continue;
        if (VEC_RESERVE(*names, *n, cap, 64) < 0) {
            closedir(d);
            return errf(err, errlen, "out of memory");
        }
        memcpy((*names)[(*n)++], e->d_name, DATE_PNG_LEN + 1);
    }
    closedir(d);
    if (*n)
        qsort(*names, *n, sizeof **names, name_desc);
    return 0;
}

/* A heading and the sections of JOBS, or nothing when none is drawn. */
static int section_group(const publish_ctx *pc, const char *heading, const render_job *jobs,
                         size_t n, buf_t *b, int *shown, char *err, size_t errlen)
{
    buf_t part = {0};
    int before = *shown, rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = graph_section(pc, &jobs[i], &part, shown, err, errlen);
    if (rc == 0 && *shown > before &&
        (buf_printf(b, "<h2>%s</h2>\n", heading) < 0 || buf_append(b, part.data, part.len) < 0))
        rc = errf(err, errlen, "out of memory");
    buf_free(&part);
    return rc;
}

static int dated_group(const publish_ctx *pc, const graph_facts *any, buf_t *b, int *shown,
                       char *err, size_t errlen)
{
    char(*names)[DATE_PNG_LEN + 1];
    size_t n;
    if (dated_files(any->dir, &names, &n, err, errlen) < 0)
        return -1;
    render_job *jobs = calloc(n ? n : 1, sizeof *jobs);
    int rc = jobs ? 0 : errf(err, errlen, "out of memory");
    size_t valid = 0;
    for (size_t i = 0; i < n && jobs; i++) {
        render_job *j = &jobs[valid];
        *j = (render_job){.station = any->job.station, .p = PERIOD_DATE};
        sscanf(names[i], "%4d-%2d-%2d", &j->year, &j->month, &j->day);
        valid += render_window(j, 0) == 0; /* "2024-13-45.png" is no graph of ours */
    }
    if (rc == 0)
        rc = section_group(pc, "날짜별 그래프", jobs, valid, b, shown, err, errlen);
    free(jobs);
    free(names);
    return rc;
}

static int station_body(const publish_ctx *pc, const graph_facts *any, buf_t *b, char *err,
                        size_t errlen)
{
    int id = any->job.station, shown = 0;
    render_job rolling[PERIOD_DATE];
    for (int p = PERIOD_DAY; p < PERIOD_DATE; p++)
        rolling[p] = (render_job){.station = id, .p = p};
    if (buf_puts(b, "<p><a href=\"../index.html\">← 전체 관측소</a></p>\n<h1>") < 0 ||
        html_escape(b, any->name) < 0 ||
        buf_printf(b, "<span class=\"id\">%d</span></h1>\n", id) < 0)
        return errf(err, errlen, "out of memory");
    if (reading(pc, id, b, err, errlen) < 0 || buf_puts(b, "</div></header>\n<main>\n") < 0 ||
        section_group(pc, "기간별 그래프", rolling, PERIOD_DATE, b, &shown, err, errlen) < 0 ||
        dated_group(pc, any, b, &shown, err, errlen) < 0)
        return -1;
    if (!shown && buf_printf(b,
                             "<p class=\"none\">아직 그린 그래프가 없습니다: "
                             "<code>wxstrip graph %d</code></p>\n",
                             id) < 0)
        return errf(err, errlen, "out of memory");
    if (shown && buf_printf(b,
                            "<p class=\"note\">삽입 코드의 이미지 주소는 그래프 "
                            "디렉터리를 기준으로 한 상대 주소입니다. 절대 주소는 "
                            "<code>wxstrip embed %d --base-url URL</code>로 만드세요.</p>\n",
                            id) < 0)
        return errf(err, errlen, "out of memory");
    return 0;
}

static int station_page(const publish_ctx *pc, int id, char *err, size_t errlen)
{
    graph_facts any = {.job = {.station = id}};
    char title[WX_NAME_MAX + 64], path[sizeof any.dir + 16];
    facts_name(pc->reg, id, any.name, sizeof any.name);
    snprintf(title, sizeof title, "%s(%d) 기온 그래프", any.name, id);
    if (bprintf(any.dir, sizeof any.dir, "%s/%d", pc->cfg->graph_dir, id) < 0 ||
        bprintf(path, sizeof path, "%s/index.html", any.dir) < 0)
        return errf(err, errlen, "%s: path too long", pc->cfg->graph_dir);
    if (file_mkdirs(any.dir, err, errlen) < 0)
        return -1;
    buf_t b = {0};
    int rc = page_head(&b, title) < 0 ? errf(err, errlen, "out of memory") : 0;
    if (rc == 0)
        rc = station_body(pc, &any, &b, err, errlen);
    if (rc == 0 && page_foot(&b) < 0)
        rc = errf(err, errlen, "out of memory");
    if (rc == 0)
        rc = write_page(path, &b, err, errlen);
    buf_free(&b);
    return rc;
}

/* ---- the gallery ---- */

typedef struct {
    char *err;
    size_t errlen;
    unsigned n; /* failures so far; err holds the first */
} failures;

static void failed(failures *f, const char *msg)
{
    if (f->n++ == 0)
        snprintf(f->err, f->errlen, "%s", msg);
}

static int finish(failures *f)
{
    size_t len = strlen(f->err);
    if (f->n > 1 && len < f->errlen)
        snprintf(f->err + len, f->errlen - len, " (and %u more)", f->n - 1);
    return f->n ? -1 : 0;
}

/* The day graph, linked to the station's page; a note when not drawn. */
static int card_graph(const publish_ctx *pc, int id, buf_t *b, failures *f)
{
    graph_facts g;
    char err[1024];
    render_job want = {.station = id, .p = PERIOD_DAY};
    int rc = facts_read(pc, &want, &g, 0, err, sizeof err);
    if (rc < 0)
        failed(f, err);
    if (rc != 0)
        return buf_puts(b, "<p class=\"nograph\">아직 그린 그래프가 없습니다</p>\n");
    if (buf_printf(b, "<a href=\"%d/index.html\">", id) < 0 || img_tag(b, &g, "") < 0)
        return -1;
    return buf_puts(b, "</a>\n");
}

static int card(const publish_ctx *pc, int id, buf_t *b, failures *f)
{
    char name[WX_NAME_MAX], err[1024];
    facts_name(pc->reg, id, name, sizeof name);
    if (buf_printf(b, "<li class=\"card\">\n<h2><a href=\"%d/index.html\">", id) < 0 ||
        html_escape(b, name) < 0 ||
        buf_printf(b, "</a><span class=\"id\">%d</span></h2>\n", id) < 0)
        return -1;
    if (reading(pc, id, b, err, sizeof err) < 0) {
        failed(f, err);
        if (buf_puts(b, "<p class=\"none\">관측 자료를 읽을 수 없습니다</p>\n") < 0)
            return -1;
    }
    if (card_graph(pc, id, b, f) < 0)
        return -1;
    return buf_puts(b, "</li>\n");
}

static void gallery(const publish_ctx *pc, const int *ids, size_t n, failures *f)
{
    char path[WX_PATH_MAX + 16];
    buf_t b = {0};
    int rc = page_head(&b, "관측소별 기온 그래프") < 0 ||
             buf_puts(&b, "<h1>관측소별 기온 그래프</h1>\n<p>기상청 관측 자료로 그린 최근 "
                          "24시간의 기온과 날씨입니다. 관측소를 누르면 기간별·날짜별 그래프와 "
                          "기사 삽입 코드가 나옵니다.</p>\n</div></header>\n<main>\n") < 0;
    if (!rc && n == 0)
        rc = buf_puts(&b, "<p class=\"none\">아직 자료가 있는 관측소가 없습니다.</p>\n") < 0;
    if (!rc && n > 0)
        rc = buf_puts(&b, "<ul class=\"stations\">\n") < 0;
    for (size_t i = 0; i < n && !rc; i++)
        rc = card(pc, ids[i], &b, f) < 0;
    if (!rc && n > 0)
        rc = buf_puts(&b, "</ul>\n") < 0;
    if (!rc)
        rc = page_foot(&b) < 0;
    char err[1024] = "out of memory";
    if (rc || bprintf(path, sizeof path, "%s/index.html", pc->cfg->graph_dir) < 0 ||
        write_page(path, &b, err, sizeof err) < 0)
        failed(f, err);
    buf_free(&b);
}

static int wanted(int id, const int *stations, size_t n)
{
    if (!stations)
        return 1;
    for (size_t i = 0; i < n; i++)
        if (stations[i] == id)
            return 1;
    return 0;
}

static int page_missing(const publish_ctx *pc, int id)
{
    char path[WX_PATH_MAX + 32];
    return bprintf(path, sizeof path, "%s/%d/index.html", pc->cfg->graph_dir, id) == 0 &&
           access(path, F_OK) != 0;
}

int publish_site(const publish_ctx *pc, const int *stations, size_t n, char *err, size_t errlen)
{
    failures f = {err, errlen, 0};
    char msg[1024];
    int *all;
    size_t nall;
    err[0] = '\0';
    if (file_mkdirs(pc->cfg->graph_dir, err, errlen) < 0 ||
        store_list(pc->st, pc->reg, &all, &nall, err, errlen) < 0)
        return -1;
    for (size_t i = 0; i < nall; i++)
        if ((wanted(all[i], stations, n) || page_missing(pc, all[i])) &&
            station_page(pc, all[i], msg, sizeof msg) < 0)
            failed(&f, msg);
    gallery(pc, all, nall, &f);
    free(all);
    return finish(&f);
}
