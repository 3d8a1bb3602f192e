/* rrdhead: a local RRD file's last update read from its header, without
 * librrd's rrd_open (which maps the whole file). Part of the store. */
#ifndef WX_RRDHEAD_H
#define WX_RRDHEAD_H

#include <time.h>

/* A data source's name and the last value it was given, as librrd keeps
 * it (text: "18.6", "U" when unknown). */
typedef struct {
    char name[20];
    char value[30];
} rrdhead_ds;

/* The last update time of the RRD file at PATH, read from its header as
 * rrd_format.h lays it out (the live head after the stat head and the data
 * source and archive definitions). -1 when the file cannot be read or its
 * header is not one this reader knows (another format version, another
 * machine's byte order or type sizes): ask librrd then. */
time_t rrdhead_last(const char *path);

/* The same time in *LAST and, in DS (NULL: only the time), each data
 * source's name and last value, as rrd_lastupdate_r gives them. Returns
 * how many data sources there are, or -1 as rrdhead_last (or when there
 * are more than MAX). */
int rrdhead_lastupdate(const char *path, time_t *last, rrdhead_ds *ds, int max);

#endif
