/* readings: what the parser reads out of one source (readings, unresolved items). */
#ifndef WX_READINGS_H
#define WX_READINGS_H

#include <stddef.h>

#include "notify.h"
#include <time.h>

#include "stations.h"

#define WX_WORD_MAX 96
#define WX_TEXT_MAX 200

typedef enum { WX_KIND_NONE = 0, WX_KIND_FEED, WX_KIND_HTML, WX_KIND_TEXT } wx_kind;

typedef struct {
    int station;                 /* KMA station number */
    char name[WX_NAME_MAX];      /* the registry's Korean name */
    char condition[WX_WORD_MAX]; /* normalised weather word; "" when none */
    int code;                    /* weather code; WX_CODE_NONE when no condition */
    double temp;                 /* degrees Celsius */
    int inferred;                /* station resolved by position, not by name */
} wx_reading;

typedef struct {
    char text[WX_TEXT_MAX];   /* the item as the page wrote it */
    char reason[WX_TEXT_MAX]; /* why it gave no reading */
} wx_unresolved;

typedef struct {
    wx_kind kind;
    char charset[32];                             /* what the bytes were read as */
    int year, month, day;                         /* the strip's or feed's date; 0 when none */
    int hour, minute;                             /* observation time; -1 when none */
    int undated_month, undated_day, undated_wday; /* a date line without a year
                                                   * (year 0): page_settle_year gives it one */
    wx_reading *readings;
    size_t nreadings, capreadings;
    wx_unresolved *unresolved;
    size_t nunresolved, capunresolved;
    char **warnings; /* owned strings */
    size_t nwarnings, capwarnings;
} wx_page;

/* Initialises an empty page (no date, no time). */
void page_init(wx_page *p);
void page_free(wx_page *p);

/* Appends; each returns 0, or -1 when memory runs out. */
int page_add_reading(wx_page *p, const wx_reading *r);
int page_add_unresolved(wx_page *p, const char *text, const char *reason);
int page_add_warning(wx_page *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The reading of a station, or NULL. */
const wx_reading *page_reading(const wx_page *p, int station);

const char *page_kind_name(wx_kind kind);

/* Tells N the page's warnings, and with UNRESOLVED its unresolved items,
 * each as "SRC: ..." (poll and parse report them alike). */
void page_notify(const wx_page *p, const char *src, int unresolved, const wx_notify *n);

/* A page whose date line gave no year ("11월 25일(화)") gets the year that
 * puts it nearest REF (the poll's time, an ingest's --at) with its
 * weekday; with none that fits, the page stays undated (a warning says
 * so). Pure: REF is given. 0, or -1 when memory runs out. */
int page_settle_year(wx_page *p, time_t ref);

#endif
