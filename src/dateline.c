/* dateline: the date line of a strip ("2024.05.05 (일) 14:00 기준"). */
#include "dateline.h"

#include <stdlib.h>
#include <string.h>

#include "readings.h"
#include "text.h"
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

/* A weekday after the date: "(화)", "(화요일)", or "화요일" standing alone;
 * its number (0 = Sunday), or -1. */
static int parse_weekday(const char *s, size_t len, size_t *i)
{
    static const char *const order[] = {"일", "월", "화", "수", "목", "금", "토"};
    size_t j = *i;
    skip_spaces(s, len, &j);
    int paren = j < len && s[j] == '(';
    j += (size_t)paren;
    for (int w = 0; w < 7; w++) {
        size_t n = strlen(order[w]), k = j;
        if (k + n > len || memcmp(s + k, order[w], n) != 0)
            continue;
        k += n;
        int suffix = skip_any(s, len, &k, day_suffix);
        if (paren ? (k < len && s[k] == ')') : suffix) {
            *i = k + (size_t)paren;
            return w;
        }
    }
    return -1;
}

static void parse_time(const char *s, size_t len, size_t *i, strip_date *d)
{
    size_t j = *i;
    int h, m = 0;
    skip_spaces(s, len, &j);
    /* "오후 2시": the afternoon's 14:00; "오전 12시" is midnight */
    int pm = skip_any(s, len, &j, (const char *const[]){"오후", NULL});
    int am = !pm && skip_any(s, len, &j, (const char *const[]){"오전", NULL});
    skip_spaces(s, len, &j);
    if (!read_int(s, len, &j, 2, &h) || h > 24 || ((am || pm) && (h < 1 || h > 12)))
        return;
    if (pm && h < 12)
        h += 12;
    if (am && h == 12)
        h = 0;
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

/* Month, separator, day: "11.25", "11월 25일", "05-05". */
static int month_day(const char *s, size_t len, size_t *i, int *m, int *day)
{
    if (!read_int(s, len, i, 2, m))
        return 0;
    skip_spaces(s, len, i);
    if (!skip_any(s, len, i, month_seps))
        return 0;
    skip_spaces(s, len, i);
    if (!read_int(s, len, i, 2, day))
        return 0;
    skip_any(s, len, i, day_ends);
    return 1;
}

size_t dateline_prefix(const char *s, size_t len, strip_date *d)
{
    size_t i = 0;
    int y = 0, m, day;
    skip_spaces(s, len, &i);
    size_t start = i;
    if (read_int(s, len, &i, 4, &y) && y >= 1000) {
        skip_spaces(s, len, &i);
        if (!skip_any(s, len, &i, date_seps))
            return 0;
        skip_spaces(s, len, &i);
        if (!month_day(s, len, &i, &m, &day) || !valid_date(y, m, day))
            return 0;
    } else { /* no year: "11월 25일(화)", "11.25(화)", only with the weekday */
        i = start, y = 0;
        if (!month_day(s, len, &i, &m, &day) || !valid_date(2000, m, day))
            return 0;
    }
    *d = (strip_date){.year = y, .month = m, .day = day, .hour = -1, .minute = -1};
    d->wday = parse_weekday(s, len, &i);
    if (!y && d->wday < 0)
        return 0;
    parse_time(s, len, &i, d);
    size_t j = i;
    skip_spaces(s, len, &j);
    if (skip_any(s, len, &j, time_notes))
        i = j;
    return i;
}

/* Words a heading puts after its date ("2025.11.25 (화) 주요 지역 날씨"); a
 * date followed by anything else is prose. */
static const char *const heading_words[] = {
    "주요",   "지역",   "도시", "지역별", "도시별", "전국", "날씨", "기상", "기온", "현재", "현황",
    "정보",   "기상청", "제공", "오늘의", "오늘",   "실황", "관측", "기준", "발표", "시각", "보기",
    "한눈에", "·",      "|",    "-",      ":",      ",",    "[",    "]",    NULL};

static int heading_tail(const char *s, size_t len, size_t i)
{
    while (skip_spaces(s, len, &i), i < len)
        if (!skip_any(s, len, &i, heading_words))
            return 0;
    return 1;
}

int dateline_parse(const char *text, size_t len, strip_date *d)
{
    char r[WX_TEXT_MAX];
    size_t lead = 0; /* a date line starts with its year: a quick look first */
    while (lead < len && (text[lead] == ' ' || text[lead] == TEXT_SEG || text[lead] == '\t' ||
                          text[lead] == '\n' || text[lead] == '\r'))
        lead++;
    if (lead == len || (!utf8_is_digit(text[lead]) && (unsigned char)text[lead] < 0x80))
        return 0;
    long n = text_normalize(text, len < 200 ? len : 0, r, sizeof r);
    if (n <= 0)
        return 0;
    for (long i = 0; i < n; i++)
        if (r[i] == TEXT_SEG)
            r[i] = ' ';
    strip_date tmp;
    size_t used = dateline_prefix(r, (size_t)n, &tmp);
    if (!used || !heading_tail(r, (size_t)n, used))
        return 0;
    *d = tmp;
    return 1;
}

int dateline_settle_year(int month, int day, int wday, time_t ref)
{
    int ry, rm, rd;
    when_date(ref, &ry, &rm, &rd);
    int best = 0;
    long best_gap = 0;
    for (int y = ry - 1; y <= ry + 1; y++) {
        time_t t = when_local(y, month, day, 12, 0);
        struct tm tm;
        if (t == (time_t)-1 || !valid_date(y, month, day) || !localtime_r(&t, &tm) ||
            (wday >= 0 && tm.tm_wday != wday))
            continue;
        long gap = labs((long)(t - ref));
        if (!best || gap < best_gap)
            best = y, best_gap = gap;
    }
    return best;
}
