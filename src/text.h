/* text: the primitives strip items are read with: segment boundaries,
 * separators, prose marks, and a piece of text normalised. */
#ifndef WX_TEXT_H
#define WX_TEXT_H

#include <stddef.h>

/* Marks a boundary between elements inside a unit of text (an inline tag, a
 * table cell): "흐림\x1f서울 18.6℃". Splitting prefers such boundaries. */
#define TEXT_SEG '\x1f'

/* Separators around items: bullets, bars, arrows, pictographs, white space,
 * TEXT_SEG. At the edges of a piece also '/' ',' ';' ':' '.' (words such as
 * "비/눈" and "뇌우,우박" hold them inside). */
int text_is_inner_sep(unsigned cp);
int text_is_edge_sep(unsigned cp);

/* Punctuation that marks a sentence, and digits: text beside a temperature
 * with one is prose, not an item. */
int text_is_prose(unsigned cp);

/* Copies SRC[0..N) to DST without the separators at its ends, white space
 * collapsed to one space and inner separators to one TEXT_SEG. Returns the
 * length, or -1 when it does not fit in DSTSZ. */
long text_normalize(const char *src, size_t n, char *dst, size_t dstsz);

/* Copies S[0..N) for display: segment boundaries become spaces; cut to
 * DSTSZ. */
void text_display(char *dst, size_t dstsz, const char *s, size_t n);

#endif
