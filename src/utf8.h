/* utf8: decoding code points and the separators strip text uses. */
#ifndef WX_UTF8_H
#define WX_UTF8_H

#include <stddef.h>

/* Decodes the code point at S[I] (of LEN bytes); stores its length in *N
 * (at least 1, so a loop always advances). Invalid bytes decode as U+FFFD. */
unsigned utf8_decode(const char *s, size_t len, size_t i, size_t *n);

/* Length of the code point that ends at S[I-1]: steps back over one. */
size_t utf8_back(const char *s, size_t i);

/* White space, including NBSP, the ideographic space and zero widths. */
int utf8_is_space(unsigned cp);

/* An ASCII digit 0-9 (whatever the locale). */
static inline int utf8_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

#endif
