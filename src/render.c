/* render: drawing station graphs with rrd_graph_v, in worker processes.
 *
 * librrd's drawing half (rrd_graph_v, with cairo, pango and fontconfig
 * behind it) is loaded with dlopen in the processes that draw (drawlib.c),
 * so a poll that draws nothing never loads it. rrd_graph_v is not thread-safe in
 * librrd 1.7.2: graphs are drawn in separate processes, one job at a time
 * each. */
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <rrd.h>

#include "atomic.h"
#include "drawlib.h"
#include "buf.h"
#include "fileio.h"
#include "store.h"
#include "weather.h"
#include "when.h"

#define BAND 0.06 /* height of the weather band, as a fraction of the plot */
#define MAX_ARGS 96

static const drawlib *draw; /* librrd's drawing half, once render_prepare loaded it */

int render_prepare(render_style *style, char *err, size_t errlen)
{
    char family[64];
    if (!(draw = drawlib_load(err, errlen)) ||
        drawlib_hangul_font(family, sizeof family, err, errlen) < 0)
        return -1;
    if (!style->font[0])
        snprintf(style->font, sizeof style->font, "%s", family);
    return 0;
}

void render_style_default(render_style *s)
{
    static const char *const cats[WX_CAT_COUNT] = {
        "#bbbbbb", /* none */ "#f5b82e",        /* clear */ "#9aa5b1", /* cloud */
        "#c9b8a6", /* obscuration */ "#b5853a", /* dust */ "#2f7ed8",  /* rain */
        "#8fd3ff", /* snow */ "#5fb3a3",        /* mixed */ "#7b3fb0", /* storm */
    };
    memset(s, 0, sizeof *s);
    s->width = 600;
    s->height = 200;
    snprintf(s->line_color, sizeof s->line_color, "#d33a2c");
    snprintf(s->back_color, sizeof s->back_color, "#ffffff");
    for (int i = 0; i < WX_CAT_COUNT; i++)
        snprintf(s->cat_color[i], sizeof s->cat_color[i], "%s", cats[i]);
}

/* The time axis of each period's graph. */
static const char *const x_grid[] = {
    [PERIOD_DAY] = "HOUR:1:HOUR:3:HOUR:3:0:%H시",
    [PERIOD_WEEK] = "HOUR:6:DAY:1:DAY:1:86400:%m/%d",
    [PERIOD_MONTH] = "DAY:1:DAY:7:DAY:7:0:%m/%d",
    [PERIOD_YEAR] = "MONTH:1:MONTH:1:MONTH:1:2592000:%-m월",
    [PERIOD_DATE] = "HOUR:1:HOUR:3:HOUR:3:0:%H시",
};

/* ---- building rrd_graph_v's arguments ---- */

typedef struct {
    char *v[MAX_ARGS];
    int n;
    int failed;
} args;

