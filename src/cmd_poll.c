/* cmd_poll: `wxstrip poll` and `wxstrip ingest`: sources into RRD files. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "fileio.h"
#include "graphs.h"
#include "lock.h"
#include "monitor.h"
#include "poller.h"
#include "progress.h"
#include "publish.h"
#include "sweep.h"
#include "when.h"

static const char poll_usage[] = "poll [--no-graphs] [SOURCE...]";
static const char ingest_usage[] = "ingest [--at TIME] FILE...";

static double elapsed(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (now.tv_nsec - start->tv_nsec) / 1e9;
}

#define SWEEP_AGE 3600 /* a temporary file this old belongs to no live run */

/* Opens what a run writes to: the registry, the store, the lock, the
 * validators. WX_EXIT_OK, or after reporting WX_EXIT_USAGE (the registry:
 * a configuration error, as in every command) or WX_EXIT_FAIL. */
static int open_run(wx_ctx *ctx, poller *p, source_state *state, int *lock)
{
    char err[1024];
    p->cfg = &ctx->cfg;
    if (!(p->reg = wx_registry_load(ctx)))
        return WX_EXIT_USAGE;
    /* a remote daemon owns the files and orders the updates of every poller:
     * no local lock; this host keeps only its sources' validators */
    int remote = store_remote_address(ctx->cfg.rrdcached);
    if (!(p->st = store_open(ctx->cfg.data_dir, ctx->cfg.rrdcached, ctx->cfg.rrd_prefix, err,
                             sizeof err)) ||
        (!remote &&
         (*lock = lock_acquire(ctx->cfg.data_dir, ctx->cfg.lock_wait, err, sizeof err)) < 0) ||
        (state && remote && file_mkdirs(ctx->cfg.data_dir, err, sizeof err) < 0) ||
        (state && state_load(state, ctx->cfg.data_dir, err, sizeof err) < 0)) {
        wx_error("%s", err);
        return WX_EXIT_FAIL;
    }
    p->state = state;
    /* what a killed run left, under the lock (no other poll is writing), or
     * remotely in the poll's own state and graph dirs: only files an hour
     * old, which no live run owns */
    if (!remote || state)
        sweep_temporaries(ctx->cfg.data_dir, ctx->cfg.graph_dir, time(NULL), SWEEP_AGE);
    return WX_EXIT_OK;
}

static void close_run(poller *p, source_state *state, int lock)
{
    char err[1024];
    if (state && state->path[0] && state_save(state, err, sizeof err) < 0)
        wx_error("%s", err);
    if (state)
        state_free(state);
    stations_free((wx_registry *)p->reg);
    lock_release(lock);
    store_close(p->st);
    poller_free(p);
}

static int finish(poller *p, const char *command, const struct timespec *start)
{
    buf_t line = {0};
    if (poll_summary(p, command, elapsed(start), &line) == 0)
        fprintf(stderr, "wxstrip: %s\n", line.data);
    buf_free(&line);
    return p->stats.failed || p->stats.station_errors ? WX_EXIT_FAIL : WX_EXIT_OK;
}

/* Redraws what the poll changed, and what an earlier poll stored but did
 * not draw (killed in between: the graph is older than its file), and the
 * pages that show them; 0, or -1 when some graph or page failed. */
static int draw_updated(wx_ctx *ctx, poller *p)
{
    char err[1024];
    int *stale = NULL;
    size_t nstale = 0;
    if (graphs_stale(&ctx->cfg, &stale, &nstale, err, sizeof err) < 0)
        wx_error("%s", err);
    for (size_t i = 0; i < nstale; i++)
        poller_note_updated(p, stale[i]);
    free(stale);
    if (!p->nupdated)
        return 0;
    graph_plan plan = {0};
    int rc = graphs_after_poll(&plan, &ctx->cfg, p->reg, p->updated, p->nupdated, p->now, err,
                               sizeof err);
    if (rc < 0)
        wx_error("%s", err);
    else
        rc = graphs_draw(&ctx->cfg, &plan, 0, 0, &wx_stdio) == 0 ? 0 : -1;
    graphs_plan_free(&plan);
    publish_ctx pc = {&ctx->cfg, p->reg, p->st};
    if (publish_site(&pc, p->updated, p->nupdated, err, sizeof err) < 0) {
        wx_error("%s", err);
        rc = -1;
    }
    return rc;
}

