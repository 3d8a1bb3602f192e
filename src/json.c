/* json: the conventions of every JSON document wxstrip writes (jansson). */
#include "json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "when.h"

#define REAL_DIGITS 10 /* significant digits: 18.6, not 18.600000000000001 */

/* Length of a valid UTF-8 sequence at S, or 0. */
static size_t seq_len(const unsigned char *s)
{
    size_t n = s[0] < 0x80 ? 1 : s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n && charset_valid_utf8((const char *)s, n) ? n : 0;
}

json_t *jx_str(const char *str)
{
    json_t *v = json_string(str);
    if (v)
        return v;
    buf_t b = {0};
    const unsigned char *s = (const unsigned char *)str;
    int rc = 0;
    while (*s && rc == 0) {
        size_t n = seq_len(s);
        rc = n ? buf_append(&b, (const char *)s, n) : buf_puts(&b, "\xEF\xBF\xBD");
        s += n ? n : 1;
    }
    v = rc == 0 ? json_stringn(b.data ? b.data : "", b.len) : NULL;
    buf_free(&b);
    return v;
}

json_t *jx_real(double v, int decimals)
{
    if (!isfinite(v))
        return json_null();
    double scale = pow(10, decimals), r = round(v * scale) / scale;
    return json_real(r == 0 ? 0.0 : r); /* never -0.0 */
}

json_t *jx_time(time_t t)
{
    char iso[40];
    if (!t)
        return json_null();
    when_iso(t, iso, sizeof iso);
    return json_string(iso);
}

json_t *jx_int(long long v, int known)
{
    return known ? json_integer(v) : json_null();
}

int jx_set(json_t *obj, const char *key, json_t *v)
{
    return v && json_object_set_new(obj, key, v) == 0 ? 0 : -1;
}

int jx_push(json_t *arr, json_t *v)
{
    return v && json_array_append_new(arr, v) == 0 ? 0 : -1;
}

int jx_dump(buf_t *b, const json_t *doc)
{
    char *s = json_dumps(doc, JSON_REAL_PRECISION(REAL_DIGITS));
    int rc = s && buf_puts(b, s) == 0 && buf_putc(b, '\n') == 0 ? 0 : -1;
    free(s);
    return rc;
}
