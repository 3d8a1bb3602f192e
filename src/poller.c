/* poller: the pipeline poll and ingest share: read, parse, time, store. */
#include "poller.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "source.h"
#include "when.h"
#include "vec.h"

#define FUTURE_SLACK 600 /* an observation may be this far ahead of our clock */
/* the oldest time a station's file can hold: its daily rows' ten years */
#define OLDEST_SECONDS (3660L * 86400)

void poller_note_updated(poller *p, int station)
{
    for (size_t i = 0; i < p->nupdated; i++)
        if (p->updated[i] == station)
            return;
    if (VEC_RESERVE(p->updated, p->nupdated, p->capupdated, 128) < 0)
        return;
    p->updated[p->nupdated++] = station;
}

/* A minute boundary: every update lands on one, so no 60 s step ever
 * mixes two weather codes. */
static time_t on_step(time_t t)
{
    return t - t % STORE_STEP;
}

static int same_date(time_t t, const wx_page *pg)
{
    int y, m, d;
    when_date(t, &y, &m, &d);
    return y == pg->year && m == pg->month && d == pg->day;
}

/* The time of a polled page's readings: 0, 1 when the strip has no date
 * line (the poll's time), or -1 with why it is refused. */
static int poll_time(const poller *p, const wx_page *pg, time_t *t, char *why, size_t n)
{
    char a[32], b[32];
    if (pg->year && pg->hour >= 0) {
        time_t obs = when_local(pg->year, pg->month, pg->day, pg->hour, pg->minute);
        when_format(obs, a, sizeof a);
        if (obs == (time_t)-1)
            return errf(why, n, "observation time is not a valid local time");
        if (obs > p->now + FUTURE_SLACK)
            return errf(why, n, "stale: observation %s is in the future", a);
        if (p->now - obs > p->cfg->max_strip_age)
            return errf(why, n, "stale: observation %s is %.1f h old (max_strip_age %ld s)", a,
                        (double)(p->now - obs) / 3600, p->cfg->max_strip_age);
        *t = on_step(obs);
        return 0;
    }
    if (pg->year && !same_date(p->now, pg)) {
        when_format(p->now, b, sizeof b);
        return errf(why, n, "stale: the strip is dated %04d-%02d-%02d, today is %.10s", pg->year,
                    pg->month, pg->day, b);
    }
    *t = on_step(p->now);
    return pg->year ? 0 : 1; /* no date line: stored at the poll time, with a warning */
}

/* The time of an ingested page's readings: its own, or --at when they agree. */
static int ingest_time(const poller *p, const wx_page *pg, time_t *t, char *why, size_t n)
{
    char a[32];
    time_t own = -1;
    if (pg->year && pg->hour >= 0)
        own = when_local(pg->year, pg->month, pg->day, pg->hour, pg->minute);
    if (!p->has_at) {
        if (own == (time_t)-1)
            return errf(why, n,
                        pg->year ? "the page gives a date but no time of day: give "
                                   "--at TIME"
                                 : "the page carries no date or time: give --at TIME");
        *t = on_step(own);
        return 0;
    }
    when_format(p->at, a, sizeof a);
    if (pg->year && !same_date(p->at, pg))
        return errf(why, n, "the page is dated %04d-%02d-%02d, not %.10s as --at says", pg->year,
                    pg->month, pg->day, a);
    if (own != (time_t)-1 && on_step(own) != on_step(p->at))
        return errf(why, n, "the page's observation time %02d:%02d disagrees with --at %s",
                    pg->hour, pg->minute, a);
    *t = on_step(p->at);
    return 0;
}

/* A stored reading of STATION that did not become durable: failed. */
static void unstore(poller *p, const char *src, const wx_reading *r, const char *err)
{
    p->stats.stored--;
    p->stats.station_errors++;
    notify(p->notify, NOTE_ERROR, "%s: station %d %s: %s", src, r->station, r->name, err);
    for (size_t i = 0; i < p->nupdated; i++)
        if (p->updated[i] == r->station) /* its graphs need not be drawn */
            p->updated[i] = p->updated[--p->nupdated];
}

/* Stores the page's readings at T, then makes them durable (through
 * rrdcached: flushed); 0 when every station was written, 1 when some
 * station's file failed. */
static int store_page(poller *p, const char *src, const wx_page *pg, time_t t)
{
    int rc = 0;
    unsigned char *stored = calloc(pg->nreadings ? pg->nreadings : 1, 1);
    if (!stored)
        return notify(p->notify, NOTE_ERROR, "out of memory"), 1;
    for (size_t i = 0; i < pg->nreadings; i++) {
        const wx_reading *r = &pg->readings[i];
        char err[1024];
        switch (store_put(p->st, r->station, t, r->temp, r->code, err, sizeof err)) {
        case STORE_STORED:
            p->stats.stored++;
            stored[i] = 1;
            poller_note_updated(p, r->station);
            break;
        case STORE_SKIPPED: p->stats.skipped++; break;
        case STORE_FAILED:
            p->stats.station_errors++;
            notify(p->notify, NOTE_ERROR, "%s: station %d %s: %s", src, r->station, r->name, err);
            rc = 1;
            break;
        }
    }
    for (size_t i = 0; i < pg->nreadings; i++) {
        char err[1024];
        if (stored[i] && store_sync(p->st, pg->readings[i].station, t, err, sizeof err) < 0)
            unstore(p, src, &pg->readings[i], err), rc = 1;
    }
    free(stored);
    return rc;
}

