/* atomic: files that appear whole or not at all (temp file + rename). */
#ifndef WX_ATOMIC_H
#define WX_ATOMIC_H

#include <stddef.h>

/* Writes DATA to PATH through a temporary file in the same directory that
 * is renamed into place: a reader never sees half a file. DURABLE also
 * syncs it to disk first (for state a crash must not lose; graphs and pages
 * are drawn again). 0, or -1 with err (the old file, if any, stays). */
int atomic_write(const char *path, const void *data, size_t len, int durable, char *err,
                 size_t errlen);

/* For writers that need a file name (a renderer): makes an empty temporary
 * file beside PATH and puts its name in TMP. 0 or -1. */
int atomic_begin(const char *path, char *tmp, size_t tmpsize, char *err, size_t errlen);

/* Moves TMP over PATH, or removes TMP when FAILED is set. */
int atomic_commit(const char *tmp, const char *path, int failed, char *err, size_t errlen);

#endif
