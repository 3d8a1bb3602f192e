/* atomic: files that appear whole or not at all (temp file + rename). */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "fileio.h"

int atomic_begin(const char *path, char *tmp, size_t tmpsize, char *err, size_t errlen)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    /* a dot name, so a web server's directory listing skips it */
    if (bprintf(tmp, tmpsize, "%.*s.%s.tmp.XXXXXX", dirlen, path, base) < 0)
        return errf(err, errlen, "%s: path too long", path);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return errf(err, errlen, "cannot create a file beside %s: %s", path, strerror(errno));
    fchmod(fd, (mode_t)file_mode()); /* mkstemp's 0600, widened as the umask allows */
    close(fd);
    return 0;
}

static int sync_file(const char *tmp, char *err, size_t errlen)
{
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errf(err, errlen, "%s: %s", tmp, strerror(errno));
    int rc = fsync(fd);
    int e = errno;
    close(fd);
    return rc < 0 ? errf(err, errlen, "%s: %s", tmp, strerror(e)) : 0;
}

int atomic_commit(const char *tmp, const char *path, int failed, char *err, size_t errlen)
{
    if (failed) {
        unlink(tmp);
        return -1;
    }
    if (rename(tmp, path) < 0) {
        int e = errno;
        unlink(tmp);
        return errf(err, errlen, "cannot write %s: %s", path, strerror(e));
    }
    return 0;
}

int atomic_write(const char *path, const void *data, size_t len, int durable, char *err,
                 size_t errlen)
{
    char tmp[WX_FILE_MAX];
    if (atomic_begin(path, tmp, sizeof tmp, err, errlen) < 0)
        return -1;
    int fd = open(tmp, O_WRONLY | O_TRUNC | O_CLOEXEC);
    int failed = fd < 0 || fd_write_all(fd, data, len) < 0;
    if (failed)
        errf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    if (fd >= 0 && close(fd) < 0 && !failed)
        failed = 1, errf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    if (!failed && durable && sync_file(tmp, err, errlen) < 0)
        failed = 1;
    return atomic_commit(tmp, path, failed, err, errlen);
}
