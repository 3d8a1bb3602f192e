/* dateline: the date line of a strip ("2024.05.05 (일) 14:00 기준"). */
#ifndef WX_DATELINE_H
#define WX_DATELINE_H

#include <stddef.h>

typedef struct {
    int year, month, day, hour, minute; /* hour/minute -1 when absent */
    size_t at;      /* items seen before the date line */
    size_t gap;     /* other text between the previous item and the date line */
} strip_date;

/* Reads a date line ("2024.05.05 (일)", "2024-05-05 14:00", "2024년 5월 5일")
 * that is the whole of TEXT, with a weekday, a time ("14:00", "14시 30분")
 * and a note ("기준", "현재", "발표", "관측") allowed; 1 when it is one. */
int dateline_parse(const char *text, size_t len, strip_date *d);

/* Reads such a date at the start of S (white space before it skipped), as
 * when a run of items starts with the day's date; returns the bytes it
 * took, or 0. */
size_t dateline_prefix(const char *s, size_t len, strip_date *d);

#endif
