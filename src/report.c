/* report: what `query` and `stations` found, as a table, CSV, TSV, JSON
 * or JSON Lines. One table of columns per answer serves the three text
 * forms; JSON is built with jansson (json.h). */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "table.h"
#include "weather.h"
#include "when.h"

#define QUERY_SCHEMA "wxstrip.query/1"
#define STATIONS_SCHEMA "wxstrip.stations/1"
#define MEAN_DECIMALS 2
#define TEMP_DECIMALS 2 /* stored temperatures have one, some pages two */
#define CELL 64

static const char *const format_names[] = {
    [FMT_TABLE] = "table", [FMT_CSV] = "csv",     [FMT_TSV] = "tsv",
    [FMT_JSON] = "json",   [FMT_JSONL] = "jsonl",
};

int report_format_parse(const char *name)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
        if (strcmp(format_names[i], name) == 0)
            return (int)i;
    return -1;
}

/* ---- cells: the text forms of values ("" for a gap) ---- */

/* Writes the decimal digits of V (>= 0) ending at END; returns the first. */
static char *utoa_back(char *end, unsigned long long v)
{
    do
        *--end = (char)('0' + v % 10);
    while (v /= 10);
    return end;
}

/* V rounded to DECIMALS (at most 6) places, trailing zeros dropped but one
 * decimal kept: 18.60 -> "18.6", 18 -> "18.0", -0.001 -> "0.0". */
static void cell_num(char *dst, double v, int decimals)
{
    static const double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    if (isnan(v) || decimals < 0 || decimals > 6) {
        dst[0] = '\0';
        return;
    }
    double x = round(v * scale[decimals]);
    if (fabs(x) > 1e15) { /* no temperature or coordinate is this large */
        snprintf(dst, CELL, "%g", v);
        return;
    }
    unsigned long long u = (unsigned long long)fabs(x), div = (unsigned long long)scale[decimals];
    unsigned long long whole = u / div, frac = u % div;
    char b[48], *end = b + sizeof b - 1, *p;
    *end = '\0';
    int nd = decimals;
    while (nd > 1 && frac % 10 == 0)
        frac /= 10, nd--;
    p = end;
    for (int k = 0; k < (nd ? nd : 1); k++, frac /= 10)
        *--p = (char)('0' + frac % 10);
    *--p = '.';
    p = utoa_back(p, whole);
    if (x < 0)
        *--p = '-';
    memcpy(dst, p, (size_t)(end - p) + 1);
}

static void cell_time(char *dst, time_t t, int iso)
{
    if (!t)
        dst[0] = '\0';
    else if (iso)
        when_iso(t, dst, CELL);
    else
        when_format(t, dst, CELL);
}

