/* resolve: turning strip items into readings (stations, positions, duplicates). */
#ifndef WX_RESOLVE_H
#define WX_RESOLVE_H

#include "readings.h"
#include "strip.h"

/* Readings from a page's items: items are grouped into strips by the text
 * between them; a strip counts when at least one of its items names a
 * station. Nameless items are resolved by position when exactly one station
 * fits; duplicates are dropped; out-of-range temperatures are rejected.
 * Fills the page's readings, unresolved items, warnings and date. Returns 0,
 * or -1 when memory runs out. */
int resolve_strip(const strip_scan *sc, wx_page *page);

/* Readings from a feed's items, whose stations come by number. */
int resolve_feed(const strip_item *items, size_t n, const wx_registry *reg, wx_page *page);

#endif
