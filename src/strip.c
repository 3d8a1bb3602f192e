/* strip: finding weather-strip items (word, station, temperature) in text. */
#include "strip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "temps.h"
#include "utf8.h"
#include "vec.h"

#define REST_MAX 96      /* bytes of word + name beside one temperature */
#define REST_TOKENS 6    /* space-separated tokens in word + name */
#define CREDIT_MAX 64    /* a "기상청 제공" line */
#define GAP_SATURATED 100000 /* gaps are only ever compared with a few hundred */
#define NAME_KEY_MAX 64
#define LABEL_MAX 32         /* visible bytes of a run that is only a name */

static const char credit_mark[] = "기상청";

/* Separators around items: bullets, bars, arrows. '/' ',' ':' only at the
 * edges of a piece, since words like "비/눈" and "뇌우,우박" contain them. */
static int is_inner_sep(unsigned cp)
{
    if (cp == (unsigned char)STRIP_SEG || utf8_is_space(cp))
        return 1;
    /* pictographs used as icons (☀ ☁ ☂ ❄, 🌧 🌫) and what joins them */
    if ((cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x1F300 && cp <= 0x1FAFF) || cp == 0xFE0F ||
        cp == 0x200D)
        return 1;
    switch (cp) {
    case '|': case '*': case '>': case 0xB7: case 0x2022: case 0x2027: case 0x2219:
    case 0x30FB: case 0xFF5C: case 0x203B: case 0x25A0: case 0x25A1: case 0x25B6:
    case 0x25B7: case 0x25BA: case 0x25C0: case 0x25C6: case 0x25C7: case 0x25CB:
    case 0x25CF: case 0x2605: case 0x2606: case 0x25AA: case 0x25B8: case 0x2023:
        return 1;
    default:
        return 0;
    }
}

static int is_edge_sep(unsigned cp)
{
    return is_inner_sep(cp) || cp == '/' || cp == ',' || cp == ';' || cp == ':' || cp == '.';
}

/* Punctuation that marks a sentence: text with it is prose, not an item. */
static int is_prose(unsigned cp)
{
    switch (cp) {
    case '.': case '!': case '?': case '"': case '=': case '[': case ']': case 0x201C:
    case 0x201D: case 0x2018: case 0x2019: case 0x3002: case 0x2026: case 0x3010:
    case 0x3011:
        return 1;
    default:
        return cp >= '0' && cp <= '9';
    }
}

long strip_normalize(const char *src, size_t n, char *dst, size_t dstsz)
{
    size_t i = 0, end = n, cl, o = 0;
    while (i < n && is_edge_sep(utf8_decode(src, n, i, &cl)))
        i += cl;
    while (end > i) {
        size_t k = utf8_back(src, end);
        if (!is_edge_sep(utf8_decode(src, n, end - k, &cl)))
            break;
        end -= k;
    }
    int pend = 0; /* 1: a space is due, 2: a segment boundary */
    for (; i < end; i += cl) {
        unsigned cp = utf8_decode(src, n, i, &cl);
        if (is_inner_sep(cp)) {
            int kind = utf8_is_space(cp) ? 1 : 2;
            pend = pend > kind ? pend : kind;
            continue;
        }
        if (o + cl + 2 > dstsz)
            return -1;
        if (pend)
            dst[o++] = pend == 2 ? STRIP_SEG : ' ';
        pend = 0;
        memcpy(dst + o, src + i, cl);
        o += cl;
    }
    dst[o] = '\0';
    return (long)o;
}

/* Copies S for display: segment boundaries become spaces. */
static void display(char *dst, size_t dstsz, const char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < dstsz; i++)
        dst[o++] = s[i] == STRIP_SEG ? ' ' : s[i];
    dst[o] = '\0';
}

/* ---- splitting the text beside a temperature into word and station ---- */

/* Resolves a station name: white space and boundaries are ignored, and a
 * trailing note in parentheses ("대구(기)") is dropped when the full name is
 * not registered. */
