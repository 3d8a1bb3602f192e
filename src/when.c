/* when: times of readings: ISO 8601 input and the local (KST) calendar. */
#include "when.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

time_t when_local(int year, int month, int day, int hour, int minute)
{
    struct tm tm = {.tm_year = year - 1900,
                    .tm_mon = month - 1,
                    .tm_mday = day,
                    .tm_hour = hour,
                    .tm_min = minute,
                    .tm_isdst = -1};
    time_t t = mktime(&tm);
    if (t == (time_t)-1 || tm.tm_mday != day || tm.tm_mon != month - 1 || tm.tm_hour != hour)
        return -1;
    return t;
}

void when_next_day(int *year, int *month, int *day)
{
    /* calendar arithmetic only: UTC has no gaps or repeated hours */
    struct tm tm = {
        .tm_year = *year - 1900, .tm_mon = *month - 1, .tm_mday = *day + 1, .tm_hour = 12};
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

/* The UTC offset of local time at T. Query output formats hundreds of
 * times in a row, so the offset of one UTC day is kept while both its ends
 * agree (no zone changes its offset twice within a day), and while TZ
 * stays what it was. */
long when_offset(time_t t)
{
    static time_t day = -1;
    static long off;
    static char zone[128];
    const char *tz = getenv("TZ");
    time_t d = t - ((t % 86400) + 86400) % 86400, e = d + 86399;
    if (d == day && strcmp(zone, tz ? tz : "") == 0)
        return off;
    snprintf(zone, sizeof zone, "%s", tz ? tz : "");
    struct tm a, b;
    localtime_r(&d, &a);
    localtime_r(&e, &b);
    if (a.tm_gmtoff != b.tm_gmtoff) {
        localtime_r(&t, &a);
        return a.tm_gmtoff;
    }
    day = d, off = a.tm_gmtoff;
    return off;
}

typedef struct {
    long long year;
    int month, day, hour, minute, second;
    long off;
} fields;

/* The local calendar fields of T (days to civil: H. Hinnant's algorithm). */
static fields local_fields(time_t t)
{
    fields f;
    f.off = when_offset(t);
    long long s = (long long)t + f.off, days = s / 86400, rem = s % 86400;
    if (rem < 0)
        rem += 86400, days--;
    f.hour = (int)(rem / 3600), f.minute = (int)(rem % 3600 / 60), f.second = (int)(rem % 60);
    days += 719468;
    long long era = (days >= 0 ? days : days - 146096) / 146097;
    long long doe = days - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    f.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    f.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    f.year = yoe + era * 400 + (f.month <= 2);
    return f;
}

/* Writes N digits of V at P. */
static char *digits(char *p, long long v, int n)
{
    for (int i = n - 1; i >= 0; i--, v /= 10)
        p[i] = (char)('0' + v % 10);
    return p + n;
}

/* "2024-05-05 14:00" (SEP ' ') or "2024-05-05T14:00:00+09:00" (ISO). */
static void format_fields(const fields *f, int iso, char *dst, size_t size)
{
    char b[40], *p = b;
    if (f->year < 0 || f->year > 9999) {
        snprintf(dst, size, "%lld", (long long)f->year); /* no such reading is stored */
        return;
    }
    p = digits(p, f->year, 4), *p++ = '-', p = digits(p, f->month, 2), *p++ = '-';
    p = digits(p, f->day, 2), *p++ = iso ? 'T' : ' ';
    p = digits(p, f->hour, 2), *p++ = ':', p = digits(p, f->minute, 2);
    if (iso) {
        long a = f->off < 0 ? -f->off : f->off;
        *p++ = ':', p = digits(p, f->second, 2), *p++ = f->off < 0 ? '-' : '+';
        p = digits(p, a / 3600, 2), *p++ = ':', p = digits(p, a % 3600 / 60, 2);
    }
    *p = '\0';
    if ((size_t)(p - b) < size)
        memcpy(dst, b, (size_t)(p - b) + 1);
    else if (size)
        dst[0] = '\0';
}

void when_format(time_t t, char *dst, size_t size)
{
    fields f = local_fields(t);
    format_fields(&f, 0, dst, size);
}

void when_iso(time_t t, char *dst, size_t size)
{
    fields f = local_fields(t);
    format_fields(&f, 1, dst, size);
}

/* Reads "+09:00", "+0900", "-05" or "Z" into seconds east of UTC. */
static int parse_offset(const char *s, long *off)
{
    int h = 0, m = 0, n = 0;
    if (strcmp(s, "Z") == 0 || strcmp(s, "z") == 0)
        return *off = 0, 0;
    if ((*s != '+' && *s != '-') ||
        !(sscanf(s + 1, "%2d:%2d%n", &h, &m, &n) == 2 ||
          sscanf(s + 1, "%2d%2d%n", &h, &m, &n) == 2 || sscanf(s + 1, "%2d%n", &h, &n) == 1) ||
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
    struct tm tm = {.tm_year = y - 1900,
                    .tm_mon = mo - 1,
                    .tm_mday = d,
                    .tm_hour = h,
                    .tm_min = mi,
                    .tm_sec = sec};
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
