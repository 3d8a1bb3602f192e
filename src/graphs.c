/* graphs: which graphs to draw (for `graph` and after a poll), and drawing them. */
#include "graphs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "progress.h"
#include "render.h"
#include "store.h"
#include "fileio.h"
#include "when.h"
#include "vec.h"

#define FINISH_DAYS 7 /* how far back a poll looks for dates to finish */

static int push(graph_plan *plan, const render_job *job)
{
    if (VEC_RESERVE(plan->v, plan->n, plan->cap, 64) < 0)
        return -1;
    plan->v[plan->n++] = *job;
    return 0;
}

int graphs_add(graph_plan *plan, const wx_config *cfg, const wx_registry *reg, int station,
               period p, int y, int m, int d, int scales, time_t now, char *err, size_t errlen)
{
    render_job job = {.station = station, .p = p, .year = y, .month = m, .day = d};
    const wx_station *st = stations_by_id(reg, station);
    snprintf(job.name, sizeof job.name, "%s", st ? st->name : "");
    if (!st)
        snprintf(job.name, sizeof job.name, "%d", station);
    if (render_window(&job, now) < 0)
        return errf(err, errlen, "%04d-%02d-%02d is not a date", y, m, d);
    char dir[WX_FILE_MAX], file[64];
    if (bprintf(dir, sizeof dir, "%s/%d", cfg->graph_dir, station) < 0 ||
        (store_remote_address(cfg->rrdcached)
             ? bprintf(job.rrd, sizeof job.rrd, "%s%d.rrd", cfg->rrd_prefix, station)
             : bprintf(job.rrd, sizeof job.rrd, "%s/%d.rrd", cfg->data_dir, station)) < 0)
        return errf(err, errlen, "path too long");
    if (file_mkdirs(dir, err, errlen) < 0)
        return -1;
    for (int scale = 1; scale <= 2; scale++) {
        if (!(scales & scale))
            continue;
        job.scale = scale;
        render_file_name(&job, file, sizeof file);
        if (bprintf(job.png, sizeof job.png, "%s/%s", dir, file) < 0 || push(plan, &job) < 0)
            return errf(err, errlen, "out of memory");
    }
    return 0;
}

/* 1 when the dated graph of Y-M-D was drawn before that day was over. */
static int unfinished(const wx_config *cfg, int station, int y, int m, int d)
{
    char file[64], png[WX_FILE_MAX];
    struct stat sb;
    render_job job = {.p = PERIOD_DATE, .year = y, .month = m, .day = d, .scale = 1};
    render_file_name(&job, file, sizeof file);
    if (bprintf(png, sizeof png, "%s/%d/%s", cfg->graph_dir, station, file) < 0 ||
        stat(png, &sb) < 0 || render_window(&job, 0) < 0)
        return 0;
    return sb.st_mtime < job.end;
}

int graphs_after_poll(graph_plan *plan, const wx_config *cfg, const wx_registry *reg,
                      const int *stations, size_t n, time_t now, char *err, size_t errlen)
{
    int y, m, d;
    when_date(now, &y, &m, &d);
    for (size_t i = 0; i < n; i++) {
        for (int p = PERIOD_DAY; p < PERIOD_DATE; p++)
            if (graphs_add(plan, cfg, reg, stations[i], p, 0, 0, 0, cfg->graph_scale, now, err,
                           errlen) < 0)
                return -1;
        if (graphs_add(plan, cfg, reg, stations[i], PERIOD_DATE, y, m, d, cfg->graph_scale, now,
                       err, errlen) < 0)
            return -1;
        for (int back = 1; back <= FINISH_DAYS; back++) {
            int py, pm, pd;
            when_date(now - back * 86400L, &py, &pm, &pd);
            if (unfinished(cfg, stations[i], py, pm, pd) &&
                graphs_add(plan, cfg, reg, stations[i], PERIOD_DATE, py, pm, pd, cfg->graph_scale,
                           now, err, errlen) < 0)
                return -1;
        }
    }
    return 0;
}