static const wx_station *resolve_name(const wx_registry *reg, const char *s, size_t n)
{
    char key[NAME_KEY_MAX];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == STRIP_SEG)
            continue;
        if (k + 1 >= sizeof key)
            return NULL;
        key[k++] = s[i];
    }
    if (k == 0)
        return NULL;
    const wx_station *st = stations_by_name(reg, key, k);
    if (st || key[k - 1] != ')')
        return st;
    char *open = memrchr(key, '(', k);
    return open && open > key ? stations_by_name(reg, key, (size_t)(open - key)) : NULL;
}

/* Looks up a word; "흐림 흐림" (an icon's alt text beside the same word)
 * counts as the word once. */
static const wx_word *resolve_word(const char *s, size_t n)
{
    char tmp[REST_MAX + 1];
    /* "(맑음)", "[맑음]": the word in brackets */
    if (n > 2 && ((s[0] == '(' && s[n - 1] == ')') || (s[0] == '[' && s[n - 1] == ']')))
        s++, n -= 2;
    if (n == 0 || n >= sizeof tmp)
        return NULL;
    for (size_t i = 0; i < n; i++)
        tmp[i] = s[i] == STRIP_SEG ? ' ' : s[i];
    const wx_word *w = weather_lookup(tmp, n);
    if (w)
        return w;
    const char *sp = memchr(tmp, ' ', n);
    if (!sp)
        return NULL;
    size_t first = (size_t)(sp - tmp);
    const wx_word *w1 = weather_lookup(tmp, first);
    if (!w1)
        return NULL;
    for (size_t i = first + 1; i < n;) {
        const char *next = memchr(tmp + i, ' ', n - i);
        size_t end = next ? (size_t)(next - tmp) : n;
        if (weather_lookup(tmp + i, end - i) != w1)
            return NULL;
        i = end + 1;
    }
    return w1;
}

#define NOT_A_NAME 20 /* below any split that does not call a weather word a name */

typedef struct {
    int score;
    size_t k;       /* split point */
    int name_first; /* name before word, as in table rows */
    int plausible;  /* unknown parts are short enough to be a word and a name */
    const wx_word *w;
    const wx_station *st;
} split;

/* 0 at no boundary, 1 at a space, 2 at an element boundary. */
static int boundary_at(const char *r, size_t n, size_t k)
{
    int b = 0;
    if (k > 0 && (r[k - 1] == ' ' || r[k - 1] == STRIP_SEG))
        b = r[k - 1] == STRIP_SEG ? 2 : 1;
    if (k < n && (r[k] == ' ' || r[k] == STRIP_SEG))
        b = b > (r[k] == STRIP_SEG ? 2 : 1) ? b : (r[k] == STRIP_SEG ? 2 : 1);
    return b;
}

static size_t trimmed(const char *s, size_t n, size_t *off)
{
    size_t a = 0;
    while (a < n && (s[a] == ' ' || s[a] == STRIP_SEG))
        a++;
    while (n > a && (s[n - 1] == ' ' || s[n - 1] == STRIP_SEG))
        n--;
    *off = a;
    return n - a;
}

static size_t count_byte(const char *s, size_t n, char c)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == c;
    return k;
}

/* An unknown word is one or two tokens ("뿌연", "흐린 뒤"), or longer when
 * it is a whole element of its own ("<span>흐린 뒤 갬</span>"). */
static int plausible_word(const char *w, size_t n, int boundary)
{
    size_t spaces = count_byte(w, n, ' '), segs = count_byte(w, n, STRIP_SEG);
    if (boundary == 2 && segs == 0)
        return spaces <= 4;
    return spaces + segs <= 1;
}

/* Scores one reading of the text as WORD + NAME. Known parts score high;
 * unknown parts score low, and more so when they span several tokens (a
 * station name is one token): a split at an element boundary is the likely
 * one. */
