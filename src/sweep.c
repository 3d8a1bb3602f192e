/* sweep: removing the temporary files a killed run left behind. */
#include "sweep.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

#define MKSTEMP_CHARS 6 /* the XXXXXX mkstemp fills */
#define SWEEP_STAMP ".wxstrip.swept"

static int mkstemp_tail(const char *s)
{
    size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    return n == MKSTEMP_CHARS && s[n] == '\0';
}

int sweep_is_temporary(const char *name)
{
    size_t digits = strspn(name, "0123456789");
    /* librrd's create: NUMBER.rrd + XXXXXX */
    if (digits && strncmp(name + digits, ".rrd", 4) == 0 && mkstemp_tail(name + digits + 4))
        return 1;
    /* atomic.c: .NAME.tmp.XXXXXX */
    const char *tmp = strstr(name, ".tmp.");
    return name[0] == '.' && tmp && tmp > name + 1 && mkstemp_tail(tmp + 5);
}

/* Sweeps DIR; with SUBDIRS also its station directories (digits only). */
static size_t sweep_dir(const char *dir, time_t now, long max_age, int subdirs)
{
    DIR *d = opendir(dir);
    size_t removed = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char path[4096 + 256];
        struct stat sb;
        if (bprintf(path, sizeof path, "%s/%s", dir, e->d_name) < 0 || lstat(path, &sb) < 0)
            continue;
        int station_dir = e->d_name[strspn(e->d_name, "0123456789")] == '\0' && e->d_name[0];
        if (S_ISDIR(sb.st_mode) && subdirs && station_dir)
            removed += sweep_dir(path, now, max_age, 0);
        else if (S_ISREG(sb.st_mode) && sweep_is_temporary(e->d_name) &&
                 now - sb.st_mtime > max_age && unlink(path) == 0)
            removed++;
    }
    if (d)
        closedir(d);
    return removed;
}

/* Whether a sweep is due: DATA_DIR/.wxstrip.swept is older than MAX_AGE
 * (or missing); then it is touched. A temporary matters only once it is that
 * old, so one sweep in that time is enough, and a poll does not walk every
 * station's graph directory. */
static int sweep_due(const char *data_dir, time_t now, long max_age)
{
    char stamp[4096 + 32];
    struct stat sb;
    if (bprintf(stamp, sizeof stamp, "%s/" SWEEP_STAMP, data_dir) < 0)
        return 1;
    if (stat(stamp, &sb) == 0 && now - sb.st_mtime < max_age && sb.st_mtime <= now)
        return 0;
    int fd = open(stamp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd >= 0)
        close(fd); /* its mtime is now */
    return 1;
}

size_t sweep_temporaries(const char *data_dir, const char *graph_dir, time_t now, long max_age)
{
    if (!sweep_due(data_dir, now, max_age))
        return 0;
    return sweep_dir(data_dir, now, max_age, 0) + sweep_dir(graph_dir, now, max_age, 1);
}
