/* query: a station's readings read back from its rows: observations,
 * buckets of a step, a summary. Pure: rows and times in, numbers out. */
#include "query.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "timearg.h"
#include "vec.h"
#include "when.h"

#define TEMP_EPSILON 1e-6 /* librrd's averages of one value differ in the last bits */
#define DAY_HOURS 24

static const struct {
    const char *name;
    long seconds;
} steps[] = {
    [QUERY_RAW] = {"raw", 0},
    [QUERY_10M] = {"10m", 600},
    [QUERY_1H] = {"1h", 3600},
    [QUERY_1D] = {"1d", 86400},
};

int query_step_parse(const char *name)
{
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (strcmp(steps[i].name, name) == 0)
            return (int)i;
    return -1;
}

const char *query_step_name(query_step s)
{
    return steps[s].name;
}

long query_step_seconds(query_step s)
{
    return steps[s].seconds;
}

static int code_of(double v)
{
    return isnan(v) ? -1 : (int)v;
}

static int same_reading(double t1, int c1, double t2, int c2)
{
    return fabs(t1 - t2) < TEMP_EPSILON && c1 == c2;
}

/* The local hour that ends at T or after it: rows ending in (h-1, h] are
 * one hour's. */
static long hour_of(time_t t)
{
    return (long)((t - 1) / 3600);
}

int query_observations(const store_rows *r, time_t from, time_t to, query_obs **out, size_t *n,
                       size_t *cap)
{
    for (size_t i = 0; i < r->n; i++) {
        double t = r->temp[i];
        int code = code_of(r->code[i]);
        time_t end = r->start + (time_t)((i + 1) * r->step);
        if (isnan(t))
            continue;
        int next_same = i + 1 < r->n && r->step < 3600 && !isnan(r->temp[i + 1]) &&
                        same_reading(t, code, r->temp[i + 1], code_of(r->code[i + 1])) &&
                        hour_of(end) == hour_of(end + (time_t)r->step);
        if (next_same || end < from || end >= to)
            continue;
        if (VEC_RESERVE(*out, *n, *cap, 256) < 0)
            return -1;
        (*out)[(*n)++] = (query_obs){end, t, code};
    }
    return 0;
}

/* Local alignment: T down to a multiple of STEP seconds of local time. */
static time_t align_down(time_t t, long step)
{
    if (step >= 86400)
        return timearg_day_start(t);
    long local = (long)((t + when_offset(t)) % step);
    return t - (local + step) % step;
}

static time_t next_start(time_t t, long step)
{
    return step >= 86400 ? timearg_next_day(t) : t + step;
}

void query_align(query_step step, time_t *from, time_t *to)
{
    long s = steps[step].seconds;
    if (!s)
        return;
    *from = align_down(*from, s);
    time_t up = align_down(*to, s);
    *to = up < *to ? next_start(up, s) : up;
}

/* Counts of weather codes, for the one seen most (the latest among equals). */
typedef struct {
    int code[128];
    double count[128];
    size_t seen[128]; /* when it was last added */
    size_t n, adds;
} tally;

static void tally_add(tally *t, int code, double weight)
{
    if (code < 0)
        return;
    size_t i = 0;
    while (i < t->n && t->code[i] != code)
        i++;
    if (i == t->n && t->n == sizeof t->code / sizeof t->code[0])
        return; /* more distinct codes than words exist */
    if (i == t->n)
        t->code[t->n] = code, t->count[t->n++] = 0;
    t->count[i] += weight;
    t->seen[i] = ++t->adds;
}

static int tally_most(const tally *t)
{
    size_t best = t->n;
    for (size_t i = 0; i < t->n; i++)
        if (best == t->n || t->count[i] > t->count[best] ||
            (t->count[i] == t->count[best] && t->seen[i] > t->seen[best]))
            best = i;
    return best < t->n ? t->code[best] : -1;
}

void query_rows_free(query_rows *r)
{
    free(r->v);
    *r = (query_rows){0};
}

static int push_row(query_rows *out, const query_row *r)
{
    if (VEC_RESERVE(out->v, out->n, out->cap, 64) < 0)
        return -1;
    out->v[out->n++] = *r;
    return 0;
}

