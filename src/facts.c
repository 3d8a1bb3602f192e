/* facts: what is known about one drawn graph: its files, pixel size and
 * window, and the alt text that describes it (kept beside a finished dated
 * graph, whose hourly rows leave the RRD file after 63 days). */
#include "facts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "fileio.h"
#include "weather.h"

void facts_temp(double t, char *dst, size_t size)
{
    snprintf(dst, size, "%.1f", t);
    if (strcmp(dst, "-0.0") == 0)
        snprintf(dst, size, "0.0");
}

void facts_name(const wx_registry *reg, int id, char *dst, size_t size)
{
    const wx_station *st = stations_by_id(reg, id);
    if (st)
        snprintf(dst, size, "%s", st->name);
    else
        snprintf(dst, size, "%d", id);
}

/* The `wxstrip graph` command that draws a job's graph. */
static void draw_command(const render_job *j, char *dst, size_t size)
{
    if (j->p == PERIOD_DATE)
        snprintf(dst, size, "wxstrip graph --date %04d-%02d-%02d %d", j->year, j->month, j->day,
                 j->station);
    else
        snprintf(dst, size, "wxstrip graph --period %s %d", render_period_name(j->p), j->station);
}

/* Names, paths and the 1x PNG of the graph WANT describes. 0; 1 when that
 * PNG has not been drawn yet (err says how to draw it); -1 with err. */
static int facts_locate(const publish_ctx *pc, const render_job *want, graph_facts *g, char *err,
                        size_t errlen)
{
    char png[sizeof g->dir + 64], cmd[128];
    memset(g, 0, sizeof *g);
    g->job = (render_job){.station = want->station,
                          .p = want->p,
                          .year = want->year,
                          .month = want->month,
                          .day = want->day,
                          .scale = 2};
    if (want->p > PERIOD_DATE || render_window(&g->job, 0) < 0)
        return errf(err, errlen, "%04d-%02d-%02d is not a date", want->year, want->month,
                    want->day);
    facts_name(pc->reg, g->job.station, g->name, sizeof g->name);
    render_span(&g->job, g->span, sizeof g->span);
    render_file_name(&g->job, g->file2x, sizeof g->file2x);
    g->job.scale = 1;
    render_file_name(&g->job, g->file, sizeof g->file);
    if (bprintf(g->dir, sizeof g->dir, "%s/%d", pc->cfg->graph_dir, g->job.station) < 0)
        return errf(err, errlen, "%s: path too long", pc->cfg->graph_dir);
    snprintf(png, sizeof png, "%s/%s", g->dir, g->file);
    if (stat(png, &g->sb) < 0 && errno == ENOENT) {
        draw_command(&g->job, cmd, sizeof cmd);
        errf(err, errlen, "graph %s has not been drawn yet: run '%s'", png, cmd);
        return 1;
    }
    if (!S_ISREG(g->sb.st_mode) || render_png_size(png, &g->width, &g->height) < 0)
        return errf(err, errlen, "%s: not a readable PNG", png);
    snprintf(png, sizeof png, "%s/%s", g->dir, g->file2x);
    g->has2x = access(png, R_OK) == 0;
    /* a rolling graph shows the window that ended when it was drawn */
    if (g->job.p != PERIOD_DATE)
        render_window(&g->job, g->sb.st_mtime);
    return 0;
}

static void alt_from_stats(graph_facts *g, const store_stats *s)
{
    char lo[16], hi[16];
    size_t n;
    const wx_word *w = s->dominant > 0 ? weather_by_code(s->dominant) : NULL;
    if (isnan(s->min) || isnan(s->max)) {
        n = (size_t)snprintf(g->alt, sizeof g->alt, "%s %s 기온: 자료 없음", g->name, g->span);
    } else {
        facts_temp(s->min, lo, sizeof lo);
        facts_temp(s->max, hi, sizeof hi);
        n = (size_t)snprintf(g->alt, sizeof g->alt, "%s %s 기온: 최저 %s℃, 최고 %s℃", g->name,
                             g->span, lo, hi);
    }
    if (w && w->code > 0 && n < sizeof g->alt)
        snprintf(g->alt + n, sizeof g->alt - n, ", 대체로 %s", w->word);
}

/* A finished dated graph's alt text is kept beside it (".2024-05-05.alt"):
 * the PNG never changes once its day is over, but the day's hourly rows
 * leave the RRD file after 63 days, and daily averages would describe it
 * wrongly. The file records the PNG's mtime and size: a redrawn PNG makes
 * it stale. */
static int finished(const graph_facts *g)
{
    return g->job.p == PERIOD_DATE && g->sb.st_mtime >= g->job.end;
}

static void alt_cache_names(const graph_facts *g, char *path, size_t psize, char *key, size_t ksize)
{
    snprintf(path, psize, "%s/.%.10s.alt", g->dir, g->file);
    snprintf(key, ksize, "%lld.%09ld %lld\n", (long long)g->sb.st_mtim.tv_sec,
             (long)g->sb.st_mtim.tv_nsec, (long long)g->sb.st_size);
}

static int alt_cache_read(graph_facts *g)
{
    char path[sizeof g->dir + 32], key[64], line[64];
    alt_cache_names(g, path, sizeof path, key, sizeof key);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int ok = fgets(line, sizeof line, f) && strcmp(line, key) == 0 &&
             fgets(g->alt, sizeof g->alt, f) && g->alt[0] && strchr(g->alt, '\n');
    fclose(f);
    if (ok)
        *strchr(g->alt, '\n') = '\0';
    return ok;
}

/* Best effort: without the file the text is read from the data again. */
static void alt_cache_write(const graph_facts *g)
{
    char path[sizeof g->dir + 32], key[64], err[256];
    buf_t b = {0};
    alt_cache_names(g, path, sizeof path, key, sizeof key);
    if (buf_printf(&b, "%s%s\n", key, g->alt) == 0)
        atomic_write(path, b.data, b.len, 0, err, sizeof err);
    buf_free(&b);
}

/* The alt text, from the cache or the store; WRITE_CACHE keeps it. */
static int facts_alt(const publish_ctx *pc, graph_facts *g, int write_cache, char *err,
                     size_t errlen)
{
    store_stats s;
    if (finished(g) && alt_cache_read(g))
        return 0;
    if (store_window(pc->st, g->job.station, g->job.start, g->job.end, render_step(g->job.p),
                     STORE_TEMPS_AVERAGE, &s, err, errlen) < 0)
        return -1;
    alt_from_stats(g, &s);
    if (write_cache && finished(g))
        alt_cache_write(g);
    return 0;
}

int facts_read(const publish_ctx *pc, const render_job *want, graph_facts *g, int write_cache,
               char *err, size_t errlen)
{
    int rc = facts_locate(pc, want, g, err, errlen);
    if (rc != 0)
        return rc;
    return facts_alt(pc, g, write_cache, err, errlen);
}
