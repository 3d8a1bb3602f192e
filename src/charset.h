/* charset: deciding how a page's bytes are encoded and turning them into UTF-8. */
#ifndef WX_CHARSET_H
#define WX_CHARSET_H

#include <stddef.h>

#include "buf.h"

/* The page as UTF-8: DATA points either into the caller's bytes or into
 * OWNED. NAME is the charset the bytes were read as. */
typedef struct {
    const char *data;
    size_t len;
    buf_t owned;
    char name[32];
} wx_utf8;

/* Decides the charset of BYTES and converts them to UTF-8. Bytes that are
 * valid UTF-8 are UTF-8 whatever a header or meta tag claims (Korean text in
 * EUC-KR/CP949 is never valid UTF-8). Otherwise: a byte-order mark, then the
 * caller's DECLARED charset (the HTTP header; may be NULL), then an XML
 * declaration or an HTML meta tag in the first bytes. When none names a
 * charset other than UTF-8, the bytes are CP949 (the superset of EUC-KR) if
 * that reading has fewer undecodable bytes than UTF-8, else damaged UTF-8.
 * Undecodable bytes become U+FFFD. Returns -1 with err filled when the
 * charset is unknown to iconv or memory runs out. Release with
 * charset_free. */
int charset_to_utf8(const char *bytes, size_t len, const char *declared, wx_utf8 *out, char *err,
                    size_t errlen);
void charset_free(wx_utf8 *u);

/* 1 when BYTES are valid UTF-8 (no overlongs, no surrogates). */
int charset_valid_utf8(const char *bytes, size_t len);

/* Whether pages labelled NAME can be read (iconv knows it, after the
 * aliases pages use for EUC-KR). */
int charset_known(const char *name);

/* Finds a charset named in the first bytes (XML declaration or HTML meta);
 * copies it to NAME and returns 1, or returns 0. */
int charset_sniff(const char *bytes, size_t len, char *name, size_t namelen);

#endif