/* The row of the observations O[0..N) in [START, END). */
static query_row bucket_row(const query_obs *o, size_t n, time_t start, time_t end)
{
    query_row r = {start, end, n, 0, NAN, NAN, NAN, 0, 0, -1};
    tally t = {.n = 0};
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += o[i].temp;
        if (isnan(r.min) || o[i].temp < r.min)
            r.min = o[i].temp, r.tmin = o[i].t;
        if (isnan(r.max) || o[i].temp > r.max)
            r.max = o[i].temp, r.tmax = o[i].t;
        tally_add(&t, o[i].code, 1);
    }
    if (n)
        r.mean = sum / (double)n;
    r.code = tally_most(&t);
    return r;
}

int query_bucket(const query_obs *o, size_t n, query_step step, time_t from, time_t to,
                 query_rows *out)
{
    long s = steps[step].seconds;
    size_t i = 0;
    if (!s) {
        for (; i < n; i++) {
            query_row r = bucket_row(o + i, 1, o[i].t, o[i].t);
            if (o[i].t >= from && o[i].t < to && push_row(out, &r) < 0)
                return -1;
        }
        return 0;
    }
    while (i < n && o[i].t < from)
        i++;
    for (time_t b = from; b < to; b = next_start(b, s)) {
        time_t e = next_start(b, s);
        size_t k = i;
        while (k < n && o[k].t < e)
            k++;
        query_row r = bucket_row(k > i ? o + i : NULL, k - i, b, e); /* O may be NULL */
        if (push_row(out, &r) < 0)
            return -1;
        i = k;
    }
    return 0;
}

int query_daily(const store_rows *d, time_t from, time_t to, query_rows *out)
{
    for (size_t i = 0; i < d->n; i++) {
        time_t start = d->start + (time_t)(i * d->step), end = start + (time_t)d->step;
        if (start < from || start >= to)
            continue;
        query_row r = {start, end, 0, 1, d->temp[i], NAN, NAN, 0, 0, code_of(d->code[i])};
        r.min = d->tmin ? d->tmin[i] : NAN;
        r.max = d->tmax ? d->tmax[i] : NAN;
        if (push_row(out, &r) < 0)
            return -1;
    }
    return 0;
}

/* Hours of [FROM, min(TO, NOW)) and those among them with an observation. */
static void coverage(const query_obs *o, size_t n, time_t from, time_t to, time_t now,
                     query_summary *s)
{
    time_t until = to < now ? to : now;
    long last = -1;
    for (time_t h = align_down(from, 3600); h < until; h += 3600)
        s->expected++;
    for (size_t i = 0; i < n; i++) {
        long h = (long)(align_down(o[i].t, 3600) / 3600);
        if (o[i].t >= from && o[i].t < until && h != last)
            s->present++, last = h;
    }
}

/* The hours of daily row R that the summary counts: those in [FROM,
 * UNTIL), where UNTIL is where the observations' days begin (a daily row
 * runs 09:00 to 09:00 and may reach into the first of them). */
static double daily_hours(const query_row *r, time_t from, time_t until)
{
    time_t a = r->start > from ? r->start : from, b = r->end < until ? r->end : until;
    return b > a ? (double)(b - a) / 3600 : 0;
}

void query_summarize(const query_rows *rows, const query_obs *o, size_t n, time_t from, time_t to,
                     time_t now, query_summary *s)
{
    *s = (query_summary){NAN, NAN, NAN, 0, 0, 0, 0, 0, -1};
    tally t = {.n = 0};
    double sum = 0, weight = 0, daily = 0;
    time_t until = to;
    for (size_t i = 0; i < rows->n; i++)
        if (!rows->v[i].daily && rows->v[i].start < until)
            until = rows->v[i].start;
    for (size_t i = 0; i < rows->n; i++) {
        const query_row *r = &rows->v[i];
        double w = r->daily ? daily_hours(r, from, until) : (double)r->n;
        if (isnan(r->mean) || w == 0)
            continue;
        sum += r->mean * w, weight += w;
        s->n += (size_t)(w + 0.5);
        if (!isnan(r->min) && (isnan(s->min) || r->min < s->min))
            s->min = r->min, s->tmin = r->tmin;
        if (!isnan(r->max) && (isnan(s->max) || r->max > s->max))
            s->max = r->max, s->tmax = r->tmax;
        if (r->daily)
            tally_add(&t, r->code, w), daily += w;
    }
    for (size_t i = 0; i < n; i++)
        if (o[i].t >= from && o[i].t < to)
            tally_add(&t, o[i].code, 1);
    if (weight > 0)
        s->mean = sum / weight;
    s->code = tally_most(&t);
    coverage(o, n, from, to, now, s);
    s->present += (size_t)(daily + 0.5);
    if (s->present > s->expected)
        s->present = s->expected;
}
