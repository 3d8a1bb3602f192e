/* cmd_graph: `wxstrip graph`, PNG graphs of stations for news pages. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "graphs.h"
#include "publish.h"

static const char usage[] =
    "graph [--period day|week|month|year] [--date YYYY-MM-DD] [--scale 1|2|both] "
    "[--verbose] [STATION...]";

typedef struct {
    int period;  /* -1: every rolling period */
    int y, m, d; /* --date */
    int scales;
    int verbose;
} graph_opts;

static int parse_opts(wx_ctx *ctx, int argc, char **argv, graph_opts *o)
{
    static const struct option opts[] = {
        {"period", required_argument, NULL, 'p'}, {"date", required_argument, NULL, 'd'},
        {"scale", required_argument, NULL, 's'},  {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    *o = (graph_opts){.period = -1, .scales = ctx->cfg.graph_scale};
    int c;
    while ((c = getopt_long(argc, argv, "p:d:s:vh", opts, NULL)) != -1) {
        if (c == 'p' && wx_opt_period(optarg, &o->period) < 0)
            return -1;
        if (c == 'd' && wx_opt_date(optarg, &o->y, &o->m, &o->d) < 0)
            return -1;
        if (c == 's' && config_scale(optarg, &o->scales) < 0)
            return wx_error("--scale: '%s' is not 1, 2 or both", optarg), -1;
        if (c == 'v')
            o->verbose = 1;
        if (c == 'h')
            return wx_help(usage);
        if (c == '?')
            return wx_usage(usage), -1;
    }
    if (o->y && o->period >= 0)
        return wx_error("give --period or --date, not both"), -1;
    return 0;
}

/* The stations named on the command line, or every station with a file. */
static int pick_stations(wx_ctx *ctx, const wx_registry *reg, int argc, char **argv, int **ids,
                         size_t *n)
{
    char err[1024];
    if (optind == argc) {
        store *st =
            store_open(ctx->cfg.data_dir, ctx->cfg.rrdcached, ctx->cfg.rrd_prefix, err, sizeof err);
        int rc = st ? store_list(st, reg, ids, n, err, sizeof err) : -1;
        store_close(st);
        if (rc < 0)
            return wx_error("%s", err), -1;
        if (*n == 0)
            return wx_error("no station has data in %s yet", ctx->cfg.data_dir), -1;
        return 0;
    }
    *n = 0;
    if (!(*ids = malloc((size_t)(argc - optind) * sizeof **ids)))
        return -1;
    for (int i = optind; i < argc; i++) {
        const wx_station *st = stations_find(reg, argv[i]);
        if (!st) {
            wx_error("'%s' is not a station (see %s)", argv[i], ctx->cfg.stations_file);
            return -1;
        }
        (*ids)[(*n)++] = st->id;
    }
    return 0;
}

static int plan_all(wx_ctx *ctx, const wx_registry *reg, const graph_opts *o, const int *ids,
                    size_t n, graph_plan *plan)
{
    char err[1024];
    time_t now = time(NULL);
    for (size_t i = 0; i < n; i++) {
        int rc = 0;
        if (o->y)
            rc = graphs_add(plan, &ctx->cfg, reg, ids[i], PERIOD_DATE, o->y, o->m, o->d, o->scales,
                            now, err, sizeof err);
        for (int p = PERIOD_DAY; p < PERIOD_DATE && !o->y && rc == 0; p++)
            if (o->period < 0 || o->period == p)
                rc = graphs_add(plan, &ctx->cfg, reg, ids[i], p, 0, 0, 0, o->scales, now, err,
                                sizeof err);
        if (rc < 0)
            return wx_error("%s", err), -1;
    }
    return 0;
}

/* Rewrites the gallery and the pages of the stations drawn; 0 or -1. */
static int publish_drawn(wx_ctx *ctx, const wx_registry *reg, const int *ids, size_t n)
{
    char err[1024];
    publish_ctx pc = {
        &ctx->cfg, reg,
        store_open(ctx->cfg.data_dir, ctx->cfg.rrdcached, ctx->cfg.rrd_prefix, err, sizeof err)};
    int rc = pc.st ? publish_site(&pc, ids, n, err, sizeof err) : -1;
    if (rc < 0)
        wx_error("%s", err);
    store_close(pc.st);
    return rc;
}

/* Whether drawing will change the site: a graph file that does not exist
 * yet (a new date, a new station) adds to the pages, and a dated graph's
 * alt text follows its data; rolling graphs redrawn in place leave the
 * pages as they are (a poll rewrites them). */
static int site_changes(wx_ctx *ctx, const graph_plan *plan)
{
    char path[WX_PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/index.html", ctx->cfg.graph_dir);
    if (access(path, F_OK) != 0)
        return 1;
    for (size_t i = 0; i < plan->n; i++)
        if (plan->v[i].p == PERIOD_DATE || access(plan->v[i].png, F_OK) != 0)
            return 1;
    return 0;
}

int cmd_graph(wx_ctx *ctx, int argc, char **argv)
{
    graph_opts o;
    int rc = parse_opts(ctx, argc, argv, &o);
    if (rc)
        return rc > 0 ? WX_EXIT_OK : WX_EXIT_USAGE;
    wx_registry *reg = wx_registry_load(ctx);
    if (!reg)
        return WX_EXIT_USAGE;
    int *ids = NULL;
    size_t n = 0;
    graph_plan plan = {0};
    int status = WX_EXIT_USAGE;
    if (pick_stations(ctx, reg, argc, argv, &ids, &n) == 0 &&
        plan_all(ctx, reg, &o, ids, n, &plan) == 0) {
        int changes = site_changes(ctx, &plan);
        long failed = graphs_draw(&ctx->cfg, &plan, o.verbose, 1, &wx_stdio);
        status = failed == 0 ? WX_EXIT_OK : WX_EXIT_FAIL;
        if (changes && publish_drawn(ctx, reg, ids, n) < 0)
            status = WX_EXIT_FAIL;
    }
    graphs_plan_free(&plan);
    free(ids);
    stations_free(reg);
    return status;
}
