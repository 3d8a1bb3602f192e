/* notify: how a module that is no command tells what happened, as curl's
 * tool does with errorf/warnf: the command decides where it goes (only
 * commands print). */
#ifndef WX_NOTIFY_H
#define WX_NOTIFY_H

#include <stdarg.h>

typedef enum { NOTE_ERROR = 0, NOTE_WARNING, NOTE_INFO } note_level;

typedef struct {
    /* one message, without a trailing newline; INFO lines are results
     * (`graph --verbose`), the others problems */
    void (*note)(void *ctx, note_level level, const char *msg);
    void *ctx;
} wx_notify;

/* Formats and passes one message to N (nothing when N or its note is NULL). */
void notify(const wx_notify *n, note_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