static split score_split(const strip_scan *sc, const char *word, size_t wn, const char *name,
                         size_t nn, int boundary)
{
    size_t off;
    split s = {.plausible = 1};
    wn = trimmed(word, wn, &off), word += off;
    nn = trimmed(name, nn, &off), name += off;
    if (nn) {
        s.st = resolve_name(sc->reg, name, nn);
        size_t inner = s.st ? 0 : count_byte(name, nn, ' ') + count_byte(name, nn, STRIP_SEG);
        s.score += s.st ? 4 : -1 - (int)inner;
        s.plausible = inner == 0;
        /* a weather word is never a station's name: "<img alt=비><em>비</em>"
         * is the word given twice, in a nameless item */
        if (!s.st && resolve_word(name, nn))
            s.score -= NOT_A_NAME;
    }
    if (wn) {
        s.w = resolve_word(word, wn);
        size_t inner = s.w ? 0 : count_byte(word, wn, ' ') + count_byte(word, wn, STRIP_SEG);
        s.score += s.w ? 3 : -1 - (int)inner;
        s.plausible = s.plausible && (s.w || plausible_word(word, wn, nn ? boundary : 0));
    }
    if (wn && nn)
        s.score += boundary;
    return s;
}

#define PERFECT_SPLIT 9

/* Chooses the best split of REST into a weather word and a station name. */
static split best_split(const strip_scan *sc, const char *r, size_t n)
{
    split best = {.score = -100};
    for (size_t k = 0, cl; k <= n; k += cl) {
        cl = 1;
        if (k < n)
            utf8_decode(r, n, k, &cl);
        int b = boundary_at(r, n, k);
        split s = score_split(sc, r, k, r + k, n - k, b);
        if (s.score > best.score)
            best = s, best.k = k, best.name_first = 0;
        if (best.score >= PERFECT_SPLIT) /* a known word, a station, a boundary */
            break;
        s = score_split(sc, r + k, n - k, r, k, b);
        if (s.score > best.score)
            best = s, best.k = k, best.name_first = 1;
    }
    return best;
}

static void copy_part(char *dst, size_t dstsz, const char *s, size_t n)
{
    size_t off;
    n = trimmed(s, n, &off);
    display(dst, dstsz, s + off, n);
}

/* 1 when a piece of text can be the word and name of an item. */
static int item_like(const char *r, size_t n)
{
    size_t tokens = n ? 1 : 0, cl;
    for (size_t i = 0; i < n; i += cl) {
        unsigned cp = utf8_decode(r, n, i, &cl);
        if (is_prose(cp))
            return 0;
        if (r[i] == ' ' || r[i] == STRIP_SEG)
            tokens++;
    }
    return tokens <= REST_TOKENS;
}

/* Builds an item from the text beside one temperature. Returns 1 when it
 * makes an item, 0 when the text is not item-like, -1 when the item is
 * empty (a bare temperature: not an item, but not prose either). */
/* "서울(맑음)": with no word beside the name, a weather word in parentheses
 * after it is the item's word. */
static void word_in_parens(strip_item *it)
{
    size_t n = strlen(it->name);
    char *open = n > 2 && it->name[n - 1] == ')' ? memrchr(it->name, '(', n) : NULL;
    if (it->w || it->word[0] || !open || open == it->name)
        return;
    size_t wn = (size_t)(it->name + n - 1 - (open + 1));
    const wx_word *w = resolve_word(open + 1, wn);
    if (!w)
        return;
    snprintf(it->word, sizeof it->word, "%.*s", (int)wn, open + 1);
    while (open > it->name && open[-1] == ' ')
        open--;
    *open = '\0';
    it->w = w;
}

static int make_item(const strip_scan *sc, const char *rest, size_t restlen, const char *all,
                     size_t alllen, const temp_tok *t, strip_item *it)
{
    char r[REST_MAX];
    long n = strip_normalize(rest, restlen, r, sizeof r);
    if (n < 0 || !item_like(r, (size_t)n))
        return 0;
    if (n == 0)
        return -1;
    memset(it, 0, sizeof *it);
    split s = best_split(sc, r, (size_t)n);
    if (!s.plausible)
        return 0;
    size_t k = s.k;
    const char *a = r, *b = r + k;
    size_t an = k, bn = (size_t)n - k;
    if (s.name_first)
        copy_part(it->name, sizeof it->name, a, an), copy_part(it->word, sizeof it->word, b, bn);
    else
        copy_part(it->word, sizeof it->word, a, an), copy_part(it->name, sizeof it->name, b, bn);
    it->w = s.w;
    it->st = s.st;
    if (it->st)
        word_in_parens(it);
    it->temp = t->value;
    it->has_temp = 1;
    char whole[WX_TEXT_MAX];
    long wl = strip_normalize(all, alllen, whole, sizeof whole);
    display(it->text, sizeof it->text, whole, wl < 0 ? 0 : (size_t)wl);
    return 1;
}

