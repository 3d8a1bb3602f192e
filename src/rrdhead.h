/* rrdhead: a local RRD file's last update read from its header, without
 * librrd's rrd_open (which maps the whole file). Part of the store. */
#ifndef WX_RRDHEAD_H
#define WX_RRDHEAD_H

#include <time.h>

/* The last update time of the RRD file at PATH, read from its header as
 * rrd_format.h lays it out (the live head after the stat head and the data
 * source and archive definitions). -1 when the file cannot be read or its
 * header is not one this reader knows (another format version, another
 * machine's byte order or type sizes): ask librrd then. */
time_t rrdhead_last(const char *path);

#endif
