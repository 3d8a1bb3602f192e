/* dateline: the date line of a strip ("2024.05.05 (일) 14:00 기준"). */
#include "dateline.h"

#include <string.h>

#include "strip.h"
#include "utf8.h"
#include "when.h"

static int read_int(const char *s, size_t len, size_t *i, int maxdigits, int *out)
{
    int v = 0, d = 0;
    while (*i < len && utf8_is_digit(s[*i]) && d < maxdigits)
        v = v * 10 + (s[(*i)++] - '0'), d++;
    if (d == 0 || (*i < len && utf8_is_digit(s[*i])))
        return 0;
    *out = v;
    return 1;
}

static void skip_spaces(const char *s, size_t len, size_t *i)
{
    size_t cl;
    while (*i < len && utf8_is_space(utf8_decode(s, len, *i, &cl)))
        *i += cl;
}

/* Skips one of the strings in LIST at S[*I]; 1 when one was there. */
static int skip_any(const char *s, size_t len, size_t *i, const char *const *list)
{
    for (; *list; list++) {
        size_t n = strlen(*list);
        if (*i + n <= len && memcmp(s + *i, *list, n) == 0) {
            *i += n;
            return 1;
        }
    }
    return 0;
}

static const char *const date_seps[] = {".", "-", "/", "년", NULL};
static const char *const month_seps[] = {".", "-", "/", "월", NULL};
static const char *const day_ends[] = {"일", ".", NULL};
static const char *const weekdays[] = {"월", "화", "수", "목", "금", "토", "일", NULL};
static const char *const day_suffix[] = {"요일", NULL};
static const char *const time_notes[] = {"기준", "현재", "발표", "관측", NULL};

static int valid_date(int y, int m, int d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

static void parse_weekday(const char *s, size_t len, size_t *i)
{
    size_t j = *i;
    skip_spaces(s, len, &j);
    if (j < len && s[j] == '(') {
        j++;
        if (skip_any(s, len, &j, weekdays)) {
            skip_any(s, len, &j, day_suffix);
            if (j < len && s[j] == ')')
                *i = j + 1;
        }
    }
}

static void parse_time(const char *s, size_t len, size_t *i, strip_date *d)
{
    size_t j = *i;
    int h, m = 0;
    skip_spaces(s, len, &j);
    if (!read_int(s, len, &j, 2, &h) || h > 24)
        return;
    if (j < len && s[j] == ':') {
        j++;
        if (!read_int(s, len, &j, 2, &m) || m > 59)
            return;
        if (j + 2 < len && s[j] == ':' && utf8_is_digit(s[j + 1]) && utf8_is_digit(s[j + 2]))
            j += 3; /* seconds */
    } else if (!skip_any(s, len, &j, (const char *const[]){"시", NULL})) {
        return;
    } else {
        size_t k = j;
        skip_spaces(s, len, &k);
        if (read_int(s, len, &k, 2, &m) && m <= 59 &&
            skip_any(s, len, &k, (const char *const[]){"분", NULL}))
            j = k;
        else
            m = 0;
    }
    if (h == 24 && m != 0)
        return;
    if (h == 24) /* "24:00": the start of the next day */
        when_next_day(&d->year, &d->month, &d->day);
    d->hour = h % 24;
    d->minute = m;
    *i = j;
}

size_t dateline_prefix(const char *s, size_t len, strip_date *d)
{
    size_t i = 0;
    int y, m, day;
    skip_spaces(s, len, &i);
    if (!read_int(s, len, &i, 4, &y) || y < 1000)
        return 0;
    skip_spaces(s, len, &i);
    if (!skip_any(s, len, &i, date_seps))
        return 0;
    skip_spaces(s, len, &i);
    if (!read_int(s, len, &i, 2, &m))
        return 0;
    skip_spaces(s, len, &i);
    if (!skip_any(s, len, &i, month_seps))
        return 0;
    skip_spaces(s, len, &i);
    if (!read_int(s, len, &i, 2, &day) || !valid_date(y, m, day))
        return 0;
    skip_any(s, len, &i, day_ends);
    *d = (strip_date){.year = y, .month = m, .day = day, .hour = -1, .minute = -1};
    parse_weekday(s, len, &i);
    parse_time(s, len, &i, d);
    size_t j = i;
    skip_spaces(s, len, &j);
    if (skip_any(s, len, &j, time_notes))
        i = j;
    return i;
}

int dateline_parse(const char *text, size_t len, strip_date *d)
{
    char r[WX_TEXT_MAX];
    size_t lead = 0; /* a date line starts with its year: a quick look first */
    while (lead < len && (text[lead] == ' ' || text[lead] == STRIP_SEG || text[lead] == '\t' ||
                          text[lead] == '\n' || text[lead] == '\r'))
        lead++;
    if (lead == len || (!utf8_is_digit(text[lead]) && (unsigned char)text[lead] < 0x80))
        return 0;
    long n = strip_normalize(text, len < 200 ? len : 0, r, sizeof r);
    if (n <= 0)
        return 0;
    for (long i = 0; i < n; i++)
        if (r[i] == STRIP_SEG)
            r[i] = ' ';
    strip_date tmp;
    size_t used = dateline_prefix(r, (size_t)n, &tmp);
    if (!used)
        return 0;
    skip_spaces(r, (size_t)n, &used);
    if (used != (size_t)n)
        return 0;
    *d = tmp;
    return 1;
}
