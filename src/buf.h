/* buf: growable byte buffers and bounded error messages. */
#ifndef WX_BUF_H
#define WX_BUF_H

#include <stdarg.h>
#include <stddef.h>

/* A growable, always NUL-terminated byte string. Zero-initialise to start;
 * buf_free releases it. Appends return 0, or -1 when memory runs out (the
 * buffer is then left as it was). */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
} buf_t;

int buf_append(buf_t *b, const char *s, size_t n);
int buf_puts(buf_t *b, const char *s);
int buf_putc(buf_t *b, char c);
int buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(buf_t *b);
void buf_free(buf_t *b);

/* Fills the caller's error buffer (never overflowing it); returns -1 so a
 * function can end with `return errf(err, errlen, ...)`. */
int errf(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* snprintf that reports truncation: 0 when it fit, -1 when cut. */
int bprintf(char *dst, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
