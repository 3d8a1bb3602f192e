/* split: the text beside one temperature read as a weather word and a
 * station's name, in either order ("흐림 서울", "서울(비)", "흐림서울"). Pure:
 * the registry and the text in, an item out. */
#ifndef WX_SPLIT_H
#define WX_SPLIT_H

#include <stddef.h>

#include "stations.h"
#include "strip.h"
#include "temptext.h"
#include "weather.h"

#define SPLIT_REST_MAX 96 /* bytes of word + name beside one temperature */

/* A station's name as a page writes it: white space and boundaries
 * ignored, a trailing note in parentheses ("대구(기)") dropped when the full
 * name is not registered. NULL when none. */
const wx_station *split_name(const wx_registry *reg, const char *s, size_t n);

/* A weather word, also given twice in segments ("비\x1f비"); NULL when none. */
const wx_word *split_word(const char *s, size_t n);

/* Copies S[0..N), trimmed, for display. */
void split_copy_part(char *dst, size_t dstsz, const char *s, size_t n);

/* Builds *IT from REST, the text beside temperature T (ALL: the whole text,
 * for the item's text). 1 when it makes an item, 0 when the text is not
 * item-like (prose), -1 when REST is empty (a bare temperature: no item,
 * but no prose either). A weather word is never taken for a name. */
int split_item(const wx_registry *reg, const char *rest, size_t restlen, const char *all,
               size_t alllen, const temp_tok *t, strip_item *it);

#endif
