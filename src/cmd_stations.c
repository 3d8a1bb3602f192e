/* cmd_stations: `wxstrip stations`, the registry joined with what is
 * stored: for people, scripts and monitoring (--stale). */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "report.h"

static const char usage[] = "stations [--with-data] [--stale DURATION] [--match TEXT]\n"
                            "                         [--format table|csv|tsv|json|jsonl]";

typedef struct {
    int with_data;
    long stale; /* 0: not asked */
    const char *match;
    report_format fmt;
} stations_opts;

static int parse_opts(int argc, char **argv, stations_opts *o)
{
    static const struct option opts[] = {
        {"with-data", no_argument, NULL, 'w'},   {"stale", required_argument, NULL, 's'},
        {"match", required_argument, NULL, 'm'}, {"format", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0},
    };
    *o = (stations_opts){0};
    int c, f;
    optind = 0;
    while ((c = getopt_long(argc, argv, "ws:m:F:h", opts, NULL)) != -1) {
        switch (c) {
        case 'w': o->with_data = 1; break;
        case 's':
            if (config_duration(optarg, &o->stale) < 0 || o->stale <= 0)
                return wx_error("--stale: '%s' is not a duration like 90m or 3h", optarg), -1;
            break;
        case 'm': o->match = optarg; break;
        case 'F':
            if ((f = report_format_parse(optarg)) < 0)
                return wx_error("--format: '%s' is not table, csv, tsv, json or jsonl", optarg), -1;
            o->fmt = (report_format)f;
            break;
        case 'h': return wx_help(usage);
        default: return wx_usage(usage), -1;
        }
    }
    if (optind < argc)
        return wx_usage(usage), -1;
    return 0;
}

/* NEEDLE in HAY, ASCII case ignored. */
static int contains(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return n == 0;
}

/* --match: the number, a name, the romanized name, an alias or the province. */
static int matches(const wx_station *st, const char *m)
{
    char id[16];
    snprintf(id, sizeof id, "%d", st->id);
    return !m || strcmp(id, m) == 0 || contains(st->name, m) || contains(st->name_en, m) ||
           contains(st->aliases, m) || contains(st->province, m);
}

/* What the store says of one station; -1 (reported) when its file is
 * there but cannot be read. */
static int look(store *s, report_listed *l)
{
    char err[1024];
    if (store_get_last(s, l->st->id, &l->last, err, sizeof err) < 0) {
        if (store_has(s, l->st->id))
            return wx_error("%d %s: %s", l->st->id, l->st->name, err), -1;
        return 0;
    }
    l->has_data = 1;
    store_rows rows;
    if (store_first(s, l->st->id, l->last.time, &rows, err, sizeof err) < 0)
        return wx_error("%d %s: %s", l->st->id, l->st->name, err), -1;
    /* the first row may be a reading's fill back to the file's start */
    query_obs *obs = NULL;
    size_t n = 0, cap = 0;
    int rc = query_observations(&rows, 0, l->last.time + 1, &obs, &n, &cap);
    /* a daily row's reading: from the day's start (09:00), as near as it tells */
    l->first = rc == 0 && n ? obs[0].t - (rows.step >= 86400 ? (time_t)rows.step : 0) : 0;
    free(obs);
    store_rows_free(&rows);
    return rc < 0 ? (wx_error("out of memory"), -1) : 0;
}

static int run(wx_ctx *ctx, const wx_registry *reg, const stations_opts *o)
{
    char err[1024];
    time_t now = time(NULL);
    size_t n = stations_count(reg), shown = 0;
    int rc = WX_EXIT_OK, stale = 0;
    store *s =
        store_open(ctx->cfg.data_dir, ctx->cfg.rrdcached, ctx->cfg.rrd_prefix, err, sizeof err);
    report_listed *v = calloc(n ? n : 1, sizeof *v);
    if (!s || !v)
        return wx_error("%s", s ? "out of memory" : err), store_close(s), free(v), WX_EXIT_FAIL;
    for (size_t i = 0; i < n; i++) {
        report_listed *l = &v[shown];
        *l = (report_listed){.st = stations_at(reg, i)};
        if (!matches(l->st, o->match))
            continue;
        if (look(s, l) < 0)
            rc = WX_EXIT_FAIL;
        int old = l->has_data && now - l->last.time > o->stale;
        if ((o->with_data && !l->has_data) || (o->stale && !old))
            continue;
        stale |= o->stale && old;
        shown++;
    }
    buf_t out = {0};
    if (report_stations_write(&out, v, shown, now, o->fmt) < 0)
        rc = WX_EXIT_FAIL, wx_error("out of memory");
    else
        fwrite(out.data ? out.data : "", 1, out.len, stdout);
    buf_free(&out);
    free(v);
    store_close(s);
    return rc == WX_EXIT_OK && stale ? WX_EXIT_STALE : rc;
}

int cmd_stations(wx_ctx *ctx, int argc, char **argv)
{
    stations_opts o;
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
