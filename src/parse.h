/* parse: reading a page or feed into readings; the only user of libxml2. */
#ifndef WX_PARSE_H
#define WX_PARSE_H

#include <stddef.h>

#include "readings.h"
#include "stations.h"

/* Reads BYTES (a KMA XML feed, an HTML page or a plain-text dump; which one
 * is detected) into PAGE, which parse_page initialises. CHARSET is what the
 * caller was told (an HTTP header) or NULL. Pure: no I/O, no clock, no
 * global state. A page without a strip is not an error: it has no readings.
 * Returns 0, or -1 with err filled (unsupported charset, out of memory);
 * free the page with page_free either way. */
int parse_page(const char *bytes, size_t len, const char *charset, const wx_registry *reg,
               wx_page *page, char *err, size_t errlen);

#endif