/* Polls the SOURCEs given, or the configured ones, noting each for M. */
static void poll_all(wx_ctx *ctx, poller *p, monitor *m, int argc, char **argv)
{
    for (int i = optind; i < argc; i++)
        monitor_source(m, argv[i], poll_source(p, argv[i], NULL) == 0);
    for (size_t i = 0; optind == argc && i < ctx->cfg.nsources; i++) {
        const wx_source *s = &ctx->cfg.sources[i];
        monitor_source(m, s->url, poll_source(p, s->url, s->charset) == 0);
    }
}

/* metrics_file, when one is configured: 0, or -1 after reporting why. A
 * failed write changes no reading: they are stored already. */
static int write_metrics(monitor *m, poller *p, int graphs_failed, const struct timespec *start)
{
    char err[2048];
    if (monitor_write(m, p, graphs_failed, elapsed(start), err, sizeof err) == 0)
        return 0;
    wx_error("%s", err);
    return -1;
}

int cmd_poll(wx_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"no-graphs", no_argument, NULL, 'n'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int c, graphs = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h')
            return wx_help(poll_usage), WX_EXIT_OK;
        if (c != 'n')
            return wx_usage(poll_usage);
        graphs = 0;
    }
    if (optind == argc && ctx->cfg.nsources == 0) {
        wx_error("no sources: give some, or add 'source =' lines to %s", ctx->cfg.file);
        return WX_EXIT_USAGE;
    }
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    poller p = {.now = time(NULL), .notify = &wx_stdio};
    source_state state = {0};
    monitor mon;
    monitor_init(&mon, &ctx->cfg);
    int lock = -1, rc = open_run(ctx, &p, &state, &lock);
    if (rc == WX_EXIT_OK) {
        poll_all(ctx, &p, &mon, argc, argv);
        int drawn = graphs ? draw_updated(ctx, &p) : 0;
        rc = finish(&p, "poll", &start);
        int wrote = write_metrics(&mon, &p, drawn < 0, &start);
        if (drawn < 0 || wrote < 0)
            rc = WX_EXIT_FAIL;
    }
    close_run(&p, &state, lock);
    monitor_free(&mon);
    return rc;
}

/* The FILEs, with a progress line on a terminal; the messages of each
 * file go above it. */
static void ingest_all(poller *p, int argc, char **argv)
{
    progress pr;
    progress_start(&pr, 2, "ingest", "files", (size_t)(argc - optind));
    p->notify = progress_notify(&pr, &wx_stdio);
    for (int i = optind; i < argc; i++) {
        poll_source(p, argv[i], NULL);
        progress_step(&pr);
    }
    progress_end(&pr);
    p->notify = &wx_stdio;
}

int cmd_ingest(wx_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"at", required_argument, NULL, 'a'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    poller p = {.ingest = 1, .notify = &wx_stdio};
    char err[512];
    int c;
    while ((c = getopt_long(argc, argv, "a:h", opts, NULL)) != -1) {
        if (c == 'h')
            return wx_help(ingest_usage), WX_EXIT_OK;
        if (c != 'a')
            return wx_usage(ingest_usage);
        if (when_parse(optarg, &p.at, err, sizeof err) < 0) {
            wx_error("--at: %s", err);
            return WX_EXIT_USAGE;
        }
        p.has_at = 1;
    }
    if (optind == argc)
        return wx_usage(ingest_usage);
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    p.now = time(NULL);
    int lock = -1, rc = open_run(ctx, &p, NULL, &lock);
    if (rc == WX_EXIT_OK) {
        ingest_all(&p, argc, argv);
        rc = finish(&p, "ingest", &start);
    }
    close_run(&p, NULL, lock);
    return rc;
}
