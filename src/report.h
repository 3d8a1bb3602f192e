/* report: what `query` and `stations` found about a station, written as
 * a table, CSV, TSV, JSON or JSON Lines. */
#ifndef WX_REPORT_H
#define WX_REPORT_H

#include <time.h>

#include "buf.h"
#include "query.h"
#include "stations.h"
#include "store.h"

/* Terminal columns of the weather column: the widest word of the weather
 * table (구름많고 눈 또는 비), so that the columns after it never move. */
#define REPORT_WORD_COLUMNS 19

typedef enum { FMT_TABLE = 0, FMT_CSV, FMT_TSV, FMT_JSON, FMT_JSONL } report_format;

/* "table", "csv", "tsv", "json", "jsonl"; -1 for another name. */
int report_format_parse(const char *name);

/* One station's answer to `query`. */
typedef struct {
    const wx_station *st;
    store_last last; /* the latest reading */
    int range;       /* a range was asked for (else: latest and today) */
    time_t from, to; /* the range, aligned to whole buckets */
    query_step step;
    unsigned long res;  /* seconds of the rows the observations came from */
    time_t daily_until; /* days before this come from the daily rows (0: none) */
    query_rows rows;    /* the range's rows, or today's one row */
    query_summary sum;
} report_station;

/* The answers of several stations to one query, at NOW. */
typedef struct {
    const report_station *v;
    size_t n;
    time_t now;
    report_format fmt;
} report_query;

/* Appends the query's output. 0, or -1 when memory runs out. */
int report_query_write(buf_t *b, const report_query *q);

/* One station of the registry joined with what is stored. */
typedef struct {
    const wx_station *st;
    int has_data;
    store_last last;
    time_t first; /* 0: unknown */
} report_listed;

int report_stations_write(buf_t *b, const report_listed *v, size_t n, time_t now,
                          report_format fmt);

#endif
