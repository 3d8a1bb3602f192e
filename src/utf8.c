/* utf8: decoding code points and the separators strip text uses. */
#include "utf8.h"

unsigned utf8_decode(const char *str, size_t len, size_t i, size_t *n)
{
    const unsigned char *s = (const unsigned char *)str + i;
    size_t left = len - i;
    unsigned c = s[0];
    *n = 1;
    if (c < 0x80)
        return c;
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (!need || need > left)
        return 0xFFFD;
    unsigned cp = c & (0x7F >> need);
    for (size_t k = 1; k < need; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0xFFFD;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    *n = need;
    return cp;
}

size_t utf8_back(const char *str, size_t i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n = 1;
    while (n < 4 && n < i && (s[i - n] & 0xC0) == 0x80)
        n++;
    if ((s[i - n] & 0xC0) == 0x80) /* not a sequence start after all */
        return 1;
    return n;
}

int utf8_is_space(unsigned cp)
{
    switch (cp) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '\f':
    case '\v':
    case 0xA0:
    case 0x3000:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0xFEFF:
    case 0x2002:
    case 0x2003:
    case 0x2009:
    case 0x202F: return 1;
    default: return 0;
    }
}
