/* when: times of readings: ISO 8601 input and the local (KST) calendar. */
#include "when.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"

time_t when_local(int year, int month, int day, int hour, int minute)
{
    struct tm tm = {.tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = day,
                    .tm_hour = hour, .tm_min = minute, .tm_isdst = -1};
    time_t t = mktime(&tm);
    if (t == (time_t)-1 || tm.tm_mday != day || tm.tm_mon != month - 1 || tm.tm_hour != hour)
        return -1;
    return t;
}

void when_next_day(int *year, int *month, int *day)
{
    /* calendar arithmetic only: UTC has no gaps or repeated hours */
    struct tm tm = {.tm_year = *year - 1900, .tm_mon = *month - 1, .tm_mday = *day + 1,
                    .tm_hour = 12};
    time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    *year = tm.tm_year + 1900;
    *month = tm.tm_mon + 1;
    *day = tm.tm_mday;
}

void when_date(time_t t, int *year, int *month, int *day)
{
    struct tm tm;
    localtime_r(&t, &tm);
    *year = tm.tm_year + 1900;
    *month = tm.tm_mon + 1;
    *day = tm.tm_mday;
}

void when_format(time_t t, char *dst, size_t size)
{
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(dst, size, "%Y-%m-%d %H:%M", &tm);
}

void when_iso(time_t t, char *dst, size_t size)
{
    struct tm tm;
    localtime_r(&t, &tm);
    long off = tm.tm_gmtoff, a = off < 0 ? -off : off;
    char date[32];
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(dst, size, "%s%c%02ld:%02ld", date, off < 0 ? '-' : '+', a / 3600, a % 3600 / 60);
}

/* Reads "+09:00", "+0900", "-05" or "Z" into seconds east of UTC. */
static int parse_offset(const char *s, long *off)
{
    int h = 0, m = 0, n = 0;
    if (strcmp(s, "Z") == 0 || strcmp(s, "z") == 0)
        return *off = 0, 0;
    if ((*s != '+' && *s != '-') ||
        !(sscanf(s + 1, "%2d:%2d%n", &h, &m, &n) == 2 || sscanf(s + 1, "%2d%2d%n", &h, &m, &n) == 2 ||
          sscanf(s + 1, "%2d%n", &h, &n) == 1) ||
        s[1 + n] || h > 14 || m > 59)
        return -1;
    *off = (h * 3600L + m * 60L) * (*s == '-' ? -1 : 1);
    return 0;
}

int when_parse(const char *s, time_t *out, char *err, size_t errlen)
{
    int y, mo, d, h, mi, sec = 0, n = 0;
    char sep;
    if (sscanf(s, "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &n) != 6 ||
        (sep != 'T' && sep != ' '))
        return errf(err, errlen, "'%s' is not a time like 2024-05-05T14:00", s);
    const char *rest = s + n;
    if (*rest == ':' && sscanf(rest, ":%2d%n", &sec, &n) == 1)
        rest += n;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h,
                    .tm_min = mi, .tm_sec = sec};
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59)
        return errf(err, errlen, "'%s' is not a valid time", s);
    if (*rest) {
        long off;
        if (parse_offset(rest, &off) < 0)
            return errf(err, errlen, "'%s': bad UTC offset '%s'", s, rest);
        time_t t = timegm(&tm);
        struct tm back;
        gmtime_r(&t, &back);
        if (back.tm_mday != d)
            return errf(err, errlen, "'%s' is not a valid date", s);
        *out = t - off;
        return 0;
    }
    time_t t = when_local(y, mo, d, h, mi);
    if (t == (time_t)-1)
        return errf(err, errlen, "'%s' is not a valid local time", s);
    *out = t + sec;
    return 0;
}
