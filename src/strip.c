/* strip: finding weather-strip items (word, station, temperature) in text. */
#include "strip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "split.h"
#include "temptext.h"
#include "text.h"
#include "utf8.h"
#include "vec.h"

#define CREDIT_MAX 64        /* a "기상청 제공" line */
#define GAP_SATURATED 100000 /* gaps are only ever compared with a few hundred */
#define LABEL_MAX 32         /* visible bytes of a run that is only a name */

static const char credit_mark[] = "기상청";

/* 1 when TEXT is only a credit line such as "기상청 제공". */
static int is_credit(const char *text, size_t len)
{
    char r[CREDIT_MAX + 1];
    if (!memmem(text, len, credit_mark, sizeof credit_mark - 1))
        return 0;
    long n = text_normalize(text, len, r, sizeof r);
    return n > 0 && strstr(r, credit_mark) != NULL;
}

static int is_blank(const char *text, size_t len)
{
    char r[8];
    long n = text_normalize(text, len < 64 ? len : 64, r, sizeof r);
    return len < 64 && n == 0;
}

/* ---- collecting ---- */

void strip_scan_init(strip_scan *s, const wx_registry *reg)
{
    memset(s, 0, sizeof *s);
    s->reg = reg;
}

void strip_scan_free(strip_scan *s)
{
    free(s->items);
    free(s->dates);
    memset(s, 0, sizeof *s);
}

static void forget_parts(strip_scan *s)
{
    s->label = NULL;
    s->label_word = NULL;
}

void strip_add_item(strip_scan *s, const strip_item *it)
{
    if (VEC_RESERVE(s->items, s->n, s->cap, 64) < 0) {
        s->failed = 1;
        return;
    }
    strip_item *dst = &s->items[s->n++];
    *dst = *it;
    dst->gap = s->gap;
    int nameless = !it->st && !it->name[0], wordless = !it->w && !it->word[0];
    /* the parts before name a nameless item; a word alone words an item
     * that has none */
    if ((s->label && nameless) || (!s->label && s->label_word && wordless)) {
        if (s->label) {
            dst->st = s->label;
            snprintf(dst->name, sizeof dst->name, "%s", s->label_name);
        }
        if (s->label_word && wordless) {
            dst->w = s->label_word;
            snprintf(dst->word, sizeof dst->word, "%s", s->label_word_text);
        }
        dst->gap = s->label_gap;
    }
    forget_parts(s);
    s->gap = 0;
}

/* A short run that is only a station's name or only a weather word is a
 * part of the item that follows at once ("<dt>서울</dt><dd>비 18.6℃</dd>",
 * or name, word and temperature in sibling elements); another run, or a
 * second name or word, starts over. */
static void note_part(strip_scan *s, const char *text, size_t len, size_t visible)
{
    char r[WX_WORD_MAX];
    /* names are a few Hangul syllables, with a note such as "(예)" */
    long n =
        visible <= LABEL_MAX && len < sizeof r * 4 ? text_normalize(text, len, r, sizeof r) : -1;
    const wx_station *st = n > 0 ? split_name(s->reg, r, (size_t)n) : NULL;
    const wx_word *w = n > 0 && !st ? split_word(r, (size_t)n) : NULL;
    if ((!st && !w) || (st && s->label) || (w && s->label_word))
        forget_parts(s);
    if ((st || w) && !s->label && !s->label_word)
        s->label_gap = s->gap;
    if (st) {
        s->label = st;
        split_copy_part(s->label_name, sizeof s->label_name, r, (size_t)n);
    } else if (w) {
        s->label_word = w;
        split_copy_part(s->label_word_text, sizeof s->label_word_text, r, (size_t)n);
    }
}

/* A run that is only a temperature, after a station's name (and maybe a
 * word) in the elements just before it; 1 when it made an item. */
static int add_bare_temp(strip_scan *s, const char *text, size_t len, const temp_tok *t)
{
    if (!s->label || !is_blank(text, t->start) || !is_blank(text + t->end, len - t->end))
        return 0;
    strip_item it;
    memset(&it, 0, sizeof it);
    it.temp = t->value;
    it.has_temp = 1;
    snprintf(it.text, sizeof it.text, "%s %s%s%.1f℃", s->label_name,
             s->label_word ? s->label_word_text : "", s->label_word ? " " : "", t->value);
    strip_add_item(s, &it);
    return 1;
}

static void add_date(strip_scan *s, const strip_date *d)
{
    if (VEC_RESERVE(s->dates, s->ndates, s->capdates, 8) < 0) {
        s->failed = 1;
        return;
    }
    s->dates[s->ndates] = *d;
    s->dates[s->ndates].at = s->n;
    s->dates[s->ndates].gap = s->gap;
    s->ndates++;
}

