/* fetch: getting a page over http(s); the only user of libcurl. */
#ifndef WX_FETCH_H
#define WX_FETCH_H

#include <stddef.h>

#include "buf.h"

typedef struct {
    long timeout;   /* seconds for the whole transfer */
    long max_bytes; /* a larger body is an error, never truncated */
    const char *user_agent;
    const char *etag; /* validators of the last fetch, or NULL */
    const char *last_modified;
} fetch_opts;

typedef struct {
    buf_t body;       /* decoded (gzip, deflate) */
    long status;      /* HTTP status of the final response */
    int not_modified; /* 304: the body is empty, nothing changed */
    char charset[32]; /* from Content-Type; "" when none */
    char etag[256];   /* validators to send next time; "" when none */
    char last_modified[64];
    char reason[64]; /* "404 Not Found" */
} fetch_result;

typedef struct fetcher fetcher;

/* A fetcher keeps connections open between fetches. NULL when libcurl
 * cannot start. Call fetch_global_init() once first, in main. */
int fetch_global_init(void);
fetcher *fetch_new(void);
void fetch_free(fetcher *f);

/* 1 for http:// and https:// URLs (any case), the only schemes fetched. */
int fetch_is_url(const char *s);

/* URL as it may be shown or kept: with the password of a
 * "https://user:password@host/" removed (curl's URL API). Anything that is
 * no URL, or that curl cannot read, is copied as it is unless it carries
 * an '@', which is then shown as "(a URL with credentials)". */
void fetch_redact(const char *url, char *dst, size_t size);

/* 1 when S looks like a URL of any scheme ("file://", "ftp://"). */
int fetch_has_scheme(const char *s);

/* Fetches URL into R (which fetch_url initialises): only http and https,
 * also after redirects (at most 5); TLS verified; the body capped; gzip
 * accepted; a conditional GET when validators are given. Returns 0 for a
 * 2xx or 304 response, -1 with err saying what failed (refused, timed out,
 * HTTP 404, too large, bad redirect...). Free R with fetch_result_free. */
int fetch_url(fetcher *f, const char *url, const fetch_opts *o, fetch_result *r, char *err,
              size_t errlen);
void fetch_result_free(fetch_result *r);

#endif
