/* weather: KMA weather words <-> stable numeric codes <-> categories. */
#ifndef WX_WEATHER_H
#define WX_WEATHER_H

#include <stddef.h>

/* Categories, in the order graphs list them. A code's category is code/100:
 * the codes below are never renumbered because RRD files store them. */
typedef enum {
    WX_CAT_NONE = 0,
    WX_CAT_CLEAR,
    WX_CAT_CLOUD,
    WX_CAT_OBSCURATION,
    WX_CAT_DUST,
    WX_CAT_RAIN,
    WX_CAT_SNOW,
    WX_CAT_MIXED,
    WX_CAT_STORM,
    WX_CAT_COUNT
} wx_category;

#define WX_CODE_NONE (-1) /* "-" or empty: no weather reported */
#define WX_CODE_UNKNOWN 0 /* a word not in the table, kept as text */
#define WX_CODE_MAX 999

/* A temperature outside -WX_TEMP_LIMIT..WX_TEMP_LIMIT ℃ is no reading (a
 * CMS's typo, KMA's -99 for "missing"); station files refuse it too. */
#define WX_TEMP_LIMIT 60

typedef struct {
    const char *word; /* as KMA or the pages write it */
    int code;         /* category * 100 + n; WX_CODE_NONE for "-" */
    wx_category cat;
    const char *en;
} wx_word;

/* Looks up a word ignoring white space ("구름 많음" = "구름많음"); NULL when
 * it is not a known word. "-" and its dash look-alikes give the no-report
 * entry (code WX_CODE_NONE). */
const wx_word *weather_lookup(const char *s, size_t len);

/* The canonical entry of a code (the first spelling listed), or NULL. */
const wx_word *weather_by_code(int code);

/* The category of a code: code/100 for known codes, WX_CAT_NONE otherwise. */
wx_category weather_category(int code);

/* The category's name in a graph's legend: "맑음", "구름", ... "기타". */
const char *weather_category_label(wx_category cat);

/* "clear", "cloud", ... "storm"; "none" for WX_CAT_NONE. */
const char *weather_category_name(wx_category cat);

/* All words, in table order. */
size_t weather_count(void);
const wx_word *weather_at(size_t i);

#endif
