/* validators: the HTTP validators each polled source sent last time (ETag,
 * Last-Modified), kept in sources.state for conditional GETs. */
#ifndef WX_VALIDATORS_H
#define WX_VALIDATORS_H

#include <stddef.h>

#include "config.h"

typedef struct {
    char *url;
    char etag[256];
    char last_modified[64];
} state_entry;

typedef struct {
    char path[WX_FILE_MAX]; /* <data_dir>/sources.state */
    state_entry *v;
    size_t n, cap;
    int scrub; /* the file held a password: rewrite it without */
    int dirty; /* changed since it was read */
} source_state;

/* Reads <DATA_DIR>/sources.state (a missing file is an empty state). A
 * damaged line is ignored: the next fetch is then unconditional. */
int state_load(source_state *st, const char *data_dir, char *err, size_t errlen);

/* The validators remembered for URL, or NULL. */
const state_entry *state_get(const source_state *st, const char *url);

/* Remembers URL's validators; 0 or -1 (memory). A URL not yet known that
 * gives neither validator is not added: there is nothing to send back. */
int state_set(source_state *st, const char *url, const char *etag, const char *last_modified);

/* Writes the state back, atomically, when it changed. */
int state_save(const source_state *st, char *err, size_t errlen);

void state_free(source_state *st);

#endif
