/* dateline: the date line of a strip ("2024.05.05 (일) 14:00 기준"). */
#ifndef WX_DATELINE_H
#define WX_DATELINE_H

#include <stddef.h>
#include <time.h>

typedef struct {
    int year, month, day, hour, minute; /* hour/minute -1 when absent; year 0:
                                         * not written (see dateline_settle_year) */
    int wday;                           /* the weekday written, 0 = Sunday; -1 when none */
    size_t at;                          /* items seen before the date line */
    size_t gap;                         /* other text between the previous item and the date line */
} strip_date;

/* Reads a date line ("2024.05.05 (일)", "2024-05-05 14:00", "2024/05/05(일)",
 * "2025년 11월 25일 화요일 오후 2시 현재") that is the whole of TEXT, with a
 * weekday, a time ("14:00", "14시 30분", "오후 2시") and a note ("기준",
 * "현재", "발표", "관측") allowed, and after it only words a heading uses
 * ("주요 지역 날씨"): a date in prose is none. Without a year ("11월 25일(화)",
 * "11.25(화)") the weekday must be written, and the year is 0. 1 when it
 * is one. */
int dateline_parse(const char *text, size_t len, strip_date *d);

/* Reads such a date at the start of S (white space before it skipped), as
 * when a run of items starts with the day's date; returns the bytes it
 * took, or 0. */
size_t dateline_prefix(const char *s, size_t len, strip_date *d);

/* The year of a date written without one: of the years around REF's, the
 * one that puts M-D nearest REF (a poll's time, an ingest's --at) and
 * whose weekday is WDAY (-1: any). 0 when none fits. */
int dateline_settle_year(int month, int day, int wday, time_t ref);

#endif
