/* monitor: the metrics file a poll writes (metrics_file): what the poll did,
 * from the poller and the store, and when each source and the poll last
 * succeeded, kept across polls in <data_dir>/metrics.state. */
#ifndef WX_MONITOR_H
#define WX_MONITOR_H

#include <stddef.h>
#include <time.h>

#include "config.h"
#include "poller.h"

typedef struct {
    char *url;   /* as messages name it: without a password */
    int up;      /* this poll read it */
    time_t last; /* its last success; 0: never */
} monitor_entry;

typedef struct {
    char path[WX_PATH_MAX];  /* metrics_file; "": no metrics, every call does nothing */
    char state[WX_FILE_MAX]; /* <data_dir>/metrics.state */
    monitor_entry *v;        /* this poll's sources first, in poll order */
    size_t n, cap, npolled;  /* npolled: how many are this poll's (set when written) */
    time_t last_poll;        /* the last successful poll before this one; 0: never */
    int oom;
} monitor;

/* Prepares M for CFG's metrics_file (nothing to free when it is unset). */
void monitor_init(monitor *m, const wx_config *cfg);

/* Notes how source SRC (a URL or a file, as given) did in this poll. A
 * source given twice is one, up only when it was read both times. */
void monitor_source(monitor *m, const char *src, int ok);

/* Writes the metrics of poll P, which took SECONDS and (GRAPHS_FAILED) did
 * not draw some graph or page: the last success times are updated in
 * metrics.state, the stations' last observations read from P's store, and
 * metrics_file replaced atomically (temporary file + rename). Call before
 * P's store and registry are closed. 0, or -1 with err naming the file
 * that could not be read or written (the metrics file is still written
 * when only metrics.state or a station's file failed). */
int monitor_write(monitor *m, poller *p, int graphs_failed, double seconds, char *err,
                  size_t errlen);

void monitor_free(monitor *m);

#endif
