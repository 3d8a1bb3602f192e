/* rrdhead: a local RRD file's last update read from its header, without
 * librrd's rrd_open. rrd_last_r maps the whole file (312 KB a station) and
 * unmaps it again: 70 us a file here, most of what a poll's own work cost
 * beside the updates (README, "Benchmarks"); two preads take 2 us. */
#include "rrdhead.h"

#include <fcntl.h>
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

time_t rrdhead_last(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    stat_head_t head;
    live_head_t live;
    time_t last = -1;
    if (read_at(fd, &head, sizeof head, 0) == 0 && memcmp(head.cookie, RRD_COOKIE, 4) == 0 &&
        known_version(head.version) && head.float_cookie == FLOAT_COOKIE && head.ds_cnt > 0 &&
        head.ds_cnt < MAX_COUNT && head.rra_cnt > 0 && head.rra_cnt < MAX_COUNT) {
        off_t at = (off_t)(sizeof head + head.ds_cnt * sizeof(ds_def_t) +
                           head.rra_cnt * sizeof(rra_def_t));
        if (read_at(fd, &live, sizeof live, at) == 0 && live.last_up > 0)
            last = live.last_up;
    }
    close(fd);
    return last;
}
