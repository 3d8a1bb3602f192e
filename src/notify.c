/* notify: how a module that is no command tells what happened. */
#include "notify.h"

#include <stdio.h>

void notify(const wx_notify *n, note_level level, const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    if (!n || !n->note)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    n->note(n->ctx, level, msg);
}
