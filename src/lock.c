/* lock: one poll at a time per data directory. */
#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"

#define LOCK_FILE ".wxstrip.lock"
#define PAUSE_NS 50000000L /* 50 ms between tries */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int lock_acquire(const char *dir, long wait, char *err, size_t errlen)
{
    char path[WX_FILE_MAX];
    if (bprintf(path, sizeof path, "%s/%s", dir, LOCK_FILE) < 0)
        return errf(err, errlen, "%s: path too long", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0)
        return errf(err, errlen, "cannot open %s: %s", path, strerror(errno));
    double deadline = now_seconds() + (double)wait;
    while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            int e = errno;
            close(fd);
            return errf(err, errlen, "cannot lock %s: %s", path, strerror(e));
        }
        if (now_seconds() >= deadline) {
            close(fd);
            return errf(err, errlen,
                        "another wxstrip is writing to %s: gave up after waiting %ld s for %s", dir,
                        wait, path);
        }
        nanosleep(&(struct timespec){0, PAUSE_NS}, NULL);
    }
    return fd;
}

void lock_release(int fd)
{
    if (fd >= 0)
        close(fd); /* closing drops the flock */
}
