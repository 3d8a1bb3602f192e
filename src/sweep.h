/* sweep: removing the temporary files a killed run left behind. */
#ifndef WX_SWEEP_H
#define WX_SWEEP_H

#include <stddef.h>
#include <time.h>

/* Removes, in DATA_DIR, librrd's temporary station files ("108.rrdXXXXXX",
 * from a create that was killed) and wxstrip's own (".NAME.tmp.XXXXXX",
 * from atomic writes), and the same atomic temporaries in GRAPH_DIR and its
 * station directories, when they were last written more than MAX_AGE
 * seconds before NOW: no run takes that long to write one. At most one sweep
 * in MAX_AGE (DATA_DIR/.wxstrip.swept says when the last was). Call under
 * the data lock. Returns how many were removed; a file that cannot be removed
 * is left (it is reported on the next look, not an error). */
size_t sweep_temporaries(const char *data_dir, const char *graph_dir, time_t now, long max_age);

/* Whether NAME is one of those temporaries. */
int sweep_is_temporary(const char *name);

#endif
