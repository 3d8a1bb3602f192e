/* query: a station's readings read back from its rows: observations,
 * buckets of a step, a summary. Pure: rows and times in, numbers out. */
#ifndef WX_QUERY_H
#define WX_QUERY_H

#include <stddef.h>
#include <time.h>

#include "store.h"

typedef enum { QUERY_RAW = 0, QUERY_10M, QUERY_1H, QUERY_1D } query_step;

/* "raw", "10m", "1h", "1d"; -1 for another name. */
int query_step_parse(const char *name);
const char *query_step_name(query_step s);
/* Seconds of a step's buckets; 0 for raw. */
long query_step_seconds(query_step s);

/* One observation: a reading and the time it was stored. */
typedef struct {
    time_t t;
    double temp;
    int code; /* -1: no weather reported */
} query_obs;

/* The observations in ROWS with a time in [FROM, TO). librrd gives a
 * reading to every minute back to the previous one, so a run of rows
 * with the same temperature and weather is one observation, at the end of
 * its last row; a run is also cut at every whole hour (KMA observes
 * hourly). Rows of an hour or more are one observation each. Appends to
 * *OUT (N of CAP). 0, or -1 when memory runs out. */
int query_observations(const store_rows *rows, time_t from, time_t to, query_obs **out, size_t *n,
                       size_t *cap);

/* One row of output: a bucket [start, end) of observations, a single
 * observation (raw; start == end), or a day of the file's daily rows. */
typedef struct {
    time_t start, end;
    size_t n;              /* observations in it; 0 for a daily row */
    int daily;             /* from the daily rows: 09:00 to 09:00 KST */
    double mean, min, max; /* NAN when there is no temperature */
    time_t tmin, tmax;     /* when the lowest and highest were observed; 0 unknown */
    int code;              /* the weather seen most; -1 when none */
} query_row;

typedef struct {
    query_row *v;
    size_t n, cap;
} query_rows;

void query_rows_free(query_rows *r);

/* Aligns [*FROM, *TO) outward to whole buckets of STEP in local time (days
 * from local midnight); raw leaves it as it is. */
void query_align(query_step step, time_t *from, time_t *to);

/* Appends the rows of STEP over the aligned [FROM, TO) made from the
 * observations O (in time order): every bucket, empty ones included, or
 * for raw one row per observation. 0, or -1 (memory). */
int query_bucket(const query_obs *o, size_t n, query_step step, time_t from, time_t to,
                 query_rows *out);

/* Appends one row per daily row of D whose start (09:00 local) lies in
 * [FROM, TO). 0, or -1 (memory). */
int query_daily(const store_rows *d, time_t from, time_t to, query_rows *out);

typedef struct {
    double min, max, mean;    /* NAN when nothing was observed */
    time_t tmin, tmax;        /* 0 when unknown (a daily row's extreme) */
    size_t n;                 /* observations */
    size_t expected, present; /* hours up to NOW, and those with a reading */
    int code;                 /* the weather seen most; -1 when none */
} query_summary;

/* The summary of ROWS over [FROM, TO), as seen at NOW. A daily row counts
 * an observation (and an hour of coverage, when it has a temperature) for
 * each of its hours in the range before the observations' first day. */
void query_summarize(const query_rows *rows, const query_obs *o, size_t n, time_t from, time_t to,
                     time_t now, query_summary *s);

#endif
