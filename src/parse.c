/* parse: reading a page or feed into readings; the only user of libxml2. */
#include "parse.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "charset.h"
#include "resolve.h"
#include "strip.h"

#define SINGLE_MAX 480   /* a block longer than this is never one item */
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

static wx_kind detect(const char *s, size_t len)
{
    const char *end = s + len, *p = skip_ws(s, end);
    size_t head = len < DETECT_BYTES ? len : DETECT_BYTES;
    if (has_ci(s, head < 4096 ? head : 4096, "<current") && memmem(s, head, "<local", 6))
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

/* ---- HTML ---- */

typedef enum { TAG_INLINE = 0, TAG_BLOCK, TAG_BREAK, TAG_IGNORED, TAG_IMAGE, TAG_TABLE } tag_kind;

static const struct tag {
    const char *name;
    tag_kind kind;
} tags[] = { /* sorted by name for bsearch */
    {"address", TAG_BLOCK}, {"applet", TAG_IGNORED}, {"area", TAG_IMAGE},
    {"article", TAG_BLOCK}, {"aside", TAG_BLOCK},    {"blockquote", TAG_BLOCK},
    {"body", TAG_BLOCK},    {"br", TAG_BREAK},       {"button", TAG_BLOCK},
    {"canvas", TAG_IGNORED}, {"caption", TAG_BLOCK}, {"center", TAG_BLOCK},
    {"dd", TAG_BLOCK},      {"details", TAG_BLOCK},  {"dialog", TAG_BLOCK},
    {"dir", TAG_BLOCK},     {"div", TAG_BLOCK},      {"dl", TAG_BLOCK},
    {"dt", TAG_BLOCK},      {"embed", TAG_IGNORED},  {"fieldset", TAG_BLOCK},
    {"figcaption", TAG_BLOCK}, {"figure", TAG_BLOCK}, {"footer", TAG_BLOCK},
    {"form", TAG_BLOCK},    {"frameset", TAG_BLOCK}, {"h1", TAG_BLOCK},
    {"h2", TAG_BLOCK},      {"h3", TAG_BLOCK},       {"h4", TAG_BLOCK},
    {"h5", TAG_BLOCK},      {"h6", TAG_BLOCK},       {"head", TAG_IGNORED},
    {"header", TAG_BLOCK},  {"hgroup", TAG_BLOCK},   {"hr", TAG_BREAK},
    {"html", TAG_BLOCK},    {"iframe", TAG_IGNORED}, {"img", TAG_IMAGE},
    {"input", TAG_IMAGE},   {"legend", TAG_BLOCK},   {"li", TAG_BLOCK},
    {"main", TAG_BLOCK},    {"map", TAG_BLOCK},      {"marquee", TAG_BLOCK},
    {"menu", TAG_BLOCK},    {"nav", TAG_BLOCK},      {"noembed", TAG_IGNORED},
    {"object", TAG_IGNORED}, {"ol", TAG_BLOCK},      {"optgroup", TAG_BLOCK},
    {"option", TAG_BLOCK},  {"p", TAG_BLOCK},        {"pre", TAG_BLOCK},
    {"script", TAG_IGNORED}, {"section", TAG_BLOCK}, {"select", TAG_BLOCK},
    {"style", TAG_IGNORED}, {"summary", TAG_BLOCK},  {"table", TAG_TABLE},
    {"tbody", TAG_BLOCK},   {"td", TAG_BLOCK},       {"template", TAG_IGNORED},
    {"textarea", TAG_IGNORED}, {"tfoot", TAG_BLOCK}, {"th", TAG_BLOCK},
    {"thead", TAG_BLOCK},   {"title", TAG_IGNORED},  {"tr", TAG_BLOCK},
    {"ul", TAG_BLOCK},      {"xmp", TAG_IGNORED},
};

static int tag_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct tag *)elem)->name);
}

static tag_kind kind_of(const xmlNode *n)
{
    const struct tag *t =
        bsearch(n->name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], tag_cmp);
    return t ? t->kind : TAG_INLINE;
}

static int is_cell(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE &&
           (xmlStrEqual(n->name, BAD_CAST "td") || xmlStrEqual(n->name, BAD_CAST "th"));
}

/* Alt texts that describe the picture, not the weather. */
static const char *const generic_labels[] = {"icon", "아이콘", "이미지", "image", "img", "그림",
                                             NULL};

static int generic_label(const char *s)
{
    for (const char *const *g = generic_labels; *g; g++)
        if (strcasestr(s, *g))
            return 1;
    return 0;
}

