/* html_reader: walking an HTML page (libxml2's SAX parser) into strip runs
 * and items (the HTML wxstrip writes is publish.c's).
 *
 * No tree is built: the walker keeps a stack of open elements. Every block
 * element (li, tr, div...) starts as a candidate item: its text is
 * collected (with a boundary at each element edge, and an icon's alt text
 * in place) while it stays short, and what its content would add to the
 * strip is held back. When it closes and its text is one item, that item
 * replaces what was held back; otherwise the held-back runs and items go
 * on in order. A block that grows past SINGLE_MAX can no longer be an item
 * and lets go of what it held. */
#include "html_reader.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "buf.h"
#include "temptext.h"
#include "vec.h"

#define SINGLE_MAX 480 /* a block longer than this is never one item */
#define NONE SIZE_MAX

typedef enum {
    TAG_INLINE = 0,
    TAG_BLOCK,
    TAG_BREAK,
    TAG_IGNORED,
    TAG_IMAGE,
    TAG_TABLE,
    TAG_ROW,
    TAG_CELL
} tag_kind;

static const struct tag {
    const char *name;
    tag_kind kind;
} tags[] = {
    /* sorted by name for bsearch */
    {"address", TAG_BLOCK},    {"applet", TAG_IGNORED}, {"area", TAG_IMAGE},
    {"article", TAG_BLOCK},    {"aside", TAG_BLOCK},    {"blockquote", TAG_BLOCK},
    {"body", TAG_BLOCK},       {"br", TAG_BREAK},       {"button", TAG_BLOCK},
    {"canvas", TAG_IGNORED},   {"caption", TAG_BLOCK},  {"center", TAG_BLOCK},
    {"dd", TAG_BLOCK},         {"details", TAG_BLOCK},  {"dialog", TAG_BLOCK},
    {"dir", TAG_BLOCK},        {"div", TAG_BLOCK},      {"dl", TAG_BLOCK},
    {"dt", TAG_BLOCK},         {"embed", TAG_IGNORED},  {"fieldset", TAG_BLOCK},
    {"figcaption", TAG_BLOCK}, {"figure", TAG_BLOCK},   {"footer", TAG_BLOCK},
    {"form", TAG_BLOCK},       {"frameset", TAG_BLOCK}, {"h1", TAG_BLOCK},
    {"h2", TAG_BLOCK},         {"h3", TAG_BLOCK},       {"h4", TAG_BLOCK},
    {"h5", TAG_BLOCK},         {"h6", TAG_BLOCK},       {"head", TAG_IGNORED},
    {"header", TAG_BLOCK},     {"hgroup", TAG_BLOCK},   {"hr", TAG_BREAK},
    {"html", TAG_BLOCK},       {"iframe", TAG_IGNORED}, {"img", TAG_IMAGE},
    {"input", TAG_IMAGE},      {"legend", TAG_BLOCK},   {"li", TAG_BLOCK},
    {"main", TAG_BLOCK},       {"map", TAG_BLOCK},      {"marquee", TAG_BLOCK},
    {"menu", TAG_BLOCK},       {"nav", TAG_BLOCK},      {"noembed", TAG_IGNORED},
    {"object", TAG_IGNORED},   {"ol", TAG_BLOCK},       {"optgroup", TAG_BLOCK},
    {"option", TAG_BLOCK},     {"p", TAG_BLOCK},        {"pre", TAG_BLOCK},
    {"script", TAG_IGNORED},   {"section", TAG_BLOCK},  {"select", TAG_BLOCK},
    {"style", TAG_IGNORED},    {"summary", TAG_BLOCK},  {"table", TAG_TABLE},
    {"tbody", TAG_BLOCK},      {"td", TAG_CELL},        {"template", TAG_IGNORED},
    {"textarea", TAG_IGNORED}, {"tfoot", TAG_BLOCK},    {"th", TAG_CELL},
    {"thead", TAG_BLOCK},      {"title", TAG_IGNORED},  {"tr", TAG_ROW},
    {"ul", TAG_BLOCK},         {"xmp", TAG_IGNORED},
};

static int tag_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct tag *)elem)->name);
}

/* libxml2 interns element names: a small cache keyed by the name's address
 * spares most look-ups. */
typedef struct {
    const xmlChar *name;
    tag_kind kind;
} kind_cache[64];

