/* format: writing readings as JSON and TSV. */
#ifndef WX_FORMAT_H
#define WX_FORMAT_H

#include "buf.h"
#include "readings.h"

/* A temperature as pages write it: at least one decimal ("18.0", "-3.25"). */
void format_temp(char *dst, size_t size, double t);

/* Appends one JSON object (one line, written by jx_dump) for a parsed
 * source. 0 or -1 (memory). */
int format_page_json(buf_t *b, const char *source, const wx_page *p);

/* TSV: the header line, then one line per reading; a tab, newline,
 * carriage return or backslash in a field is written \t, \n, \r, \\. */
int format_tsv_header(buf_t *b);
int format_page_tsv(buf_t *b, const wx_page *p);

#endif
