/* html_reader: walking an HTML page (libxml2's SAX parser) into strip runs
 * and items (the HTML wxstrip writes is publish.c's). */
#ifndef WX_HTML_READER_H
#define WX_HTML_READER_H

#include <stddef.h>

#include "strip.h"

/* Feeds the UTF-8 page S to SC in document order: a block element whose
 * whole text is one item (a list item, a table row) becomes that item;
 * other text goes in as runs between block boundaries. Text in scripts,
 * styles, the head and comments never does. 0, or -1 when memory runs out. */
int html_scan(strip_scan *sc, const char *s, size_t len);

#endif
