/* graphspec: what a graph is, apart from drawing it: periods, windows, file
 * names, spans, and a PNG's size. */
#include "graphspec.h"

#include <stdio.h>
#include <string.h>

#include "when.h"

static const struct period_def {
    const char *name;
    const char *span; /* for the title */
    long seconds;
    unsigned long step; /* resolution asked of the RRD */
} periods[] = {
    [PERIOD_DAY] = {"day", "최근 24시간", 86400, 600},
    [PERIOD_WEEK] = {"week", "최근 7일", 7 * 86400, 3600},
    [PERIOD_MONTH] = {"month", "최근 30일", 30 * 86400, 3600},
    [PERIOD_YEAR] = {"year", "최근 1년", 365 * 86400, 86400},
    [PERIOD_DATE] = {"date", NULL, 86400, 600},
};

int render_period(const char *name)
{
    for (int p = PERIOD_DAY; p < PERIOD_DATE; p++)
        if (strcmp(periods[p].name, name) == 0)
            return p;
    return -1;
}

const char *render_period_name(period p)
{
    return periods[p].name;
}

int render_window(render_job *job, time_t now)
{
    if (job->p != PERIOD_DATE) {
        job->end = now;
        job->start = now - periods[job->p].seconds;
        return 0;
    }
    job->start = when_local(job->year, job->month, job->day, 0, 0);
    if (job->start == (time_t)-1)
        return -1;
    time_t next = job->start + 86400 + 7200; /* the next local midnight, DST or not */
    int y, m, d;
    when_date(next, &y, &m, &d);
    job->end = when_local(y, m, d, 0, 0);
    return job->end == (time_t)-1 ? -1 : 0;
}

void render_file_name(const render_job *job, char *dst, size_t size)
{
    const char *at2x = job->scale == 2 ? "@2x" : "";
    if (job->p == PERIOD_DATE)
        snprintf(dst, size, "%04d-%02d-%02d%s.png", job->year, job->month, job->day, at2x);
    else
        snprintf(dst, size, "%s%s.png", periods[job->p].name, at2x);
}

void render_span(const render_job *j, char *dst, size_t size)
{
    if (j->p == PERIOD_DATE)
        snprintf(dst, size, "%d년 %d월 %d일", j->year, j->month, j->day);
    else
        snprintf(dst, size, "%s", periods[j->p].span);
}

unsigned long render_step(period p)
{
    return periods[p].step;
}

static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

int render_png_size(const char *path, int *width, int *height)
{
    unsigned char h[24];
    FILE *f = fopen(path, "rb");
    int ok = f && fread(h, 1, sizeof h, f) == sizeof h && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0 &&
             memcmp(h + 12, "IHDR", 4) == 0;
    if (f)
        fclose(f);
    if (!ok || be32(h + 16) == 0 || be32(h + 16) > 100000 || be32(h + 20) > 100000)
        return -1;
    *width = (int)be32(h + 16);
    *height = (int)be32(h + 20);
    return 0;
}