/* The text an element stands for when it has no text of its own: an image's
 * alt (or title), an icon's aria-label or title. NULL when none; free with
 * xmlFree. */
static xmlChar *label_of(const xmlNode *n, int image)
{
    static const char *const image_attrs[] = {"alt", "title", "aria-label", NULL};
    static const char *const icon_attrs[] = {"aria-label", "title", NULL};
    for (const char *const *a = image ? image_attrs : icon_attrs; *a; a++) {
        xmlChar *v = xmlGetProp(n, BAD_CAST * a);
        if (v && *v && !generic_label((const char *)v))
            return v;
        xmlFree(v);
    }
    return NULL;
}

static int has_text(const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            for (const xmlChar *p = c->content; p && *p; p++)
                if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
                    return 1;
        } else if (c->type == XML_ELEMENT_NODE && (has_text(c) || kind_of(c) == TAG_IMAGE)) {
            return 1;
        }
    }
    return 0;
}

typedef struct {
    strip_scan *scan;
    buf_t run;    /* inline text since the last block boundary */
    buf_t one;    /* a block's text while testing it as one item */
    int temp_col; /* in a table whose header names the temperature column */
    int failed;
} walker;

static void put(walker *w, buf_t *b, const char *s, size_t n)
{
    if (buf_append(b, s, n) < 0)
        w->failed = 1;
}

static void put_seg(walker *w, buf_t *b)
{
    if (b->len && b->data[b->len - 1] != STRIP_SEG)
        put(w, b, (const char[]){STRIP_SEG}, 1);
}

static void put_label(walker *w, buf_t *b, const xmlNode *n, int image)
{
    xmlChar *label = label_of(n, image);
    if (!label)
        return;
    put_seg(w, b);
    put(w, b, (const char *)label, strlen((const char *)label));
    put_seg(w, b);
    xmlFree(label);
}

/* A bare number in a temperature column: "18.6", "-3.2". */
static int bare_number(const char *s, size_t n)
{
    size_t i = 0, digits = 0;
    while (i < n && (s[i] == ' ' || s[i] == STRIP_SEG))
        i++;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'); i++)
        digits += s[i] != '.';
    while (i < n && (s[i] == ' ' || s[i] == STRIP_SEG || s[i] == '\n'))
        i++;
    return digits > 0 && i == n;
}

static void collect(walker *w, buf_t *b, const xmlNode *n, size_t cap);

static int has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

/* A table cell's text: the temperature column's bare numbers get their ℃;
 * other numeric cells (humidity, wind, rainfall) are left out, so a row
 * reads as word, name and temperature. */
static void cell_text(walker *w, buf_t *b, size_t start, int col)
{
    const char *t = b->data + start;
    size_t n = b->len - start;
    if (col == w->temp_col && bare_number(t, n))
        put(w, b, "℃", strlen("℃"));
    else if (has_digit(t, n) && strip_count_temps(t, n) == 0)
        b->len = start, b->data[start] = '\0';
}

static void collect_children(walker *w, buf_t *b, const xmlNode *n, size_t cap)
{
    int col = 0;
    for (const xmlNode *c = n->children; c && b->len <= cap; c = c->next) {
        size_t start = b->len;
        collect(w, b, c, cap);
        if (is_cell(c) && b->data)
            cell_text(w, b, start, col++);
    }
}

/* Appends the text of N to B with a boundary at every element edge; stops
 * once B is longer than CAP. */
static void collect(walker *w, buf_t *b, const xmlNode *n, size_t cap)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        put(w, b, (const char *)n->content, strlen((const char *)n->content));
        return;
    }
    if (n->type != XML_ELEMENT_NODE)
        return;
    tag_kind k = kind_of(n);
    if (k == TAG_IGNORED)
        return;
    put_seg(w, b);
    if (k == TAG_IMAGE)
        put_label(w, b, n, 1);
    else if (k == TAG_INLINE && n->properties && !has_text(n))
        put_label(w, b, n, 0);
    else
        collect_children(w, b, n, cap);
    put_seg(w, b);
}

static void flush(walker *w)
{
    if (w->run.len)
        strip_add_run(w->scan, w->run.data, w->run.len);
    buf_reset(&w->run);
}

static void walk(walker *w, const xmlNode *n);

static void walk_children(walker *w, const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        walk(w, c);
}

/* Tests a small block as one item (a list item, a table row); walks into
 * it when it is not one. */
