/* json: the conventions of every JSON document wxstrip writes, built with
 * jansson (which refuses NaN and invalid UTF-8: a document is valid by
 * construction). Values are made with jansson's own constructors and
 * these; a NULL value (memory) makes jx_set fail. */
#ifndef WX_JSON_H
#define WX_JSON_H

#include <stddef.h>
#include <time.h>

#include <jansson.h>

#include "buf.h"

/* A string from bytes that should be UTF-8: invalid bytes become U+FFFD. */
json_t *jx_str(const char *s);

/* A temperature (or another measure) rounded to DECIMALS places; null for
 * NAN. */
json_t *jx_real(double v, int decimals);

/* A time as ISO 8601 in local time with its offset; null for 0. */
json_t *jx_time(time_t t);

/* An integer, or null when KNOWN is 0. */
json_t *jx_int(long long v, int known);

/* Sets KEY of OBJ to V (taking V). 0, or -1 when V is NULL or memory ran
 * out. */
int jx_set(json_t *obj, const char *key, json_t *v);

/* Appends V (taking it) to ARR. 0 or -1 as jx_set. */
int jx_push(json_t *arr, json_t *v);

/* Appends DOC as one line ("key": value, ...), then a newline. 0 or -1. */
int jx_dump(buf_t *b, const json_t *doc);

#endif
