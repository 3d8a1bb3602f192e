/* parse: reading a page or feed into readings; the only user of libxml2. */
#include "parse.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "buf.h"
#include "charset.h"
#include "html_reader.h"
#include "resolve.h"
#include "strip.h"
#include "temptext.h"
#include "vec.h"
#include "when.h"

#define DETECT_BYTES 65536

/* ---- what kind of source ---- */

static const char *skip_ws(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
        s++;
    return s;
}

static int has_ci(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (strncasecmp(s + i, needle, n) == 0)
            return 1;
    return 0;
}

static const char *const html_marks[] = {"<html", "<body", "<div",  "<li",    "<ul", "<p>",
                                         "<p ",   "<br",   "<span", "<table", "<td", NULL};

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.' || c == ':';
}

/* 1 when S has a start tag of element NAME, with or without a namespace
 * prefix ("<current", "<kma:current"), in any case. */
static int has_element(const char *s, size_t len, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = s, *end = s + len; (p = memchr(p, '<', (size_t)(end - p))); p++) {
        const char *q = p + 1, *local = q;
        while (q < end && is_name_char(*q))
            if (*q++ == ':')
                local = q;
        if ((size_t)(q - local) == n && strncasecmp(local, name, n) == 0 && q < end &&
            (*q == '>' || *q == '/' || *q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
            return 1;
    }
    return 0;
}

static wx_kind detect(const char *s, size_t len)
{
    const char *end = s + len, *p = skip_ws(s, end);
    size_t head = len < DETECT_BYTES ? len : DETECT_BYTES;
    if (has_element(s, head < 4096 ? head : 4096, "current") && has_element(s, head, "local"))
        return WX_KIND_FEED;
    if (p < end && *p == '<')
        return WX_KIND_HTML;
    for (const char *const *m = html_marks; *m; m++)
        if (has_ci(s, head, *m))
            return WX_KIND_HTML;
    return WX_KIND_TEXT;
}

/* A page can only carry a strip if it writes a temperature somewhere. */
static const char *const temp_marks[] = {"℃",       "°",       "º",    "˚",     "&#8451",
                                         "&#x2103", "&#X2103", "&deg", "&#176", "&#xb0",
                                         "&#xB0",   "기온",    "온도", NULL};

static int may_have_strip(const char *s, size_t len)
{
    for (const char *const *m = temp_marks; *m; m++)
        if (memmem(s, len, *m, strlen(*m)))
            return 1;
    return 0;
}

/* The part of an HTML page that ends with a tag: text after the last '>'
 * (a page cut off inside "18.6℃" or inside a tag) is never read, so "<td>1"
 * cannot give 1. */
static size_t html_whole(const char *s, size_t len)
{
    size_t end = len;
    while (end > 0 &&
           (s[end - 1] == ' ' || s[end - 1] == '\n' || s[end - 1] == '\r' || s[end - 1] == '\t'))
        end--;
    if (end == 0 || s[end - 1] == '>')
        return len;
    while (end > 0 && s[end - 1] != '>')
        end--;
    return end;
}

/* ---- plain text: one run per line ---- */

static void scan_text(strip_scan *sc, const char *s, size_t len)
{
    const char *end = s + len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;
        /* a last line with a temperature but no newline may be cut off
         * before its word ("서울 18.6℃ 비"): left out */
        if (!nl && temps_count_marks(s, (size_t)(e - s)) > 0) {
            sc->cut = 1;
            break;
        }
        strip_add_run(sc, s, (size_t)(e - s));
        s = nl ? nl + 1 : end;
    }
}

/* ---- KMA's XML feed ---- */

/* A feed is read with libxml2's SAX parser, so that an item counts only
 * when it was read whole: a page cut inside ta="15.9" (or holding a NUL
 * there) must not give 1 or 15, so an item with a parse error anywhere
 * between the end of the element before it and its own end tag is
 * dropped, and one the input ends inside never reaches its end tag. */
typedef struct {
    const wx_registry *reg;
    wx_page *p;
    strip_item *v;
    size_t n, cap;
    int failed;
    unsigned errors;     /* parse errors so far */
    unsigned clean;      /* the error count at the last element's end */
    int in_item;         /* inside a <local> */
    unsigned item_clean; /* the error count its start tag began with */
    strip_item cur;
    char ta[64];
    buf_t text; /* the item's text content: the station's name */
    unsigned dropped;
    char first_error[160];
} feed_state;

