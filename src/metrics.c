/* metrics: a poll's results as Prometheus' text exposition format, for
 * node_exporter's textfile collector. Pure: a plain struct in, text out. */
#include "metrics.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int metrics_label_value(buf_t *out, const char *s)
{
    int rc = 0;
    for (; *s && rc == 0; s++) {
        size_t plain = strcspn(s, "\\\"\n");
        rc = buf_append(out, s, plain);
        s += plain;
        if (!*s || rc < 0)
            break;
        rc = buf_append(out, *s == '\\' ? "\\\\" : *s == '"' ? "\\\"" : "\\n", 2);
    }
    return rc;
}

/* NAME{K="V",...} VALUE: LABELS holds pairs, ending with NULL. Values as
 * %.15g: times in seconds exactly, temperatures as stored ("18.6"). */
static int sample(buf_t *out, const char *name, const char *const *labels, double value)
{
    int rc = buf_puts(out, name);
    for (size_t i = 0; labels && labels[i] && rc == 0; i += 2)
        rc = buf_printf(out, "%s%s=\"", i ? "," : "{", labels[i]) < 0 ||
                     metrics_label_value(out, labels[i + 1]) < 0 || buf_putc(out, '"') < 0
                 ? -1
                 : 0;
    if (rc == 0 && labels && labels[0])
        rc = buf_putc(out, '}');
    return rc < 0 ? -1 : buf_printf(out, " %.15g\n", value);
}

/* ---- the samples of each family ---- */

static int poll_time(const metrics_poll *m, const char *name, buf_t *out)
{
    return sample(out, name, NULL, (double)m->poll_time);
}

static int last_success(const metrics_poll *m, const char *name, buf_t *out)
{
    return m->last_success ? sample(out, name, NULL, (double)m->last_success) : 0;
}

static int success(const metrics_poll *m, const char *name, buf_t *out)
{
    return sample(out, name, NULL, m->success ? 1 : 0);
}

static int duration(const metrics_poll *m, const char *name, buf_t *out)
{
    return sample(out, name, NULL, m->duration);
}

static int sources(const metrics_poll *m, const char *name, buf_t *out)
{
    const char *const ok[] = {"result", "ok", NULL}, *const failed[] = {"result", "failed", NULL};
    return sample(out, name, ok, m->sources_ok) < 0 ||
                   sample(out, name, failed, m->sources_failed) < 0
               ? -1
               : 0;
}

static int readings(const metrics_poll *m, const char *name, buf_t *out)
{
    const struct {
        const char *result;
        unsigned n;
    } r[] = {{"stored", m->stored},
             {"skipped", m->skipped},
             {"rejected", m->rejected},
             {"failed", m->failed}};
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        if (sample(out, name, (const char *const[]){"result", r[i].result, NULL}, r[i].n) < 0)
            return -1;
    return 0;
}

static int graphs_failed(const metrics_poll *m, const char *name, buf_t *out)
{
    return sample(out, name, NULL, m->graphs_failed ? 1 : 0);
}

static int source_up(const metrics_poll *m, const char *name, buf_t *out)
{
    for (size_t i = 0; i < m->nsources; i++)
        if (sample(out, name, (const char *const[]){"source", m->sources[i].url, NULL},
                   m->sources[i].up ? 1 : 0) < 0)
            return -1;
    return 0;
}

static int source_success(const metrics_poll *m, const char *name, buf_t *out)
{
    for (size_t i = 0; i < m->nsources; i++)
        if (m->sources[i].last_success &&
            sample(out, name, (const char *const[]){"source", m->sources[i].url, NULL},
                   (double)m->sources[i].last_success) < 0)
            return -1;
    return 0;
}

/* The station's labels: station="108",name="서울". */
static int station_sample(buf_t *out, const char *name, const metrics_station *s, double v)
{
    char id[16];
    snprintf(id, sizeof id, "%d", s->id);
    return sample(out, name, (const char *const[]){"station", id, "name", s->name, NULL}, v);
}

static int station_time(const metrics_poll *m, const char *name, buf_t *out)
{
    for (size_t i = 0; i < m->nstations; i++)
        if (station_sample(out, name, &m->stations[i], (double)m->stations[i].time) < 0)
            return -1;
    return 0;
}

static int station_temp(const metrics_poll *m, const char *name, buf_t *out)
{
    for (size_t i = 0; i < m->nstations; i++)
        if (!isnan(m->stations[i].temp) &&
            station_sample(out, name, &m->stations[i], m->stations[i].temp) < 0)
            return -1;
    return 0;
}

static const struct family {
    const char *name, *help;
    int (*samples)(const metrics_poll *m, const char *name, buf_t *out);
} families[] = {
    {"wxstrip_poll_timestamp_seconds", "When the last poll ran, successful or not (unix time).",
     poll_time},
    {"wxstrip_last_success_timestamp_seconds",
     "When a poll last succeeded: every source read, every station's file written (unix time).",
     last_success},
    {"wxstrip_poll_success", "1 when the last poll succeeded, else 0.", success},
    {"wxstrip_poll_duration_seconds", "How long the last poll took.", duration},
    {"wxstrip_poll_sources", "Sources of the last poll, by result (ok, failed).", sources},
    {"wxstrip_poll_readings",
     "Readings of the last poll, by result: stored (new), skipped (already stored), rejected "
     "(stale, implausible, unknown station), failed (the station's file failed).",
     readings},
    {"wxstrip_poll_graphs_failed", "1 when some graph or page of the last poll was not drawn.",
     graphs_failed},
    {"wxstrip_source_up", "1 when the source was read in the last poll, else 0.", source_up},
    {"wxstrip_source_last_success_timestamp_seconds",
     "When the source was last read successfully (unix time).", source_success},
    {"wxstrip_station_last_observation_timestamp_seconds",
     "The time of the station's last stored observation (unix time).", station_time},
    {"wxstrip_station_temperature_celsius",
     "The temperature of the station's last stored observation.", station_temp},
};

int metrics_format(const metrics_poll *m, buf_t *out)
{
    buf_t samples = {0};
    int rc = 0;
    for (size_t i = 0; i < sizeof families / sizeof families[0] && rc == 0; i++) {
        const struct family *f = &families[i];
        buf_reset(&samples);
        if (f->samples(m, f->name, &samples) < 0)
            rc = -1;
        else if (samples.len)
            rc = buf_printf(out, "# HELP %s %s\n# TYPE %s gauge\n%s", f->name, f->help, f->name,
                            samples.data);
    }
    buf_free(&samples);
    return rc;
}
