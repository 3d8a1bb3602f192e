/* store: one RRD file per station, written directly or through rrdcached. */
#ifndef WX_STORE_H
#define WX_STORE_H

#include <stddef.h>
#include <time.h>

#include "stations.h"

/* The RRD layout (see README): a 60 s step, data sources "temp" (GAUGE,
 * -60..60 ℃) and "cond" (GAUGE 0..999, the weather code: read it from LAST
 * archives only), a heartbeat that bridges one missed hour, hourly rows for
 * 63 days, 10-minute rows for 7 days and daily min/avg/max/last rows for
 * ten years. */
#define STORE_STEP 60
#define STORE_HEARTBEAT 7800

typedef struct store store;

typedef enum {
    STORE_STORED = 0, /* a new observation was written */
    STORE_SKIPPED,    /* the file already has this time or a later one */
    STORE_FAILED,     /* the station failed; err says why; its file is untouched */
} store_status;

typedef struct {
    time_t time; /* of the last update */
    double temp; /* NAN when unknown */
    int code;    /* weather code; -1 when unknown */
} store_last;

/* Opens the store in DATA_DIR (created when missing). RRDCACHED is the
 * daemon's address, or NULL/"" to write files directly; with a daemon every
 * write goes through it and reads flush it first. A network address
 * ("host:port", not "unix:/path" or "/path") is a remote daemon: files are
 * named relative to its base directory, after PREFIX ("" or "wxstrip/"),
 * and nothing local is read or written. NULL with err on error. */
store *store_open(const char *data_dir, const char *rrdcached, const char *prefix, char *err,
                  size_t errlen);

/* Whether ADDR names rrdcached over the network (TCP). */
int store_remote_address(const char *addr);

void store_close(store *s);

/* The file of STATION: <data_dir>/<number>.rrd (an absolute path). */
int store_path(const store *s, int station, char *dst, size_t size);

/* Stores one observation of STATION at T (code -1: no weather reported).
 * A station's first observation creates its file; an existing file is
 * never replaced. Same or older times are skipped. */
store_status store_put(store *s, int station, time_t t, double temp, int code, char *err,
                       size_t errlen);

/* What a station's file says about a window: temperature extremes (of the
 * hourly, or for long windows daily, averages), the weather categories
 * seen and the most frequent weather code. */
typedef struct {
    double min, max;     /* NAN when there is no temperature in the window */
    size_t known;        /* rows with a temperature */
    unsigned categories; /* bit c set: category c seen (weather.h) */
    int dominant;        /* most frequent code; -1 when none */
} store_stats;

/* Which rows give the temperatures: the averages (what a graph's line
 * shows, for texts about it), or the LAST rows already read for the
 * weather codes (one read: enough to scale a graph and name its weather). */
typedef enum { STORE_TEMPS_AVERAGE, STORE_TEMPS_LAST } store_temps;

/* Reads STATION's rows of STEP seconds (or the nearest resolution the file
 * keeps) that end after START and by END (through rrdcached: flushed
 * first). 0, or -1 with err. */
int store_window(store *s, int station, time_t start, time_t end, unsigned long step,
                 store_temps temps, store_stats *out, char *err, size_t errlen);

/* Makes STATION's reading at T durable and checks that it is there:
 * through rrdcached, FLUSHes its file (the daemon holds updates in memory
 * and in a journal it buffers: one it acknowledged is lost if it dies
 * before writing it) and reads the file's last update back (librrd 1.7.2
 * can report an update the daemon never answered as accepted: on a reset
 * connection it reads its previous answer again). Direct writes are in
 * the file already: nothing to do. 0, or -1 with err (the reading is not
 * stored). */
int store_sync(store *s, int station, time_t t, char *err, size_t errlen);

/* The stations that have a file in DATA_DIR ("108.rrd"), ascending; free
 * *OUT. 0 (none when DATA_DIR does not exist), or -1 with err. */
int store_stations(const char *data_dir, int **out, size_t *n, char *err, size_t errlen);

/* The stations of REG with data in S, ascending: the files in its data dir,
 * or through a remote daemon those INFO knows. Free *OUT. 0, or -1 with
 * err. */
int store_list(const store *s, const wx_registry *reg, int **out, size_t *n, char *err,
               size_t errlen);

/* Whether S's daemon is over the network (files named relative to it). */
int store_is_remote(const store *s);

/* Whether STATION has a file (through rrdcached: whether the daemon's
 * directory, which is the data dir, holds one). */
int store_has(const store *s, int station);

/* The last stored observation of STATION. 0, or -1 with err (no file...). */
int store_get_last(store *s, int station, store_last *out, char *err, size_t errlen);

/* The resolutions a station's file keeps (seconds per row, finest first)
 * and how many rows of each: STORE_RES_N of them. */
#define STORE_RES_N 3
extern const unsigned long store_res_step[STORE_RES_N];
extern const size_t store_res_rows[STORE_RES_N];

/* The end of the oldest row of STEP seconds a file last updated at LAST
 * still holds; 0 for a resolution the file does not keep. */
time_t store_kept_since(time_t last, unsigned long step);

/* A station's rows at one resolution. Row i covers the interval
 * (start + i*step, start + (i+1)*step] and holds the readings observed in
 * it: librrd gives a reading to every minute back to the previous one. */
typedef struct {
    time_t start;
    unsigned long step;
    size_t n;
    double *temp;        /* AVERAGE; NAN when unknown */
    double *code;        /* LAST: the weather code; NAN when none */
    double *tmin, *tmax; /* MIN and MAX: daily rows only, else NULL */
} store_rows;

/* Reads STATION's rows of STEP seconds ending after START and by END (the
 * file picks the finest resolution that covers them, which may be coarser:
 * see OUT->step); with MINMAX also the MIN and MAX columns, which only the
 * daily rows have. Through rrdcached the file is flushed first. 0, or -1
 * with err; free OUT with store_rows_free. */
int store_read_rows(store *s, int station, time_t start, time_t end, unsigned long step, int minmax,
                    store_rows *out, char *err, size_t errlen);
void store_rows_free(store_rows *r);

/* The rows that hold STATION's first reading: the LAST rows (temperature
 * and weather code) of the finest resolution that still holds it, over all
 * that the file keeps of it; OUT->n is 0 when the file has no reading. LAST
 * is the file's last update (store_get_last). 0, or -1 with err; free OUT
 * with store_rows_free. */
int store_first(store *s, int station, time_t last, store_rows *out, char *err, size_t errlen);

#endif