static void copy_value(const xmlChar *v, const xmlChar *end, char *dst, size_t size)
{
    size_t n = (size_t)(end - v) < size - 1 ? (size_t)(end - v) : size - 1;
    memcpy(dst, v, n);
    dst[n] = '\0';
}

/* The value of attribute NAME among SAX2's 5-tuples, into DST ("" when
 * absent). */
static void attr_value(const xmlChar **attrs, int n, const char *name, char *dst, size_t size)
{
    dst[0] = '\0';
    for (int i = 0; i < n; i++)
        if (xmlStrEqual(attrs[5 * i], BAD_CAST name))
            copy_value(attrs[5 * i + 3], attrs[5 * i + 4], dst, size);
}

static int attr_int(const xmlChar **attrs, int n, const char *name, int *out)
{
    char v[32], *end = NULL;
    attr_value(attrs, n, name, v, sizeof v);
    long x = strtol(v, &end, 10);
    int ok = *v && *end == '\0' && x >= 0 && x < 100000;
    if (ok)
        *out = (int)x;
    return ok;
}

/* A feed's ta: "15.9", " -3.2 ", "+18.6", also with a unit ("18.2℃",
 * "18.2 °C"); nothing else ("nan", "1e3", "-" are no temperature). */
static int parse_temp(const char *s, double *out)
{
    static const char *const units[] = {"℃", "°C", "C", ""};
    while (*s == ' ')
        s++;
    const char *p = s + (*s == '-' || *s == '+');
    size_t whole = strspn(p, "0123456789"), frac = 0;
    if (whole == 0)
        return 0;
    p += whole;
    if (*p == '.' && (frac = strspn(p + 1, "0123456789")) == 0)
        return 0;
    p += frac ? frac + 1 : 0;
    double v = strtod(s, NULL); /* the C locale: wxstrip never sets another */
    while (*p == ' ')
        p++;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t n = strlen(units[i]);
        if (strncmp(p, units[i], n) == 0 && p[n + strspn(p + n, " ")] == '\0') {
            *out = v == 0 ? 0 : v; /* never -0.0 */
            return 1;
        }
    }
    return 0;
}

static void feed_time(const xmlChar **attrs, int n, wx_page *p)
{
    int y, m, d, h;
    if (!attr_int(attrs, n, "year", &y) || !attr_int(attrs, n, "month", &m) ||
        !attr_int(attrs, n, "day", &d))
        return;
    strip_date tmp;
    char line[32];
    snprintf(line, sizeof line, "%04d-%02d-%02d", y, m, d);
    if (!dateline_parse(line, strlen(line), &tmp))
        return;
    if (attr_int(attrs, n, "hour", &h) && h >= 0 && h <= 24) {
        if (h == 24) /* hour 24 of a day is 00:00 of the next */
            when_next_day(&y, &m, &d);
        p->hour = h % 24, p->minute = 0;
    }
    p->year = y, p->month = m, p->day = d;
}

static void item_start(feed_state *f, const xmlChar **attrs, int n)
{
    strip_item *it = &f->cur;
    memset(it, 0, sizeof *it);
    attr_int(attrs, n, "stn_id", &it->stn_id);
    attr_value(attrs, n, "desc", it->word, sizeof it->word);
    attr_value(attrs, n, "ta", f->ta, sizeof f->ta);
    buf_reset(&f->text);
    f->in_item = 1;
    f->item_clean = f->clean;
}

/* The item's end tag: kept when no error came since the element before it. */
static void item_end(feed_state *f)
{
    strip_item *it = &f->cur;
    f->in_item = 0;
    if (f->errors != f->item_clean) {
        f->dropped++;
        return;
    }
    const char *t = f->text.data ? f->text.data : "";
    t += strspn(t, " \t\r\n");
    snprintf(it->name, sizeof it->name, "%.*s", (int)strcspn(t, " \t\r\n"), t);
    it->w = weather_lookup(it->word, strlen(it->word));
    it->st = stations_by_name(f->reg, it->name, strlen(it->name));
    it->has_temp = parse_temp(f->ta, &it->temp);
    snprintf(it->text, sizeof it->text, "<local stn_id=\"%d\" desc=\"%s\" ta=\"%s\">%s", it->stn_id,
             it->word, f->ta, it->name);
    if (VEC_RESERVE(f->v, f->n, f->cap, 128) < 0) {
        f->failed = 1;
        return;
    }
    f->v[f->n++] = *it;
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri,
                     int nns, const xmlChar **ns, int nattrs, int ndefaulted, const xmlChar **attrs)
{
    feed_state *f = ctx;
    (void)prefix, (void)uri, (void)nns, (void)ns, (void)ndefaulted;
    /* a start tag read with an error is not read whole */
    if (xmlStrEqual(name, BAD_CAST "weather") && f->p->year == 0 && f->errors == f->clean)
        feed_time(attrs, nattrs, f->p);
    else if (xmlStrEqual(name, BAD_CAST "local") && !f->in_item)
        item_start(f, attrs, nattrs);
}