static void style_of(const wx_config *cfg, render_style *s)
{
    render_style_default(s);
    if (cfg->graph_width)
        s->width = (int)cfg->graph_width;
    if (cfg->graph_height)
        s->height = (int)cfg->graph_height;
    if (cfg->graph_font[0])
        snprintf(s->font, sizeof s->font, "%s", cfg->graph_font);
    if (cfg->graph_line_color[0])
        snprintf(s->line_color, sizeof s->line_color, "%s", cfg->graph_line_color);
    if (cfg->graph_background[0])
        snprintf(s->back_color, sizeof s->back_color, "%s", cfg->graph_background);
    for (int k = 0; k < WX_CAT_COUNT; k++)
        if (cfg->graph_cat_color[k][0])
            snprintf(s->cat_color[k], sizeof s->cat_color[k], "%s", cfg->graph_cat_color[k]);
}

static void verbose_line(const wx_notify *n, const render_job *j, const render_result *r)
{
    char a[32], b[32];
    when_format(r->start, a, sizeof a);
    when_format(r->end, b, sizeof b);
    notify(n, NOTE_INFO, "%s %dx%d %lld..%lld (%s..%s) min %.2f max %.2f last %.2f", j->png,
           r->width, r->height, (long long)r->start, (long long)r->end, a, b, r->min, r->max,
           r->last);
}

long graphs_draw(const wx_config *cfg, const graph_plan *plan, int verbose, int show_progress,
                 const wx_notify *n)
{
    char err[1024];
    render_style style;
    style_of(cfg, &style);
    if (plan->n == 0)
        return 0;
    if (render_prepare(&style, err, sizeof err) < 0) {
        notify(n, NOTE_ERROR, "%s", err);
        return -1;
    }
    render_result *res = calloc(plan->n, sizeof *res);
    if (!res) {
        notify(n, NOTE_ERROR, "out of memory");
        return -1;
    }
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    fflush(stdout); /* the workers must not write a copy of what is buffered */
    progress pr;
    progress_start(&pr, show_progress ? 2 : -1, "graph", "graphs", plan->n);
    size_t failed = render_run(plan->v, plan->n, &style, cfg->data_dir, cfg->rrdcached,
                               cfg->rrd_prefix, cpus > 0 ? (int)cpus : 1, res, &pr);
    progress_end(&pr);
    for (size_t i = 0; i < plan->n; i++) {
        if (!res[i].ok)
            notify(n, NOTE_ERROR, "graph %s: %s", plan->v[i].png, res[i].error);
        else if (verbose)
            verbose_line(n, &plan->v[i], &res[i]);
    }
    free(res);
    return (long)failed;
}

void graphs_plan_free(graph_plan *plan)
{
    free(plan->v);
    plan->v = NULL;
    plan->n = plan->cap = 0;
}

/* The time the file at PATH was last written, or 0 when there is none. */
static time_t written(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? sb.st_mtime : 0;
}

int graphs_stale(const wx_config *cfg, int **out, size_t *n, char *err, size_t errlen)
{
    if (store_remote_address(cfg->rrdcached)) /* no local file to compare with */
        return *out = NULL, *n = 0, 0;
    int *all;
    size_t nall, k = 0;
    if (store_stations(cfg->data_dir, &all, &nall, err, errlen) < 0)
        return -1;
    render_job day = {.p = PERIOD_DAY, .scale = cfg->graph_scale & 1 ? 1 : 2};
    char file[64];
    render_file_name(&day, file, sizeof file);
    for (size_t i = 0; i < nall; i++) {
        char rrd[WX_PATH_MAX + 32], png[WX_PATH_MAX + 96];
        if (bprintf(rrd, sizeof rrd, "%s/%d.rrd", cfg->data_dir, all[i]) < 0 ||
            bprintf(png, sizeof png, "%s/%d/%s", cfg->graph_dir, all[i], file) < 0)
            continue;
        time_t data = written(rrd), drawn = written(png);
        if (data && drawn < data)
            all[k++] = all[i]; /* in place: k never passes i */
    }
    *out = all, *n = k;
    return 0;
}
