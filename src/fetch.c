/* fetch: getting a page over http(s); the only user of libcurl. */
#include "fetch.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#define MAX_REDIRECTS 5L
#define CONNECT_TIMEOUT 10L

struct fetcher {
    CURL *curl;
};

typedef struct {
    fetch_result *r;
    long max;
    int too_big;
} sink;

int fetch_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

fetcher *fetch_new(void)
{
    fetcher *f = calloc(1, sizeof *f);
    if (f && !(f->curl = curl_easy_init())) {
        free(f);
        return NULL;
    }
    return f;
}

void fetch_free(fetcher *f)
{
    if (!f)
        return;
    curl_easy_cleanup(f->curl);
    free(f);
}

int fetch_is_url(const char *s)
{
    return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

int fetch_has_scheme(const char *s)
{
    size_t n = 0;
    while (isalnum((unsigned char)s[n]) || s[n] == '+' || s[n] == '-' || s[n] == '.')
        n++;
    return n > 0 && isalpha((unsigned char)s[0]) && strncmp(s + n, "://", 3) == 0;
}

static size_t on_body(char *data, size_t size, size_t n, void *user)
{
    sink *s = user;
    size_t bytes = size * n;
    if (s->r->body.len + bytes > (size_t)s->max) {
        s->too_big = 1;
        return 0; /* abort: never keep a truncated page */
    }
    return buf_append(&s->r->body, data, bytes) < 0 ? 0 : bytes;
}

/* Copies a header's value (after "Name:") without surrounding space. */
static void header_value(char *dst, size_t size, const char *v, size_t n)
{
    while (n && (*v == ' ' || *v == '\t'))
        v++, n--;
    while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' '))
        n--;
    snprintf(dst, size, "%.*s", (int)(n < size ? n : size - 1), v);
}

static void content_charset(fetch_result *r, const char *v, size_t n)
{
    char ct[256];
    header_value(ct, sizeof ct, v, n);
    const char *cs = strcasestr(ct, "charset=");
    if (!cs)
        return;
    cs += 8;
    if (*cs == '"' || *cs == '\'')
        cs++;
    size_t len = strcspn(cs, "\"'; ");
    snprintf(r->charset, sizeof r->charset, "%.*s", (int)len, cs);
}

static size_t on_header(char *data, size_t size, size_t n, void *user)
{
    fetch_result *r = ((sink *)user)->r;
    size_t bytes = size * n;
    static const struct {
        const char *name;
        size_t off, size;
    } keep[] = {
        {"etag:", offsetof(fetch_result, etag), sizeof r->etag},
        {"last-modified:", offsetof(fetch_result, last_modified), sizeof r->last_modified},
    };
    if (bytes >= 5 && strncmp(data, "HTTP/", 5) == 0) { /* a new response (redirect) */
        r->etag[0] = r->last_modified[0] = r->charset[0] = '\0';
        const char *sp = memchr(data, ' ', bytes);
        if (sp)
            header_value(r->reason, sizeof r->reason, sp + 1, bytes - (size_t)(sp + 1 - data));
        return bytes;
    }
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        size_t k = strlen(keep[i].name);
        if (bytes > k && strncasecmp(data, keep[i].name, k) == 0)
            header_value((char *)r + keep[i].off, keep[i].size, data + k, bytes - k);
    }
    if (bytes > 13 && strncasecmp(data, "content-type:", 13) == 0)
        content_charset(r, data + 13, bytes - 13);
    return bytes;
}

static struct curl_slist *validators(const fetch_opts *o)
{
    struct curl_slist *h = NULL;
    char line[512];
    if (o->etag && *o->etag) {
        snprintf(line, sizeof line, "If-None-Match: %s", o->etag);
        h = curl_slist_append(h, line);
    }
    if (o->last_modified && *o->last_modified) {
        snprintf(line, sizeof line, "If-Modified-Since: %s", o->last_modified);
        struct curl_slist *h2 = curl_slist_append(h, line);
        h = h2 ? h2 : h;
    }
    return h;
}

