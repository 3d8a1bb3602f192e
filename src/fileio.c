/* fileio: whole files in memory (size-capped), directories, whole writes. */
#define _POSIX_C_SOURCE 200809L
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

static int read_fd(int fd, size_t max, buf_t *out, char *why, size_t whylen)
{
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errf(why, whylen, "%s", strerror(errno));
        if (n == 0)
            return 0;
        if (out->len + (size_t)n > max)
            return errf(why, whylen, "larger than the limit of %zu bytes", max);
        if (buf_append(out, chunk, (size_t)n) < 0)
            return errf(why, whylen, "out of memory");
    }
}

int file_read(const char *path, size_t max, buf_t *out, char *why, size_t whylen)
{
    int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errf(why, whylen, "%s", strerror(errno));
    struct stat sb;
    int rc;
    if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode))
        rc = errf(why, whylen, "is a directory");
    else
        rc = read_fd(fd, max, out, why, whylen);
    if (fd != STDIN_FILENO)
        close(fd);
    if (rc < 0)
        buf_free(out);
    else if (buf_append(out, "", 0) < 0) /* a NUL-terminated, non-NULL buffer */
        rc = errf(why, whylen, "out of memory");
    return rc;
}

int file_mkdirs(const char *dir, char *err, size_t errlen)
{
    char tmp[PATH_MAX];
    if (bprintf(tmp, sizeof tmp, "%s", dir) < 0)
        return errf(err, errlen, "%s: path too long", dir);
    for (char *p = tmp + 1;; p++) {
        if (*p && *p != '/')
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(tmp, 0755) < 0 && errno != EEXIST)
            return errf(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
        if (!c)
            return 0;
        *p = c;
    }
}

long long file_free_bytes(const char *path)
{
    struct statvfs fs;
    return statvfs(path, &fs) == 0 ? (long long)fs.f_bavail * (long long)fs.f_frsize : -1;
}

int fd_write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t k = write(fd, c, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        c += k, n -= (size_t)k;
    }
    return 0;
}

int fd_read_all(int fd, void *p, size_t n)
{
    char *c = p;
    while (n) {
        ssize_t k = read(fd, c, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        c += k, n -= (size_t)k;
    }
    return 0;
}

unsigned file_mode(void)
{
    static int known;
    static mode_t mask;
    if (!known) {
        mask = umask(0); /* the only way to read it: set it back at once */
        umask(mask);
        known = 1;
    }
    return 0666u & ~(unsigned)mask;
}