static void walk_block(walker *w, const xmlNode *n)
{
    buf_reset(&w->one);
    collect_children(w, &w->one, n, SINGLE_MAX);
    strip_item it;
    if (w->one.len <= SINGLE_MAX && strip_count_marks(w->one.data, w->one.len) == 1 &&
        strip_single(w->scan, w->one.data, w->one.len, &it)) {
        strip_add_item(w->scan, &it);
        return;
    }
    walk_children(w, n);
}

/* The column of a table's first row whose header says temperature. */
static const char *const temp_headers[] = {"℃", "°C", "기온", "온도", NULL};
static const char *const other_headers[] = {"최고", "최저", "체감", "습도", "수온", NULL};

static int header_matches(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strstr(s, *list))
            return 1;
    return 0;
}

static const xmlNode *first_row(const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(c->name, BAD_CAST "tr"))
            return c;
        if (xmlStrEqual(c->name, BAD_CAST "thead") || xmlStrEqual(c->name, BAD_CAST "tbody")) {
            const xmlNode *r = first_row(c);
            if (r)
                return r;
        }
    }
    return NULL;
}

static int temp_column(walker *w, const xmlNode *table)
{
    const xmlNode *row = first_row(table);
    int col = 0;
    for (const xmlNode *c = row ? row->children : NULL; c; c = c->next) {
        if (!is_cell(c))
            continue;
        buf_t t = {0};
        collect(w, &t, c, SINGLE_MAX);
        int hit = t.data && strip_count_temps(t.data, t.len) == 0 &&
                  header_matches(t.data, temp_headers) && !header_matches(t.data, other_headers);
        buf_free(&t);
        if (hit)
            return col;
        col++;
    }
    return -1;
}

static void walk_element(walker *w, const xmlNode *n)
{
    switch (kind_of(n)) {
    case TAG_IGNORED:
        return;
    case TAG_BREAK:
        flush(w);
        return;
    case TAG_IMAGE:
        put_label(w, &w->run, n, 1);
        return;
    case TAG_TABLE: {
        int saved = w->temp_col;
        w->temp_col = temp_column(w, n);
        flush(w);
        walk_block(w, n);
        flush(w);
        w->temp_col = saved;
        return;
    }
    case TAG_BLOCK:
        flush(w);
        walk_block(w, n);
        flush(w);
        return;
    case TAG_INLINE:
        put_seg(w, &w->run);
        if (n->properties && !has_text(n))
            put_label(w, &w->run, n, 0);
        walk_children(w, n);
        put_seg(w, &w->run);
        return;
    }
}

static void walk(walker *w, const xmlNode *n)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        put(w, &w->run, (const char *)n->content, strlen((const char *)n->content));
    else if (n->type == XML_ELEMENT_NODE)
        walk_element(w, n);
}

static int scan_html(strip_scan *sc, const char *s, size_t len)
{
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
               HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
    htmlDocPtr doc = htmlReadMemory(s, (int)len, NULL, "UTF-8", opts);
    if (!doc)
        return 0; /* nothing parseable: no strip */
    walker w = {.scan = sc, .temp_col = -1};
    for (const xmlNode *n = doc->children; n; n = n->next)
        walk(&w, n);
    flush(&w);
    buf_free(&w.run);
    buf_free(&w.one);
    xmlFreeDoc(doc);
    return w.failed ? -1 : 0;
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

static int parse_temp(const char *s, double *out)
{
    char *end;
    while (*s == ' ')
        s++;
    double v = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (end == s || *end)
        return 0;
    *out = v;
    return 1;
}

static void feed_time(const xmlNode *n, wx_page *p)
{
    int y, m, d, h;
    if (!attr_int(n, "year", &y) || !attr_int(n, "month", &m) || !attr_int(n, "day", &d))
        return;
    strip_date tmp;
    char line[32];
    snprintf(line, sizeof line, "%04d-%02d-%02d", y, m, d);
    if (!strip_parse_date(line, strlen(line), &tmp))
        return;
    p->year = y, p->month = m, p->day = d;
    if (attr_int(n, "hour", &h) && h <= 24)
        p->hour = h % 24, p->minute = 0;
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
            if (l->n == l->cap) {
                size_t cap = l->cap ? l->cap * 2 : 128;
                strip_item *v = realloc(l->v, cap * sizeof *v);
                if (!v) {
                    l->failed = 1;
                    return;
                }
                l->v = v, l->cap = cap;
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
            rc = scan_html(&sc, u.data, u.len);
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