/* 1 when TEXT is only a credit line such as "기상청 제공". */
static int is_credit(const char *text, size_t len)
{
    char r[CREDIT_MAX + 1];
    if (!memmem(text, len, credit_mark, sizeof credit_mark - 1))
        return 0;
    long n = strip_normalize(text, len, r, sizeof r);
    return n > 0 && strstr(r, credit_mark) != NULL;
}

static int is_blank(const char *text, size_t len)
{
    char r[8];
    long n = strip_normalize(text, len < 64 ? len : 64, r, sizeof r);
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
    long n = visible <= LABEL_MAX && len < sizeof r * 4
                 ? strip_normalize(text, len, r, sizeof r)
                 : -1;
    const wx_station *st = n > 0 ? resolve_name(s->reg, r, (size_t)n) : NULL;
    const wx_word *w = n > 0 && !st ? resolve_word(r, (size_t)n) : NULL;
    if ((!st && !w) || (st && s->label) || (w && s->label_word))
        forget_parts(s);
    if ((st || w) && !s->label && !s->label_word)
        s->label_gap = s->gap;
    if (st) {
        s->label = st;
        copy_part(s->label_name, sizeof s->label_name, r, (size_t)n);
    } else if (w) {
        s->label_word = w;
        copy_part(s->label_word_text, sizeof s->label_word_text, r, (size_t)n);
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
        blank += u[i] <= ' '; /* STRIP_SEG is below ' ' too */
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
    char rest[REST_MAX * 2];
    size_t before = t[0].start, after = len - t[0].end;
    if (before + after + 1 >= sizeof rest)
        return 0;
    memcpy(rest, text, before);
    rest[before] = STRIP_SEG;
    memcpy(rest + before + 1, text + t[0].end, after);
    return make_item(s, rest, before + 1 + after, text, len, &t[0], it) == 1;
}

/* Where normalised R (N bytes) splits at a boundary into a part before (a
 * known word, put in *WORD; or, when WORD is NULL, anything) and a
 * station's name after it; the split point, or -1. */
static long split_word_name(const strip_scan *s, const char *r, size_t n, const wx_word **word,
                            const wx_station **st)
{
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && r[k - 1] != ' ' && r[k - 1] != STRIP_SEG)
            continue;
        size_t wn = k ? k - 1 : 0;
        const wx_word *w = wn ? resolve_word(r, wn) : NULL;
        if (word && !w)
            continue;
        if ((*st = resolve_name(s->reg, r + k, n - k)) != NULL) {
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
        if (k < n && r[k] != ' ' && r[k] != STRIP_SEG)
            continue;
        if ((k == n || is_credit(r + k, n - k)) && (*w = resolve_word(r, k)) != NULL)
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
    long n = strip_normalize(text + t[nt - 1].end, len - t[nt - 1].end, r, sizeof r);
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
        n = strip_normalize(text + from, to - from, r, sizeof r);
        if (n <= 0)
            ok = 0;
        else if (i == nt)
            ok = leading_word(r, (size_t)n, &w) > 0;
        else
            ok = (k = split_word_name(s, r, (size_t)n, i ? &w : NULL, &st)) >= 0 &&
                 /* a word before the first name: the usual order, not this */
                 !(i == 0 && k > 0 && resolve_word(r, (size_t)k - 1));
        if (ok && i > 0) { /* the word of the item before */
            strip_item *prev = &items[i - 1];
            prev->w = w;
            snprintf(prev->word, sizeof prev->word, "%s", w->word);
            snprintf(prev->text, sizeof prev->text, "%s %.1f℃ %s", prev->name, prev->temp, w->word);
        }
        if (ok && i < nt) {
            strip_item *it = &items[i];
            copy_part(it->name, sizeof it->name, r + k, (size_t)(n - k));
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
        int rc = make_item(s, text + start, t[i].start - start, text + start,
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
        const char *seg = memchr(text + i, STRIP_SEG, len - i);
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