static void cell_long(char *dst, long long v, int known)
{
    char b[32], *end = b + sizeof b - 1, *p;
    *end = '\0';
    if (!known) {
        dst[0] = '\0';
        return;
    }
    p = utoa_back(end, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
    if (v < 0)
        *--p = '-';
    memcpy(dst, p, (size_t)(end - p) + 1);
}

static const char *word_of(int code)
{
    const wx_word *w = code > 0 ? weather_by_code(code) : NULL;
    return w ? w->word : "";
}

static const char *category_of(int code)
{
    return code >= 0 ? weather_category_name(weather_category(code)) : "";
}

/* "45s", "12m", "3h 05m", "2d 04h", "940d": at most 7 columns below
 * 27 years, as wide as the age columns. */
static void cell_age(char *dst, long long s)
{
    if (s < 60)
        snprintf(dst, CELL, "%llds", s < 0 ? 0 : s);
    else if (s < 3600)
        snprintf(dst, CELL, "%lldm", s / 60);
    else if (s < 86400)
        snprintf(dst, CELL, "%lldh %02lldm", s / 3600, s % 3600 / 60);
    else if (s < 100 * 86400LL)
        snprintf(dst, CELL, "%lldd %02lldh", s / 86400, s % 86400 / 3600);
    else
        snprintf(dst, CELL, "%lldd", s / 86400);
}

/* ---- JSON pieces ---- */

static json_t *j_station(const wx_station *st)
{
    json_t *o = json_object();
    if (!o || jx_set(o, "id", json_integer(st->id)) || jx_set(o, "name", jx_str(st->name)) ||
        jx_set(o, "name_en", jx_str(st->name_en)))
        return json_decref(o), NULL;
    return o;
}

/* "condition", "code" and "category" of CODE into O. */
static int j_weather(json_t *o, int code)
{
    const char *w = word_of(code);
    return jx_set(o, "condition", *w ? jx_str(w) : json_null()) ||
           jx_set(o, "code", jx_int(code, code >= 0)) ||
           jx_set(o, "category", code >= 0 ? jx_str(category_of(code)) : json_null());
}

/* {"temp", "time", "epoch"} of an extreme. */
static json_t *j_extreme(double v, time_t t)
{
    json_t *o = json_object();
    if (!o || jx_set(o, "temp", jx_real(v, TEMP_DECIMALS)) ||
        jx_set(o, "time", jx_time(isnan(v) ? 0 : t)) ||
        jx_set(o, "epoch", jx_int(t, !isnan(v) && t)))
        return json_decref(o), NULL;
    return o;
}

static json_t *j_latest(const store_last *l, time_t now)
{
    json_t *o = json_object();
    if (!o || jx_set(o, "time", jx_time(l->time)) || jx_set(o, "epoch", json_integer(l->time)) ||
        jx_set(o, "temp", jx_real(l->temp, TEMP_DECIMALS)) || j_weather(o, l->code) ||
        jx_set(o, "age_seconds", json_integer(now - l->time)))
        return json_decref(o), NULL;
    return o;
}

static const char *boundary_of(const query_row *r)
{
    return r->daily ? "09:00" : "00:00";
}

static json_t *j_row(const report_station *s, const query_row *r)
{
    json_t *o = json_object();
    if (!o || jx_set(o, "start", jx_time(r->start)) || jx_set(o, "epoch", json_integer(r->start)) ||
        jx_set(o, "mean", jx_real(r->mean, MEAN_DECIMALS)) ||
        jx_set(o, "min", jx_real(r->min, TEMP_DECIMALS)) ||
        jx_set(o, "max", jx_real(r->max, TEMP_DECIMALS)) ||
        jx_set(o, "n", jx_int((long long)r->n, !r->daily)) || j_weather(o, r->code) ||
        (s->step == QUERY_1D && jx_set(o, "day_boundary", jx_str(boundary_of(r)))))
        return json_decref(o), NULL;
    return o;
}

static json_t *j_coverage(const query_summary *m)
{
    json_t *o = json_object();
    double ratio = m->expected ? (double)m->present / (double)m->expected : NAN;
    if (!o || jx_set(o, "unit", json_string("hour")) ||
        jx_set(o, "expected", json_integer((json_int_t)m->expected)) ||
        jx_set(o, "present", json_integer((json_int_t)m->present)) ||
        jx_set(o, "ratio", jx_real(ratio, 4)))
        return json_decref(o), NULL;
    return o;
}

static json_t *j_summary(const query_summary *m)
{
    json_t *o = json_object();
    if (!o || jx_set(o, "min", j_extreme(m->min, m->tmin)) ||
        jx_set(o, "max", j_extreme(m->max, m->tmax)) ||
        jx_set(o, "mean", jx_real(m->mean, MEAN_DECIMALS)) ||
        jx_set(o, "observations", json_integer((json_int_t)m->n)) ||
        jx_set(o, "coverage", j_coverage(m)) || j_weather(o, m->code))
        return json_decref(o), NULL;
    return o;
}

/* "00:00", "09:00" or "mixed": where the days of a 1d range begin. */
static json_t *j_boundary(const report_station *s)
{
    if (s->step != QUERY_1D)
        return json_null();
    size_t daily = 0;
    for (size_t i = 0; i < s->rows.n; i++)
        daily += s->rows.v[i].daily;
    return json_string(!daily ? "00:00" : daily == s->rows.n ? "09:00" : "mixed");
}

static int j_range(json_t *o, const report_station *s)
{
    json_t *range = json_object(), *rows = json_array();
    int rc = !range || !rows || jx_set(range, "from", jx_time(s->from)) ||
             jx_set(range, "from_epoch", json_integer(s->from)) ||
             jx_set(range, "to", jx_time(s->to)) || jx_set(range, "to_epoch", json_integer(s->to));
    for (size_t i = 0; !rc && i < s->rows.n; i++)
        rc = jx_push(rows, j_row(s, &s->rows.v[i]));
    if (rc)
        return json_decref(range), json_decref(rows), -1;
    return jx_set(o, "range", range) || jx_set(o, "step", json_string(query_step_name(s->step))) ||
           jx_set(o, "step_seconds", json_integer(query_step_seconds(s->step))) ||
           jx_set(o, "resolution_seconds", jx_int((long long)s->res, s->res > 0)) ||
           jx_set(o, "day_boundary", j_boundary(s)) || jx_set(o, "rows", rows) ||
           jx_set(o, "summary", j_summary(&s->sum));
}

static int j_today(json_t *o, const report_station *s)
{
    json_t *t = json_object();
    char date[16];
    int y, m, d;
    when_date(s->from, &y, &m, &d);
    snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
    if (!t || jx_set(t, "date", json_string(date)) ||
        jx_set(t, "min", j_extreme(s->sum.min, s->sum.tmin)) ||
        jx_set(t, "max", j_extreme(s->sum.max, s->sum.tmax)) ||
        jx_set(t, "observations", json_integer((json_int_t)s->sum.n)))
        return json_decref(t), -1;
    return jx_set(o, "today", t);
}

static json_t *j_query_station(const report_station *s, time_t now, int with_schema)
{
    json_t *o = json_object();
    int rc = !o || (with_schema && jx_set(o, "schema", json_string(QUERY_SCHEMA))) ||
             jx_set(o, "station", j_station(s->st)) ||
             jx_set(o, "latest", j_latest(&s->last, now)) ||
             (s->range ? j_range(o, s) : j_today(o, s));
    return rc ? json_decref(o), NULL : o;
}

/* One document ({"schema", "generated", KEY: [...]}) or one line per item.
 * ITEMS stay the caller's (references are taken, not stolen). */
static int j_write(buf_t *b, json_t *const *items, size_t n, const char *schema, const char *key,
                   time_t now, int lines)
{
    int rc = 0;
    if (lines) {
        for (size_t i = 0; i < n && !rc; i++)
            rc = jx_dump(b, items[i]);
        return rc;
    }
    json_t *doc = json_object(), *arr = json_array();
    rc = !doc || !arr;
    for (size_t i = 0; i < n && !rc; i++)
        rc = json_array_append(arr, items[i]) != 0;
    rc = rc || jx_set(doc, "schema", json_string(schema)) ||
         jx_set(doc, "generated", jx_time(now)) || json_object_set(doc, key, arr) != 0 ||
         jx_dump(b, doc);
    json_decref(arr);
    json_decref(doc);
    return rc ? -1 : 0;
}

/* Writes the N items MAKE builds (NULL: memory) and frees them. */
static int j_items(buf_t *b, size_t n, json_t *(*make)(const void *ctx, size_t i, int lines),
                   const void *ctx, const char *schema, time_t now, int lines)
{
    json_t **items = calloc(n ? n : 1, sizeof *items);
    size_t k = 0;
    while (items && k < n && (items[k] = make(ctx, k, lines)))
        k++;
    int rc = items && k == n ? j_write(b, items, n, schema, "stations", now, lines) : -1;
    for (size_t i = 0; items && i < k; i++)
        json_decref(items[i]);
    free(items);
    return rc;
}

static json_t *make_query_item(const void *ctx, size_t i, int lines)
{
    const report_query *q = ctx;
    return j_query_station(&q->v[i], q->now, lines);
}

static int j_query(buf_t *b, const report_query *q)
{
    return j_items(b, q->n, make_query_item, q, QUERY_SCHEMA, q->now, q->fmt == FMT_JSONL);
}

/* ---- the text forms of a query ---- */

static const table_col latest_cols[] = {
    {"station", "station", 7, 1},
    {"name", "", 12, 0},
    {"time", "time", 16, 0},
    {"epoch", "", -1, 0},
    {"temp", "temp", 5, 1},
    {"condition", "weather", REPORT_WORD_COLUMNS, 0},
    {"code", "", -1, 0},
    {"category", "", -1, 0},
    {"age_seconds", "age", 7, 1},
    {"today_min", "low", 5, 1},
    {"today_min_time", "at", 5, 0},
    {"today_max", "high", 5, 1},
    {"today_max_time", "at", 0, 0},
};
#define LATEST_N (sizeof latest_cols / sizeof latest_cols[0])

/* hh:mm of T, or "" */
static void cell_clock(char *dst, time_t t, int known)
{
    char full[CELL];
    cell_time(full, known ? t : 0, 0);
    snprintf(dst, CELL, "%s", *full ? full + 11 : "");
}

static int latest_line(buf_t *b, table_kind k, const report_station *s, time_t now)
{
    char c[LATEST_N][CELL];
    const char *cells[LATEST_N];
    const query_summary *m = &s->sum;
    snprintf(c[0], CELL, "%d", s->st->id);
    snprintf(c[1], CELL, "%s", s->st->name);
    cell_time(c[2], s->last.time, k != TABLE_TEXT);
    cell_long(c[3], s->last.time, 1);
    cell_num(c[4], s->last.temp, TEMP_DECIMALS);
    snprintf(c[5], CELL, "%s", word_of(s->last.code));
    cell_long(c[6], s->last.code, s->last.code >= 0);
    snprintf(c[7], CELL, "%s", category_of(s->last.code));
    if (k == TABLE_TEXT)
        cell_age(c[8], now - s->last.time);
    else
        cell_long(c[8], now - s->last.time, 1);
    cell_num(c[9], m->min, TEMP_DECIMALS);
    cell_num(c[11], m->max, TEMP_DECIMALS);
    if (k == TABLE_TEXT)
        cell_clock(c[10], m->tmin, !isnan(m->min)), cell_clock(c[12], m->tmax, !isnan(m->max));
    else
        cell_time(c[10], isnan(m->min) ? 0 : m->tmin, 1),
            cell_time(c[12], isnan(m->max) ? 0 : m->tmax, 1);
    for (size_t i = 0; i < LATEST_N; i++)
        cells[i] = c[i];
    return table_row(b, k, latest_cols, LATEST_N, cells);
}

static const table_col range_cols[] = {
    {"station", "", -1, 0},
    {"name", "", -1, 0},
    {"start", "start", 16, 0},
    {"epoch", "", -1, 0},
    {"mean", "mean", 6, 1},
    {"min", "min", 5, 1},
    {"max", "max", 5, 1},
    {"n", "n", 3, 1},
    {"condition", "weather", REPORT_WORD_COLUMNS, 0},
    {"code", "", -1, 0},
    {"category", "", -1, 0},
    {"day_boundary", "day", 0, 0},
};
#define RANGE_N (sizeof range_cols / sizeof range_cols[0])

/* The columns of a range: day_boundary only for days. */
static size_t range_ncols(const report_station *s)
{
    return s->step == QUERY_1D ? RANGE_N : RANGE_N - 1;
}

static int range_line(buf_t *b, table_kind k, const report_station *s, const query_row *r,
                      const char *id)
{
    char start[CELL], epoch[CELL], mean[CELL], lo[CELL], hi[CELL], n[CELL], code[CELL];
    cell_time(start, r->start, k != TABLE_TEXT);
    cell_long(epoch, r->start, 1);
    cell_num(mean, r->mean, k == TABLE_TEXT ? 1 : MEAN_DECIMALS);
    cell_num(lo, r->min, TEMP_DECIMALS);
    cell_num(hi, r->max, TEMP_DECIMALS);
    cell_long(n, (long long)r->n, !r->daily);
    cell_long(code, r->code, r->code >= 0);
    const char *cells[RANGE_N] = {
        id,   s->st->name,          start,         epoch, mean, lo, hi, n, word_of(r->code),
        code, category_of(r->code), boundary_of(r)};
    return table_row(b, k, range_cols, range_ncols(s), cells);
}

/* The lines a person reads above and below a station's rows. */
static int range_title(buf_t *b, const report_station *s)
{
    char a[CELL], z[CELL];
    struct tm tm;
    localtime_r(&s->to, &tm);
    cell_time(a, s->from, 0), cell_time(z, s->to, 0);
    return buf_printf(b, "%d %s (%s) · %s – %s %s · %s rows\n", s->st->id, s->st->name,
                      s->st->name_en, a, z, tm.tm_zone, query_step_name(s->step));
}

static int range_footer(buf_t *b, const report_station *s)
{
    const query_summary *m = &s->sum;
    char lo[CELL], hi[CELL], mean[CELL], tlo[CELL], thi[CELL], when[CELL];
    cell_num(lo, m->min, TEMP_DECIMALS), cell_num(hi, m->max, TEMP_DECIMALS);
    cell_num(mean, m->mean, 1);
    cell_time(tlo, m->tmin, 0), cell_time(thi, m->tmax, 0);
    int rc =
        buf_printf(b, "lowest %s℃%s%s%s · highest %s℃%s%s%s · mean %s℃\n", lo, *tlo ? " (" : "",
                   tlo, *tlo ? ")" : "", hi, *thi ? " (" : "", thi, *thi ? ")" : "", mean);
    double pct = m->expected ? 100.0 * (double)m->present / (double)m->expected : 0;
    rc = rc ||
         buf_printf(b, "%zu of %zu hours with readings (%.0f%%)", m->present, m->expected, pct);
    if (m->code >= 0 && *word_of(m->code))
        rc = rc || buf_printf(b, " · mostly %s", word_of(m->code));
    rc = rc || buf_putc(b, '\n');
    if (s->daily_until) {
        cell_time(when, s->daily_until, 0);
        rc =
            rc || buf_printf(b, "days before %s are the file's daily rows, 09:00 to 09:00\n", when);
    }
    return rc ? -1 : 0;
}

static int text_query(buf_t *b, const report_query *q)
{
    table_kind k = q->fmt == FMT_CSV ? TABLE_CSV : q->fmt == FMT_TSV ? TABLE_TSV : TABLE_TEXT;
    int rc = 0;
    if (!q->v[0].range) {
        rc = table_header(b, k, latest_cols, LATEST_N);
        for (size_t i = 0; i < q->n && !rc; i++)
            rc = latest_line(b, k, &q->v[i], q->now);
        return rc;
    }
    for (size_t i = 0; i < q->n && !rc; i++) {
        const report_station *s = &q->v[i];
        if (k == TABLE_TEXT)
            rc = (i && buf_putc(b, '\n')) || range_title(b, s);
        if (k == TABLE_TEXT || i == 0)
            rc = rc || table_header(b, k, range_cols, range_ncols(s));
        char id[CELL];
        cell_long(id, s->st->id, 1);
        for (size_t r = 0; r < s->rows.n && !rc; r++)
            rc = range_line(b, k, s, &s->rows.v[r], id);
        if (k == TABLE_TEXT)
            rc = rc || range_footer(b, s);
    }
    return rc;
}

int report_query_write(buf_t *b, const report_query *q)
{
    if (q->fmt == FMT_JSON || q->fmt == FMT_JSONL)
        return j_query(b, q);
    return text_query(b, q);
}

/* ---- stations ---- */

static json_t *j_aliases(const wx_station *st)
{
    json_t *a = json_array();
    char copy[sizeof st->aliases], *save = NULL;
    snprintf(copy, sizeof copy, "%s", st->aliases);
    for (char *p = strtok_r(copy, ",", &save); a && p; p = strtok_r(NULL, ",", &save))
        if (jx_push(a, jx_str(p)) < 0)
            return json_decref(a), NULL;
    return a;
}

static json_t *j_listed(const report_listed *l, time_t now, int with_schema)
{
    const wx_station *st = l->st;
    const store_last *last = &l->last;
    int has = l->has_data;
    json_t *o = json_object();
    int rc = !o || (with_schema && jx_set(o, "schema", json_string(STATIONS_SCHEMA))) ||
             jx_set(o, "id", json_integer(st->id)) || jx_set(o, "name", jx_str(st->name)) ||
             jx_set(o, "name_en", jx_str(st->name_en)) ||
             jx_set(o, "province", jx_str(st->province)) || jx_set(o, "lat", jx_real(st->lat, 6)) ||
             jx_set(o, "lon", jx_real(st->lon, 6)) ||
             jx_set(o, "elevation", jx_real(st->elevation, 2)) ||
             jx_set(o, "aliases", j_aliases(st)) || jx_set(o, "first", jx_time(l->first)) ||
             jx_set(o, "first_epoch", jx_int(l->first, l->first != 0)) ||
             jx_set(o, "last", jx_time(has ? last->time : 0)) ||
             jx_set(o, "last_epoch", jx_int(last->time, has)) ||
             jx_set(o, "age_seconds", jx_int(now - last->time, has)) ||
             jx_set(o, "temp", jx_real(has ? last->temp : NAN, TEMP_DECIMALS)) ||
             j_weather(o, has ? last->code : -1);
    return rc ? json_decref(o), NULL : o;
}

typedef struct {
    const report_listed *v;
    time_t now;
} listed_set;

static json_t *make_listed_item(const void *ctx, size_t i, int lines)
{
    const listed_set *set = ctx;
    return j_listed(&set->v[i], set->now, lines);
}

static const table_col station_cols[] = {
    {"id", "id", 5, 1},
    {"name", "name", 8, 0},
    {"name_en", "romanized", 14, 0},
    {"province", "province", 16, 0},
    {"lat", "", -1, 0},
    {"lon", "", -1, 0},
    {"elevation", "", -1, 0},
    {"aliases", "", -1, 0},
    {"first", "first", 16, 0},
    {"first_epoch", "", -1, 0},
    {"last", "last", 16, 0},
    {"last_epoch", "", -1, 0},
    {"age_seconds", "age", 7, 1},
    {"temp", "temp", 5, 1},
    {"condition", "weather", 0, 0},
    {"code", "", -1, 0},
    {"category", "", -1, 0},
};
#define STATION_N (sizeof station_cols / sizeof station_cols[0])

static int listed_line(buf_t *b, table_kind k, const report_listed *l, time_t now)
{
    char c[STATION_N][CELL];
    const char *cells[STATION_N];
    const wx_station *st = l->st;
    int has = l->has_data, text = k == TABLE_TEXT, code = has ? l->last.code : -1;
    snprintf(c[0], CELL, "%d", st->id);
    snprintf(c[1], CELL, "%s", st->name);
    snprintf(c[2], CELL, "%s", st->name_en);
    snprintf(c[3], CELL, "%s", st->province);
    cell_num(c[4], st->lat, 6), cell_num(c[5], st->lon, 6), cell_num(c[6], st->elevation, 2);
    cells[7] = st->aliases;
    cell_time(c[8], l->first, !text);
    cell_long(c[9], l->first, l->first != 0);
    cell_time(c[10], has ? l->last.time : 0, !text);
    cell_long(c[11], l->last.time, has);
    if (text && has)
        cell_age(c[12], now - l->last.time);
    else
        cell_long(c[12], now - l->last.time, has);
    cell_num(c[13], has ? l->last.temp : NAN, TEMP_DECIMALS);
    snprintf(c[14], CELL, "%s", word_of(code));
    cell_long(c[15], code, code >= 0);
    snprintf(c[16], CELL, "%s", category_of(code));
    for (size_t i = 0; i < STATION_N; i++)
        if (i != 7)
            cells[i] = c[i];
    return table_row(b, k, station_cols, STATION_N, cells);
}

int report_stations_write(buf_t *b, const report_listed *v, size_t n, time_t now, report_format fmt)
{
    if (fmt == FMT_JSON || fmt == FMT_JSONL) {
        listed_set set = {v, now};
        return j_items(b, n, make_listed_item, &set, STATIONS_SCHEMA, now, fmt == FMT_JSONL);
    }
    table_kind k = fmt == FMT_CSV ? TABLE_CSV : fmt == FMT_TSV ? TABLE_TSV : TABLE_TEXT;
    int rc = table_header(b, k, station_cols, STATION_N);
    for (size_t i = 0; i < n && !rc; i++)
        rc = listed_line(b, k, &v[i], now);
    return rc;
}
