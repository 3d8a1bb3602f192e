/* split: the text beside one temperature read as a weather word and a
 * station's name, in either order ("흐림 서울", "서울(비)", "흐림서울"). Pure:
 * the registry and the text in, an item out. */
#include "split.h"

#include <stdio.h>
#include <string.h>

#include "text.h"
#include "utf8.h"

#define REST_TOKENS 6 /* space-separated tokens in word + name */
#define NAME_KEY_MAX 64

/* Resolves a station name: white space and boundaries are ignored, and a
 * trailing note in parentheses ("대구(기)") is dropped when the full name is
 * not registered. */
const wx_station *split_name(const wx_registry *reg, const char *s, size_t n)
{
    char key[NAME_KEY_MAX];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == TEXT_SEG)
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
const wx_word *split_word(const char *s, size_t n)
{
    char tmp[SPLIT_REST_MAX + 1];
    /* "(맑음)", "[맑음]": the word in brackets */
    if (n > 2 && ((s[0] == '(' && s[n - 1] == ')') || (s[0] == '[' && s[n - 1] == ']')))
        s++, n -= 2;
    if (n == 0 || n >= sizeof tmp)
        return NULL;
    for (size_t i = 0; i < n; i++)
        tmp[i] = s[i] == TEXT_SEG ? ' ' : s[i];
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
    if (k > 0 && (r[k - 1] == ' ' || r[k - 1] == TEXT_SEG))
        b = r[k - 1] == TEXT_SEG ? 2 : 1;
    if (k < n && (r[k] == ' ' || r[k] == TEXT_SEG))
        b = b > (r[k] == TEXT_SEG ? 2 : 1) ? b : (r[k] == TEXT_SEG ? 2 : 1);
    return b;
}

static size_t trimmed(const char *s, size_t n, size_t *off)
{
    size_t a = 0;
    while (a < n && (s[a] == ' ' || s[a] == TEXT_SEG))
        a++;
    while (n > a && (s[n - 1] == ' ' || s[n - 1] == TEXT_SEG))
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
    size_t spaces = count_byte(w, n, ' '), segs = count_byte(w, n, TEXT_SEG);
    if (boundary == 2 && segs == 0)
        return spaces <= 4;
    return spaces + segs <= 1;
}

/* Scores one reading of the text as WORD + NAME. Known parts score high;
 * unknown parts score low, and more so when they span several tokens (a
 * station name is one token): a split at an element boundary is the likely
 * one. */
static split score_split(const wx_registry *reg, const char *word, size_t wn, const char *name,
                         size_t nn, int boundary)
{
    size_t off;
    split s = {.plausible = 1};
    wn = trimmed(word, wn, &off), word += off;
    nn = trimmed(name, nn, &off), name += off;
    if (nn) {
        s.st = split_name(reg, name, nn);
        size_t inner = s.st ? 0 : count_byte(name, nn, ' ') + count_byte(name, nn, TEXT_SEG);
        s.score += s.st ? 4 : -1 - (int)inner;
        s.plausible = inner == 0;
        /* a weather word is never a station's name: "<img alt=비><em>비</em>"
         * is the word given twice, in a nameless item */
        if (!s.st && split_word(name, nn))
            s.score -= NOT_A_NAME;
    }
    if (wn) {
        s.w = split_word(word, wn);
        size_t inner = s.w ? 0 : count_byte(word, wn, ' ') + count_byte(word, wn, TEXT_SEG);
        s.score += s.w ? 3 : -1 - (int)inner;
        s.plausible = s.plausible && (s.w || plausible_word(word, wn, nn ? boundary : 0));
    }
    if (wn && nn)
        s.score += boundary;
    return s;
}

#define PERFECT_SPLIT 9

/* Chooses the best split of REST into a weather word and a station name. */
static split best_split(const wx_registry *reg, const char *r, size_t n)
{
    split best = {.score = -100};
    for (size_t k = 0, cl; k <= n; k += cl) {
        cl = 1;
        if (k < n)
            utf8_decode(r, n, k, &cl);
        int b = boundary_at(r, n, k);
        split s = score_split(reg, r, k, r + k, n - k, b);
        if (s.score > best.score)
            best = s, best.k = k, best.name_first = 0;
        if (best.score >= PERFECT_SPLIT) /* a known word, a station, a boundary */
            break;
        s = score_split(reg, r + k, n - k, r, k, b);
        if (s.score > best.score)
            best = s, best.k = k, best.name_first = 1;
    }
    return best;
}

void split_copy_part(char *dst, size_t dstsz, const char *s, size_t n)
{
    size_t off;
    n = trimmed(s, n, &off);
    text_display(dst, dstsz, s + off, n);
}

/* 1 when a piece of text can be the word and name of an item. */
static int item_like(const char *r, size_t n)
{
    size_t tokens = n ? 1 : 0, cl;
    for (size_t i = 0; i < n; i += cl) {
        unsigned cp = utf8_decode(r, n, i, &cl);
        if (text_is_prose(cp))
            return 0;
        if (r[i] == ' ' || r[i] == TEXT_SEG)
            tokens++;
    }
    return tokens <= REST_TOKENS;
}

/* "서울(맑음)": with no word beside the name, a weather word in parentheses
 * after it is the item's word. */
static void word_in_parens(strip_item *it)
{
    size_t n = strlen(it->name);
    char *open = n > 2 && it->name[n - 1] == ')' ? memrchr(it->name, '(', n) : NULL;
    if (it->w || it->word[0] || !open || open == it->name)
        return;
    size_t wn = (size_t)(it->name + n - 1 - (open + 1));
    const wx_word *w = split_word(open + 1, wn);
    if (!w)
        return;
    snprintf(it->word, sizeof it->word, "%.*s", (int)wn, open + 1);
    while (open > it->name && open[-1] == ' ')
        open--;
    *open = '\0';
    it->w = w;
}

int split_item(const wx_registry *reg, const char *rest, size_t restlen, const char *all,
               size_t alllen, const temp_tok *t, strip_item *it)
{
    char r[SPLIT_REST_MAX];
    long n = text_normalize(rest, restlen, r, sizeof r);
    if (n < 0 || !item_like(r, (size_t)n))
        return 0;
    if (n == 0)
        return -1;
    memset(it, 0, sizeof *it);
    split s = best_split(reg, r, (size_t)n);
    if (!s.plausible)
        return 0;
    size_t k = s.k;
    const char *a = r, *b = r + k;
    size_t an = k, bn = (size_t)n - k;
    if (s.name_first)
        split_copy_part(it->name, sizeof it->name, a, an),
            split_copy_part(it->word, sizeof it->word, b, bn);
    else
        split_copy_part(it->word, sizeof it->word, a, an),
            split_copy_part(it->name, sizeof it->name, b, bn);
    it->w = s.w;
    it->st = s.st;
    if (it->st)
        word_in_parens(it);
    it->temp = t->value;
    it->has_temp = 1;
    char whole[WX_TEXT_MAX];
    long wl = text_normalize(all, alllen, whole, sizeof whole);
    text_display(it->text, sizeof it->text, whole, wl < 0 ? 0 : (size_t)wl);
    return 1;
}
