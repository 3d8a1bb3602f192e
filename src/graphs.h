/* graphs: which graphs to draw (for `graph` and after a poll), and drawing them. */
#ifndef WX_GRAPHS_H
#define WX_GRAPHS_H

#include <stddef.h>
#include <time.h>

#include "config.h"
#include "notify.h"
#include "graphspec.h"
#include "stations.h"

typedef struct {
    render_job *v;
    size_t n, cap;
} graph_plan;

/* Adds the graphs of STATION for period P (for PERIOD_DATE, the date
 * Y-M-D) at each scale in SCALES (1: 1x, 2: @2x, 3: both), windows ending
 * at NOW for rolling periods. Creates GRAPH_DIR/<station>/. 0, or -1 with
 * err. */
int graphs_add(graph_plan *plan, const wx_config *cfg, const wx_registry *reg, int station,
               period p, int y, int m, int d, int scales, time_t now, char *err, size_t errlen);

/* What a poll redraws for stations that got new readings: their rolling
 * graphs, today's dated graph, and each earlier dated graph drawn before
 * its day was over (drawn now one last time; never again after). */
int graphs_after_poll(graph_plan *plan, const wx_config *cfg, const wx_registry *reg,
                      const int *stations, size_t n, time_t now, char *err, size_t errlen);

/* Draws the plan on every core. Tells N each failure (and, with VERBOSE,
 * one INFO line per graph drawn); with SHOW_PROGRESS, a progress line on
 * standard error while drawing, when it is a terminal (progress.h),
 * ended before those messages. Returns how many failed, or -1 when
 * nothing could be drawn at all (no librrd, no Hangul font): then nothing
 * is written. */
long graphs_draw(const wx_config *cfg, const graph_plan *plan, int verbose, int show_progress,
                 const wx_notify *n);

void graphs_plan_free(graph_plan *plan);

/* The stations whose rolling day graph is missing or older than their RRD
 * file (a poll killed between storing and drawing), ascending; free *OUT.
 * 0, or -1 with err. */
int graphs_stale(const wx_config *cfg, int **out, size_t *n, char *err, size_t errlen);

#endif
