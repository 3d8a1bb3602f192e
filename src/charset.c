/* charset: deciding how a page's bytes are encoded and turning them into UTF-8. */
#include "charset.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define SNIFF_BYTES 4096
static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Names pages and servers use, mapped to what iconv should read them as.
 * EUC-KR labels go to CP949: Korean sites labelled EUC-KR write its
 * superset, as browsers assume too. */
static const struct {
    const char *label;
    const char *iconv_name;
} aliases[] = {
    {"utf-8", "UTF-8"},          {"utf8", "UTF-8"},      {"euc-kr", "CP949"},
    {"euckr", "CP949"},          {"euc_kr", "CP949"},    {"cp949", "CP949"},
    {"ks_c_5601-1987", "CP949"}, {"ks_c_5601", "CP949"}, {"ksc5601", "CP949"},
    {"ksc_5601", "CP949"},       {"uhc", "CP949"},       {"windows-949", "CP949"},
    {"x-windows-949", "CP949"},  {"ms949", "CP949"},     {"csksc56011987", "CP949"},
    {"iso-ir-149", "CP949"},     {"korean", "CP949"},    {"x-euc-kr", "CP949"},
};

static const char *iconv_name(const char *label)
{
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcasecmp(label, aliases[i].label) == 0)
            return aliases[i].iconv_name;
    return label;
}

int charset_known(const char *name)
{
    iconv_t cd = *name ? iconv_open("UTF-8", iconv_name(name)) : (iconv_t)-1;
    if (cd == (iconv_t)-1)
        return 0;
    iconv_close(cd);
    return 1;
}

/* Length of the valid UTF-8 sequence at S (at most N bytes), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned min;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, min = 0x10000;
    else
        return 0;
    if (n < len)
        return 0;
    unsigned cp = c & (0x3F >> (len - 1));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

int charset_valid_utf8(const char *bytes, size_t len)
{
    const unsigned char *s = (const unsigned char *)bytes;
    size_t i = 0;
    while (i < len) {
        if (i + 8 <= len) { /* eight ASCII bytes at a time */
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!(w & 0x8080808080808080ull)) {
                i += 8;
                continue;
            }
        }
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        if (i + 3 <= len && s[i] >= 0xE1 && s[i] <= 0xEC && (s[i + 1] & 0xC0) == 0x80 &&
            (s[i + 2] & 0xC0) == 0x80) { /* the common three-byte case (Hangul) */
            i += 3;
            continue;
        }
        size_t n = utf8_seq(s + i, len - i);
        if (!n)
            return 0;
        i += n;
    }
    return 1;
}

/* Copies a charset token that starts at P (quotes allowed) into NAME. */
static int copy_token(const char *p, const char *end, char *name, size_t namelen)
{
    while (p < end && (*p == ' ' || *p == '=' || *p == '"' || *p == '\''))
        p++;
    size_t n = 0;
    while (p + n < end && (isalnum((unsigned char)p[n]) || strchr("-_.:", p[n])))
        n++;
    if (n == 0 || n >= namelen)
        return 0;
    memcpy(name, p, n);
    name[n] = '\0';
    return 1;
}

/* Finds KEY (lower case) in the first bytes ignoring case; returns where the
 * text after it starts, or NULL. */
static const char *find_key(const char *s, size_t len, const char *key)
{
    size_t k = strlen(key);
    for (size_t i = 0; i + k <= len; i++)
        if (strncasecmp(s + i, key, k) == 0)
            return s + i + k;
    return NULL;
}

/* The charset a meta tag whose attributes start at P names, if any. Only
 * meta tags count: script, link and form tags name other documents'. */
static int meta_charset(const char *p, const char *end, char *name, size_t namelen)
{
    const char *close = memchr(p, '>', (size_t)(end - p));
    const char *tag_end = close ? close : end;
    for (const char *s = p; (p = find_key(s, (size_t)(tag_end - s), "charset")); s = p) {
        const char *q = p;
        while (q < tag_end && *q == ' ')
            q++;
        if (q < tag_end && *q == '=')
            return copy_token(q, tag_end, name, namelen);
    }
    return 0;
}

int charset_sniff(const char *bytes, size_t len, char *name, size_t namelen)
{
    size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    const char *end = bytes + n;
    const char *p;
    if (n >= 5 && memcmp(bytes, "<?xml", 5) == 0) {
        const char *close = memchr(bytes, '>', n);
        if (close && (p = find_key(bytes, (size_t)(close - bytes), "encoding")))
            return copy_token(p, close, name, namelen);
    }
    for (const char *s = bytes; (p = find_key(s, (size_t)(end - s), "<meta")); s = p)
        if (meta_charset(p, end, name, namelen))
            return 1;
    return 0;
}

/* Copies valid UTF-8 and replaces every invalid byte with U+FFFD. */
static int sanitize_utf8(const char *bytes, size_t len, buf_t *out)
{
    const unsigned char *s = (const unsigned char *)bytes;
    size_t i = 0, start = 0;
    while (i < len) {
        size_t n = s[i] < 0x80 ? 1 : utf8_seq(s + i, len - i);
        if (n) {
            i += n;
            continue;
        }
        if (buf_append(out, bytes + start, i - start) < 0 || buf_puts(out, replacement) < 0)
            return -1;
        start = ++i;
    }
    return buf_append(out, bytes + start, i - start);
}

