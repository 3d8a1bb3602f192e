/* monitor: the metrics file a poll writes (metrics_file): what the poll did,
 * from the poller and the store, and when each source and the poll last
 * succeeded, kept across polls in <data_dir>/metrics.state. */
#include "monitor.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "buf.h"
#include "fetch.h"
#include "fileio.h"
#include "metrics.h"
#include "vec.h"

#define STATE_FILE "metrics.state"
#define STATE_MAX_BYTES (1u << 20)
/* a source no poll has named for this long is forgotten */
#define STATE_KEEP_SECONDS (30L * 86400)

static const char header[] = "# wxstrip: when the poll and each source last succeeded "
                             "(unix time), for metrics_file\n";

void monitor_init(monitor *m, const wx_config *cfg)
{
    memset(m, 0, sizeof *m);
    if (cfg->metrics_file[0] &&
        (bprintf(m->path, sizeof m->path, "%s", cfg->metrics_file) < 0 ||
         bprintf(m->state, sizeof m->state, "%s/%s", cfg->data_dir, STATE_FILE) < 0))
        m->oom = 1; /* reported when the file is written */
}

static monitor_entry *find(monitor *m, const char *url)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->v[i].url, url) == 0)
            return &m->v[i];
    return NULL;
}

static monitor_entry *add(monitor *m, const char *url)
{
    if (VEC_RESERVE(m->v, m->n, m->cap, 8) < 0)
        return m->oom = 1, NULL;
    monitor_entry *e = &m->v[m->n];
    *e = (monitor_entry){.url = strdup(url)};
    if (!e->url)
        return m->oom = 1, NULL;
    m->n++;
    return e;
}

void monitor_source(monitor *m, const char *src, int ok)
{
    char shown[WX_PATH_MAX];
    if (!m->path[0])
        return;
    fetch_redact(src, shown, sizeof shown); /* the name messages and sources.state use */
    monitor_entry *e = find(m, shown);
    if (e)
        e->up = e->up && ok;
    else if ((e = add(m, shown)) != NULL)
        e->up = ok;
}

/* "poll\tTIME" or "source\tTIME\tURL"; a damaged line is ignored. */
static void read_line(monitor *m, char *line)
{
    char *kind = strsep(&line, "\t"), *t = strsep(&line, "\t"), *end;
    long long when = t ? strtoll(t, &end, 10) : 0;
    if (!t || end == t || *end || when <= 0)
        return;
    if (strcmp(kind, "poll") == 0 && !line)
        m->last_poll = (time_t)when;
    if (strcmp(kind, "source") != 0 || !line || !*line)
        return;
    monitor_entry *e = find(m, line);
    if (!e)
        e = add(m, line);
    if (e && !e->last)
        e->last = (time_t)when;
}

static int load_state(monitor *m, char *err, size_t errlen)
{
    buf_t b = {0};
    char why[256];
    if (access(m->state, F_OK) < 0 && errno == ENOENT)
        return 0;
    if (file_read(m->state, STATE_MAX_BYTES, &b, why, sizeof why) < 0)
        return errf(err, errlen, "%s: %s", m->state, why);
    for (char *p = b.data, *line; (line = strsep(&p, "\n")) != NULL;)
        if (*line && *line != '#')
            read_line(m, line);
    buf_free(&b);
    return 0;
}

/* This poll's outcome over what the state remembered. */
static void update(monitor *m, time_t now, int success)
{
    for (size_t i = 0; i < m->npolled; i++)
        if (m->v[i].up)
            m->v[i].last = now;
    if (success)
        m->last_poll = now;
}

static int save_state(const monitor *m, time_t now, char *err, size_t errlen)
{
    buf_t b = {0};
    int rc = buf_puts(&b, header);
    if (rc == 0 && m->last_poll)
        rc = buf_printf(&b, "poll\t%lld\n", (long long)m->last_poll);
    for (size_t i = 0; i < m->n && rc == 0; i++) {
        const monitor_entry *e = &m->v[i];
        int keep = e->last && (i < m->npolled || now - e->last < STATE_KEEP_SECONDS);
        if (keep && !strpbrk(e->url, "\t\r\n")) /* a name that could not be read back */
            rc = buf_printf(&b, "source\t%lld\t%s\n", (long long)e->last, e->url);
    }
    /* not synced: a crash loses at most when sources last succeeded */
    rc = rc < 0 ? errf(err, errlen, "out of memory")
                : atomic_write(m->state, b.data, b.len, 0, err, errlen);
    buf_free(&b);
    return rc;
}

