/* cmd_query: `wxstrip query`, a station's latest reading or a range of its
 * readings, for people, scripts and charts. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "graphspec.h"
#include "report.h"
#include "timearg.h"
#include "when.h"

static const char usage[] =
    "query STATION... [--date YYYY-MM-DD | --period day|week|month|year | --from T --to T]\n"
    "                      [--step raw|10m|1h|1d] [--format table|csv|tsv|json|jsonl]\n"
    "                      [--max-age DURATION]";

typedef struct {
    const char *date, *period, *from, *to;
    int step; /* -1: chosen from the range */
    report_format fmt;
    long max_age; /* 0: no limit */
    char **stations;
    int nstations;
} query_opts;

/* 0, 1 after --help, -1 after a usage error (reported). */
static int parse_opts(int argc, char **argv, query_opts *o)
{
    static const struct option opts[] = {
        {"date", required_argument, NULL, 'd'},
        {"period", required_argument, NULL, 'p'},
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {"step", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'F'},
        {"max-age", required_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    *o = (query_opts){.step = -1};
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "d:p:f:t:s:F:a:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': o->date = optarg; break;
        case 'p': o->period = optarg; break;
        case 'f': o->from = optarg; break;
        case 't': o->to = optarg; break;
        case 's':
            if ((o->step = query_step_parse(optarg)) < 0)
                return wx_error("--step: '%s' is not raw, 10m, 1h or 1d", optarg), -1;
            break;
        case 'F':
            if ((int)(o->fmt = (report_format)report_format_parse(optarg)) < 0)
                return wx_error("--format: '%s' is not table, csv, tsv, json or jsonl", optarg), -1;
            break;
        case 'a':
            if (config_duration(optarg, &o->max_age) < 0 || o->max_age <= 0)
                return wx_error("--max-age: '%s' is not a duration like 90m or 3h", optarg), -1;
            break;
        case 'h': return wx_help(usage);
        default: return wx_usage(usage), -1;
        }
    }
    if (!!o->date + !!o->period + !!(o->from || o->to) > 1)
        return wx_error("give one of --date, --period and --from/--to"), -1;
    if (optind >= argc)
        return wx_usage(usage), -1;
    o->stations = argv + optind;
    o->nstations = argc - optind;
    return 0;
}

/* The range asked for, [*FROM, *TO); 0 when none was (the latest reading). */
static int range_of(const query_opts *o, time_t now, time_t *from, time_t *to, int *has)
{
    char err[512];
    *has = 1;
    if (o->period) {
        int p;
        if (wx_opt_period(o->period, &p) < 0)
            return -1;
        render_job job = {.p = (period)p};
        render_window(&job, now);
        *from = job.start, *to = job.end;
        return 0;
    }
    if (o->date) {
        const char *bad = strchr(o->date, 'T') || strchr(o->date, ' ') ? "" : NULL;
        if (bad || timearg_range(o->date, o->date, now, from, to, err, sizeof err) < 0)
            return wx_error("--date: '%s' is not a date like 2024-05-05", o->date), -1;
        return 0;
    }
    if (o->from || o->to)
        return timearg_range(o->from, o->to, now, from, to, err, sizeof err) < 0
                   ? (wx_error("%s", err), -1)
                   : 0;
    *has = 0;
    return 0;
}

/* Without --step: hourly rows up to a week, daily rows beyond. */
static query_step default_step(time_t from, time_t to)
{
    return to - from <= 7 * 86400 ? QUERY_1H : QUERY_1D;
}

typedef struct {
    store *st;
    time_t now;
    query_obs *obs;
    size_t nobs, capobs;
} gather_ctx;

