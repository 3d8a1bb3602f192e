/* source: the bytes of a source, from a file or over http(s). */
#include "source.h"

#include <stdio.h>
#include <string.h>

#include "fileio.h"

static int read_url(fetcher **f, const wx_config *cfg, const char *url, const state_entry *prev,
                    source_data *out, char *err, size_t errlen)
{
    if (!*f && !(*f = fetch_new()))
        return errf(err, errlen, "cannot start libcurl");
    fetch_opts o = {cfg->timeout, cfg->max_page_bytes, cfg->user_agent, prev ? prev->etag : NULL,
                    prev ? prev->last_modified : NULL};
    fetch_result r;
    int rc = fetch_url(*f, url, &o, &r, err, errlen);
    if (rc == 0) {
        out->bytes = r.body; /* handed over */
        r.body = (buf_t){0};
        out->not_modified = r.not_modified;
        snprintf(out->etag, sizeof out->etag, "%s", r.etag);
        snprintf(out->last_modified, sizeof out->last_modified, "%s", r.last_modified);
        if (!out->charset[0])
            snprintf(out->charset, sizeof out->charset, "%s", r.charset);
    }
    fetch_result_free(&r);
    return rc;
}

int source_read(fetcher **f, const wx_config *cfg, const char *src, const char *charset,
                const state_entry *prev, source_data *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    snprintf(out->charset, sizeof out->charset, "%s", charset ? charset : "");
    if (fetch_is_url(src)) {
        out->is_url = 1;
        return read_url(f, cfg, src, prev, out, err, errlen);
    }
    if (fetch_has_scheme(src))
        return errf(err, errlen, "only http and https URLs are fetched");
    return file_read(src, (size_t)cfg->max_page_bytes, &out->bytes, err, errlen);
}

void source_data_free(source_data *d)
{
    buf_free(&d->bytes);
}
