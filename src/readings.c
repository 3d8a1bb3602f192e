/* readings: what the parser reads out of one source (readings, unresolved items). */
#include "readings.h"

#include "dateline.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"

void page_init(wx_page *p)
{
    memset(p, 0, sizeof *p);
    p->hour = p->minute = -1;
    p->undated_wday = -1;
}

void page_free(wx_page *p)
{
    for (size_t i = 0; i < p->nwarnings; i++)
        free(p->warnings[i]);
    free(p->warnings);
    free(p->readings);
    free(p->unresolved);
    page_init(p);
}

int page_add_reading(wx_page *p, const wx_reading *r)
{
    if (VEC_RESERVE(p->readings, p->nreadings, p->capreadings, 16) < 0)
        return -1;
    p->readings[p->nreadings++] = *r;
    return 0;
}

int page_add_unresolved(wx_page *p, const char *text, const char *reason)
{
    if (VEC_RESERVE(p->unresolved, p->nunresolved, p->capunresolved, 16) < 0)
        return -1;
    wx_unresolved *u = &p->unresolved[p->nunresolved++];
    snprintf(u->text, sizeof u->text, "%s", text);
    snprintf(u->reason, sizeof u->reason, "%s", reason);
    return 0;
}

int page_add_warning(wx_page *p, const char *fmt, ...)
{
    if (VEC_RESERVE(p->warnings, p->nwarnings, p->capwarnings, 16) < 0)
        return -1;
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    char *w = strdup(tmp);
    if (!w)
        return -1;
    p->warnings[p->nwarnings++] = w;
    return 0;
}

const wx_reading *page_reading(const wx_page *p, int station)
{
    for (size_t i = 0; i < p->nreadings; i++)
        if (p->readings[i].station == station)
            return &p->readings[i];
    return NULL;
}

const char *page_kind_name(wx_kind kind)
{
    static const char *const names[] = {"none", "feed", "html", "text"};
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "none";
}

int page_settle_year(wx_page *p, time_t ref)
{
    if (p->year || !p->undated_month)
        return 0;
    int y = dateline_settle_year(p->undated_month, p->undated_day, p->undated_wday, ref);
    if (!y) {
        static const char *const names[] = {"일", "월", "화", "수", "목", "금", "토"};
        int w = p->undated_wday;
        return page_add_warning(p,
                                "the date line %d월 %d일(%s) fits no year near this time: "
                                "the strip is undated",
                                p->undated_month, p->undated_day, w >= 0 && w < 7 ? names[w] : "?");
    }
    p->year = y, p->month = p->undated_month, p->day = p->undated_day;
    return 0;
}

void page_notify(const wx_page *p, const char *src, int unresolved, const wx_notify *n)
{
    for (size_t i = 0; i < p->nwarnings; i++)
        notify(n, NOTE_WARNING, "%s: %s", src, p->warnings[i]);
    for (size_t i = 0; unresolved && i < p->nunresolved; i++)
        notify(n, NOTE_WARNING, "%s: unresolved '%s': %s", src, p->unresolved[i].text,
               p->unresolved[i].reason);
}