/* A time no file should take: later than the clock allows (a reading from
 * the future would make every true one after it "not newer"), or older
 * than a file keeps. 0, or -1 with why. */
static int plausible_time(const poller *p, time_t t, char *why, size_t n)
{
    char a[32], b[32];
    when_format(t, a, sizeof a);
    when_format(p->now, b, sizeof b);
    if (t > p->now + FUTURE_SLACK)
        return errf(why, n,
                    "its time %s is in the future (the clock says %s; at most %d min "
                    "ahead is taken)",
                    a, b, FUTURE_SLACK / 60);
    if (t < p->now - OLDEST_SECONDS || t <= 0)
        return errf(why, n, "its time %s is older than the ten years a station's file keeps",
                    t <= 0 ? "before 1970" : a);
    return 0;
}

/* "90 속초, 93 북춘천, ... (97 stations)": whom a refused page concerns. */
static void stations_of(const wx_page *pg, char *dst, size_t size)
{
    size_t len = 0;
    dst[0] = '\0';
    for (size_t i = 0; i < pg->nreadings && i < 3 && len < size; i++) {
        snprintf(dst + len, size - len, "%s%d %s", i ? ", " : "", pg->readings[i].station,
                 pg->readings[i].name);
        len += strlen(dst + len);
    }
    if (pg->nreadings > 3 && len < size)
        snprintf(dst + len, size - len, ", ... (%zu stations)", pg->nreadings);
}

/* Parses, times and stores bytes already read: 0 when the source is ok, 1
 * when it is but some station failed, -1 when the source failed. */
static int take_page(poller *p, const char *src, const source_data *d)
{
    char why[512];
    wx_page pg;
    if (parse_page(d->bytes.data, d->bytes.len, d->charset[0] ? d->charset : NULL, p->reg, &pg, why,
                   sizeof why) < 0) {
        notify(p->notify, NOTE_ERROR, "%s: %s", src, why);
        page_free(&pg);
        return -1;
    }
    /* a date line without a year takes the one nearest the poll (--at) */
    page_settle_year(&pg, p->has_at ? p->at : p->now); /* -1: no memory for its warning */
    page_notify(&pg, src, 1, p->notify);
    p->stats.readings += (unsigned)pg.nreadings;
    p->stats.rejected += (unsigned)pg.nunresolved;
    time_t t = 0;
    int rc = -1, timed = 0;
    if (pg.nreadings == 0)
        notify(p->notify, NOTE_ERROR, "%s: no weather readings found", src);
    else if ((timed = p->ingest ? ingest_time(p, &pg, &t, why, sizeof why)
                                : poll_time(p, &pg, &t, why, sizeof why)) < 0) {
        notify(p->notify, NOTE_ERROR, "%s: %s; nothing stored", src, why);
        p->stats.rejected += (unsigned)pg.nreadings;
    } else if (plausible_time(p, t, why, sizeof why) < 0) {
        char who[256];
        stations_of(&pg, who, sizeof who);
        notify(p->notify, NOTE_ERROR, "%s: %s; nothing stored for %s", src, why, who);
        p->stats.rejected += (unsigned)pg.nreadings;
    } else {
        if (timed > 0) /* a site whose date line changed shape is noticed before it is stale */
            notify(p->notify, NOTE_WARNING,
                   "%s: the strip has no date line that wxstrip can read: its readings are "
                   "stored at the poll time",
                   src);
        rc = store_page(p, src, &pg, t);
    }
    page_free(&pg);
    return rc;
}

int poll_source(poller *p, const char *src, const char *charset)
{
    char err[1024], shown[WX_PATH_MAX];
    source_data d;
    /* a URL's password is never printed nor kept in sources.state */
    fetch_redact(src, shown, sizeof shown);
    const state_entry *prev = p->state ? state_get(p->state, shown) : NULL;
    int rc = source_read(&p->f, p->cfg, src, charset, prev, &d, err, sizeof err);
    if (rc < 0)
        notify(p->notify, NOTE_ERROR, "%s: %s", shown, err);
    else if (!d.not_modified)
        rc = take_page(p, shown, &d);
    /* remember validators only once everything the page gave is stored */
    if (rc == 0 && d.is_url && p->state && !d.not_modified)
        state_set(p->state, shown, d.etag, d.last_modified);
    source_data_free(&d);
    if (rc < 0)
        p->stats.failed++;
    else
        p->stats.ok++;
    return rc < 0 ? -1 : 0;
}

int poll_summary(const poller *p, const char *command, double seconds, buf_t *out)
{
    const poll_stats *s = &p->stats;
    char errors[64] = "";
    if (s->station_errors)
        snprintf(errors, sizeof errors, ", %u failed (station file errors)", s->station_errors);
    return buf_printf(out,
                      "%s: sources %u ok, %u failed; readings %u: %u stored, %u skipped "
                      "(already stored), %u rejected%s; %.2f s",
                      command, s->ok, s->failed, s->readings, s->stored, s->skipped, s->rejected,
                      errors, seconds);
}

void poller_free(poller *p)
{
    fetch_free(p->f);
    free(p->updated);
    p->f = NULL;
    p->updated = NULL;
}
