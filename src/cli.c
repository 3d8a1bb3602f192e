/* cli: what every command shares: messages and usage. */
#include "cli.h"

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
