/* strip: finding weather-strip items (word, station, temperature) in text. */
#ifndef WX_STRIP_H
#define WX_STRIP_H

#include <stddef.h>

#include "dateline.h"
#include "text.h"
#include "readings.h"
#include "stations.h"
#include "weather.h"

typedef struct {
    char text[WX_TEXT_MAX]; /* the item as written, white space collapsed */
    char word[WX_WORD_MAX]; /* the weather word as written; "" when none */
    char name[WX_WORD_MAX]; /* the station name as written; "" when none */
    const wx_word *w;       /* the word's table entry, or NULL when unknown/none */
    const wx_station *st;   /* what the name resolves to, or NULL */
    int stn_id;             /* a feed's station number; 0 for page items */
    double temp;
    int has_temp;
    size_t gap; /* bytes of other text since the previous item */
} strip_item;

/* Collects a page's items and date lines in document order. */
typedef struct {
    const wx_registry *reg;
    strip_item *items;
    size_t n, cap;
    strip_date *dates;
    size_t ndates, capdates;
    size_t gap; /* other text since the last item */
    int failed; /* memory ran out: results are incomplete */
    int cut;    /* the input ended inside an item, which was left out */
    /* runs that were only a station's name ("<dt>서울</dt>") or only a
     * weather word, just before: parts of the item that follows at once */
    const wx_station *label;
    char label_name[WX_WORD_MAX];
    const wx_word *label_word;
    char label_word_text[WX_WORD_MAX];
    size_t label_gap; /* the gap before the first part */
} strip_scan;

void strip_scan_init(strip_scan *s, const wx_registry *reg);
void strip_scan_free(strip_scan *s);

/* 1 when TEXT holds exactly one temperature and, beside it, nothing but a
 * weather word and/or a station name in any order (an item of its own, like a
 * list item or a table row); the item is put in *IT. 0 otherwise. */
int strip_single(const strip_scan *s, const char *text, size_t len, strip_item *it);

/* Adds an item found by strip_single. */
void strip_add_item(strip_scan *s, const strip_item *it);

/* Takes a run of text between block boundaries (a line, a paragraph): when
 * the whole run is strip items (and separators), they are added; a date line
 * is remembered; anything else counts as other text. */
void strip_add_run(strip_scan *s, const char *text, size_t len);

#endif