static tag_kind kind_of(kind_cache cache, const xmlChar *name)
{
    size_t slot = ((uintptr_t)name >> 4) % 64;
    if (cache[slot].name == name)
        return cache[slot].kind;
    const struct tag *t =
        bsearch(name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], tag_cmp);
    cache[slot].name = name;
    cache[slot].kind = t ? t->kind : TAG_INLINE;
    return cache[slot].kind;
}

static int is_block(tag_kind k)
{
    return k == TAG_BLOCK || k == TAG_TABLE || k == TAG_ROW || k == TAG_CELL;
}

typedef struct {
    tag_kind kind;
    int candidate;  /* a block that may still be one item */
    size_t start;   /* where its text begins in w->collect */
    size_t events;  /* held-back events when it began */
    size_t content; /* w->content when it began: has an inline any text? */
    char *label;    /* an inline's label, used when it has no text */
    int col;        /* a row's cells so far; a cell's column */
    int temp_col;   /* a table's temperature column (header 기온, ℃), or -1 */
    int rows;       /* a table's rows so far */
} frame;

typedef struct {
    int is_item;
    size_t off, len; /* a run's text in w->evtext */
    strip_item item;
} event;

typedef struct {
    strip_scan *scan;
    frame *st;
    size_t depth, cap;
    int ignore;    /* inside script, style, head...: nothing counts */
    buf_t run;     /* inline text since the last block boundary */
    buf_t collect; /* the text of the open candidates, from the outermost */
    size_t outer;  /* the outermost candidate, or NONE */
    event *ev;     /* events held back for the open candidates */
    size_t nev, capev;
    buf_t evtext;
    size_t content; /* text bytes and images seen */
    kind_cache kinds;
    htmlParserCtxtPtr ctxt; /* to tell an end tag from the end of the input */
    int at_eof;             /* closing what the input left open */
    int cut;                /* a block the input ended inside was dropped */
    char number[32];        /* a bare number cell just left out of a row ("" none) */
    int number_col;         /* its column */
    int failed;
} walker;

static void put(walker *w, buf_t *b, const char *s, size_t n)
{
    if (buf_append(b, s, n) < 0)
        w->failed = 1;
}

static void seg(walker *w, buf_t *b)
{
    if (b->len && b->data[b->len - 1] != TEXT_SEG)
        put(w, b, (const char[]){TEXT_SEG}, 1);
}

/* ---- events held back while a candidate is open ---- */

static event *new_event(walker *w)
{
    if (VEC_RESERVE(w->ev, w->nev, w->capev, 16) < 0)
        return w->failed = 1, NULL;
    return &w->ev[w->nev++];
}

static void emit_item(walker *w, const strip_item *it)
{
    event *e;
    if (w->outer == NONE)
        strip_add_item(w->scan, it);
    else if ((e = new_event(w)))
        e->is_item = 1, e->item = *it;
}

static void flush_run(walker *w)
{
    event *e;
    if (!w->run.len)
        return;
    if (w->outer == NONE)
        strip_add_run(w->scan, w->run.data, w->run.len);
    else if ((e = new_event(w))) {
        *e = (event){.off = w->evtext.len, .len = w->run.len};
        put(w, &w->evtext, w->run.data, w->run.len);
    }
    buf_reset(&w->run);
}

/* Passes on the first N held-back events and keeps the rest. */
static void release(walker *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (w->ev[i].is_item)
            strip_add_item(w->scan, &w->ev[i].item);
        else
            strip_add_run(w->scan, w->evtext.data + w->ev[i].off, w->ev[i].len);
    }
    size_t text = n < w->nev ? w->ev[n].off : w->evtext.len;
    for (size_t i = n; i < w->nev; i++)
        w->ev[i - n] = w->ev[i], w->ev[i - n].off -= text;
    w->nev -= n;
    if (text) /* never on an empty (NULL) buffer */
        memmove(w->evtext.data, w->evtext.data + text, w->evtext.len - text);
    w->evtext.len -= text;
    for (size_t f = 0; f < w->depth; f++)
        w->st[f].events = w->st[f].events > n ? w->st[f].events - n : 0;
}

/* The outermost candidate grew too long to be an item: the next inner
 * candidate takes its place, or nothing is held back any more. */
