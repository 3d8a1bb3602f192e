/* format: writing readings as JSON and TSV. */
#include "format.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charset.h"
#include "weather.h"

static const char hex[] = "0123456789abcdef";

/* Length of a valid UTF-8 sequence at S, or 0. The bytes are checked up to
 * the first that is not a continuation, so S's NUL is never passed. */
static size_t seq_len(const unsigned char *s)
{
    size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n && charset_valid_utf8((const char *)s, n) ? n : 0;
}

int json_string(buf_t *b, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    int rc = buf_putc(b, '"');
    while (*s && rc == 0) {
        if (*s >= 0x80) {
            size_t n = seq_len(s);
            rc = n ? buf_append(b, (const char *)s, n) : buf_puts(b, "\xEF\xBF\xBD");
            s += n ? n : 1;
            continue;
        }
        if (*s == '"' || *s == '\\')
            rc = buf_putc(b, '\\') || buf_putc(b, (char)*s);
        else if (*s < 0x20 || *s == 0x7F)
            rc = buf_printf(b, "\\u00%c%c", hex[*s >> 4], hex[*s & 15]);
        else
            rc = buf_putc(b, (char)*s);
        s++;
    }
    return rc || buf_putc(b, '"') ? -1 : 0;
}

void format_temp(char *dst, size_t size, double t)
{
    double tenths = t * 10;
    if (fabs(tenths - round(tenths)) < 1e-9)
        snprintf(dst, size, "%.1f", t);
    else
        snprintf(dst, size, "%.10g", t);
}

static int json_date(buf_t *b, const wx_page *p)
{
    if (!p->year)
        return buf_puts(b, "\"date\": null, \"time\": null");
    int rc = buf_printf(b, "\"date\": \"%04d-%02d-%02d\", \"time\": ", p->year, p->month, p->day);
    if (p->hour < 0)
        return rc || buf_puts(b, "null");
    return rc || buf_printf(b, "\"%04d-%02d-%02dT%02d:%02d:00+09:00\"", p->year, p->month,
                            p->day, p->hour, p->minute);
}

static int json_reading(buf_t *b, const wx_reading *r)
{
    char t[32];
    format_temp(t, sizeof t, r->temp);
    int rc = buf_printf(b, "{\"station\": %d, \"name\": ", r->station) || json_string(b, r->name) ||
             buf_puts(b, ", \"condition\": ");
    if (r->condition[0])
        rc = rc || json_string(b, r->condition) || buf_printf(b, ", \"code\": %d", r->code);
    else
        rc = rc || buf_puts(b, "null, \"code\": null");
    return rc || buf_printf(b, ", \"temp\": %s, \"inferred\": %s}", t,
                            r->inferred ? "true" : "false");
}

int format_page_json(buf_t *b, const char *source, const wx_page *p)
{
    int rc = buf_puts(b, "{\"source\": ") || json_string(b, source) ||
             buf_printf(b, ", \"kind\": \"%s\", ", page_kind_name(p->kind)) || json_date(b, p) ||
             buf_puts(b, ", \"readings\": [");
    for (size_t i = 0; i < p->nreadings && !rc; i++)
        rc = (i && buf_puts(b, ", ")) || json_reading(b, &p->readings[i]);
    rc = rc || buf_puts(b, "], \"unresolved\": [");
    for (size_t i = 0; i < p->nunresolved && !rc; i++) {
        const wx_unresolved *u = &p->unresolved[i];
        rc = (i && buf_puts(b, ", ")) || buf_puts(b, "{\"text\": ") || json_string(b, u->text) ||
             buf_puts(b, ", \"reason\": ") || json_string(b, u->reason) || buf_putc(b, '}');
    }
    return rc || buf_puts(b, "]}\n") ? -1 : 0;
}

int format_tsv_header(buf_t *b)
{
    return buf_puts(b, "station\tname\tcondition\tcode\ttemp\n");
}

int format_page_tsv(buf_t *b, const wx_page *p)
{
    for (size_t i = 0; i < p->nreadings; i++) {
        const wx_reading *r = &p->readings[i];
        char t[32], code[16] = "";
        format_temp(t, sizeof t, r->temp);
        if (r->code != WX_CODE_NONE)
            snprintf(code, sizeof code, "%d", r->code);
        if (buf_printf(b, "%d\t%s\t%s\t%s\t%s\n", r->station, r->name, r->condition, code, t) < 0)
            return -1;
    }
    return 0;
}
