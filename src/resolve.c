/* resolve: turning strip items into readings (stations, positions, duplicates). */
#include "resolve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLUSTER_GAP 300 /* bytes of other text that end one strip */
#define DATE_GAP 300    /* how far a date line may stand from its strip */
#define TEMP_MIN (-(double)WX_TEMP_LIMIT)
#define TEMP_MAX ((double)WX_TEMP_LIMIT)

typedef struct {
    const wx_registry *reg;
    wx_page *page;
    unsigned char *named; /* registry index -> named by some item of the page */
} resolver;

static void condition_of(const strip_item *it, wx_reading *r)
{
    if (it->w && it->w->code != WX_CODE_NONE) {
        snprintf(r->condition, sizeof r->condition, "%s", weather_by_code(it->w->code)->word);
        r->code = it->w->code;
    } else if (it->w || !it->word[0]) {
        r->condition[0] = '\0';
        r->code = WX_CODE_NONE;
    } else {
        snprintf(r->condition, sizeof r->condition, "%s", it->word);
        r->code = WX_CODE_UNKNOWN;
    }
}

static int same_reading(const wx_reading *a, const wx_reading *b)
{
    return a->temp == b->temp && a->code == b->code && strcmp(a->condition, b->condition) == 0;
}

/* Adds the reading of IT at station ST; 0 or -1 (memory). */
static int emit(resolver *rs, const strip_item *it, const wx_station *st, int inferred)
{
    wx_page *p = rs->page;
    char why[WX_TEXT_MAX];
    if (!it->has_temp)
        return page_add_unresolved(p, it->text, "no temperature");
    if (it->temp < TEMP_MIN || it->temp > TEMP_MAX) {
        /* one report: an unresolved item, which says which station */
        snprintf(why, sizeof why, "station %d: temperature %.1f℃ is outside %.0f..%.0f℃", st->id,
                 it->temp, TEMP_MIN, TEMP_MAX);
        return page_add_unresolved(p, it->text, why);
    }
    wx_reading r = {.station = st->id, .temp = it->temp, .inferred = inferred};
    snprintf(r.name, sizeof r.name, "%s", st->name);
    condition_of(it, &r);
    const wx_reading *old = page_reading(p, st->id);
    if (old) {
        if (same_reading(old, &r))
            return 0;
        return page_add_warning(p,
                                "station %d %s is listed twice with different readings "
                                "(%.1f℃ and %.1f℃); keeping the first",
                                st->id, st->name, old->temp, r.temp);
    }
    return page_add_reading(p, &r);
}

/* ---- position inference for items without a station name ---- */

/* Appends to FIT the stations between registry positions LO and HI
 * (exclusive; -1 and count for open ends) that no item names. */
static void fitting(const resolver *rs, long lo, long hi, const wx_station **fit, size_t *n,
                    size_t max)
{
    for (long i = lo + 1; i < hi; i++)
        if (!rs->named[i] && (*n)++ < max)
            fit[*n - 1] = stations_at(rs->reg, (size_t)i);
}

/* The station at place P of the K nameless items between PREV and NEXT:
 * found when exactly K stations fit there, so each place takes one. */
static const char *infer(const resolver *rs, const wx_station *prev, const wx_station *next,
                         size_t p, size_t k, const wx_station **out, char *why, size_t whylen)
{
    long count = (long)stations_count(rs->reg);
    long lo = prev ? stations_index(rs->reg, prev) : -1;
    long hi = next ? stations_index(rs->reg, next) : count;
    const wx_station *fit[64];
    size_t n = 0, max = sizeof fit / sizeof fit[0];
    if (lo < hi) {
        fitting(rs, lo, hi, fit, &n, max);
    } else { /* the list wrapped around (a repeated ticker): after PREV, then before NEXT */
        fitting(rs, lo, count, fit, &n, max);
        fitting(rs, -1, hi, fit, &n, max);
    }
    if (n == k && p < n) {
        *out = fit[p];
        return NULL;
    }
    if (k == 1)
        snprintf(why, whylen, "no station name, and %s its position",
                 n ? "several stations fit" : "no station fits");
    else
        snprintf(why, whylen,
                 "no station name, and %zu stations fit the places of %zu "
                 "nameless items",
                 n, k);
    return why;
}

/* 1 when the cluster's named stations, first occurrences only, ascend. */
static int in_number_order(const strip_item *it, size_t a, size_t b)
{
    int last = 0;
    for (size_t i = a; i < b; i++) {
        if (!it[i].st)
            continue;
        int seen = 0;
        for (size_t j = a; j < i && !seen; j++)
            seen = it[j].st == it[i].st;
        if (seen)
            continue;
        if (it[i].st->id <= last)
            return 0;
        last = it[i].st->id;
    }
    return 1;
}

