/* format: writing readings as JSON and TSV. */
#ifndef WX_FORMAT_H
#define WX_FORMAT_H

#include "buf.h"
#include "page.h"

/* Appends S as a JSON string (quoted, escaped; invalid UTF-8 becomes
 * U+FFFD). 0 or -1 (memory). */
int json_string(buf_t *b, const char *s);

/* A temperature as pages write it: at least one decimal ("18.0", "-3.25"). */
void format_temp(char *dst, size_t size, double t);

/* One JSON object (one line) for a parsed source. */
int format_page_json(buf_t *b, const char *source, const wx_page *p);

/* TSV: the header line, then one line per reading. */
int format_tsv_header(buf_t *b);
int format_page_tsv(buf_t *b, const wx_page *p);

#endif