static void on_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
    feed_state *f = ctx;
    (void)prefix, (void)uri;
    if (f->in_item && xmlStrEqual(name, BAD_CAST "local"))
        item_end(f);
    f->clean = f->errors;
}

static void on_text(void *ctx, const xmlChar *s, int len)
{
    feed_state *f = ctx;
    if (f->in_item && f->text.len < 256 && buf_append(&f->text, (const char *)s, (size_t)len) < 0)
        f->failed = 1;
}

static void on_error(void *ctx, xmlErrorPtr e)
{
    feed_state *f = ctx;               /* libxml2 passes the SAX user data */
    if (e && e->level < XML_ERR_ERROR) /* "xmlns: URI current is not absolute" */
        return;
    if (!f->errors++ && e) {
        snprintf(f->first_error, sizeof f->first_error, "line %d: %s", e->line,
                 e->message ? e->message : "unknown error");
        f->first_error[strcspn(f->first_error, "\n")] = '\0';
    }
}

static int scan_feed(const char *s, size_t len, const wx_registry *reg, wx_page *p)
{
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_text;
    sax.serror = on_error;
    feed_state f = {.reg = reg, .p = p};
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, &f, NULL, 0, NULL);
    if (!ctxt)
        return -1;
    /* no entities expanded, nothing fetched: XXE and billion laughs stay text */
    xmlCtxtUseOptions(ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOWARNING |
                                XML_PARSE_COMPACT | XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA);
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    xmlParseChunk(ctxt, s, (int)len, 1);
    if (f.errors)
        page_add_warning(p, "the feed is not well-formed XML (%s)%s", f.first_error,
                         f.dropped ? "; the items it breaks are left out" : "");
    if (f.in_item)
        page_add_warning(p, "the feed ends inside station %d's item: left out", f.cur.stn_id);
    int rc = f.failed ? -1 : resolve_feed(f.v, f.n, reg, p);
    free(f.v);
    buf_free(&f.text);
    xmlFreeParserCtxt(ctxt);
    return rc;
}

/* ---- entry point ---- */

int parse_page(const char *bytes, size_t len, const char *charset, const wx_registry *reg,
               wx_page *page, char *err, size_t errlen)
{
    page_init(page);
    if (len > (size_t)INT_MAX / 2)
        return errf(err, errlen, "page too large");
    wx_utf8 u;
    if (charset_to_utf8(bytes, len, charset, &u, err, errlen) < 0)
        return -1;
    snprintf(page->charset, sizeof page->charset, "%s", u.name);
    page->kind = detect(u.data, u.len);
    int rc = 0;
    if (page->kind == WX_KIND_FEED) {
        rc = scan_feed(u.data, u.len, reg, page);
    } else if (may_have_strip(u.data, u.len)) {
        strip_scan sc;
        strip_scan_init(&sc, reg);
        size_t whole = page->kind == WX_KIND_HTML ? html_whole(u.data, u.len) : u.len;
        if (page->kind == WX_KIND_HTML)
            rc = html_scan(&sc, u.data, whole);
        else
            scan_text(&sc, u.data, u.len);
        if (whole < u.len)
            sc.cut = 1; /* text after the last tag: a page cut off inside an item */
        if (rc == 0 && !sc.failed)
            rc = resolve_strip(&sc, page);
        else
            rc = -1;
        if (rc == 0 && sc.cut)
            page_add_warning(page, "the page ends inside an item (cut off?): that item is left "
                                   "out");
        strip_scan_free(&sc);
    }
    charset_free(&u);
    return rc < 0 ? errf(err, errlen, "out of memory") : 0;
}