/* Observations of R->st in [FROM, TO) from its finest rows that cover it. */
static int observe(gather_ctx *g, report_station *r, time_t from, time_t to)
{
    char err[1024];
    store_rows rows;
    if (store_read_rows(g->st, r->st->id, from - 600, to, 600, 0, &rows, err, sizeof err) < 0)
        return wx_error("%d %s: %s", r->st->id, r->st->name, err), -1;
    r->res = rows.step;
    g->nobs = 0;
    int rc = query_observations(&rows, from, to, &g->obs, &g->nobs, &g->capobs);
    store_rows_free(&rows);
    return rc < 0 ? (wx_error("out of memory"), -1) : 0;
}

/* The days before SPLIT from the daily rows (09:00 to 09:00). */
static int daily_part(gather_ctx *g, report_station *r, time_t split)
{
    char err[1024];
    store_rows rows;
    if (store_read_rows(g->st, r->st->id, r->from - 86400, split + 86400, 86400, 1, &rows, err,
                        sizeof err) < 0)
        return wx_error("%d %s: %s", r->st->id, r->st->name, err), -1;
    int rc = query_daily(&rows, r->from, split, &r->rows);
    store_rows_free(&rows);
    r->daily_until = split;
    return rc;
}

/* A range's rows: observations where the file keeps rows of an hour or
 * less, else (days only) its daily rows. */
static int gather_range(gather_ctx *g, report_station *r)
{
    time_t kept = store_kept_since(r->last.time, 3600), obs_from = r->from;
    if (r->from < kept) {
        obs_from = r->step == QUERY_1D ? timearg_day_start(kept) : kept;
        if (r->step == QUERY_1D && obs_from < kept)
            obs_from = timearg_next_day(obs_from);
        obs_from = obs_from < r->to ? obs_from : r->to;
    }
    if (r->step == QUERY_1D && obs_from > r->from && daily_part(g, r, obs_from) < 0)
        return -1;
    if (r->step != QUERY_1D && obs_from > r->from) {
        char when[32];
        when_format(kept, when, sizeof when);
        wx_warn("%d %s: readings before %s are kept only as daily rows (use --step 1d)", r->st->id,
                r->st->name, when);
    }
    g->nobs = 0;
    if (obs_from < r->to && observe(g, r, obs_from, r->to) < 0)
        return -1;
    /* days from the daily rows end at OBS_FROM; finer buckets run over the
     * whole range, empty where only daily rows are left */
    time_t b_from = r->step == QUERY_1D ? obs_from : r->from;
    if (query_bucket(g->obs, g->nobs, r->step, b_from, r->to, &r->rows) < 0)
        return wx_error("out of memory"), -1;
    query_summarize(&r->rows, g->obs, g->nobs, r->from, r->to, g->now, &r->sum);
    return 0;
}

/* The latest reading and today's lowest and highest so far. */
static int gather_today(gather_ctx *g, report_station *r)
{
    r->from = timearg_day_start(g->now);
    r->to = timearg_next_day(r->from);
    r->step = QUERY_1D;
    g->nobs = 0;
    if (r->last.time >= r->from && observe(g, r, r->from, r->to) < 0)
        return -1;
    if (query_bucket(g->obs, g->nobs, QUERY_1D, r->from, r->to, &r->rows) < 0)
        return wx_error("out of memory"), -1;
    query_summarize(&r->rows, g->obs, g->nobs, r->from, r->to, g->now, &r->sum);
    return 0;
}

/* Fills R; WX_EXIT_OK, or WX_EXIT_FAIL (reported) when it has no data. */
static int gather(gather_ctx *g, report_station *r)
{
    char err[1024];
    if (store_get_last(g->st, r->st->id, &r->last, err, sizeof err) < 0) {
        wx_error("%d %s: no readings stored (%s)", r->st->id, r->st->name, err);
        return WX_EXIT_FAIL;
    }
    if ((r->range ? gather_range(g, r) : gather_today(g, r)) < 0)
        return WX_EXIT_FAIL;
    if (r->range && r->sum.n == 0) {
        char a[32], b[32];
        when_format(r->from, a, sizeof a), when_format(r->to, b, sizeof b);
        wx_error("%d %s: no readings from %s to %s", r->st->id, r->st->name, a, b);
        return WX_EXIT_FAIL;
    }
    return WX_EXIT_OK;
}

