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