static int nameless(resolver *rs, const strip_item *items, size_t a, size_t b, size_t i,
                    int ordered)
{
    const strip_item *it = &items[i];
    char why[WX_TEXT_MAX];
    if (!it->w) {
        snprintf(why, sizeof why, "no station name, and '%s' is not a weather word", it->word);
        return page_add_unresolved(rs->page, it->text, why);
    }
    if (!ordered)
        return page_add_unresolved(rs->page, it->text,
                                   "no station name, and the strip is not in station order");
    const wx_station *prev = NULL, *next = NULL, *st = NULL;
    size_t place = 0, k = 1; /* this item's place among the nameless ones beside it */
    for (size_t j = i; j > a && !prev; j--) {
        prev = items[j - 1].st;
        place += !prev && !items[j - 1].name[0];
    }
    for (size_t j = i + 1; j < b && !next; j++) {
        next = items[j].st;
        k += !next && !items[j].name[0];
    }
    k += place;
    if (infer(rs, prev, next, place, k, &st, why, sizeof why))
        return page_add_unresolved(rs->page, it->text, why);
    return emit(rs, it, st, 1);
}

static int resolve_cluster(resolver *rs, const strip_item *items, size_t a, size_t b)
{
    int ordered = in_number_order(items, a, b);
    for (size_t i = a; i < b; i++) {
        const strip_item *it = &items[i];
        int rc;
        if (it->st)
            rc = emit(rs, it, it->st, 0);
        else if (it->name[0]) {
            char why[WX_TEXT_MAX];
            snprintf(why, sizeof why, "'%s' is not a known station", it->name);
            rc = page_add_unresolved(rs->page, it->text, why);
        } else
            rc = nameless(rs, items, a, b, i, ordered);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* The date line nearest the strip [A, B): just before it, else just after. */
static void date_of(const strip_scan *sc, size_t a, size_t b, wx_page *p)
{
    const strip_date *best = NULL;
    for (size_t i = 0; i < sc->ndates; i++) {
        const strip_date *d = &sc->dates[i];
        if (d->at == a && sc->items[a].gap - d->gap <= DATE_GAP)
            best = d;
    }
    for (size_t i = 0; i < sc->ndates && !best; i++) {
        const strip_date *d = &sc->dates[i];
        if (d->at == b && d->gap <= DATE_GAP)
            best = d;
    }
    if (!best)
        return;
    p->hour = best->hour, p->minute = best->minute;
    if (!best->year) { /* settled against the poll's time: page_settle_year */
        p->undated_month = best->month, p->undated_day = best->day;
        p->undated_wday = best->wday;
        return;
    }
    p->year = best->year, p->month = best->month, p->day = best->day;
}

/* A strip counts when an item names a station; an item alone counts only
 * when its word, if any, is a weather word (a headline is not a strip). */
static int is_strip(const strip_item *items, size_t a, size_t b)
{
    if (b - a == 1)
        return items[a].st && (!items[a].word[0] || items[a].w);
    for (size_t i = a; i < b; i++)
        if (items[i].st)
            return 1;
    return 0;
}

static size_t cluster_end(const strip_scan *sc, size_t a)
{
    size_t b = a + 1;
    while (b < sc->n && sc->items[b].gap <= CLUSTER_GAP)
        b++;
    return b;
}

int resolve_strip(const strip_scan *sc, wx_page *page)
{
    resolver rs = {sc->reg, page, calloc(stations_count(sc->reg) + 1, 1)};
    if (!rs.named)
        return -1;
    for (size_t a = 0, b; a < sc->n; a = b) {
        b = cluster_end(sc, a);
        if (!is_strip(sc->items, a, b))
            continue;
        for (size_t i = a; i < b; i++)
            if (sc->items[i].st)
                rs.named[stations_index(sc->reg, sc->items[i].st)] = 1;
    }
    int rc = 0, dated = 0;
    for (size_t a = 0, b; a < sc->n && rc == 0; a = b) {
        b = cluster_end(sc, a);
        if (!is_strip(sc->items, a, b))
            continue;
        if (!dated)
            date_of(sc, a, b, page), dated = 1;
        rc = resolve_cluster(&rs, sc->items, a, b);
    }
    free(rs.named);
    return rc;
}

int resolve_feed(const strip_item *items, size_t n, const wx_registry *reg, wx_page *page)
{
    resolver rs = {reg, page, NULL};
    for (size_t i = 0; i < n; i++) {
        const strip_item *it = &items[i];
        const wx_station *st = it->stn_id ? stations_by_id(reg, it->stn_id) : it->st;
        int rc;
        if (st) {
            rc = emit(&rs, it, st, 0);
        } else {
            char why[WX_TEXT_MAX];
            if (it->stn_id)
                snprintf(why, sizeof why, "station number %d is not in the registry", it->stn_id);
            else
                snprintf(why, sizeof why, "no station number, and '%s' is not a known station",
                         it->name);
            rc = page_add_unresolved(page, it->text, why);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}