static void setup(CURL *c, const char *url, const fetch_opts *o, sink *s, char *errbuf,
                  struct curl_slist *headers)
{
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, MAX_REDIRECTS);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT,
                     o->timeout < CONNECT_TIMEOUT ? o->timeout : CONNECT_TIMEOUT);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, o->timeout);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_USERAGENT, o->user_agent);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, s);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
}

/* Words for what went wrong, better than libcurl's where we know more. */
static int failure(CURL *c, CURLcode rc, const sink *s, const fetch_opts *o, const char *curlmsg,
                   char *err, size_t errlen)
{
    char *where = NULL;
    if (s->too_big || rc == CURLE_FILESIZE_EXCEEDED)
        return errf(err, errlen, "the page is larger than the limit of %ld bytes", o->max_bytes);
    if (rc == CURLE_OPERATION_TIMEDOUT)
        return errf(err, errlen, "timed out after %ld s", o->timeout);
    if (rc == CURLE_UNSUPPORTED_PROTOCOL &&
        curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &where) == CURLE_OK && where &&
        !fetch_is_url(where))
        return errf(err, errlen, "redirected to %s: only http and https are fetched", where);
    if (rc == CURLE_TOO_MANY_REDIRECTS)
        return errf(err, errlen, "more than %ld redirects", MAX_REDIRECTS);
    return errf(err, errlen, "%s", *curlmsg ? curlmsg : curl_easy_strerror(rc));
}

int fetch_url(fetcher *f, const char *url, const fetch_opts *o, fetch_result *r, char *err,
              size_t errlen)
{
    memset(r, 0, sizeof *r);
    if (!fetch_is_url(url))
        return errf(err, errlen, "not an http or https URL");
    char curlmsg[CURL_ERROR_SIZE] = "";
    sink s = {r, o->max_bytes, 0};
    struct curl_slist *headers = validators(o);
    curl_easy_reset(f->curl);
    setup(f->curl, url, o, &s, curlmsg, headers);
    CURLcode rc = curl_easy_perform(f->curl);
    curl_slist_free_all(headers); /* only freed: NULL tells that none was sent */
    if (rc != CURLE_OK)
        return failure(f->curl, rc, &s, o, curlmsg, err, errlen);
    curl_easy_getinfo(f->curl, CURLINFO_RESPONSE_CODE, &r->status);
    if (r->status == 304 && !headers) /* "not modified" since what? */
        return errf(err, errlen, "HTTP 304 Not Modified to a request that sent no validator");
    if (r->status == 304) {
        r->not_modified = 1;
        return 0;
    }
    if (r->status < 200 || r->status > 299)
        return errf(err, errlen, "HTTP %s", r->reason[0] ? r->reason : "error");
    if (buf_append(&r->body, "", 0) < 0)
        return errf(err, errlen, "out of memory");
    return 0;
}

void fetch_result_free(fetch_result *r)
{
    buf_free(&r->body);
}

void fetch_redact(const char *url, char *dst, size_t size)
{
    CURLU *u = fetch_is_url(url) ? curl_url() : NULL;
    char *pass = NULL, *out = NULL;
    int parsed = u && curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK;
    if (parsed && curl_url_get(u, CURLUPART_PASSWORD, &pass, 0) == CURLUE_OK && pass &&
        curl_url_set(u, CURLUPART_PASSWORD, NULL, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_URL, &out, 0) == CURLUE_OK)
        snprintf(dst, size, "%s", out);
    else if (fetch_is_url(url) && !parsed && strchr(url, '@'))
        snprintf(dst, size, "(a URL with credentials)");
    else
        snprintf(dst, size, "%s", url);
    curl_free(pass);
    curl_free(out);
    curl_url_cleanup(u);
}
