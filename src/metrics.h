/* metrics: a poll's results as Prometheus' text exposition format, for
 * node_exporter's textfile collector. Pure: a plain struct in, text out. */
#ifndef WX_METRICS_H
#define WX_METRICS_H

#include <stddef.h>
#include <time.h>

#include "buf.h"

typedef struct {
    const char *url;     /* as messages name it: without a password */
    int up;              /* read, parsed and dated in this poll (or not modified) */
    time_t last_success; /* this poll's time when up, else an earlier one; 0: never */
} metrics_source;

typedef struct {
    int id;
    const char *name; /* the registry's Korean name; "" when not registered */
    time_t time;      /* the last observation its file holds */
    double temp;      /* its temperature; NAN: none (no sample) */
} metrics_station;

typedef struct {
    time_t poll_time;    /* when this poll ran */
    time_t last_success; /* the last poll that succeeded (maybe this one); 0: never */
    int success;         /* this poll: every source up, every station's file written */
    int graphs_failed;   /* some graph or page of this poll was not drawn */
    double duration;     /* seconds this poll took */
    unsigned sources_ok, sources_failed;
    unsigned stored, skipped, rejected, failed; /* readings */
    const metrics_source *sources;              /* each URL once */
    size_t nsources;
    const metrics_station *stations; /* each station once */
    size_t nstations;
} metrics_poll;

/* Appends M as metric families named wxstrip_*, each with its HELP and
 * TYPE lines, gauges only (a one-shot process keeps no counter), samples
 * without timestamps (the collector stamps them when it is scraped). A
 * family without samples (no success yet) is left out. 0, or -1 when
 * memory runs out (OUT then holds part of the text). */
int metrics_format(const metrics_poll *m, buf_t *out);

/* Appends S as a label value is written between its double quotes:
 * backslash, double quote and line feed escaped (\\, \", \n). 0 or -1. */
int metrics_label_value(buf_t *out, const char *s);

#endif
