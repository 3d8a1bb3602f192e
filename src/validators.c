/* validators: the HTTP validators each polled source sent last time (ETag,
 * Last-Modified), kept in sources.state for conditional GETs. */
#include "validators.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "buf.h"
#include "fileio.h"
#include "vec.h"

#define STATE_FILE "sources.state"
#define STATE_MAX_BYTES (4u << 20)

static const char header[] = "# wxstrip: validators of each source's last fetch "
                             "(URL, ETag, Last-Modified), for conditional GETs\n";

static state_entry *find(const source_state *st, const char *url)
{
    for (size_t i = 0; i < st->n; i++)
        if (strcmp(st->v[i].url, url) == 0)
            return &st->v[i];
    return NULL;
}

const state_entry *state_get(const source_state *st, const char *url)
{
    return find(st, url);
}

int state_set(source_state *st, const char *url, const char *etag, const char *last_modified)
{
    state_entry *e = find(st, url);
    if (!e && !*etag && !*last_modified)
        return 0; /* nothing to remember: a source without validators */
    if (!e) {
        if (VEC_RESERVE(st->v, st->n, st->cap, 8) < 0)
            return -1;
        e = &st->v[st->n];
        memset(e, 0, sizeof *e);
        if (!(e->url = strdup(url)))
            return -1;
        st->n++;
        st->dirty = 1;
    }
    /* a validator with a tab or newline could not be written back */
    char t[sizeof e->etag], lm[sizeof e->last_modified];
    snprintf(t, sizeof t, "%s", strpbrk(etag, "\t\r\n") ? "" : etag);
    snprintf(lm, sizeof lm, "%s", strpbrk(last_modified, "\t\r\n") ? "" : last_modified);
    if (strcmp(t, e->etag) != 0 || strcmp(lm, e->last_modified) != 0)
        st->dirty = 1;
    memcpy(e->etag, t, sizeof t);
    memcpy(e->last_modified, lm, sizeof lm);
    return 0;
}

/* Whether URL carries a password ("scheme://user:password@host"). */
static int has_password(const char *url)
{
    const char *a = strstr(url, "://");
    if (!a)
        return 0;
    a += 3;
    size_t n = strcspn(a, "/?#");
    const char *at = memchr(a, '@', n);
    return at && memchr(a, ':', (size_t)(at - a)) != NULL;
}

static void read_line(source_state *st, char *line)
{
    if (*line == '#' || !*line)
        return;
    char *url = strsep(&line, "\t"), *etag = strsep(&line, "\t"), *lm = strsep(&line, "\t");
    if (url && has_password(url)) { /* an older wxstrip kept it: dropped, and so rewritten */
        st->scrub = 1;
        return;
    }
    if (url && *url && etag && lm && !line)
        state_set(st, url, etag, lm);
}

int state_load(source_state *st, const char *data_dir, char *err, size_t errlen)
{
    memset(st, 0, sizeof *st);
    if (bprintf(st->path, sizeof st->path, "%s/%s", data_dir, STATE_FILE) < 0)
        return errf(err, errlen, "%s: path too long", data_dir);
    buf_t b = {0};
    char why[256];
    if (access(st->path, F_OK) < 0 && errno == ENOENT)
        return 0;
    if (file_read(st->path, STATE_MAX_BYTES, &b, why, sizeof why) < 0)
        return errf(err, errlen, "%s: %s", st->path, why);
    for (char *p = b.data, *line; (line = strsep(&p, "\n")) != NULL;)
        read_line(st, line);
    buf_free(&b);
    st->dirty = st->scrub;
    return 0;
}

int state_save(const source_state *st, char *err, size_t errlen)
{
    if (!st->dirty)
        return 0;
    buf_t b = {0};
    int rc = buf_puts(&b, header);
    for (size_t i = 0; i < st->n && rc == 0; i++)
        rc = buf_printf(&b, "%s\t%s\t%s\n", st->v[i].url, st->v[i].etag, st->v[i].last_modified);
    rc = rc < 0 ? errf(err, errlen, "out of memory")
                : atomic_write(st->path, b.data, b.len, 1, err, errlen);
    buf_free(&b);
    return rc;
}

void state_free(source_state *st)
{
    for (size_t i = 0; i < st->n; i++)
        free(st->v[i].url);
    free(st->v);
    st->v = NULL;
    st->n = st->cap = 0;
}