/* A run's temperature marks, and its bytes of text that are not white
 * space or boundaries (VISIBLE, which only needs to tell a strip's
 * neighbourhood from far away; a loop the compiler vectorises). */
static size_t count_run(const char *text, size_t len, size_t *visible)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t blank = 0;
    for (size_t i = 0; i < len; i++)
        blank += u[i] <= ' '; /* TEXT_SEG is below ' ' too */
    *visible = len - blank;
    return temps_count_marks(text, len);
}

/* 1 when the temperature at T is followed by a letter ("18.6℃까지"): the
 * language of prose, never of a strip item. */
static int glued_to_word(const char *text, size_t len, const temp_tok *t)
{
    size_t cl;
    if (t->end >= len)
        return 0;
    unsigned cp = utf8_decode(text, len, t->end, &cl);
    return (cp >= 0xAC00 && cp <= 0xD7A3) ||
           (cp < 0x80 && (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
}

int strip_single(const strip_scan *s, const char *text, size_t len, strip_item *it)
{
    temp_tok t[2];
    if (temps_find(text, len, t, 2) != 1 || glued_to_word(text, len, &t[0]))
        return 0;
    char rest[SPLIT_REST_MAX * 2];
    size_t before = t[0].start, after = len - t[0].end;
    if (before + after + 1 >= sizeof rest)
        return 0;
    memcpy(rest, text, before);
    rest[before] = TEXT_SEG;
    memcpy(rest + before + 1, text + t[0].end, after);
    return split_item(s->reg, rest, before + 1 + after, text, len, &t[0], it) == 1;
}

/* Where normalised R (N bytes) splits at a boundary into a part before (a
 * known word, put in *WORD; or, when WORD is NULL, anything) and a
 * station's name after it; the split point, or -1. */
static long split_word_name(const strip_scan *s, const char *r, size_t n, const wx_word **word,
                            const wx_station **st)
{
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && r[k - 1] != ' ' && r[k - 1] != TEXT_SEG)
            continue;
        size_t wn = k ? k - 1 : 0;
        const wx_word *w = wn ? split_word(r, wn) : NULL;
        if (word && !w)
            continue;
        if ((*st = split_name(s->reg, r + k, n - k)) != NULL) {
            if (word)
                *word = w;
            return (long)k;
        }
    }
    return -1;
}

/* The known word at the start of normalised R, followed by nothing or by
 * the credit line; its length, or 0. */
static size_t leading_word(const char *r, size_t n, const wx_word **w)
{
    for (size_t k = n; k > 0; k--) {
        if (k < n && r[k] != ' ' && r[k] != TEXT_SEG)
            continue;
        if ((k == n || is_credit(r + k, n - k)) && (*w = split_word(r, k)) != NULL)
            return k;
    }
    return 0;
}

/* A run whose items put the word after the temperature, "서울 18.6℃ 비 ·
 * 부산 20.1℃ 맑음": between two temperatures, the word of one item and the
 * name of the next. Taken only when every name resolves and every word is
 * known; returns 1 when the items were added. */
static int add_trailing_words(strip_scan *s, const char *text, size_t len, const temp_tok *t,
                              size_t nt)
{
    char r[WX_TEXT_MAX];
    const wx_word *w;
    long n = text_normalize(text + t[nt - 1].end, len - t[nt - 1].end, r, sizeof r);
    if (n <= 0 || !leading_word(r, (size_t)n, &w))
        return 0;
    strip_item *items = calloc(nt, sizeof *items);
    if (!items)
        return s->failed = 1, 0;
    int ok = 1;
    for (size_t i = 0; i <= nt && ok; i++) { /* piece i: before temperature i, or the tail */
        size_t from = i ? t[i - 1].end : 0, to = i < nt ? t[i].start : len;
        const wx_station *st = NULL;
        long k = -1;
        n = text_normalize(text + from, to - from, r, sizeof r);
        if (n <= 0)
            ok = 0;
        else if (i == nt)
            ok = leading_word(r, (size_t)n, &w) > 0;
        else
            ok = (k = split_word_name(s, r, (size_t)n, i ? &w : NULL, &st)) >= 0 &&
                 /* a word before the first name: the usual order, not this */
                 !(i == 0 && k > 0 && split_word(r, (size_t)k - 1));
        if (ok && i > 0) { /* the word of the item before */
            strip_item *prev = &items[i - 1];
            prev->w = w;
            snprintf(prev->word, sizeof prev->word, "%s", w->word);
            snprintf(prev->text, sizeof prev->text, "%s %.1f℃ %s", prev->name, prev->temp, w->word);
        }
        if (ok && i < nt) {
            strip_item *it = &items[i];
            split_copy_part(it->name, sizeof it->name, r + k, (size_t)(n - k));
            it->st = st, it->temp = t[i].value, it->has_temp = 1;
        }
    }
    strip_date d; /* the day's date may lead the run, as in add_sequence */
    if (ok && dateline_prefix(text, t[0].start, &d))
        add_date(s, &d);
    for (size_t i = 0; ok && i < nt; i++)
        strip_add_item(s, &items[i]);
    free(items);
    return ok;
}

