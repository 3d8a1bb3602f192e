/* timearg: the time arguments of the query commands (--from, --to). */
#include "timearg.h"

#include <stdio.h>
#include <string.h>

#include <rrd.h>

#include "buf.h"
#include "when.h"

time_t timearg_day_start(time_t t)
{
    int y, m, d;
    when_date(t, &y, &m, &d);
    return when_local(y, m, d, 0, 0);
}

time_t timearg_next_day(time_t day_start)
{
    /* two hours past 24 h lands in the next day whatever DST did */
    return timearg_day_start(day_start + 86400 + 7200);
}

/* A whole local day named by S: a date, today or yesterday. 1 when S is
 * one (its start in *DAY), 0 when not, -1 for an impossible date. */
static int whole_day(const char *s, time_t now, time_t *day)
{
    int y, m, d, n = 0;
    if (strcmp(s, "today") == 0)
        return *day = timearg_day_start(now), 1;
    if (strcmp(s, "yesterday") == 0)
        return *day = timearg_day_start(timearg_day_start(now) - 3600), 1;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || s[n] || n != 10)
        return 0;
    *day = when_local(y, m, d, 0, 0);
    return *day == (time_t)-1 ? -1 : 1;
}

/* One argument as librrd's time value; END_SIDE: a whole day means its end. */
static int one(const char *s, const char *what, time_t now, int end_side, rrd_time_value_t *tv,
               char *err, size_t errlen)
{
    time_t t;
    char epoch[32], why[256];
    int day = whole_day(s, now, &t);
    if (day < 0)
        return errf(err, errlen, "%s: '%s' is not a date", what, s);
    if (day > 0 && end_side)
        t = timearg_next_day(t);
    if (day == 0 && strcmp(s, "now") == 0)
        t = now, day = 1;
    if (day == 0 && strchr(s, ':') && s[0] >= '0' && s[0] <= '9' &&
        when_parse(s, &t, why, sizeof why) == 0)
        day = 1;
    if (day > 0)
        snprintf(epoch, sizeof epoch, "%lld", (long long)t), s = epoch;
    const char *bad = rrd_parsetime(s, tv);
    if (bad)
        return errf(err, errlen,
                    "%s: '%s' is not a time (ISO 8601 like 2024-05-05T14:00, a date, "
                    "today, yesterday, or AT-style like -1d): %s",
                    what, s, bad);
    return 0;
}

int timearg_range(const char *from, const char *to, time_t now, time_t *start, time_t *end,
                  char *err, size_t errlen)
{
    rrd_time_value_t s_tv, e_tv;
    if (one(to ? to : "now", "--to", now, 1, &e_tv, err, errlen) < 0 ||
        one(from ? from : "end-24h", "--from", now, 0, &s_tv, err, errlen) < 0)
        return -1;
    rrd_clear_error();
    if (rrd_proc_start_end(&s_tv, &e_tv, start, end) < 0)
        return errf(err, errlen, "--from/--to: %s", rrd_get_error());
    if (*start >= *end)
        return errf(err, errlen, "--from (%lld) must come before --to (%lld)", (long long)*start,
                    (long long)*end);
    return 0;
}
