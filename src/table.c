/* table: rows of text cells for terminals, CSV and TSV. */
#include "table.h"

#include <string.h>

#include "utf8.h"

typedef struct {
    unsigned lo, hi;
} range;

/* East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth W/F). */
static const range wide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
    {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
    {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
};

/* Combining marks and zero-width characters. */
static const range zero[] = {
    {0x0300, 0x036F}, {0x1160, 0x11FF}, {0x200B, 0x200F}, {0x2028, 0x202E},
    {0x2060, 0x2064}, {0xD7B0, 0xD7FF}, {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF},
};

static int in(const range *r, size_t n, unsigned cp)
{
    for (size_t i = 0; i < n; i++)
        if (cp >= r[i].lo && cp <= r[i].hi)
            return 1;
    return 0;
}

size_t table_width(const char *s)
{
    size_t len = strlen(s), w = 0, k;
    for (size_t i = 0; i < len; i += k) {
        unsigned cp = utf8_decode(s, len, i, &k);
        if (in(zero, sizeof zero / sizeof zero[0], cp))
            continue;
        w += in(wide, sizeof wide / sizeof wide[0], cp) ? 2 : 1;
    }
    return w;
}

static int pad(buf_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (buf_putc(b, ' ') < 0)
            return -1;
    return 0;
}

static int text_cell(buf_t *b, const table_col *c, const char *s, int first)
{
    size_t w = table_width(s), want = c->width > 0 ? (size_t)c->width : 0;
    size_t fill = want > w ? want - w : 0;
    if (!first && buf_puts(b, "  ") < 0)
        return -1;
    if (c->right)
        return pad(b, fill) || buf_puts(b, s) ? -1 : 0;
    return buf_puts(b, s) || (c->width > 0 && pad(b, fill)) ? -1 : 0;
}

static int csv_cell(buf_t *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n"))
        return buf_puts(b, s);
    int rc = buf_putc(b, '"');
    for (; *s && rc == 0; s++)
        rc = *s == '"' ? buf_puts(b, "\"\"") : buf_putc(b, *s);
    return rc || buf_putc(b, '"') ? -1 : 0;
}

static int tsv_cell(buf_t *b, const char *s)
{
    int rc = 0;
    for (; *s && rc == 0; s++) {
        const char *esc = *s == '\t'   ? "\\t"
                          : *s == '\n' ? "\\n"
                          : *s == '\r' ? "\\r"
                          : *s == '\\' ? "\\\\"
                                       : NULL;
        rc = esc ? buf_puts(b, esc) : buf_putc(b, *s);
    }
    return rc;
}

static int line(buf_t *b, table_kind k, const table_col *cols, size_t n, const char *const *cells,
                int header)
{
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        const char *s = cells[i];
        int rc;
        if (k == TABLE_TEXT && cols[i].width < 0)
            continue;
        if (k == TABLE_TEXT)
            rc = text_cell(b, &cols[i], *s || header ? s : "-", first);
        else
            rc = (!first && buf_putc(b, k == TABLE_CSV ? ',' : '\t')) ||
                 (k == TABLE_CSV ? csv_cell(b, s) : tsv_cell(b, s));
        if (rc)
            return -1;
        first = 0;
    }
    /* a text line ends where its last cell does */
    while (k == TABLE_TEXT && b->len && b->data[b->len - 1] == ' ')
        b->data[--b->len] = '\0';
    return buf_puts(b, k == TABLE_CSV ? "\r\n" : "\n");
}

int table_header(buf_t *b, table_kind k, const table_col *cols, size_t n)
{
    const char *cells[64];
    if (n > sizeof cells / sizeof cells[0])
        return -1;
    for (size_t i = 0; i < n; i++)
        cells[i] = k == TABLE_TEXT ? cols[i].title : cols[i].name;
    return line(b, k, cols, n, cells, 1);
}

int table_row(buf_t *b, table_kind k, const table_col *cols, size_t n, const char *const *cells)
{
    return line(b, k, cols, n, cells, 0);
}
