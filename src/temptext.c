/* temptext: temperatures in text, a number and its mark ("18.6℃", "-3.2 °C"). */
#include "temptext.h"

#include <stdint.h>
#include <string.h>

#include "text.h"
#include "utf8.h"

/* Length of a temperature mark (℃, °C, ° C) at S[I], or 0. */
static size_t mark_len(const char *s, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    if (i + 3 <= len && u[i] == 0xE2 && u[i + 1] == 0x84 && u[i + 2] == 0x83)
        return 3;
    int degree = i + 2 <= len && ((u[i] == 0xC2 && (u[i + 1] == 0xB0 || u[i + 1] == 0xBA)) ||
                                  (u[i] == 0xCB && u[i + 1] == 0x9A));
    if (!degree)
        return 0;
    size_t j = i + 2;
    if (j < len && (s[j] == ' ' || s[j] == TEXT_SEG))
        j++;
    if (j < len && (s[j] == 'C' || s[j] == 'c') &&
        !(j + 1 < len && ((s[j + 1] | 0x20) >= 'a' && (s[j + 1] | 0x20) <= 'z')))
        return j + 1 - i;
    return 0;
}

/* Reads the number that ends at S[J) (before a mark): "18.6", "-3.2".
 * Returns 1 and its start and value, or 0. */
#define NO_DOT SIZE_MAX /* a number without a decimal point ("2℃") */

static int number_before(const char *s, size_t j, size_t *start, double *value)
{
    size_t skipped = 0;
    while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == TEXT_SEG) && skipped < 2)
        j--, skipped++;
    size_t end = j, dot = NO_DOT;
    while (j > 0 && utf8_is_digit(s[j - 1]))
        j--;
    if (j > 1 && s[j - 1] == '.' && utf8_is_digit(s[j - 2]) && j < end) {
        dot = j - 1;
        j -= 1;
        while (j > 0 && utf8_is_digit(s[j - 1]))
            j--;
    }
    size_t intlen = (dot != NO_DOT ? dot : end) - j;
    if (j == end || intlen == 0 || intlen > 3)
        return 0;
    if (j > 0 && (s[j - 1] == '.' || utf8_is_digit(s[j - 1])))
        return 0; /* part of a longer number, like a date */
    double v = 0, scale = 1;
    for (size_t k = j; k < end; k++) {
        if (k == dot)
            continue;
        v = v * 10 + (s[k] - '0');
        if (dot != NO_DOT && k > dot)
            scale *= 10;
    }
    v /= scale;
    const unsigned char *u = (const unsigned char *)s;
    if (j > 0 && (s[j - 1] == '-' || s[j - 1] == '+')) {
        v = s[j - 1] == '-' ? -v : v;
        j--;
    } else if (j >= 3 && ((u[j - 3] == 0xE2 && u[j - 2] == 0x88 && u[j - 1] == 0x92) ||
                          (u[j - 3] == 0xEF && u[j - 2] == 0xBC && u[j - 1] == 0x8D))) {
        v = -v; /* − U+2212, － U+FF0D */
        j -= 3;
    }
    *start = j;
    *value = v == 0 ? 0 : v; /* "-0℃" is 0, never -0.0 */
    return 1;
}

size_t temps_count_marks(const char *text, size_t len)
{
    /* marks start with 0xE2 (℃), 0xC2 (°, º) or 0xCB (˚): memchr finds them */
    static const unsigned char leads[] = {0xE2, 0xC2, 0xCB};
    size_t marks = 0;
    for (size_t l = 0; l < sizeof leads; l++)
        for (const char *p = text; (p = memchr(p, leads[l], len - (size_t)(p - text))); p++)
            marks += mark_len(text, len, (size_t)(p - text)) != 0;
    return marks;
}

size_t temps_find(const char *text, size_t len, temp_tok *t, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < max; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c != 0xE2 && c != 0xC2 && c != 0xCB)
            continue;
        size_t ml = mark_len(text, len, i);
        if (!ml)
            continue;
        size_t start;
        double v;
        if (number_before(text, i, &start, &v) && (n == 0 || start >= t[n - 1].end))
            t[n++] = (temp_tok){start, i + ml, v};
        i += ml - 1;
    }
    return n;
}

size_t temps_count(const char *text, size_t len)
{
    size_t marks = temps_count_marks(text, len);
    temp_tok t[8];
    return marks ? temps_find(text, len, t, marks < 8 ? marks : 8) : 0;
}
