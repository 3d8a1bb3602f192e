/* fileio: whole files in memory (size-capped), directories, whole writes. */
#ifndef WX_FILEIO_H
#define WX_FILEIO_H

#include <stddef.h>

#include "buf.h"

/* Reads all of PATH ("-" is standard input) into OUT, which must be empty.
 * Fails when the file is larger than MAX bytes: a page is never silently
 * truncated. On error returns -1, fills why (without the path) and frees
 * what was read. */
int file_read(const char *path, size_t max, buf_t *out, char *why, size_t whylen);

/* Creates DIR and its missing parents (mkdir -p). 0, or -1 with err. */
int file_mkdirs(const char *dir, char *err, size_t errlen);

/* Bytes an unprivileged writer may still use on the file system that holds
 * PATH (a file or directory); -1 when that cannot be told. */
long long file_free_bytes(const char *path);

/* Writes or reads exactly N bytes on FD, across short counts and EINTR.
 * 0, or -1 (an error, or end of file before N bytes were read). */
int fd_write_all(int fd, const void *p, size_t n);
int fd_read_all(int fd, void *p, size_t n);

/* The mode a new file gets: 0666 less the process umask (read once). The
 * admin's UMask= decides who may read the files, not wxstrip. */
unsigned file_mode(void);

#endif
