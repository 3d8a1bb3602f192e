/* main: global options, the configuration and the table of commands. */
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "fetch.h"

#ifndef WX_DEFAULT_CONFIG
#define WX_DEFAULT_CONFIG "/etc/wxstrip.conf"
#endif

static const struct command {
    const char *name;
    wx_command_fn fn;
    int fetches; /* libcurl is set up only for commands that may fetch */
    const char *summary;
} commands[] = {
    {"parse", cmd_parse, 1, "print the readings in pages, feeds or text dumps"},
    {"poll", cmd_poll, 1, "fetch the sources and store new readings"},
    {"ingest", cmd_ingest, 1, "store saved pages or feeds (backfill)"},
    {"graph", cmd_graph, 0, "draw PNG graphs of stations"},
    {"embed", cmd_embed, 0, "print the HTML snippet that embeds a graph"},
    {"query", cmd_query, 0, "a station's latest reading, or its readings over a range"},
    {"stations", cmd_stations, 0, "the registry joined with what is stored"},
};

static const char global_usage[] =
    "usage: wxstrip [-c FILE] [--data-dir DIR] [--graph-dir DIR] [--stations FILE]\n"
    "               COMMAND [ARGS]\n";

static void help(FILE *out)
{
    fputs(global_usage, out);
    fputs("\ncommands:\n", out);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fputs("\nSee wxstrip(1) and README for the configuration file and each command.\n", out);
}

/* Options that override the configuration file, applied after reading it. */
typedef struct {
    const char *key;
    const char *value;
} override;

static void add_override(override *ov, size_t *nov, const char *key, const char *value)
{
    size_t i = 0;
    while (i < *nov && strcmp(ov[i].key, key) != 0)
        i++;
    ov[i] = (override){key, value};
    if (i == *nov)
        (*nov)++;
}

static int load_config(wx_ctx *ctx, const char *path, const override *ov, size_t nov, int fetches)
{
    char err[1024];
    config_init(&ctx->cfg);
    if (config_read(&ctx->cfg, path ? path : WX_DEFAULT_CONFIG, err, sizeof err) < 0) {
        wx_error("%s", err);
        return -1;
    }
    for (size_t i = 0; i < nov; i++)
        if (config_set(&ctx->cfg, ov[i].key, ov[i].value, NULL, err, sizeof err) < 0) {
            wx_error("--%s: %s", ov[i].key, err);
            return -1;
        }
    if (config_check(&ctx->cfg, err, sizeof err) < 0) {
        wx_error("%s%s%s", ctx->cfg.file, *ctx->cfg.file ? ": " : "", err);
        return -1;
    }
    const char *cached = getenv("RRDCACHED_ADDRESS");
    if (cached)
        snprintf(ctx->cfg.rrdcached, sizeof ctx->cfg.rrdcached, "%s", cached);
    /* local times (strip dates, --at, graphs) are the configured zone's */
    setenv("TZ", ctx->cfg.timezone, 1);
    tzset();
    if (fetches && fetch_global_init() < 0) {
        wx_error("cannot initialise libcurl");
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    /* a daemon or a reader that hangs up is an error to report, not a
     * signal that ends the poll without a word */
    signal(SIGPIPE, SIG_IGN);
    /* a UTF-8 character type, for libcurl's IDN (a Hangul host name is
     * converted from the locale's charset): the environment's, or C.UTF-8
     * when it has none (systemd gives a service no LANG); numbers stay C:
     * "18.6", never "18,6" */
    if (!setlocale(LC_CTYPE, "") || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
        setlocale(LC_CTYPE, "C.UTF-8");
    setlocale(LC_NUMERIC, "C");
    static const struct option opts[] = {
        {"config", required_argument, NULL, 'c'},
        {"data-dir", required_argument, NULL, 'd'},
        {"graph-dir", required_argument, NULL, 'g'},
        {"stations", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *config = NULL;
    override ov[3];
    size_t nov = 0;
    int c;
    while ((c = getopt_long(argc, argv, "+c:hV", opts, NULL)) != -1) {
        switch (c) {
        case 'c': config = optarg; break;
        case 'd': add_override(ov, &nov, "data_dir", optarg); break;
        case 'g': add_override(ov, &nov, "graph_dir", optarg); break;
        case 's': add_override(ov, &nov, "stations_file", optarg); break;
        case 'h': help(stdout); return WX_EXIT_OK;
        case 'V': puts("wxstrip " WX_VERSION); return WX_EXIT_OK;
        default: fputs(global_usage, stderr); return WX_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        help(stderr);
        return WX_EXIT_USAGE;
    }
    const char *name = argv[optind];
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(commands[i].name, name) != 0)
            continue;
        wx_ctx ctx;
        if (load_config(&ctx, config, ov, nov, commands[i].fetches) < 0)
            return WX_EXIT_USAGE;
        int argc2 = argc - optind;
        optind = 0; /* the command parses its own options, anywhere in its arguments */
        int rc = commands[i].fn(&ctx, argc2, argv + (argc - argc2));
        config_free(&ctx.cfg);
        return rc;
    }
    wx_error("'%s' is not a command; see 'wxstrip --help'", name);
    return WX_EXIT_USAGE;
}
