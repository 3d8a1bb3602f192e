/* drawlib: librrd's drawing half (librrd.so, and cairo, pango and
 * fontconfig behind it), loaded with dlopen only in the processes that
 * draw, and the check that fontconfig has a font with Hangul. */
#ifndef WX_DRAWLIB_H
#define WX_DRAWLIB_H

#include <stddef.h>

#include <rrd.h>

typedef struct {
    rrd_info_t *(*graph_v)(int, char **);
    void (*info_free)(rrd_info_t *);
    void (*clear_error)(void);
    char *(*get_error)(void);
} drawlib;

/* Loads librrd.so once per process and returns its drawing functions;
 * NULL with err when it cannot. */
const drawlib *drawlib_load(char *err, size_t errlen);

/* A family with Hangul, as fontconfig sees it (FONTCONFIG_FILE included):
 * NanumGothic when present. 0, or -1 with err when there is none (librrd
 * would draw every Hangul glyph as a box without a word). Call after
 * drawlib_load. */
int drawlib_hangul_font(char *family, size_t size, char *err, size_t errlen);

#endif
