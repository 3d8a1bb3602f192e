/* page: what the parser reads out of one source (readings, unresolved items). */
#include "page.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Grows *V (elements of SIZE bytes) to hold one more; 0 or -1. */
static int grow(void **v, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 16;
    void *p = realloc(*v, c * size);
    if (!p)
        return -1;
    *v = p;
    *cap = c;
    return 0;
}

void page_init(wx_page *p)
{
    memset(p, 0, sizeof *p);
    p->hour = p->minute = -1;
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
    if (grow((void **)&p->readings, p->nreadings, &p->capreadings, sizeof *r) < 0)
        return -1;
    p->readings[p->nreadings++] = *r;
    return 0;
}

int page_add_unresolved(wx_page *p, const char *text, const char *reason)
{
    if (grow((void **)&p->unresolved, p->nunresolved, &p->capunresolved,
             sizeof *p->unresolved) < 0)
        return -1;
    wx_unresolved *u = &p->unresolved[p->nunresolved++];
    snprintf(u->text, sizeof u->text, "%s", text);
    snprintf(u->reason, sizeof u->reason, "%s", reason);
    return 0;
}

int page_add_warning(wx_page *p, const char *fmt, ...)
{
    if (grow((void **)&p->warnings, p->nwarnings, &p->capwarnings, sizeof *p->warnings) < 0)
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
