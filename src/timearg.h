/* timearg: the time arguments of the query commands (--from, --to). */
#ifndef WX_TIMEARG_H
#define WX_TIMEARG_H

#include <stddef.h>
#include <time.h>

/* Resolves a range from FROM and TO (either may be NULL: FROM then means
 * 24 hours before TO, and TO means NOW). Each is:
 *   ISO 8601        2024-05-05T14:00, 2024-05-05 14:00:30+09:00 (local
 *                   time unless an offset is given)
 *   a date          2024-05-05: its first minute as FROM, its end as TO
 *   today, yesterday  the same for that local day; now
 *   AT-style        rrdtool's: -1d, now-2h, midnight yesterday, end-6h,
 *                   start+1d (librrd's rrd_parsetime)
 * so that --from yesterday --to yesterday is all of yesterday. The range is
 * [*START, *END). 0, or -1 with err (naming the argument). */
int timearg_range(const char *from, const char *to, time_t now, time_t *start, time_t *end,
                  char *err, size_t errlen);

/* The local midnight that starts the day of T, and the one after it. */
time_t timearg_day_start(time_t t);
time_t timearg_next_day(time_t day_start);

#endif