static void let_go(walker *w)
{
    w->st[w->outer].candidate = 0;
    size_t next = w->outer + 1;
    while (next < w->depth && !w->st[next].candidate)
        next++;
    if (next == w->depth) {
        release(w, w->nev);
        w->outer = NONE;
        buf_reset(&w->collect);
        return;
    }
    release(w, w->st[next].events);
    size_t cut = w->st[next].start;
    if (cut)
        memmove(w->collect.data, w->collect.data + cut, w->collect.len - cut);
    w->collect.len -= cut;
    for (size_t f = next; f < w->depth; f++)
        w->st[f].start = w->st[f].start > cut ? w->st[f].start - cut : 0;
    w->outer = next;
}

/* ---- text ---- */

static void add_text(walker *w, const char *s, size_t n)
{
    if (w->ignore || !n)
        return;
    put(w, &w->run, s, n);
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r') {
            w->content++;
            break;
        }
    if (w->outer == NONE)
        return;
    put(w, &w->collect, s, n);
    while (w->outer != NONE && w->collect.len - w->st[w->outer].start > SINGLE_MAX)
        let_go(w);
}

static void add_label(walker *w, const char *label)
{
    seg(w, &w->run);
    if (w->outer != NONE)
        seg(w, &w->collect);
    add_text(w, label, strlen(label));
    seg(w, &w->run);
    if (w->outer != NONE)
        seg(w, &w->collect);
}

/* Alt texts that describe the picture, not the weather. */
static const char *const generic_labels[] = {"icon", "아이콘", "이미지", "image",
                                             "img",  "그림",   NULL};

/* The text an image (alt, title) or an empty icon (aria-label, title) stands
 * for; NULL when none. */
static const char *label_of(const xmlChar **attrs, int image)
{
    static const char *const image_attrs[] = {"alt", "title", "aria-label", NULL};
    static const char *const icon_attrs[] = {"aria-label", "title", NULL};
    for (const char *const *a = image ? image_attrs : icon_attrs; attrs && *a; a++)
        for (const xmlChar **p = attrs; p[0]; p += 2) {
            const char *v = (const char *)p[1];
            if (strcasecmp((const char *)p[0], *a) != 0 || !v || !*v)
                continue;
            int generic = 0;
            for (const char *const *g = generic_labels; *g && !generic; g++)
                generic = strcasestr(v, *g) != NULL;
            if (!generic)
                return v;
        }
    return NULL;
}

/* ---- tables: a header naming the temperature column ---- */

static const char *const temp_headers[] = {"℃", "°C", "기온", "온도", NULL};
static const char *const other_headers[] = {"최고", "최저", "체감", "습도", "수온", NULL};

static int header_matches(const char *s, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (memmem(s, n, *list, strlen(*list)))
            return 1;
    return 0;
}

static int has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

/* A bare number in a temperature column: "18.6", "-3.2". */
static int bare_number(const char *s, size_t n)
{
    size_t i = 0, digits = 0;
    while (i < n && (s[i] == ' ' || s[i] == TEXT_SEG || s[i] == '\n'))
        i++;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    else if (i + 3 <= n && memcmp(s + i, "\xE2\x88\x92", 3) == 0) /* U+2212, a minus */
        i += 3;
    for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'); i++)
        digits += s[i] != '.';
    while (i < n && (s[i] == ' ' || s[i] == TEXT_SEG || s[i] == '\n' || s[i] == '\t'))
        i++;
    return digits > 0 && i == n;
}

static frame *nearest(walker *w, tag_kind k)
{
    for (size_t i = w->depth; i-- > 0;)
        if (w->st[i].kind == k)
            return &w->st[i];
    return NULL;
}

/* A closing cell: in a table's first row it may name the temperature
 * column; in later rows that column's bare numbers get their ℃, and other
 * numeric cells (humidity, wind) are left out of the row's text. */
/* A cell that is only a temperature's unit: "℃", "°C" ("<td>8.6</td><td>°C</td>"). */
static int unit_only(const char *s, size_t n)
{
    static const char *const units[] = {"℃", "°C", "° C", "ºC", "˚C", "°c", NULL};
    while (n && (*s == ' ' || *s == TEXT_SEG || *s == '\n' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == TEXT_SEG || s[n - 1] == '\n' || s[n - 1] == '\t'))
        n--;
    for (const char *const *u = units; *u; u++)
        if (n == strlen(*u) && memcmp(s, *u, n) == 0)
            return 1;
    return 0;
}

