/* cli: what every command shares: the context, messages, exit statuses. */
#ifndef WX_CLI_H
#define WX_CLI_H

#include "config.h"
#include "notify.h"
#include "stations.h"

enum {
    WX_EXIT_OK = 0,    /* everything asked for was done */
    WX_EXIT_FAIL = 1,  /* some source, station or file failed; the rest was done */
    WX_EXIT_USAGE = 2, /* bad command line or configuration */
    WX_EXIT_STALE = 3, /* query, stations: shown, but a reading is older than asked */
};

typedef struct {
    wx_config cfg;
} wx_ctx;

/* "wxstrip: ..." on standard error. */
void wx_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void wx_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The configured station registry; NULL after reporting why (a
 * configuration error: the command exits WX_EXIT_USAGE). Free it with
 * stations_free. */
wx_registry *wx_registry_load(const wx_ctx *ctx);

/* Where the modules' messages go in a command: errors and warnings to
 * standard error as wx_error and wx_warn print them, results (INFO) as
 * lines on standard output. */
extern const wx_notify wx_stdio;

/* Prints a command's usage line on standard error and returns
 * WX_EXIT_USAGE; wx_help prints it on standard output (--help) and returns
 * 1. */
int wx_usage(const char *usage);
int wx_help(const char *usage);

/* The --period and --date arguments of graph, embed and query: a rolling
 * period's name (day, week, month, year; not PERIOD_DATE), a calendar date
 * YYYY-MM-DD. 0 with the value set, or -1 after reporting. */
int wx_opt_period(const char *arg, int *out);
int wx_opt_date(const char *arg, int *year, int *month, int *day);

typedef int (*wx_command_fn)(wx_ctx *ctx, int argc, char **argv);

int cmd_parse(wx_ctx *ctx, int argc, char **argv);
int cmd_poll(wx_ctx *ctx, int argc, char **argv);
int cmd_ingest(wx_ctx *ctx, int argc, char **argv);
int cmd_graph(wx_ctx *ctx, int argc, char **argv);
int cmd_embed(wx_ctx *ctx, int argc, char **argv);
int cmd_query(wx_ctx *ctx, int argc, char **argv);
int cmd_stations(wx_ctx *ctx, int argc, char **argv);

#endif