static void arg(args *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void arg(args *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (a->n >= MAX_ARGS - 1 || vasprintf(&s, fmt, ap) < 0)
        a->failed = 1;
    else
        a->v[a->n++] = s;
    va_end(ap);
}

static void args_free(args *a)
{
    for (int i = 0; i < a->n; i++)
        free(a->v[i]);
    a->n = 0;
}

/* A file name inside a DEF: colons are escaped for rrdtool. */
static void escape_colons(const char *s, char *dst, size_t size)
{
    size_t o = 0;
    for (; *s && o + 2 < size; s++) {
        if (*s == ':')
            dst[o++] = '\\';
        dst[o++] = *s;
    }
    dst[o] = '\0';
}

static void title(const render_job *j, char *dst, size_t size)
{
    char span[64];
    render_span(j, span, sizeof span);
    snprintf(dst, size, "%s 기온 · %s", j->name, span);
}

static void look(args *a, const render_job *j, const render_style *s, const char *daemon)
{
    char t[256];
    title(j, t, sizeof t);
    arg(a, "--start=%lld", (long long)j->start);
    arg(a, "--end=%lld", (long long)j->end);
    arg(a, "--width=%d", s->width);
    arg(a, "--height=%d", s->height);
    arg(a, "--zoom=%d", j->scale);
    arg(a, "--title=%s", t);
    arg(a, "--imgformat=PNG");
    arg(a, "--alt-autoscale");
    arg(a, "--left-axis-format=%%.0lf℃");
    arg(a, "--x-grid=%s", x_grid[j->p]);
    arg(a, "--border=0");
    arg(a, "--disable-rrdtool-tag");
    static const char *const fonts[] = {"DEFAULT:9", "TITLE:12", "AXIS:8", "LEGEND:9"};
    for (size_t i = 0; i < sizeof fonts / sizeof fonts[0]; i++)
        arg(a, "--font=%s:%s", fonts[i], s->font);
    static const char *const backs[] = {"BACK", "CANVAS", "SHADEA", "SHADEB", "FRAME"};
    for (size_t i = 0; i < sizeof backs / sizeof backs[0]; i++)
        arg(a, "--color=%s%s", backs[i], s->back_color);
    arg(a, "--color=GRID#e6e6e6");
    arg(a, "--color=MGRID#c8c8c8");
    arg(a, "--color=ARROW#888888");
    if (daemon && *daemon)
        arg(a, "--daemon=%s", daemon);
}

/* A y axis of at least MIN_SPAN degrees, so whole-degree labels never
 * repeat on a flat day; with no data at all, a fixed 0..30. */
#define MIN_SPAN 4.0

static void scale_limits(args *a, const store_stats *st)
{
    if (!st->known) {
        arg(a, "--lower-limit=0");
        arg(a, "--upper-limit=30");
        arg(a, "--rigid");
    } else if (st->max - st->min < MIN_SPAN) {
        double lo = floor((st->min + st->max) / 2 - MIN_SPAN / 2);
        arg(a, "--lower-limit=%g", lo);
        arg(a, "--upper-limit=%g", lo + MIN_SPAN);
    }
}

/* The weather band: one TICK series per category seen in the window. */
static void band(args *a, const render_style *s, unsigned categories)
{
    arg(a, "CDEF:cat=c,100,/,FLOOR");
    for (int k = 1; k < WX_CAT_COUNT; k++) {
        if (!(categories & (1u << k)))
            continue;
        arg(a, "CDEF:c%d=cat,%d,EQ,1,UNKN,IF", k, k);
        arg(a, "TICK:c%d%s:%g", k, s->cat_color[k], BAND);
    }
}

static void series(args *a, const render_job *j, const render_style *s, const store_stats *stats)
{
    unsigned categories = stats->categories;
    char rrd[2 * WX_FILE_MAX]; /* the path with its colons escaped */
    unsigned long step = render_step(j->p);
    escape_colons(j->rrd, rrd, sizeof rrd);
    arg(a, "DEF:t=%s:temp:AVERAGE:step=%lu", rrd, step);
    arg(a, "DEF:c=%s:cond:LAST:step=%lu", rrd, step);
    arg(a, "CDEF:none=t,POP,UNKN");
    if (j->p == PERIOD_YEAR) { /* the daily range behind the line */
        arg(a, "DEF:lo=%s:temp:MIN:step=86400", rrd);
        arg(a, "DEF:hi=%s:temp:MAX:step=86400", rrd);
        arg(a, "CDEF:range=hi,lo,-");
        arg(a, "AREA:lo");
        arg(a, "AREA:range%s40::STACK", s->line_color);
    }
    band(a, s, categories);
    arg(a, "LINE2:t%s: 기온 ", s->line_color);
    arg(a, "VDEF:tl=t,LAST");
    arg(a, "VDEF:tn=t,MINIMUM");
    arg(a, "VDEF:tx=t,MAXIMUM");
    if (stats->known) {
        arg(a, "GPRINT:tl:현재 %%.1lf℃  ");
        arg(a, "GPRINT:tn:최저 %%.1lf℃  ");
        arg(a, "GPRINT:tx:최고 %%.1lf℃\\l");
    } else {
        arg(a, "COMMENT:자료 없음\\l");
    }
    /* the weather categories, and the credit at the right of their line */
    for (int k = 1; k < WX_CAT_COUNT; k++)
        if (categories & (1u << k))
            arg(a, "AREA:none%s: %s", s->cat_color[k], weather_category_label((wx_category)k));
    arg(a, "COMMENT:자료\\: 기상청\\j");
    /* for --verbose and the tests: the values drawn, over the exact window */
    arg(a, "PRINT:tn:%%.2lf");
    arg(a, "PRINT:tx:%%.2lf");
    arg(a, "PRINT:tl:%%.2lf");
}

/* ---- drawing one graph ---- */

static double print_value(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    return end == s || isnan(v) ? NAN : v;
}

static void read_info(const rrd_info_t *info, render_result *r)
{
    for (; info; info = info->next) {
        if (strcmp(info->key, "image_width") == 0)
            r->width = (int)info->value.u_cnt;
        else if (strcmp(info->key, "image_height") == 0)
            r->height = (int)info->value.u_cnt;
        else if (strcmp(info->key, "graph_start") == 0)
            r->start = (time_t)info->value.u_cnt;
        else if (strcmp(info->key, "graph_end") == 0)
            r->end = (time_t)info->value.u_cnt;
        else if (strcmp(info->key, "print[0]") == 0)
            r->min = print_value(info->value.u_str);
        else if (strcmp(info->key, "print[1]") == 0)
            r->max = print_value(info->value.u_str);
        else if (strcmp(info->key, "print[2]") == 0)
            r->last = print_value(info->value.u_str);
    }
}

/* 1 when the PNG at PATH ends with its IEND chunk: librrd reports no error
 * when a write fails half way (on a full disk). */
static int png_whole(const char *path)
{
    static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
    unsigned char tail[sizeof iend];
    struct stat sb;
    int fd = open(path, O_RDONLY | O_CLOEXEC), ok = 0;
    if (fd >= 0 && fstat(fd, &sb) == 0 && sb.st_size > (off_t)sizeof iend)
        ok =
            pread(fd, tail, sizeof tail, sb.st_size - (off_t)sizeof tail) == (ssize_t)sizeof tail &&
            memcmp(tail, iend, sizeof iend) == 0;
    if (fd >= 0)
        close(fd);
    return ok;
}

/* Why a PNG (a file that exists, beside where it goes) came out cut short. */
static const char *cut_short_why(const char *path)
{
    long long avail = file_free_bytes(path);
    return avail >= 0 && avail < 256 * 1024 ? "no space left on the device" : "a write failed";
}

static void draw_one(store *st, const render_job *j, const render_style *s, const char *daemon,
                     render_result *r)
{
    char tmp[WX_FILE_MAX];
    store_stats stats = {0};
    memset(r, 0, sizeof *r);
    r->min = r->max = r->last = NAN;
    if (store_window(st, j->station, j->start, j->end, render_step(j->p), STORE_TEMPS_LAST, &stats,
                     r->error, sizeof r->error) < 0 ||
        atomic_begin(j->png, tmp, sizeof tmp, r->error, sizeof r->error) < 0)
        return;
    args a = {0};
    arg(&a, "graph");
    arg(&a, "%s", tmp);
    look(&a, j, s, daemon);
    scale_limits(&a, &stats);
    series(&a, j, s, &stats);
    rrd_info_t *info = NULL;
    if (a.failed) {
        snprintf(r->error, sizeof r->error, "out of memory");
    } else {
        draw->clear_error();
        info = draw->graph_v(a.n, a.v);
        if (!info)
            errf(r->error, sizeof r->error, "%s", draw->get_error());
    }
    int whole = info && png_whole(tmp);
    if (info && !whole)
        errf(r->error, sizeof r->error, "the PNG came out cut short (%s); the old one is kept",
             cut_short_why(tmp));
    if (whole) {
        read_info(info, r); /* rrdtool reports the size before --zoom: */
        render_png_size(tmp, &r->width, &r->height);
    }
    r->ok = atomic_commit(tmp, j->png, !whole, r->error, sizeof r->error) == 0;
    if (info)
        draw->info_free(info);
    args_free(&a);
}

/* ---- worker processes ---- */

typedef struct {
    size_t index;
    render_result r;
} report;

/* A worker: takes job numbers from JOBS until it closes, draws each, and
 * sends the results back on RESULTS. */
static void worker(int jobs, int results, const render_job *all, const render_style *s,
                   const char *data_dir, const char *daemon, const char *prefix)
{
    char err[512];
    store *st = store_open(data_dir, daemon, prefix, err, sizeof err);
    uint32_t i;
    while (fd_read_all(jobs, &i, sizeof i) == 0) {
        report rep = {.index = i};
        if (st)
            draw_one(st, &all[i], s, daemon, &rep.r);
        else
            snprintf(rep.r.error, sizeof rep.r.error, "%s", err);
        if (fd_write_all(results, &rep, sizeof rep) < 0)
            break;
    }
    store_close(st);
    _exit(0);
}

/* Hands out job numbers (4 bytes: a pipe gives each to exactly one
 * worker) while collecting reports, so neither pipe can fill up and stall
 * the other. Returns how many jobs failed. */
static size_t pump(int jobs, int reports, size_t n, int workers, render_result *results,
                   progress *pr)
{
    size_t failed = n, done = 0;
    uint32_t next = 0;
    if (!workers)
        close(jobs), jobs = -1;
    while (reports >= 0) {
        struct pollfd p[2] = {{reports, POLLIN, 0}, {jobs, POLLOUT, 0}};
        if (poll(p, jobs >= 0 ? 2 : 1, -1) < 0 && errno != EINTR)
            break;
        if (jobs >= 0 && (p[1].revents & (POLLOUT | POLLERR))) {
            if (fd_write_all(jobs, &next, sizeof next) < 0 || ++next == n)
                close(jobs), jobs = -1;
        }
        report rep;
        if (!(p[0].revents & (POLLIN | POLLHUP)))
            continue;
        if (fd_read_all(reports, &rep, sizeof rep) < 0) {
            close(reports), reports = -1;
        } else if (rep.index < n) {
            results[rep.index] = rep.r;
            failed -= rep.r.ok;
            if (pr)
                progress_set(pr, ++done);
        }
    }
    if (jobs >= 0)
        close(jobs);
    return failed;
}

size_t render_run(const render_job *jobs, size_t n, const render_style *style, const char *data_dir,
                  const char *daemon, const char *prefix, int workers, render_result *results,
                  progress *pr)
{
    int jp[2], rp[2];
    for (size_t i = 0; i < n; i++)
        results[i] = (render_result){.error = "not drawn: a drawing process failed"};
    if (n == 0 || pipe(jp) < 0)
        return n;
    if (pipe(rp) < 0) {
        close(jp[0]), close(jp[1]);
        return n;
    }
    if (workers < 1)
        workers = 1;
    if ((size_t)workers > n)
        workers = (int)n;
    pid_t pids[64];
    int started = 0;
    for (int w = 0; w < workers && w < 64; w++) {
        pid_t pid = fork();
        if (pid == 0) {
            close(jp[1]), close(rp[0]);
            worker(jp[0], rp[1], jobs, style, data_dir, daemon, prefix);
        }
        if (pid > 0)
            pids[started++] = pid;
    }
    close(jp[0]), close(rp[1]);
    size_t failed = pump(jp[1], rp[0], n, started, results, pr);
    close(rp[0]);
    for (int w = 0; w < started; w++)
        waitpid(pids[w], NULL, 0);
    return failed;
}