/* Adds the items of a run with several temperatures, when every piece
 * between them is an item; returns 1 when it did. */
static int add_sequence(strip_scan *s, const char *text, const temp_tok *t, size_t nt)
{
    size_t from = 0;
    strip_date d;
    size_t used = dateline_prefix(text, t[0].start, &d);
    if (used)
        from = used;
    strip_item *items = malloc(nt * sizeof *items);
    if (!items)
        return s->failed = 1, 0;
    size_t ni = 0;
    for (size_t i = 0; i < nt; i++) {
        size_t start = i ? t[i - 1].end : from;
        int rc = split_item(s->reg, text + start, t[i].start - start, text + start,
                            t[i].end - start, &t[i], &items[ni]);
        if (rc == 0) {
            free(items);
            return 0;
        }
        ni += rc == 1;
    }
    if (used)
        add_date(s, &d);
    for (size_t i = 0; i < ni; i++)
        strip_add_item(s, &items[i]);
    free(items);
    return 1;
}

/* 1 when TEXT has four digits in a row, as every date line does. */
static int has_year(const char *text, size_t len)
{
    for (size_t i = 0, run = 0; i < len; i++) {
        run = utf8_is_digit(text[i]) ? run + 1 : 0;
        if (run == 4)
            return 1;
    }
    return 0;
}

/* A weekday in parentheses or spelled out: a date line without a year has
 * one. */
static int has_weekday(const char *text, size_t len)
{
    return memmem(text, len, "요일", strlen("요일")) || memmem(text, len, ")", 1);
}

/* A date line, or a short heading with the date in an element of its own
 * ("오늘의 날씨 <span>2024.11.28</span>"). */
static int date_line(const char *text, size_t len, strip_date *d)
{
    if (len >= WX_TEXT_MAX || (!has_year(text, len) && !has_weekday(text, len)))
        return 0;
    if (dateline_parse(text, len, d))
        return 1;
    for (size_t i = 0; i < len;) {
        const char *seg = memchr(text + i, TEXT_SEG, len - i);
        size_t end = seg ? (size_t)(seg - text) : len;
        if (end > i && (has_year(text + i, end - i) || has_weekday(text + i, end - i)) &&
            dateline_parse(text + i, end - i, d))
            return 1;
        i = end + 1;
    }
    return 0;
}

void strip_add_run(strip_scan *s, const char *text, size_t len)
{
    size_t visible, marks = count_run(text, len, &visible);
    strip_date d;
    if (marks == 0 && visible == 0)
        return; /* white space between elements: nothing changes */
    if (marks == 0) {
        if (date_line(text, len, &d)) {
            forget_parts(s);
            add_date(s, &d);
        } else if (len <= CREDIT_MAX * 2 && is_credit(text, len)) {
            forget_parts(s);
        } else {
            note_part(s, text, len, visible);
            s->gap = s->gap + visible < GAP_SATURATED ? s->gap + visible : GAP_SATURATED;
        }
        return;
    }
    temp_tok *t = malloc(marks * sizeof *t);
    if (!t) {
        s->failed = 1;
        return;
    }
    size_t nt = temps_find(text, len, t, marks);
    size_t tail = nt ? t[nt - 1].end : len;
    int ok = 0;
    if (nt == 1) {
        strip_item it;
        ok = strip_single(s, text, len, &it);
        if (ok)
            strip_add_item(s, &it);
        else if (is_credit(text + tail, len - tail) || is_blank(text + tail, len - tail))
            ok = strip_single(s, text, tail, &it) && (strip_add_item(s, &it), 1);
        if (!ok)
            ok = add_bare_temp(s, text, len, &t[0]);
    } else if (nt > 1) {
        ok = add_trailing_words(s, text, len, t, nt);
        if (!ok && (is_blank(text + tail, len - tail) || is_credit(text + tail, len - tail)))
            ok = add_sequence(s, text, t, nt);
    }
    if (!ok) {
        forget_parts(s);
        s->gap = s->gap + visible < GAP_SATURATED ? s->gap + visible : GAP_SATURATED;
    }
    free(t);
}