static void drop_cell(walker *w, const frame *cell)
{
    w->collect.len = cell->start, w->collect.data[cell->start] = '\0';
}

/* A unit in a cell of its own gives the bare number just before it (in the
 * temperature column, or left out of the row as another number) its mark. */
static void unit_cell(walker *w, const frame *cell, const frame *table)
{
    drop_cell(w, cell);
    if (w->number[0] && w->number_col == cell->col - 1 && cell->col - 1 != table->temp_col) {
        seg(w, &w->collect);
        put(w, &w->collect, w->number, strlen(w->number));
        put(w, &w->collect, "℃", strlen("℃"));
    } /* in the temperature column the number has its ℃ already */
}

static void end_cell(walker *w, const frame *cell)
{
    frame *table = nearest(w, TAG_TABLE);
    if (!table || w->outer == NONE || w->collect.len < cell->start || !w->collect.data)
        return;
    const char *t = w->collect.data + cell->start;
    size_t n = w->collect.len - cell->start;
    int number = bare_number(t, n);
    int after_number = w->number[0] && w->number_col == cell->col - 1;
    if (unit_only(t, n) && (after_number || table->rows > 1)) {
        unit_cell(w, cell, table);
    } else if (table->rows == 1 && table->temp_col < 0 && temps_count(t, n) == 0 &&
               header_matches(t, n, temp_headers) && !header_matches(t, n, other_headers)) {
        table->temp_col = cell->col;
    } else if (cell->col == table->temp_col && number) {
        put(w, &w->collect, "℃", strlen("℃"));
    } else if (has_digit(t, n) && temps_count(t, n) == 0) {
        if (number && n < sizeof w->number) /* kept in case a unit cell follows */
            memcpy(w->number, t, n), w->number[n] = '\0', w->number_col = cell->col;
        drop_cell(w, cell);
        return;
    }
    w->number[0] = '\0';
}

/* ---- elements ---- */

static frame *push(walker *w, tag_kind kind)
{
    if (VEC_RESERVE(w->st, w->depth, w->cap, 64) < 0)
        return w->failed = 1, NULL;
    frame *f = &w->st[w->depth++];
    *f = (frame){.kind = kind, .content = w->content, .temp_col = -1, .events = w->nev};
    return f;
}

static void start_block(walker *w, tag_kind kind)
{
    flush_run(w);
    if (w->outer != NONE)
        seg(w, &w->collect);
    else
        buf_reset(&w->collect);
    frame *f = push(w, kind);
    if (!f)
        return;
    f->candidate = 1;
    f->start = w->collect.len;
    if (w->outer == NONE)
        w->outer = w->depth - 1;
    frame *row = kind == TAG_CELL ? nearest(w, TAG_ROW) : NULL;
    frame *table = kind == TAG_ROW ? nearest(w, TAG_TABLE) : NULL;
    if (row)
        f->col = row->col++;
    if (table)
        table->rows++, w->number[0] = '\0'; /* a row's unit cell is for its own number */
}

static void end_block(walker *w, frame *f)
{
    flush_run(w);
    if (!f->candidate)
        return;
    const char *t = w->collect.data ? w->collect.data + f->start : "";
    size_t n = w->collect.len - f->start;
    strip_item it;
    int single = temps_count_marks(t, n) == 1 && strip_single(w->scan, t, n, &it);
    f->candidate = 0;
    if (single) { /* the item stands for everything inside */
        w->evtext.len = f->events < w->nev ? w->ev[f->events].off : w->evtext.len;
        w->nev = f->events;
    }
    if (w->outer == w->depth - 1) {
        release(w, w->nev);
        w->outer = NONE;
    }
    if (single)
        emit_item(w, &it);
    if (f->kind == TAG_CELL)
        end_cell(w, f);
    if (w->outer != NONE)
        seg(w, &w->collect);
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **attrs)
{
    walker *w = ctx;
    tag_kind k = w->ignore ? TAG_IGNORED : kind_of(w->kinds, name);
    frame *f;
    switch (k) {
    case TAG_IGNORED:
        w->ignore++;
        push(w, k);
        return;
    case TAG_BREAK:
        flush_run(w);
        if (w->outer != NONE)
            seg(w, &w->collect);
        push(w, k);
        return;
    case TAG_IMAGE: {
        const char *label = label_of(attrs, 1);
        if (label)
            add_label(w, label);
        w->content++;
        push(w, k);
        return;
    }
    case TAG_INLINE:
        seg(w, &w->run);
        if (w->outer != NONE)
            seg(w, &w->collect);
        if ((f = push(w, k)) && attrs) {
            const char *label = label_of(attrs, 0);
            f->label = label ? strdup(label) : NULL;
        }
        return;
    default: start_block(w, k);
    }
}

