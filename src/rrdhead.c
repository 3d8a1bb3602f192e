/* rrdhead: a local RRD file's last update read from its header, without
 * librrd's rrd_open. rrd_last_r and rrd_lastupdate_r map the whole file
 * (312 KB a station) and unmap it again: 70 us a file here, most of what a
 * poll's own work cost beside the updates (README, "Development"); a few
 * preads take a few us. */
#include "rrdhead.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* rrd_format.h, the on-disk layout, is given only to programs that ask
 * for it; a file whose version this reader does not know goes to librrd */
#define RRD_EXPORT_DEPRECATED
#include <rrd.h>

/* What a header may declare: far more than any file this reader is
 * given, and few enough that the offsets below cannot overflow. */
#define MAX_COUNT 100000UL

/* The format versions whose live head follows the definitions: 0003 (the
 * first with live_head_t, what wxstrip's files are), 0004 and 0005 (1.7.2
 * writes it for DCOUNTER and DDERIVE), which change what comes after it. */
static int known_version(const char *v)
{
    static const char *const known[] = {RRD_VERSION3, RRD_VERSION4, RRD_VERSION5};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (memcmp(v, known[i], 5) == 0)
            return 1;
    return 0;
}

static int read_at(int fd, void *dst, size_t n, off_t at)
{
    return pread(fd, dst, n, at) == (ssize_t)n ? 0 : -1;
}

/* Opens PATH and reads its stat head and live head (*LIVE_AT: where the
 * live head is; the pdp_prep rows follow it). The descriptor, or -1 when
 * the file cannot be read or is not a header this reader knows. */
static int open_head(const char *path, stat_head_t *head, live_head_t *live, off_t *live_at)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (read_at(fd, head, sizeof *head, 0) == 0 && memcmp(head->cookie, RRD_COOKIE, 4) == 0 &&
        known_version(head->version) && head->float_cookie == FLOAT_COOKIE && head->ds_cnt > 0 &&
        head->ds_cnt < MAX_COUNT && head->rra_cnt > 0 && head->rra_cnt < MAX_COUNT) {
        *live_at = (off_t)(sizeof *head + head->ds_cnt * sizeof(ds_def_t) +
                           head->rra_cnt * sizeof(rra_def_t));
        if (read_at(fd, live, sizeof *live, *live_at) == 0 && live->last_up > 0)
            return fd;
    }
    close(fd);
    return -1;
}

/* Copies the NUL-terminated text of a fixed field (not terminated when it
 * fills it) into DST. */
static void field(char *dst, size_t size, const char *src, size_t len)
{
    size_t n = strnlen(src, len);
    snprintf(dst, size, "%.*s", (int)(n < size ? n : size - 1), src);
}

/* Data source I's name and last value (the live head at LIVE_AT). 0 or -1. */
static int read_ds(int fd, off_t live_at, int i, rrdhead_ds *out)
{
    ds_def_t def;
    pdp_prep_t pdp;
    off_t def_at = (off_t)(sizeof(stat_head_t) + (size_t)i * sizeof def);
    off_t pdp_at = live_at + (off_t)(sizeof(live_head_t) + (size_t)i * sizeof pdp);
    if (read_at(fd, &def, sizeof def, def_at) < 0 || read_at(fd, &pdp, sizeof pdp, pdp_at) < 0)
        return -1;
    field(out->name, sizeof out->name, def.ds_nam, sizeof def.ds_nam);
    field(out->value, sizeof out->value, pdp.last_ds, sizeof pdp.last_ds);
    return 0;
}

int rrdhead_lastupdate(const char *path, time_t *last, rrdhead_ds *ds, int max)
{
    stat_head_t head;
    live_head_t live;
    off_t at;
    int fd = open_head(path, &head, &live, &at);
    if (fd < 0)
        return -1;
    int n = (int)head.ds_cnt;
    if (ds && head.ds_cnt > (unsigned long)max)
        n = -1;
    for (int i = 0; ds && i < n; i++)
        if (read_ds(fd, at, i, &ds[i]) < 0)
            n = -1;
    close(fd);
    *last = live.last_up;
    return n;
}

time_t rrdhead_last(const char *path)
{
    time_t last;
    return rrdhead_lastupdate(path, &last, NULL, 0) < 0 ? -1 : last;
}
