/* when: times of readings: ISO 8601 input and the local (KST) calendar. */
#ifndef WX_WHEN_H
#define WX_WHEN_H

#include <stddef.h>
#include <time.h>

/* Local times follow the process TZ; main sets it from the configuration
 * (Asia/Seoul by default, which has no DST). */

/* Parses "2024-05-05T14:00", "2024-05-05 14:00:30", "...+09:00", "...Z";
 * local time unless an offset is given. 0, or -1 with err. */
int when_parse(const char *s, time_t *out, char *err, size_t errlen);

/* The local time of a calendar date and time of day; -1 when invalid. */
time_t when_local(int year, int month, int day, int hour, int minute);

/* Moves the calendar date Y-M-D to the next day ("24:00" of a day is
 * "00:00" of the next). */
void when_next_day(int *year, int *month, int *day);

/* The local calendar date of T. */
void when_date(time_t t, int *year, int *month, int *day);

/* Seconds east of UTC of local time at T (cached per UTC day: cheap in
 * loops). */
long when_offset(time_t t);

/* "2024-05-05 14:00" in local time. */
void when_format(time_t t, char *dst, size_t size);

/* ISO 8601 in local time with its offset: "2024-05-05T14:00:00+09:00". */
void when_iso(time_t t, char *dst, size_t size);

#endif