/* Converts with iconv; undecodable bytes become U+FFFD and are counted in
 * *BAD. */
static int convert(iconv_t cd, const char *bytes, size_t len, buf_t *out, size_t *bad)
{
    char chunk[16384];
    char *in = (char *)bytes;
    size_t inleft = len;
    while (inleft > 0) {
        char *o = chunk;
        size_t oleft = sizeof chunk;
        size_t rc = iconv(cd, &in, &inleft, &o, &oleft);
        int e = errno;
        if (buf_append(out, chunk, sizeof chunk - oleft) < 0)
            return -1;
        if (rc != (size_t)-1 || e == E2BIG)
            continue;
        /* an invalid or truncated sequence: mark it and go on */
        if (buf_puts(out, replacement) < 0)
            return -1;
        (*bad)++;
        in++, inleft--;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    return 0;
}

/* Bytes that reading BYTES as UTF-8 would replace with U+FFFD. */
static size_t utf8_errors(const char *bytes, size_t len)
{
    const unsigned char *s = (const unsigned char *)bytes;
    size_t bad = 0;
    for (size_t i = 0; i < len;) {
        size_t n = s[i] < 0x80 ? 1 : utf8_seq(s + i, len - i);
        bad += !n;
        i += n ? n : 1;
    }
    return bad;
}

/* Decodes BYTES as CS into OUT->owned; -2 when iconv does not know CS. */
static int decode(const char *bytes, size_t len, const char *cs, wx_utf8 *out, size_t *bad,
                  char *err, size_t errlen)
{
    *bad = 0;
    if (strcmp(cs, "UTF-8") == 0) {
        *bad = utf8_errors(bytes, len);
        return sanitize_utf8(bytes, len, &out->owned);
    }
    iconv_t cd = iconv_open("UTF-8", cs);
    if (cd == (iconv_t)-1)
        return errf(err, errlen, "unsupported charset '%s'", cs), -2;
    int rc = convert(cd, bytes, len, &out->owned, bad);
    iconv_close(cd);
    return rc;
}

/* Which charset the bytes claim, when they are not valid UTF-8; NULL when
 * nothing but a UTF-8 label says (the bytes prove it wrong or damaged). */
static const char *claimed(const char *bytes, size_t len, const char *declared, char *sniffed,
                           size_t sniffedlen, size_t *skip)
{
    const unsigned char *s = (const unsigned char *)bytes;
    *skip = 0;
    if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
        return *skip = 2, "UTF-16LE";
    if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
        return *skip = 2, "UTF-16BE";
    const char *label = NULL;
    if (declared && *declared)
        label = iconv_name(declared);
    else if (charset_sniff(bytes, len, sniffed, sniffedlen))
        label = iconv_name(sniffed);
    return label && strcmp(label, "UTF-8") != 0 ? label : NULL;
}

/* Bytes that are not valid UTF-8 and name no other charset: CP949 (Korean
 * pages without a label, or under a template's stale UTF-8 label) or a
 * damaged UTF-8 page; the reading with fewer bad bytes wins. */
static int decode_guess(const char *bytes, size_t len, wx_utf8 *out, char *err, size_t errlen)
{
    size_t bad_cp949, bad_utf8 = utf8_errors(bytes, len);
    int rc = decode(bytes, len, "CP949", out, &bad_cp949, err, errlen);
    if (rc == 0 && bad_cp949 < bad_utf8) {
        snprintf(out->name, sizeof out->name, "CP949");
        return 0;
    }
    buf_reset(&out->owned);
    snprintf(out->name, sizeof out->name, "UTF-8");
    return sanitize_utf8(bytes, len, &out->owned);
}

int charset_to_utf8(const char *bytes, size_t len, const char *declared, wx_utf8 *out, char *err,
                    size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        bytes += 3, len -= 3;
    if (charset_valid_utf8(bytes, len)) {
        out->data = bytes;
        out->len = len;
        snprintf(out->name, sizeof out->name, "UTF-8");
        return 0;
    }
    char sniffed[32];
    size_t skip;
    const char *cs = claimed(bytes, len, declared, sniffed, sizeof sniffed, &skip);
    size_t bad;
    int rc;
    if (cs) {
        snprintf(out->name, sizeof out->name, "%s", cs);
        rc = decode(bytes + skip, len - skip, cs, out, &bad, err, errlen);
    } else {
        rc = decode_guess(bytes, len, out, err, errlen);
    }
    if (rc == -2) {
        buf_free(&out->owned);
        return -1;
    }
    if (rc < 0 || buf_append(&out->owned, "", 0) < 0) {
        buf_free(&out->owned);
        return errf(err, errlen, "out of memory");
    }
    out->data = out->owned.data;
    out->len = out->owned.len;
    return 0;
}

void charset_free(wx_utf8 *u)
{
    buf_free(&u->owned);
    u->data = NULL;
    u->len = 0;
}
