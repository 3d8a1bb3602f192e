/* render: drawing station graphs with rrd_graph_v, in worker processes (what
 * a graph is, its period, window and file, is graphspec.h). */
#ifndef WX_RENDER_H
#define WX_RENDER_H

#include <stddef.h>
#include <time.h>

#include "config.h"
#include "graphspec.h"
#include "progress.h"
#include "stations.h"
#include "weather.h"

/* How graphs look; the defaults fit a news column. */
typedef struct {
    int width, height;   /* plot area in pixels, at scale 1 */
    char font[64];       /* a Hangul family; "" picks one with fontconfig */
    char line_color[16]; /* "#d33a2c" */
    char back_color[16];
    char cat_color[WX_CAT_COUNT][16]; /* per weather category (weather.h order) */
} render_style;

typedef struct {
    int ok;
    int width, height;     /* of the PNG */
    time_t start, end;     /* the window rrdtool drew */
    double min, max, last; /* temperature; NAN when no data */
    char error[512];
} render_result;

void render_style_default(render_style *s);

/* Loads librrd's drawing half (librrd.so) and checks, through fontconfig,
 * that a font with Hangul is installed; fills STYLE's font when empty.
 * Call before render_run. -1 with err when either is missing. */
int render_prepare(render_style *style, char *err, size_t errlen);

/* Draws the jobs in WORKERS processes (each PNG written to a temporary
 * file and renamed into place) and fills RESULTS (one per job). The
 * stations' files are in DATA_DIR; DAEMON is rrdcached's address or NULL.
 * PR (NULL: none) is set to the count of jobs done as each ends.
 * Returns how many failed. */
size_t render_run(const render_job *jobs, size_t n, const render_style *style, const char *data_dir,
                  const char *daemon, const char *prefix, int workers, render_result *results,
                  progress *pr);

#endif
