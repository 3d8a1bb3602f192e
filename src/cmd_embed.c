/* cmd_embed: `wxstrip embed`, the HTML snippet a news CMS embeds for a graph. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "publish.h"

static const char usage[] =
    "embed STATION [--date YYYY-MM-DD] [--period day|week|month|year] [--base-url URL]";

typedef struct {
    render_job graph; /* station, period, date */
    const char *base_url;
    const char *station;
} embed_opts;

/* A base URL goes into src and srcset: no white space or control bytes. */
static int plain_url(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s <= ' ' || *s == 0x7f)
            return 0;
    return 1;
}

static int check_opts(embed_opts *o, int has_period, int argc, char **argv)
{
    if (o->graph.year && has_period)
        return wx_error("give --period or --date, not both"), -1;
    if (o->graph.year)
        render_window(&o->graph, 0); /* a valid date (wx_opt_date): its window */
    if (o->base_url && !plain_url(o->base_url))
        return wx_error("--base-url: '%s' has white space or control characters", o->base_url), -1;
    if (argc - optind != 1)
        return wx_usage(usage), -1;
    o->station = argv[optind];
    return 0;
}

/* 0, 1 after --help, -1 after a usage error. */
static int parse_opts(int argc, char **argv, embed_opts *o)
{
    static const struct option opts[] = {
        {"date", required_argument, NULL, 'd'},
        {"period", required_argument, NULL, 'p'},
        {"base-url", required_argument, NULL, 'b'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c, p, has_period = 0;
    *o = (embed_opts){.graph = {.p = PERIOD_DAY}};
    optind = 0; /* glibc: start afresh, so options may follow STATION */
    while ((c = getopt_long(argc, argv, "d:p:b:h", opts, NULL)) != -1) {
        if (c == 'p' && wx_opt_period(optarg, &p) < 0)
            return -1;
        if (c == 'p')
            o->graph.p = (period)p, has_period = 1;
        if (c == 'd' && wx_opt_date(optarg, &o->graph.year, &o->graph.month, &o->graph.day) < 0)
            return -1;
        if (c == 'b')
            o->base_url = optarg;
        if (c == 'h')
            return wx_help(usage);
        if (c == '?')
            return wx_usage(usage), -1;
    }
    if (o->graph.year)
        o->graph.p = PERIOD_DATE;
    return check_opts(o, has_period, argc, argv);
}

/* Prints the snippet of the station's graph. */
static int embed(wx_ctx *ctx, const wx_registry *reg, embed_opts *o)
{
    char err[1024];
    const wx_station *st = stations_find(reg, o->station);
    if (!st) {
        wx_error("'%s' is not a station (see %s)", o->station, ctx->cfg.stations_file);
        return WX_EXIT_USAGE;
    }
    o->graph.station = st->id;
    publish_ctx pc = {
        &ctx->cfg, reg,
        store_open(ctx->cfg.data_dir, ctx->cfg.rrdcached, ctx->cfg.rrd_prefix, err, sizeof err)};
    buf_t out = {0};
    int rc = pc.st && publish_snippet(&pc, &o->graph, o->base_url, &out, err, sizeof err) == 0;
    if (rc)
        printf("%s\n", out.data);
    else
        wx_error("%s", err);
    buf_free(&out);
    store_close(pc.st);
    return rc ? WX_EXIT_OK : WX_EXIT_FAIL;
}

int cmd_embed(wx_ctx *ctx, int argc, char **argv)
{
    embed_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc)
        return rc > 0 ? WX_EXIT_OK : WX_EXIT_USAGE;
    wx_registry *reg = wx_registry_load(ctx);
    if (!reg)
        return WX_EXIT_USAGE;
    rc = embed(ctx, reg, &o);
    stations_free(reg);
    return rc;
}
