/* fileio: reading whole files (or stdin) into memory with a size cap. */
#ifndef WX_FILEIO_H
#define WX_FILEIO_H

#include <stddef.h>

#include "buf.h"

/* Reads all of PATH ("-" is standard input) into OUT, which must be empty.
 * Fails when the file is larger than MAX bytes: a page is never silently
 * truncated. On error returns -1, fills why (without the path) and frees
 * what was read. */
int file_read(const char *path, size_t max, buf_t *out, char *why, size_t whylen);

#endif
