/* render: drawing station graphs with rrd_graph_v, in worker processes. */
#ifndef WX_RENDER_H
#define WX_RENDER_H

#include <stddef.h>
#include <time.h>

#include "config.h"
#include "stations.h"
#include "weather.h"

typedef enum { PERIOD_DAY = 0, PERIOD_WEEK, PERIOD_MONTH, PERIOD_YEAR, PERIOD_DATE } period;

/* How graphs look; the defaults fit a news column. */
typedef struct {
    int width, height;      /* plot area in pixels, at scale 1 */
    char font[64];          /* a Hangul family; "" picks one with fontconfig */
    char line_color[16];    /* "#d33a2c" */
    char back_color[16];
    char cat_color[WX_CAT_COUNT][16]; /* per weather category (weather.h order) */
} render_style;

typedef struct {
    int station;
    char name[WX_NAME_MAX]; /* Korean name, for the title */
    period p;
    int year, month, day;   /* PERIOD_DATE */
    int scale;              /* 1, or 2 for @2x */
    time_t start, end;      /* the window */
    char rrd[WX_FILE_MAX];  /* the station's file */
    char png[WX_FILE_MAX];  /* where the graph goes */
} render_job;

typedef struct {
    int ok;
    int width, height;          /* of the PNG */
    time_t start, end;          /* the window rrdtool drew */
    double min, max, last;      /* temperature; NAN when no data */
    char error[512];
} render_result;

void render_style_default(render_style *s);

/* Names a period ("day" ...); -1 for an unknown name. */
int render_period(const char *name);
const char *render_period_name(period p);

/* The window of a rolling period ending at NOW, or of the job's date (local
 * midnight to midnight). -1 when the date is invalid. */
int render_window(render_job *job, time_t now);

/* The span a job's graph shows, as its title says it: "2024년 5월 5일",
 * "최근 24시간". */
void render_span(const render_job *job, char *dst, size_t size);

/* The resolution (seconds) a period's graph reads from the RRD. */
unsigned long render_step(period p);

/* The pixel size in a PNG file's header. 0, or -1 when PATH is no PNG. */
int render_png_size(const char *path, int *width, int *height);

/* The file name of a job's graph inside GRAPH_DIR/<station>/: "day.png",
 * "2024-05-05@2x.png". */
void render_file_name(const render_job *job, char *dst, size_t size);

/* Loads librrd's drawing half (librrd.so) and checks, through fontconfig,
 * that a font with Hangul is installed; fills STYLE's font when empty.
 * Call before render_run. -1 with err when either is missing. */
int render_prepare(render_style *style, char *err, size_t errlen);

/* Draws the jobs in WORKERS processes (each PNG written to a temporary
 * file and renamed into place) and fills RESULTS (one per job). The
 * stations' files are in DATA_DIR; DAEMON is rrdcached's address or NULL.
 * Returns how many failed. */
size_t render_run(const render_job *jobs, size_t n, const render_style *style,
                  const char *data_dir, const char *daemon, int workers,
                  render_result *results);

#endif
