/* table: rows of text cells for people (aligned columns, Hangul counted
 * as two) and for spreadsheets and scripts (CSV per RFC 4180, TSV). */
#ifndef WX_TABLE_H
#define WX_TABLE_H

#include <stddef.h>

#include "buf.h"

typedef enum { TABLE_TEXT = 0, TABLE_CSV, TABLE_TSV } table_kind;

/* A column: its header in CSV and TSV, its title and width on a terminal
 * (WIDTH < 0: not shown there; 0: the last column, not padded). */
typedef struct {
    const char *name;
    const char *title;
    int width;
    int right; /* right-aligned on a terminal */
} table_col;

/* Terminal columns S takes: East Asian wide characters (Hangul, CJK,
 * fullwidth forms, emoji) two, combining marks and zero widths none. */
size_t table_width(const char *s);

/* The header line of COLS. 0, or -1 when memory runs out. */
int table_header(buf_t *b, table_kind k, const table_col *cols, size_t n);

/* One line of CELLS (one per column; "" is a gap, shown as "-" on a
 * terminal and empty in CSV and TSV). CSV quotes a field holding a comma,
 * quote, CR or LF, doubling its quotes; TSV writes a tab, newline, CR and
 * backslash as \t \n \r \\. 0 or -1. */
int table_row(buf_t *b, table_kind k, const table_col *cols, size_t n, const char *const *cells);

#endif
