/* parse: reading a page or feed into readings; the only user of libxml2. */
#include "parse.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "charset.h"
#include "html.h"
#include "resolve.h"
#include "strip.h"
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

static const char *const html_marks[] = {"<html", "<body", "<div", "<li", "<ul", "<p>",
                                         "<p ", "<br", "<span", "<table", "<td", NULL};

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.' || c == ':';
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
static const char *const temp_marks[] = {"℃", "°", "º", "˚", "&#8451", "&#x2103", "&#X2103",
                                         "&deg", "&#176", "&#xb0", "&#xB0", "기온", "온도", NULL};

static int may_have_strip(const char *s, size_t len)
{
    for (const char *const *m = temp_marks; *m; m++)
        if (memmem(s, len, *m, strlen(*m)))
            return 1;
    return 0;
}

/* ---- plain text: one run per line ---- */

static void scan_text(strip_scan *sc, const char *s, size_t len)
{
    const char *end = s + len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;
        strip_add_run(sc, s, (size_t)(e - s));
        s = nl ? nl + 1 : end;
    }
}

/* ---- KMA's XML feed ---- */

static int attr_int(const xmlNode *n, const char *name, int *out)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    char *end = NULL;
    long x = v ? strtol((const char *)v, &end, 10) : 0;
    int ok = v && end != (char *)v && *end == '\0' && x >= 0 && x < 100000;
    xmlFree(v);
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

static void feed_time(const xmlNode *n, wx_page *p)
{
    int y, m, d, h;
    if (!attr_int(n, "year", &y) || !attr_int(n, "month", &m) || !attr_int(n, "day", &d))
        return;
    strip_date tmp;
    char line[32];
    snprintf(line, sizeof line, "%04d-%02d-%02d", y, m, d);
    if (!dateline_parse(line, strlen(line), &tmp))
        return;
    if (attr_int(n, "hour", &h) && h >= 0 && h <= 24) {
        if (h == 24) /* hour 24 of a day is 00:00 of the next */
            when_next_day(&y, &m, &d);
        p->hour = h % 24, p->minute = 0;
    }
    p->year = y, p->month = m, p->day = d;
}

static void copy_attr(const xmlNode *n, const char *name, char *dst, size_t dstsz)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    snprintf(dst, dstsz, "%s", v ? (const char *)v : "");
    xmlFree(v);
}

static void feed_item(const xmlNode *n, const wx_registry *reg, strip_item *it)
{
    char ta[64];
    memset(it, 0, sizeof *it);
    attr_int(n, "stn_id", &it->stn_id);
    copy_attr(n, "desc", it->word, sizeof it->word);
    copy_attr(n, "ta", ta, sizeof ta);
    xmlChar *name = xmlNodeGetContent(n);
    snprintf(it->name, sizeof it->name, "%s", name ? (const char *)name : "");
    xmlFree(name);
    size_t off = strspn(it->name, " \t\r\n");
    memmove(it->name, it->name + off, strlen(it->name + off) + 1);
    it->name[strcspn(it->name, " \t\r\n")] = '\0';
    it->w = weather_lookup(it->word, strlen(it->word));
    it->st = stations_by_name(reg, it->name, strlen(it->name));
    it->has_temp = parse_temp(ta, &it->temp);
    snprintf(it->text, sizeof it->text, "<local stn_id=\"%d\" desc=\"%s\" ta=\"%s\">%s", it->stn_id,
             it->word, ta, it->name);
}

typedef struct {
    strip_item *v;
    size_t n, cap;
    int failed;
} item_list;

static void feed_walk(const xmlNode *n, const wx_registry *reg, wx_page *p, item_list *l)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(n->name, BAD_CAST "weather") && p->year == 0)
            feed_time(n, p);
        if (xmlStrEqual(n->name, BAD_CAST "local")) {
            if (VEC_RESERVE(l->v, l->n, l->cap, 128) < 0) {
                l->failed = 1;
                return;
            }
            feed_item(n, reg, &l->v[l->n++]);
            continue;
        }
        feed_walk(n->children, reg, p, l);
    }
}

static int scan_feed(const char *s, size_t len, const wx_registry *reg, wx_page *p)
{
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return -1;
    int opts = XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NONET |
               XML_PARSE_COMPACT | XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, s, (int)len, NULL, "UTF-8", opts);
    if (!ctxt->wellFormed) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        char msg[160];
        snprintf(msg, sizeof msg, "%s", e && e->message ? e->message : "unknown error");
        msg[strcspn(msg, "\n")] = '\0';
        page_add_warning(p, "the feed is not well-formed XML (line %d: %s)", e ? e->line : 0,
                         msg);
    }
    item_list l = {0};
    if (doc)
        feed_walk(xmlDocGetRootElement(doc), reg, p, &l);
    int rc = l.failed ? -1 : resolve_feed(l.v, l.n, reg, p);
    free(l.v);
    xmlFreeDoc(doc);
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
        if (page->kind == WX_KIND_HTML)
            rc = html_scan(&sc, u.data, u.len);
        else
            scan_text(&sc, u.data, u.len);
        if (rc == 0 && !sc.failed)
            rc = resolve_strip(&sc, page);
        else
            rc = -1;
        strip_scan_free(&sc);
    }
    charset_free(&u);
    return rc < 0 ? errf(err, errlen, "out of memory") : 0;
}
