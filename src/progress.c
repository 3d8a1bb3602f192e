/* progress: a "  ingest: 120/500 files" line on a terminal while a command
 * works through many items; nothing at all when the output is no terminal. */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"

static long ms_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* "\r  LABEL: DONE/TOTAL UNIT": the counts only grow, so each line covers
 * the one before it. A terminal that takes no more is left alone. */
static void draw(progress *p)
{
    char line[256];
    int n = snprintf(line, sizeof line, "\r  %s: %zu/%zu %s", p->label, p->done, p->total, p->unit);
    if (n <= 0 || (size_t)n >= sizeof line)
        return;
    if (fd_write_all(p->fd, line, (size_t)n) < 0) {
        p->fd = -1;
        return;
    }
    p->width = (size_t)n - 1;
    p->shown = 1;
    clock_gettime(CLOCK_MONOTONIC, &p->drawn);
}

void progress_start(progress *p, int fd, const char *label, const char *unit, size_t total)
{
    *p = (progress){.fd = -1, .label = label, .unit = unit, .total = total};
    if (total < 2 || !isatty(fd))
        return;
    p->fd = fd;
    draw(p);
}

void progress_set(progress *p, size_t done)
{
    if (p->fd < 0)
        return;
    p->done = done;
    if (done >= p->total || !p->width || ms_since(&p->drawn) >= PROGRESS_INTERVAL_MS)
        draw(p);
}

void progress_step(progress *p)
{
    progress_set(p, p->done + 1);
}

void progress_clear(progress *p)
{
    char blank[256];
    if (p->fd < 0 || !p->width)
        return;
    size_t n = p->width < sizeof blank - 2 ? p->width : sizeof blank - 2;
    blank[0] = '\r';
    memset(blank + 1, ' ', n);
    blank[n + 1] = '\r';
    if (fd_write_all(p->fd, blank, n + 2) < 0)
        p->fd = -1;
    p->width = 0;
}

void progress_end(progress *p)
{
    if (p->fd >= 0 && p->shown) {
        draw(p); /* the count the last step may not have drawn */
        if (p->fd >= 0)
            fd_write_all(p->fd, "\n", 1);
    }
    p->fd = -1;
}

static void clear_then_pass(void *ctx, note_level level, const char *msg)
{
    progress *p = ctx;
    progress_clear(p);
    if (p->inner && p->inner->note)
        p->inner->note(p->inner->ctx, level, msg);
}

const wx_notify *progress_notify(progress *p, const wx_notify *inner)
{
    p->inner = inner;
    p->notify = (wx_notify){clear_then_pass, p};
    return &p->notify;
}