/* The registry's station for each argument; WX_EXIT_USAGE (reported, with
 * the nearest names) for one that is none. */
static int resolve(const wx_ctx *ctx, const wx_registry *reg, const query_opts *o,
                   report_station *out)
{
    for (int i = 0; i < o->nstations; i++) {
        const char *q = o->stations[i];
        if ((out[i].st = stations_find(reg, q)))
            continue;
        const char *near[3];
        size_t n = stations_suggest(reg, q, near, 3);
        buf_t b = {0};
        for (size_t k = 0; k < n; k++)
            buf_printf(&b, "%s%s", k ? ", " : "", near[k]);
        if (n)
            wx_error("'%s' is not a station; did you mean %s?", q, b.data);
        else
            wx_error("'%s' is not a station (see %s or 'wxstrip stations')", q,
                     ctx->cfg.stations_file);
        buf_free(&b);
        return WX_EXIT_USAGE;
    }
    return WX_EXIT_OK;
}

static int run(wx_ctx *ctx, const wx_registry *reg, const query_opts *o)
{
    time_t now = time(NULL), from = 0, to = 0;
    int has_range, rc = WX_EXIT_OK, stale = 0;
    if (range_of(o, now, &from, &to, &has_range) < 0)
        return WX_EXIT_USAGE;
    report_station *all = calloc((size_t)o->nstations, sizeof *all);
    if (!all)
        return wx_error("out of memory"), WX_EXIT_FAIL;
    if (resolve(ctx, reg, o, all) != WX_EXIT_OK)
        return free(all), WX_EXIT_USAGE;
    char err[1024];
    gather_ctx g = {.now = now};
    if (!(g.st = store_open(ctx->cfg.data_dir, ctx->cfg.rrdcached, ctx->cfg.rrd_prefix, err,
                            sizeof err)))
        return free(all), wx_error("%s", err), WX_EXIT_FAIL;
    query_step step = o->step >= 0 ? (query_step)o->step : default_step(from, to);
    size_t shown = 0;
    for (int i = 0; i < o->nstations; i++) {
        report_station *r = &all[shown];
        int again = 0; /* a station named twice is shown once */
        for (size_t k = 0; k < shown; k++)
            again |= all[k].st == all[i].st;
        if (again)
            continue;
        *r = (report_station){
            .st = all[i].st, .range = has_range, .from = from, .to = to, .step = step};
        if (has_range)
            query_align(step, &r->from, &r->to);
        if (gather(&g, r) != WX_EXIT_OK) {
            query_rows_free(&r->rows);
            rc = WX_EXIT_FAIL;
            continue;
        }
        if (o->max_age && now - r->last.time > o->max_age) {
            char when[32];
            when_format(r->last.time, when, sizeof when);
            wx_error("%d %s: the latest reading (%s) is older than --max-age", r->st->id,
                     r->st->name, when);
            stale = 1;
        }
        shown++;
    }
    buf_t out = {0};
    report_query q = {all, shown, now, o->fmt};
    if (shown && report_query_write(&out, &q) < 0)
        rc = WX_EXIT_FAIL, wx_error("out of memory");
    else
        fwrite(out.data ? out.data : "", 1, out.len, stdout);
    buf_free(&out);
    for (size_t i = 0; i < shown; i++)
        query_rows_free(&all[i].rows);
    free(all), free(g.obs);
    store_close(g.st);
    return rc == WX_EXIT_OK && stale ? WX_EXIT_STALE : rc;
}

int cmd_query(wx_ctx *ctx, int argc, char **argv)
{
    query_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc)
        return rc > 0 ? WX_EXIT_OK : WX_EXIT_USAGE;
    wx_registry *reg = wx_registry_load(ctx);
    if (!reg)
        return WX_EXIT_USAGE;
    rc = run(ctx, reg, &o);
    stations_free(reg);
    return rc;
}
