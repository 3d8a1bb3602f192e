/* source: the bytes of a source, from a file or over http(s). */
#ifndef WX_SOURCE_H
#define WX_SOURCE_H

#include <stddef.h>

#include "buf.h"
#include "config.h"
#include "fetch.h"
#include "validators.h"

typedef struct {
    buf_t bytes;
    char charset[32]; /* the configured one, else the HTTP header's; may be "" */
    int is_url;
    int not_modified; /* 304: nothing new, no bytes */
    char etag[256];   /* validators to remember */
    char last_modified[64];
} source_data;

/* Reads SRC: an http(s) URL (fetched with *F, created on first use, with
 * PREV's validators for a conditional GET), "-" for standard input, or a
 * file. Other URL schemes are refused. CHARSET (may be NULL or "") is what
 * the configuration says. 0, or -1 with err. Free OUT either way. */
int source_read(fetcher **f, const wx_config *cfg, const char *src, const char *charset,
                const state_entry *prev, source_data *out, char *err, size_t errlen);
void source_data_free(source_data *d);

#endif
