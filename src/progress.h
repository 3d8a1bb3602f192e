/* progress: a "  ingest: 120/500 files" line on a terminal while a command
 * works through many items; nothing at all when the output is no terminal
 * (systemd's journal, a pipe, a file). */
#ifndef WX_PROGRESS_H
#define WX_PROGRESS_H

#include <stddef.h>
#include <time.h>

#include "notify.h"

#define PROGRESS_INTERVAL_MS 100 /* the line is redrawn at most this often */

typedef struct {
    int fd;                /* the terminal; -1: silent */
    const char *label;     /* "ingest" (not copied) */
    const char *unit;      /* "files" (not copied) */
    size_t done, total;    /* items */
    size_t width;          /* of the line last drawn; 0: none is shown */
    struct timespec drawn; /* when it was drawn */
    int shown;             /* a line was drawn: end it with a newline */
    const wx_notify *inner;
    wx_notify notify; /* clears the line, then passes a message to INNER */
} progress;

/* Starts a progress line on FD (standard error: 2) for TOTAL items when FD
 * is a terminal and TOTAL is more than one; otherwise P stays silent and
 * every call below does nothing. Draws "0/TOTAL" at once. LABEL and UNIT
 * must outlive P. */
void progress_start(progress *p, int fd, const char *label, const char *unit, size_t total);

/* Sets the count of items done; redraws the line when the last one is done
 * or PROGRESS_INTERVAL_MS has passed since it was drawn. */
void progress_set(progress *p, size_t done);

/* One more item done (progress_set with done + 1). */
void progress_step(progress *p);

/* Erases the line (before another message); the next step draws it again. */
void progress_clear(progress *p);

/* Draws the final count and ends the line with a newline (when one was
 * shown); P is silent afterwards. */
void progress_end(progress *p);

/* A notify that erases P's line before passing each message to INNER (the
 * next step draws the line again under it): the messages of a command's
 * modules do not land in the middle of the line. Valid while P is. */
const wx_notify *progress_notify(progress *p, const wx_notify *inner);

#endif
