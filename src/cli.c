/* cli: what every command shares: messages and usage. */
#include "cli.h"

#include "graphspec.h"
#include "when.h"

#include <stdarg.h>
#include <stdio.h>

void wx_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("wxstrip: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void wx_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("wxstrip: warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int wx_usage(const char *usage)
{
    fprintf(stderr, "usage: wxstrip %s\n", usage);
    return WX_EXIT_USAGE;
}

int wx_help(const char *usage)
{
    printf("usage: wxstrip %s\n", usage);
    return 1;
}

int wx_opt_period(const char *arg, int *out)
{
    int p = render_period(arg);
    if (p < 0 || p == PERIOD_DATE)
        return wx_error("--period: '%s' is not day, week, month or year", arg), -1;
    *out = p;
    return 0;
}

int wx_opt_date(const char *arg, int *year, int *month, int *day)
{
    char extra;
    int y, m, d;
    if (sscanf(arg, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3)
        return wx_error("--date: '%s' is not a date like 2024-05-05", arg), -1;
    if (when_local(y, m, d, 12, 0) == (time_t)-1)
        return wx_error("--date: %04d-%02d-%02d is not a date", y, m, d), -1;
    *year = y, *month = m, *day = d;
    return 0;
}

wx_registry *wx_registry_load(const wx_ctx *ctx)
{
    char err[1024];
    wx_registry *reg = stations_load(ctx->cfg.stations_file, err, sizeof err);
    if (!reg)
        wx_error("%s", err);
    return reg;
}

static void to_stdio(void *ctx, note_level level, const char *msg)
{
    (void)ctx;
    if (level == NOTE_INFO)
        puts(msg);
    else if (level == NOTE_WARNING)
        wx_warn("%s", msg);
    else
        wx_error("%s", msg);
}

const wx_notify wx_stdio = {to_stdio, NULL};
