/* graphspec: what a graph is, apart from drawing it: periods, windows, file
 * names, spans, and a PNG's size. publish, facts and the commands use it
 * without the drawing code. */
#ifndef WX_GRAPHSPEC_H
#define WX_GRAPHSPEC_H

#include <stddef.h>
#include <time.h>

#include "config.h"
#include "stations.h"

typedef enum { PERIOD_DAY = 0, PERIOD_WEEK, PERIOD_MONTH, PERIOD_YEAR, PERIOD_DATE } period;

typedef struct {
    int station;
    char name[WX_NAME_MAX]; /* Korean name, for the title */
    period p;
    int year, month, day;  /* PERIOD_DATE */
    int scale;             /* 1, or 2 for @2x */
    time_t start, end;     /* the window */
    char rrd[WX_FILE_MAX]; /* the station's file */
    char png[WX_FILE_MAX]; /* where the graph goes */
} render_job;

/* Names a rolling period ("day" ...); -1 for an unknown name. */
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

#endif