/* Whether the input just read ends with NAME's end tag ("</li>", "</LI >"). */
static int end_tag_here(const htmlParserCtxtPtr c, const xmlChar *name)
{
    const xmlChar *p = c->input->cur, *base = c->input->base;
    size_t n = name ? strlen((const char *)name) : 0;
    while (p > base && p[-1] != '>')
        p--;
    if (p == base || !n)
        return 0;
    p--; /* at '>' */
    while (p > base && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' || p[-1] == '\r'))
        p--;
    return (size_t)(p - base) >= n + 2 &&
           strncasecmp((const char *)p - n, (const char *)name, n) == 0 && p[-(long)n - 1] == '/' &&
           p[-(long)n - 2] == '<';
}

/* A block the input ends inside (closed by libxml2 at the end of the input,
 * or by the walker after it) may hold a cut item: "서울 18.6°C" whose word
 * came after it. Its text is dropped, never read as an item; what complete
 * blocks inside it gave stays. */
static void cut_block(walker *w, frame *f)
{
    if (!f->candidate && !w->run.len)
        return;
    /* something was left out when a temperature was: in the pending text,
     * or in a candidate's own text (not in complete blocks inside it) */
    int lost = temps_count_marks(w->run.data ? w->run.data : "", w->run.len) > 0;
    if (f->candidate && w->collect.data && f->start <= w->collect.len) {
        lost |= f->events == w->nev &&
                temps_count_marks(w->collect.data + f->start, w->collect.len - f->start) > 0;
        w->collect.len = f->start, w->collect.data[f->start] = '\0';
    }
    buf_reset(&w->run);
    f->candidate = 0;
    if (w->outer == w->depth - 1)
        w->outer = NONE; /* its held-back events go on at the end */
    w->cut |= lost;
}

static void on_end(void *ctx, const xmlChar *name)
{
    walker *w = ctx;
    /* libxml2 closes elements in order, implied ones included */
    if (!w->depth)
        return;
    frame *f = &w->st[w->depth - 1];
    int eof =
        w->at_eof || (w->ctxt && w->ctxt->input && w->ctxt->input->cur >= w->ctxt->input->end &&
                      !end_tag_here(w->ctxt, name));
    if (eof && is_block(f->kind))
        cut_block(w, f);
    if (f->kind == TAG_IGNORED) {
        w->ignore--;
    } else if (f->kind == TAG_INLINE) {
        if (f->label && w->content == f->content)
            add_label(w, f->label);
        seg(w, &w->run);
        if (w->outer != NONE)
            seg(w, &w->collect);
        free(f->label);
    } else if (is_block(f->kind)) {
        end_block(w, f);
    }
    w->depth--;
}

static void on_text(void *ctx, const xmlChar *s, int n)
{
    add_text(ctx, (const char *)s, (size_t)n);
}

int html_scan(strip_scan *sc, const char *s, size_t len)
{
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(s, (int)len);
    if (!ctxt)
        return len ? -1 : 0;
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    sax.cdataBlock = on_text;
    walker w = {.scan = sc, .outer = NONE, .ctxt = ctxt};
    memcpy(ctxt->sax, &sax, sizeof sax);
    ctxt->userData = &w;
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    htmlParseDocument(ctxt);
    w.at_eof = 1;
    while (w.depth) /* a document cut off: close what is open */
        on_end(&w, NULL);
    flush_run(&w);
    release(&w, w.nev);
    sc->cut = w.cut;
    htmlFreeParserCtxt(ctxt);
    buf_free(&w.run);
    buf_free(&w.collect);
    buf_free(&w.evtext);
    free(w.ev);
    free(w.st);
    return w.failed ? -1 : 0;
}
