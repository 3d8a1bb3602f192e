/* poller: the pipeline poll and ingest share: read, parse, time, store. */
#ifndef WX_POLLER_H
#define WX_POLLER_H

#include <time.h>

#include "buf.h"
#include "config.h"
#include "notify.h"
#include "fetch.h"
#include "stations.h"
#include "validators.h"
#include "store.h"

typedef struct {
    unsigned ok, failed;      /* sources */
    unsigned readings;        /* read from sources */
    unsigned stored, skipped; /* new, and already stored */
    unsigned rejected;        /* stale, out of range, unresolved */
    unsigned station_errors;  /* stations whose file failed */
} poll_stats;

typedef struct {
    const wx_config *cfg;
    const wx_registry *reg;
    store *st;
    fetcher *f;          /* created when a URL needs it */
    source_state *state; /* conditional-GET validators; NULL: none (ingest) */
    time_t now;          /* the poll time */
    int ingest;          /* backfill: no staleness rule */
    int has_at;          /* ingest --at */
    time_t at;
    poll_stats stats;
    int *updated; /* stations that got a new reading, in order */
    size_t nupdated, capupdated;
    const wx_notify *notify; /* where problems go (the command prints them) */
} poller;

/* Reads, parses and stores one source; reports problems through P->notify.
 * 0 when the source succeeded, -1 when it failed (the stations it did give
 * are stored). */
int poll_source(poller *p, const char *src, const char *charset);

/* Adds STATION to the stations whose graphs a poll redraws (once). */
void poller_note_updated(poller *p, int station);

/* The one summary line ("COMMAND: sources 2 ok, ...; 0.03 s"), without a
 * newline, into OUT. 0, or -1 when memory runs out. */
int poll_summary(const poller *p, const char *command, double seconds, buf_t *out);

void poller_free(poller *p);

#endif