/* Every station with a file and its last observation (through a remote
 * daemon: the stations it lists). A file that cannot be read has no
 * sample. Free *OUT. 0, or -1 with err (*OUT then empty). */
static int gather_stations(poller *p, metrics_station **out, size_t *n, char *err, size_t errlen)
{
    int *ids = NULL;
    size_t nids = 0;
    *out = NULL, *n = 0;
    if (store_list(p->st, p->reg, &ids, &nids, err, errlen) < 0)
        return -1;
    if (nids && !(*out = calloc(nids, sizeof **out))) {
        free(ids);
        return errf(err, errlen, "out of memory");
    }
    for (size_t i = 0; i < nids; i++) {
        store_last last;
        char why[1024];
        if (store_get_last(p->st, ids[i], &last, why, sizeof why) < 0)
            continue;
        const wx_station *st = stations_by_id(p->reg, ids[i]);
        (*out)[(*n)++] = (metrics_station){ids[i], st ? st->name : "", last.time, last.temp};
    }
    free(ids);
    return 0;
}

static int format_file(const monitor *m, const poller *p, const metrics_station *st, size_t nst,
                       int graphs_failed, double seconds, buf_t *out)
{
    metrics_source *src = calloc(m->npolled ? m->npolled : 1, sizeof *src);
    if (!src)
        return -1;
    for (size_t i = 0; i < m->npolled; i++)
        src[i] = (metrics_source){m->v[i].url, m->v[i].up, m->v[i].last};
    const poll_stats *s = &p->stats;
    metrics_poll mp = {.poll_time = p->now,
                       .last_success = m->last_poll,
                       .success = !s->failed && !s->station_errors,
                       .graphs_failed = graphs_failed,
                       .duration = seconds,
                       .sources_ok = s->ok,
                       .sources_failed = s->failed,
                       .stored = s->stored,
                       .skipped = s->skipped,
                       .rejected = s->rejected,
                       .failed = s->station_errors,
                       .sources = src,
                       .nsources = m->npolled,
                       .stations = st,
                       .nstations = nst};
    int rc = metrics_format(&mp, out);
    free(src);
    return rc;
}

int monitor_write(monitor *m, poller *p, int graphs_failed, double seconds, char *err,
                  size_t errlen)
{
    char why[1024];
    if (!m->path[0] && !m->oom)
        return 0;
    if (m->oom)
        return errf(err, errlen, "%s: out of memory", m->path[0] ? m->path : "metrics_file");
    m->npolled = m->n; /* this poll's sources; load_state adds the others after them */
    int rc = load_state(m, err, errlen); /* unreadable: as if never succeeded */
    update(m, p->now, !p->stats.failed && !p->stats.station_errors);
    if (save_state(m, p->now, why, sizeof why) < 0 && rc == 0)
        rc = errf(err, errlen, "%s", why);
    metrics_station *st;
    size_t nst;
    if (gather_stations(p, &st, &nst, why, sizeof why) < 0 && rc == 0)
        rc = errf(err, errlen, "%s: stations left out: %s", m->path, why);
    buf_t text = {0};
    if (m->oom || format_file(m, p, st, nst, graphs_failed, seconds, &text) < 0)
        rc = errf(err, errlen, "%s: out of memory", m->path);
    else if (atomic_write(m->path, text.data, text.len, 0, why, sizeof why) < 0)
        rc = errf(err, errlen, "metrics_file: %s", why);
    buf_free(&text);
    free(st);
    return rc;
}

void monitor_free(monitor *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->v[i].url);
    free(m->v);
    m->v = NULL;
    m->n = m->cap = m->npolled = 0;
}
