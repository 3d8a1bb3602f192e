/* text: the primitives strip items are read with: segment boundaries,
 * separators, prose marks, and a piece of text normalised. */
#include "text.h"

#include <string.h>

#include "utf8.h"

/* Separators around items: bullets, bars, arrows. '/' ',' ':' only at the
 * edges of a piece, since words like "비/눈" and "뇌우,우박" contain them. */
int text_is_inner_sep(unsigned cp)
{
    if (cp == (unsigned char)TEXT_SEG || utf8_is_space(cp))
        return 1;
    /* pictographs used as icons (☀ ☁ ☂ ❄, 🌧 🌫) and what joins them */
    if ((cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x1F300 && cp <= 0x1FAFF) || cp == 0xFE0F ||
        cp == 0x200D)
        return 1;
    switch (cp) {
    case '|':
    case '*':
    case '>':
    case 0xB7:
    case 0x2022:
    case 0x2027:
    case 0x2219:
    case 0x30FB:
    case 0xFF5C:
    case 0x203B:
    case 0x25A0:
    case 0x25A1:
    case 0x25B6:
    case 0x25B7:
    case 0x25BA:
    case 0x25C0:
    case 0x25C6:
    case 0x25C7:
    case 0x25CB:
    case 0x25CF:
    case 0x2605:
    case 0x2606:
    case 0x25AA:
    case 0x25B8:
    case 0x2023: return 1;
    default: return 0;
    }
}

int text_is_edge_sep(unsigned cp)
{
    return text_is_inner_sep(cp) || cp == '/' || cp == ',' || cp == ';' || cp == ':' || cp == '.';
}

/* Punctuation that marks a sentence: text with it is prose, not an item. */
int text_is_prose(unsigned cp)
{
    switch (cp) {
    case '.':
    case '!':
    case '?':
    case '"':
    case '=':
    case '[':
    case ']':
    case 0x201C:
    case 0x201D:
    case 0x2018:
    case 0x2019:
    case 0x3002:
    case 0x2026:
    case 0x3010:
    case 0x3011: return 1;
    default: return cp >= '0' && cp <= '9';
    }
}

long text_normalize(const char *src, size_t n, char *dst, size_t dstsz)
{
    size_t i = 0, end = n, cl, o = 0;
    while (i < n && text_is_edge_sep(utf8_decode(src, n, i, &cl)))
        i += cl;
    while (end > i) {
        size_t k = utf8_back(src, end);
        if (!text_is_edge_sep(utf8_decode(src, n, end - k, &cl)))
            break;
        end -= k;
    }
    int pend = 0; /* 1: a space is due, 2: a segment boundary */
    for (; i < end; i += cl) {
        unsigned cp = utf8_decode(src, n, i, &cl);
        if (text_is_inner_sep(cp)) {
            int kind = utf8_is_space(cp) ? 1 : 2;
            pend = pend > kind ? pend : kind;
            continue;
        }
        if (o + cl + 2 > dstsz)
            return -1;
        if (pend)
            dst[o++] = pend == 2 ? TEXT_SEG : ' ';
        pend = 0;
        memcpy(dst + o, src + i, cl);
        o += cl;
    }
    dst[o] = '\0';
    return (long)o;
}

/* Copies S for display: segment boundaries become spaces. */
void text_display(char *dst, size_t dstsz, const char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < dstsz; i++)
        dst[o++] = s[i] == TEXT_SEG ? ' ' : s[i];
    dst[o] = '\0';
}
