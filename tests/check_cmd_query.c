/* check_cmd_query: query and stations end to end: feeds ingested, read back, checked. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tests.h"

#define HOUR 3600
#define DAY 86400
#define HOURLY_ROWS 1512 /* a file's hourly rows: 63 days */
#define MEAN_TOL 0.005
#define DAILY_MEAN_TOL 0.0051 /* a daily row's AVERAGE, written with two decimals */
#define TEMP_TOL 1e-6

static const struct {
    int code;
    const char *word, *category;
} words[] = {
    {101, "맑음", "clear"},
    {203, "흐림", "cloud"},
    {502, "비", "rain"},
    {601, "눈", "snow"},
};
#define NWORDS (sizeof words / sizeof words[0])

/* One reading given to ingest. */
typedef struct {
    int station;
    time_t t;
    int temp10; /* tenths of a degree */
    int code;   /* -1: no weather (desc "-") */
} reading;

typedef struct {
    char dir[4096];
    char data[4200], feeds[4200], conf[4200], addr[4300];
    wx_registry *reg;
    reading *r; /* every reading ingested, in time order */
    size_t n, cap, fed;
    int nfeeds;
    int daemon;    /* rrdcached's PID, 0 when none runs */
    char ctx[160]; /* what is being checked, for the messages */
} env;

static env E;

/* The suite's own temporary directory, holding each test's: removed after
 * the last test even when one failed (a failed test skips its teardown). */
static char suite_dir[4000];

static void suite_setup(void)
{
    test_tmpdir(suite_dir, sizeof suite_dir);
}

static void suite_teardown(void)
{
    test_rmtree(suite_dir);
}

static void setup(void)
{
    E = (env){.n = 0};
    snprintf(E.dir, sizeof E.dir, "%s/test-XXXXXX", suite_dir);
    ck_assert_ptr_nonnull(mkdtemp(E.dir));
    snprintf(E.data, sizeof E.data, "%s/data", E.dir);
    snprintf(E.feeds, sizeof E.feeds, "%s/feeds", E.dir);
    snprintf(E.conf, sizeof E.conf, "%s/wx.conf", E.dir);
    snprintf(E.addr, sizeof E.addr, "unix:%s/sock", E.dir);
    ck_assert_int_eq(mkdir(E.data, 0755), 0);
    ck_assert_int_eq(mkdir(E.feeds, 0755), 0);
    char reg[4096], text[16384];
    test_path(reg, sizeof reg, "stations/stations.tsv");
    snprintf(text, sizeof text, "data_dir = %s\ngraph_dir = %s/graphs\nstations_file = %s\n",
             E.data, E.dir, reg);
    test_write(E.conf, text, strlen(text));
    E.reg = test_registry();
}

static void teardown(void)
{
    test_stop(E.daemon);
    test_rmtree(E.dir);
    stations_free(E.reg);
    free(E.r);
}

/* ---- times, words, readings ---- */

static time_t kst(int y, int mo, int d, int h)
{
    struct tm tm = {
        .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_isdst = -1};
    return mktime(&tm);
}

static time_t midnight(time_t t)
{
    struct tm tm;
    localtime_r(&t, &tm);
    return kst(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, 0);
}

/* T as FMT in KST, in one of a few static buffers. */
static const char *fmt_time(time_t t, const char *fmt)
{
    static char b[8][40];
    static int next;
    char *s = b[next++ % 8];
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(s, 40, fmt, &tm);
    return s;
}

static const char *iso(time_t t)
{
    return fmt_time(t, "%Y-%m-%dT%H:%M:%S+09:00");
}

static int word_index(int code)
{
    for (size_t i = 0; i < NWORDS; i++)
        if (words[i].code == code)
            return (int)i;
    return -1;
}

static const char *word_of(int code)
{
    int i = word_index(code);
    return i < 0 ? NULL : words[i].word;
}

static double temp_of(int temp10)
{
    return temp10 / 10.0;
}

static void add(int station, time_t t, int temp10, int code)
{
    ck_assert(E.n == 0 || t >= E.r[E.n - 1].t);
    if (E.n == E.cap) {
        E.cap = E.cap ? 2 * E.cap : 256;
        E.r = realloc(E.r, E.cap * sizeof *E.r);
        ck_assert_ptr_nonnull(E.r);
    }
    E.r[E.n++] = (reading){station, t, temp10, code};
}

/* The feed of R[0..N) (one observation hour); its path, malloc'd. */
static char *write_feed(const reading *r, size_t n)
{
    struct tm tm;
    localtime_r(&r->t, &tm);
    buf_t b = {0};
    buf_printf(&b,
               "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<current xmlns=\"current\">\n"
               "<weather year=\"%04d\" month=\"%02d\" day=\"%02d\" hour=\"%02d\">\n",
               tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour);
    for (size_t i = 0; i < n; i++) {
        const wx_station *st = stations_by_id(E.reg, r[i].station);
        const char *w = word_of(r[i].code);
        int a = abs(r[i].temp10);
        ck_assert_ptr_nonnull(st);
        buf_printf(&b, "<local stn_id=\"%d\" icon=\"04\" desc=\"%s\" ta=\"%s%d.%d\">%s</local>\n",
                   st->id, w ? w : "-", r[i].temp10 < 0 ? "-" : "", a / 10, a % 10, st->name);
    }
    buf_puts(&b, "</weather>\n</current>\n");
    char path[4400];
    snprintf(path, sizeof path, "%s/%05d.xml", E.feeds, E.nfeeds++);
    test_write(path, b.data, b.len);
    buf_free(&b);
    char *p = strdup(path);
    ck_assert_ptr_nonnull(p);
    return p;
}

/* Runs wxstrip -c E.conf ARGS (through rrdcached at ADDR unless NULL). */
static int wx_at(const char *addr, const char *const *args, buf_t *out, buf_t *err)
{
    size_t n = 0;
    while (args[n])
        n++;
    char **argv = calloc(n + 4, sizeof *argv);
    ck_assert_ptr_nonnull(argv);
    argv[0] = (char *)test_wxstrip(), argv[1] = "-c", argv[2] = E.conf;
    for (size_t i = 0; i < n; i++)
        argv[3 + i] = (char *)args[i];
    char var[4400];
    snprintf(var, sizeof var, "RRDCACHED_ADDRESS=%s", addr ? addr : "");
    char *envv[] = {addr ? var : NULL, NULL};
    if (out)
        buf_reset(out);
    if (err)
        buf_reset(err);
    int rc = test_run(argv, envv, NULL, out, err);
    free(argv);
    return rc;
}

static int wx(const char *const *args, buf_t *out, buf_t *err)
{
    return wx_at(NULL, args, out, err);
}

/* Ingests, in one call, the readings added since the last one: a feed
 * file per observation hour. */
static void ingest(const char *addr)
{
    const char **args = calloc(E.n - E.fed + 2, sizeof *args);
    size_t np = 0;
    ck_assert_ptr_nonnull(args);
    args[np++] = "ingest";
    for (size_t i = E.fed; i < E.n;) {
        size_t k = i;
        while (k < E.n && E.r[k].t == E.r[i].t)
            k++;
        args[np++] = write_feed(E.r + i, k - i);
        i = k;
    }
    args[np] = NULL;
    size_t readings = E.n - E.fed;
    E.fed = E.n;
    buf_t err = {0};
    int rc = wx_at(addr, args, NULL, &err);
    ck_assert_msg(rc == 0, "ingest: exit %d\n%s", rc, err.data);
    char want[128];
    snprintf(want, sizeof want, "readings %zu: %zu stored", readings, readings);
    ck_assert_msg(strstr(err.data, want), "ingest: no '%s' in:\n%s", want, err.data);
    for (size_t i = 1; i < np; i++)
        free((char *)args[i]);
    free(args);
    buf_free(&err);
}

/* The last reading of STATION added. */
static const reading *last_of(int station)
{
    for (size_t i = E.n; i-- > 0;)
        if (E.r[i].station == station)
            return &E.r[i];
    ck_abort_msg("no reading of %d", station);
    return NULL;
}

static const reading *first_of(int station)
{
    for (size_t i = 0; i < E.n; i++)
        if (E.r[i].station == station)
            return &E.r[i];
    ck_abort_msg("no reading of %d", station);
    return NULL;
}

/* Whether the file keeps reading I: every one. librrd leaves the interval
 * before a reading unknown when it is longer than the heartbeat, the
 * reading with it; wxstrip then gives the reading the hour before it (as a
 * station's first reading, which creates the file an hour back), so the
 * reading that ends a gap is kept too. */
static int kept(size_t i)
{
    (void)i;
    return 1;
}

/* What a set of observations makes, computed from the readings. */
typedef struct {
    size_t n;
    double min, max, mean; /* NAN when n == 0 */
    time_t tmin, tmax;
    int min_tie, max_tie; /* another reading has the same extreme */
    int code;             /* the weather seen most; -1 none; -2 a tie */
} expect;

/* STATION's kept readings observed in [FROM, TO), or with AFTER in
 * (FROM, TO] (a daily row holds the readings of the hours it ends). */
static expect over(int station, time_t from, time_t to, int after)
{
    expect x = {0, NAN, NAN, NAN, 0, 0, 0, 0, -1};
    int count[NWORDS] = {0};
    double sum = 0;
    for (size_t i = 0; i < E.n; i++) {
        const reading *r = &E.r[i];
        int in = after ? r->t > from && r->t <= to : r->t >= from && r->t < to;
        if (r->station != station || !in || !kept(i))
            continue;
        double t = temp_of(r->temp10);
        if (x.n && t == x.min)
            x.min_tie = 1;
        if (x.n && t == x.max)
            x.max_tie = 1;
        if (!x.n || t < x.min)
            x.min = t, x.tmin = r->t, x.min_tie = 0;
        if (!x.n || t > x.max)
            x.max = t, x.tmax = r->t, x.max_tie = 0;
        sum += t;
        x.n++;
        if (word_index(r->code) >= 0)
            count[word_index(r->code)]++;
    }
    if (x.n)
        x.mean = sum / (double)x.n;
    int best = -1, tie = 0;
    for (size_t w = 0; w < NWORDS; w++) {
        if (!count[w])
            continue;
        if (best < 0 || count[w] > count[best])
            best = (int)w, tie = 0;
        else if (count[w] == count[best])
            tie = 1;
    }
    x.code = best < 0 ? -1 : tie ? -2 : words[best].code;
    return x;
}

/* ---- JSON ---- */

#define EQ_INT(got, want, what)                                                                    \
    ck_assert_msg((long long)(got) == (long long)(want), "%s: %s: got %lld, want %lld", E.ctx,     \
                  what, (long long)(got), (long long)(want))
#define EQ_STR(got, want, what)                                                                    \
    ck_assert_msg(strcmp((got), (want)) == 0, "%s: %s: got '%s', want '%s'", E.ctx, what, got, want)

static void near(double got, double want, double tol, const char *what)
{
    ck_assert_msg(fabs(got - want) <= tol, "%s: %s: got %.6f, want %.6f", E.ctx, what, got, want);
}

static json_t *parse(const char *text)
{
    json_error_t e;
    json_t *j = json_loads(text, 0, &e);
    ck_assert_msg(j != NULL, "not JSON (%s, line %d): %.400s", e.text, e.line, text);
    return j;
}

/* The value at PATH ("a/b/0/c": keys and array indexes) in O. */
static json_t *at(json_t *o, const char *path)
{
    char copy[256], *save = NULL;
    snprintf(copy, sizeof copy, "%s", path);
    json_t *v = o;
    for (char *p = strtok_r(copy, "/", &save); p; p = strtok_r(NULL, "/", &save)) {
        v = json_is_array(v) ? json_array_get(v, strtoul(p, NULL, 10)) : json_object_get(v, p);
        ck_assert_msg(v != NULL, "%s: no '%s' in the JSON", E.ctx, path);
    }
    return v;
}

static double jnum(json_t *o, const char *path)
{
    json_t *v = at(o, path);
    ck_assert_msg(json_is_number(v), "%s: %s is not a number", E.ctx, path);
    return json_number_value(v);
}

static long long jint(json_t *o, const char *path)
{
    json_t *v = at(o, path);
    ck_assert_msg(json_is_integer(v), "%s: %s is not an integer", E.ctx, path);
    return json_integer_value(v);
}

static const char *jstr(json_t *o, const char *path)
{
    json_t *v = at(o, path);
    ck_assert_msg(json_is_string(v), "%s: %s is not a string", E.ctx, path);
    return json_string_value(v);
}

static void jnull(json_t *o, const char *path)
{
    ck_assert_msg(json_is_null(at(o, path)), "%s: %s is not null", E.ctx, path);
}

static size_t jsize(json_t *o, const char *path)
{
    json_t *v = at(o, path);
    ck_assert_msg(json_is_array(v), "%s: %s is not an array", E.ctx, path);
    return json_array_size(v);
}

/* "condition", "code" and "category" of O for CODE (-2: a tie, either). */
static void check_weather(json_t *o, int code)
{
    if (code == -2)
        return;
    if (code < 0) {
        jnull(o, "condition"), jnull(o, "code"), jnull(o, "category");
        return;
    }
    EQ_INT(jint(o, "code"), code, "code");
    EQ_STR(jstr(o, "condition"), word_of(code), "condition");
    EQ_STR(jstr(o, "category"), words[word_index(code)].category, "category");
}

/* A row of buckets: its start and what the readings in it make. */
static void check_row(json_t *row, time_t start, const expect *x)
{
    EQ_INT(jint(row, "epoch"), start, "epoch");
    EQ_STR(jstr(row, "start"), iso(start), "start");
    EQ_INT(jint(row, "n"), x->n, "n");
    if (!x->n) {
        jnull(row, "mean"), jnull(row, "min"), jnull(row, "max");
        check_weather(row, -1);
        return;
    }
    near(jnum(row, "mean"), x->mean, MEAN_TOL, "mean");
    near(jnum(row, "min"), x->min, TEMP_TOL, "min");
    near(jnum(row, "max"), x->max, TEMP_TOL, "max");
    check_weather(row, x->code);
}

static void check_extreme(json_t *e, double v, time_t t, int tie)
{
    near(jnum(e, "temp"), v, TEMP_TOL, "extreme");
    if (tie)
        return;
    EQ_INT(jint(e, "epoch"), t, "extreme's epoch");
    EQ_STR(jstr(e, "time"), iso(t), "extreme's time");
}

/* A range's summary: X over HOURS hours, all in the past. */
static void check_summary(json_t *s, const expect *x, size_t hours)
{
    check_extreme(at(s, "min"), x->min, x->tmin, x->min_tie);
    check_extreme(at(s, "max"), x->max, x->tmax, x->max_tie);
    near(jnum(s, "mean"), x->mean, MEAN_TOL, "summary mean");
    EQ_INT(jint(s, "observations"), x->n, "observations");
    EQ_STR(jstr(s, "coverage/unit"), "hour", "coverage unit");
    EQ_INT(jint(s, "coverage/expected"), hours, "coverage expected");
    EQ_INT(jint(s, "coverage/present"), x->n, "coverage present"); /* one reading an hour */
    near(jnum(s, "coverage/ratio"), (double)x->n / (double)hours, 0.0001, "coverage ratio");
    check_weather(s, x->code);
}

/* "station" and "latest" of a station's object. */
static void check_head(json_t *st, int id)
{
    const wx_station *reg = stations_by_id(E.reg, id);
    const reading *last = last_of(id);
    EQ_INT(jint(st, "station/id"), id, "station id");
    EQ_STR(jstr(st, "station/name"), reg->name, "station name");
    EQ_STR(jstr(st, "station/name_en"), reg->name_en, "station name_en");
    EQ_INT(jint(st, "latest/epoch"), last->t, "latest epoch");
    EQ_STR(jstr(st, "latest/time"), iso(last->t), "latest time");
    near(jnum(st, "latest/temp"), temp_of(last->temp10), TEMP_TOL, "latest temp");
    check_weather(at(st, "latest"), last->code);
    ck_assert_int_ge(jint(st, "latest/age_seconds"), time(NULL) - last->t - 60);
}

/* A station's rows of STEP seconds over [FROM, FROM + N*STEP) of KST days
 * or shorter buckets, and its summary. */
static void check_buckets(json_t *st, int id, time_t from, size_t n, long step, const char *name)
{
    snprintf(E.ctx, sizeof E.ctx, "%d %s from %s", id, name, iso(from));
    check_head(st, id);
    EQ_INT(jint(st, "range/from_epoch"), from, "range from");
    EQ_STR(jstr(st, "range/from"), iso(from), "range from");
    EQ_INT(jint(st, "range/to_epoch"), from + (time_t)n * step, "range to");
    EQ_STR(jstr(st, "range/to"), iso(from + (time_t)n * step), "range to");
    EQ_STR(jstr(st, "step"), name, "step");
    EQ_INT(jint(st, "step_seconds"), step, "step_seconds");
    EQ_INT(jsize(st, "rows"), n, "rows");
    if (step == DAY)
        EQ_STR(jstr(st, "day_boundary"), "00:00", "day_boundary");
    else
        jnull(st, "day_boundary");
    for (size_t i = 0; i < n; i++) {
        time_t b = from + (time_t)i * step;
        expect x = over(id, b, b + step, 0);
        json_t *row = json_array_get(at(st, "rows"), i);
        snprintf(E.ctx, sizeof E.ctx, "%d %s row %s", id, name, iso(b));
        check_row(row, b, &x);
        if (step == DAY)
            EQ_STR(jstr(row, "day_boundary"), "00:00", "row day_boundary");
        else
            ck_assert_ptr_null(json_object_get(row, "day_boundary"));
    }
    snprintf(E.ctx, sizeof E.ctx, "%d %s summary", id, name);
    expect all = over(id, from, from + (time_t)n * step, 0);
    check_summary(at(st, "summary"), &all, (size_t)n * (size_t)step / HOUR);
}

/* Runs ARGS, expects exit status RC, and parses standard output. */
static json_t *query_json(const char *const *args, int rc, buf_t *err)
{
    buf_t out = {0}, e = {0};
    int got = wx(args, &out, err ? err : &e);
    ck_assert_msg(got == rc, "exit %d, want %d:\n%s", got, rc, (err ? err : &e)->data);
    json_t *j = parse(out.data);
    buf_free(&out), buf_free(&e);
    return j;
}

/* ---- CSV and TSV ---- */

typedef struct {
    char **f;
    size_t n;
} record;

typedef struct {
    record *v;
    size_t n;
} records;

/* Splits CSV (RFC 4180: quoted fields, CRLF line ends) or TSV (\t \n \r \\
 * escapes, LF line ends) into records. */
static records split(const char *s, int csv)
{
    records t = {0};
    char sep = csv ? ',' : '\t';
    while (*s) {
        record r = {0};
        for (;;) {
            buf_t f = {0};
            buf_append(&f, "", 0);
            if (csv && *s == '"') {
                for (s++;; s++) {
                    ck_assert_msg(*s != '\0', "an unterminated quoted field");
                    if (*s == '"' && s[1] != '"') {
                        s++;
                        break;
                    }
                    s += *s == '"';
                    buf_putc(&f, *s);
                }
            } else {
                while (*s && *s != sep && *s != '\r' && *s != '\n') {
                    ck_assert_msg(!csv || *s != '"', "a quote in an unquoted CSV field");
                    if (!csv && *s == '\\' && s[1]) {
                        s++;
                        buf_putc(&f, *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s);
                        s++;
                        continue;
                    }
                    buf_putc(&f, *s++);
                }
            }
            r.f = realloc(r.f, (r.n + 1) * sizeof *r.f);
            ck_assert_ptr_nonnull(r.f);
            r.f[r.n++] = f.data;
            if (*s != sep)
                break;
            s++;
        }
        if (csv)
            ck_assert_msg(s[0] == '\r' && s[1] == '\n', "a CSV line does not end in CRLF: '%.40s'",
                          s);
        else
            ck_assert_msg(s[0] == '\n', "a TSV line does not end in LF: '%.40s'", s);
        s += csv ? 2 : 1;
        t.v = realloc(t.v, (t.n + 1) * sizeof *t.v);
        ck_assert_ptr_nonnull(t.v);
        t.v[t.n++] = r;
    }
    for (size_t i = 1; i < t.n; i++)
        ck_assert_msg(t.v[i].n == t.v[0].n, "line %zu has %zu fields, the header %zu", i + 1,
                      t.v[i].n, t.v[0].n);
    return t;
}

static void records_free(records *t)
{
    for (size_t i = 0; i < t->n; i++) {
        for (size_t k = 0; k < t->v[i].n; k++)
            free(t->v[i].f[k]);
        free(t->v[i].f);
    }
    free(t->v);
}

/* The field of column NAME in record I. */
static const char *field(const records *t, size_t i, const char *name)
{
    ck_assert(t->n > 0);
    for (size_t k = 0; k < t->v[0].n; k++)
        if (strcmp(t->v[0].f[k], name) == 0)
            return t->v[i].f[k];
    ck_abort_msg("no column '%s'", name);
    return NULL;
}

static double fnum(const records *t, size_t i, const char *name)
{
    const char *s = field(t, i, name);
    char *end;
    double v = strtod(s, &end);
    ck_assert_msg(*s && !*end, "%s: %s: '%s' is not a number", E.ctx, name, s);
    return v;
}

/* The text rows of a range of STEP seconds for stations IDS over
 * [FROM, FROM + N*STEP) each, against the readings. */
static void check_text_rows(const records *t, const int *ids, size_t nids, time_t from, size_t n,
                            long step)
{
    EQ_INT(t->n, 1 + nids * n, "lines");
    for (size_t i = 1; i < t->n; i++) {
        int id = ids[(i - 1) / n];
        time_t b = from + (time_t)((i - 1) % n) * step;
        expect x = over(id, b, b + step, 0);
        char num[16], epoch[32];
        snprintf(E.ctx, sizeof E.ctx, "text row %zu (%d %s)", i, id, iso(b));
        snprintf(num, sizeof num, "%d", id);
        snprintf(epoch, sizeof epoch, "%lld", (long long)b);
        EQ_STR(field(t, i, "station"), num, "station");
        EQ_STR(field(t, i, "name"), stations_by_id(E.reg, id)->name, "name");
        EQ_STR(field(t, i, "start"), iso(b), "start");
        EQ_STR(field(t, i, "epoch"), epoch, "epoch");
        snprintf(num, sizeof num, "%zu", x.n);
        EQ_STR(field(t, i, "n"), num, "n");
        if (step == DAY)
            EQ_STR(field(t, i, "day_boundary"), "00:00", "day_boundary");
        if (!x.n) {
            EQ_STR(field(t, i, "mean"), "", "mean");
            EQ_STR(field(t, i, "min"), "", "min");
            EQ_STR(field(t, i, "max"), "", "max");
            EQ_STR(field(t, i, "condition"), "", "condition");
            EQ_STR(field(t, i, "code"), "", "code");
            continue;
        }
        near(fnum(t, i, "mean"), x.mean, MEAN_TOL, "mean");
        near(fnum(t, i, "min"), x.min, TEMP_TOL, "min");
        near(fnum(t, i, "max"), x.max, TEMP_TOL, "max");
        if (x.code == -2)
            continue;
        snprintf(num, sizeof num, "%d", x.code);
        EQ_STR(field(t, i, "condition"), x.code < 0 ? "" : word_of(x.code), "condition");
        EQ_STR(field(t, i, "code"), x.code < 0 ? "" : num, "code");
        EQ_STR(field(t, i, "category"), x.code < 0 ? "" : words[word_index(x.code)].category,
               "category");
    }
}

/* ---- terminal tables ---- */

static int wide(unsigned cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6);
}

/* A word of a line: its text and the display columns [start, end) it
 * takes (Hangul two each). */
typedef struct {
    char text[64];
    size_t start, end;
} word;

static size_t words_of(const char *line, word *out, size_t max)
{
    size_t n = 0, col = 0;
    const unsigned char *s = (const unsigned char *)line;
    while (*s && *s != '\n') {
        if (*s == ' ') {
            s++, col++;
            continue;
        }
        ck_assert(n < max);
        word *w = &out[n++];
        size_t len = 0;
        w->start = col;
        while (*s && *s != ' ' && *s != '\n') {
            size_t k = *s >= 0xF0 ? 4 : *s >= 0xE0 ? 3 : *s >= 0xC0 ? 2 : 1;
            unsigned cp = k == 1 ? *s : *s & (0x7F >> k);
            for (size_t i = 1; i < k; i++)
                cp = cp << 6 | (s[i] & 0x3F);
            if (len + k < sizeof w->text)
                memcpy(w->text + len, s, k), len += k;
            col += wide(cp) ? 2 : 1;
            s += k;
        }
        w->text[len] = '\0';
        w->end = col;
    }
    return n;
}

/* The lines of TEXT (a copy; free *BUF). */
static size_t lines_of(const char *text, char ***out)
{
    size_t n = 0;
    char *copy = strdup(text), *save = NULL;
    ck_assert_ptr_nonnull(copy);
    *out = NULL;
    for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        *out = realloc(*out, (n + 2) * sizeof **out);
        ck_assert_ptr_nonnull(*out);
        (*out)[n++] = strdup(l);
    }
    free(copy);
    return n;
}

static void lines_free(char **l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(l[i]);
    free(l);
}

/* The display column where header word TITLE starts (or, END, ends). */
static size_t title_col(const char *header, const char *title, int end)
{
    word w[32];
    size_t n = words_of(header, w, 32);
    for (size_t i = 0; i < n; i++)
        if (strcmp(w[i].text, title) == 0)
            return end ? w[i].end : w[i].start;
    ck_abort_msg("no '%s' in the header '%s'", title, header);
    return 0;
}

/* Every line of TABLE after a header whose first word is HEAD, up to a
 * line not starting with ROW (NULL: to the end), has a word starting at
 * each of LEFT's header columns and one ending at each of RIGHT's; every
 * miss is listed in the one failure. The number of lines checked. */
static size_t check_aligned(const char *table, const char *head, const char *row,
                            const char *const *left, const char *const *right)
{
    char **l;
    size_t nl = lines_of(table, &l), checked = 0;
    buf_t bad = {0};
    for (size_t i = 0; i < nl; i++) {
        word w[40];
        if (words_of(l[i], w, 40) == 0 || strcmp(w[0].text, head) != 0)
            continue;
        const char *header = l[i];
        for (i++; i < nl && (!row || strncmp(l[i], row, strlen(row)) == 0); i++) {
            size_t n = words_of(l[i], w, 40);
            for (int end = 0; end < 2; end++)
                for (const char *const *c = end ? right : left; *c; c++) {
                    size_t col = title_col(header, *c, end), k = 0;
                    while (k < n && (end ? w[k].end : w[k].start) != col)
                        k++;
                    if (k == n && bad.len < 2000)
                        buf_printf(&bad, "  no word %s at column %zu (%s) in '%s'\n",
                                   end ? "ends" : "starts", col, *c, l[i]);
                }
            checked++;
        }
        i--;
        if (bad.len)
            buf_printf(&bad, "  under the header '%s'\n", header);
    }
    ck_assert_msg(bad.len == 0, "columns out of line:\n%.2400s", bad.data);
    lines_free(l, nl);
    return checked;
}

/* ---- the readings of the tests ---- */

static const int T1_IDS[] = {108, 159};
#define T1_DAYS 4

/* 2024-05-03 .. 05-06, hourly, for 108 and 159. A day's base changes
 * every day and the hour's part peaks at 19:00, so a KST day and a day
 * from 09:00 differ. Day d's weather is words[d] up to 13:00 and the next
 * word after it. 159 reports no weather at 07:00 and misses 10:00-12:00
 * of 05-05 (so librrd drops its 13:00 reading too). */
static int t1_temp(int s, int d, int h)
{
    static const int base[T1_DAYS] = {10, 90, -30, 50};
    return base[d] + s * 25 + h * 5 % 24 * 5;
}

static void four_days(void)
{
    for (int d = 0; d < T1_DAYS; d++)
        for (int h = 0; h < 24; h++)
            for (int s = 0; s < 2; s++) {
                if (s == 1 && d == 2 && h >= 10 && h <= 12)
                    continue;
                int code = s == 1 && h == 7 ? -1 : words[(d + (h >= 14)) % NWORDS].code;
                add(T1_IDS[s], kst(2024, 5, 3 + d, h), t1_temp(s, d, h), code);
            }
    ingest(NULL);
}

/* ---- 1: ranges in every step and format ---- */

START_TEST(test_hourly_json)
{
    four_days();
    json_t *doc =
        query_json((const char *[]){"query", "108", "159", "--from", "2024-05-03", "--to",
                                    "2024-05-06", "--step", "1h", "--format", "json", NULL},
                   0, NULL);
    snprintf(E.ctx, sizeof E.ctx, "document");
    EQ_STR(jstr(doc, "schema"), "wxstrip.query/1", "schema");
    EQ_INT(jsize(doc, "stations"), 2, "stations");
    for (int s = 0; s < 2; s++)
        check_buckets(json_array_get(at(doc, "stations"), (size_t)s), T1_IDS[s], kst(2024, 5, 3, 0),
                      T1_DAYS * 24, HOUR, "1h");
    /* the gap: 10:00-12:00 empty; 13:00, the reading that ends it, kept */
    json_t *rows = at(doc, "stations/1/rows");
    EQ_INT(jint(rows, "57/n"), 1, "05-05 09:00");
    for (size_t i = 58; i <= 60; i++)
        EQ_INT(jint(json_array_get(rows, i), "n"), 0, "gap");
    EQ_INT(jint(rows, "61/n"), 1, "05-05 13:00");
    EQ_INT(jint(rows, "62/n"), 1, "05-05 14:00");
    jnull(rows, "55/code"); /* 07:00: desc "-" */
    json_decref(doc);
}
END_TEST

START_TEST(test_hourly_jsonl)
{
    four_days();
    buf_t out = {0}, err = {0};
    int rc = wx((const char *[]){"query", "108", "159", "--from", "2024-05-03", "--to",
                                 "2024-05-06", "--step", "1h", "--format", "jsonl", NULL},
                &out, &err);
    ck_assert_msg(rc == 0, "%s", err.data);
    char **l;
    size_t n = lines_of(out.data, &l);
    ck_assert_uint_eq(n, 2);
    ck_assert(out.len > 0 && out.data[out.len - 1] == '\n');
    for (size_t i = 0; i < n; i++) {
        json_t *st = parse(l[i]);
        snprintf(E.ctx, sizeof E.ctx, "line %zu", i + 1);
        EQ_STR(jstr(st, "schema"), "wxstrip.query/1", "schema");
        check_buckets(st, T1_IDS[i], kst(2024, 5, 3, 0), T1_DAYS * 24, HOUR, "1h");
        json_decref(st);
    }
    lines_free(l, n);
    buf_free(&out), buf_free(&err);
}
END_TEST

START_TEST(test_csv_and_tsv)
{
    four_days();
    buf_t out = {0}, err = {0};
    int rc = wx((const char *[]){"query", "108", "159", "--from", "2024-05-03", "--to",
                                 "2024-05-06", "--step", "1h", "--format", "csv", NULL},
                &out, &err);
    ck_assert_msg(rc == 0, "%s", err.data);
    records t = split(out.data, 1);
    check_text_rows(&t, T1_IDS, 2, kst(2024, 5, 3, 0), T1_DAYS * 24, HOUR);
    records_free(&t);
    rc = wx((const char *[]){"query", "108", "159", "--from", "2024-05-03", "--to", "2024-05-06",
                             "--step", "1d", "--format", "tsv", NULL},
            &out, &err);
    ck_assert_msg(rc == 0, "%s", err.data);
    t = split(out.data, 0);
    check_text_rows(&t, T1_IDS, 2, kst(2024, 5, 3, 0), T1_DAYS, DAY);
    records_free(&t);
    buf_free(&out), buf_free(&err);
}
END_TEST

START_TEST(test_ten_minutes)
{
    four_days();
    json_t *doc = query_json((const char *[]){"query", "108", "--date", "2024-05-04", "--step",
                                              "10m", "--format", "json", NULL},
                             0, NULL);
    json_t *st = at(doc, "stations/0");
    check_buckets(st, 108, kst(2024, 5, 4, 0), 144, 600, "10m");
    EQ_INT(jint(st, "resolution_seconds"), 600, "resolution");
    /* the 14:00 reading fills the 14:00 bucket; 14:10..14:50 are empty */
    time_t t14 = kst(2024, 5, 4, 14);
    json_t *rows = at(st, "rows");
    near(jnum(json_array_get(rows, 84), "mean"), temp_of(t1_temp(0, 1, 14)), TEMP_TOL, "14:00");
    EQ_INT(jint(json_array_get(rows, 84), "epoch"), t14, "14:00");
    for (size_t i = 85; i < 90; i++)
        jnull(json_array_get(rows, i), "mean");
    json_decref(doc);
}
END_TEST

START_TEST(test_raw)
{
    four_days();
    json_t *doc = query_json((const char *[]){"query", "159", "--date", "2024-05-05", "--step",
                                              "raw", "--format", "json", NULL},
                             0, NULL);
    json_t *st = at(doc, "stations/0");
    snprintf(E.ctx, sizeof E.ctx, "raw");
    EQ_STR(jstr(st, "step"), "raw", "step");
    EQ_INT(jint(st, "step_seconds"), 0, "step_seconds");
    time_t day = kst(2024, 5, 5, 0);
    size_t k = 0;
    for (size_t i = 0; i < E.n; i++) {
        const reading *r = &E.r[i];
        if (r->station != 159 || r->t < day || r->t >= day + DAY || !kept(i))
            continue;
        json_t *row = json_array_get(at(st, "rows"), k++);
        ck_assert_msg(row != NULL, "raw: no row for %s", iso(r->t));
        expect x = over(159, r->t, r->t + 1, 0);
        snprintf(E.ctx, sizeof E.ctx, "raw row %s", iso(r->t));
        check_row(row, r->t, &x);
        near(jnum(row, "mean"), temp_of(r->temp10), TEMP_TOL, "reading");
    }
    EQ_INT(k, 24 - 3, "readings kept"); /* 10:00-12:00 missing */
    EQ_INT(jsize(st, "rows"), k, "raw rows");
    json_decref(doc);
}
END_TEST

START_TEST(test_kst_days)
{
    four_days();
    json_t *doc =
        query_json((const char *[]){"query", "108", "159", "--from", "2024-05-03", "--to",
                                    "2024-05-06", "--step", "1d", "--format", "json", NULL},
                   0, NULL);
    for (int s = 0; s < 2; s++)
        check_buckets(json_array_get(at(doc, "stations"), (size_t)s), T1_IDS[s], kst(2024, 5, 3, 0),
                      T1_DAYS, DAY, "1d");
    /* the readings make KST days unlike days from 09:00 */
    for (int d = 0; d + 1 < T1_DAYS; d++) {
        time_t day = kst(2024, 5, 3 + d, 0);
        expect a = over(108, day, day + DAY, 0), b = over(108, day + 9 * HOUR, day + 33 * HOUR, 1);
        ck_assert((a.min != b.min || a.max != b.max) && fabs(a.mean - b.mean) > 0.1);
    }
    /* the 159 day with a gap: 21 observations, 21 of 24 hours */
    snprintf(E.ctx, sizeof E.ctx, "159 05-05");
    EQ_INT(jint(doc, "stations/1/rows/2/n"), 21, "n");
    json_decref(doc);
    /* a bare --to date is the end of its day: 05-04 .. 05-06 is three days */
    doc = query_json((const char *[]){"query", "108", "--from", "2024-05-04", "--to", "2024-05-06",
                                      "--step", "1d", "--format", "json", NULL},
                     0, NULL);
    check_buckets(at(doc, "stations/0"), 108, kst(2024, 5, 4, 0), 3, DAY, "1d");
    json_decref(doc);
}
END_TEST

/* The text table: each row's numbers and word, the title and the footer. */
START_TEST(test_table_values)
{
    four_days();
    buf_t out = {0}, err = {0};
    int rc = wx((const char *[]){"query", "159", "--date", "2024-05-05", "--step", "1h", NULL},
                &out, &err);
    ck_assert_msg(rc == 0, "%s", err.data);
    char **l;
    size_t nl = lines_of(out.data, &l), rows = 0;
    time_t day = kst(2024, 5, 5, 0);
    ck_assert_str_eq(l[0], "159 부산 (Busan) · 2024-05-05 00:00 – 2024-05-06 00:00 KST · 1h rows");
    for (size_t i = 0; i < nl; i++) {
        word w[16];
        if (strncmp(l[i], "2024-05-05 ", 11) != 0)
            continue;
        size_t n = words_of(l[i], w, 16);
        time_t b = day + (time_t)rows * HOUR;
        expect x = over(159, b, b + HOUR, 0);
        char want[32];
        snprintf(E.ctx, sizeof E.ctx, "table row '%s'", l[i]);
        ck_assert_uint_eq(n, 7);
        EQ_STR(w[1].text, fmt_time(b, "%H:%M"), "time");
        const char *cells[3] = {w[2].text, w[3].text, w[4].text};
        double v[3] = {x.mean, x.min, x.max};
        for (int k = 0; k < 3; k++) {
            if (x.n)
                snprintf(want, sizeof want, "%.1f", v[k]);
            else
                snprintf(want, sizeof want, "-");
            EQ_STR(cells[k], want, "temperature");
        }
        snprintf(want, sizeof want, "%zu", x.n);
        EQ_STR(w[5].text, want, "n");
        EQ_STR(w[6].text, x.code >= 0 ? word_of(x.code) : "-", "weather");
        rows++;
    }
    ck_assert_uint_eq(rows, 24);
    expect all = over(159, day, day + DAY, 0);
    char want[256];
    snprintf(want, sizeof want, "lowest %.1f℃ (%s) · highest %.1f℃ (%s) · mean ", all.min,
             fmt_time(all.tmin, "%Y-%m-%d %H:%M"), all.max, fmt_time(all.tmax, "%Y-%m-%d %H:%M"));
    ck_assert_msg(strncmp(l[nl - 2], want, strlen(want)) == 0, "footer '%s', want '%s'", l[nl - 2],
                  want);
    near(strtod(l[nl - 2] + strlen(want), NULL), all.mean, 0.05 + 1e-9, "footer mean");
    snprintf(want, sizeof want, "%zu of 24 hours with readings", all.n);
    ck_assert_msg(strncmp(l[nl - 1], want, strlen(want)) == 0, "'%s', want '%s'", l[nl - 1], want);
    lines_free(l, nl);
    buf_free(&out), buf_free(&err);
}
END_TEST

/* ---- 2: days from the file's daily rows ---- */

/* 70 days of hourly readings of 108 from 2024-01-01: more than the 63 days
 * of hourly rows. The base changes every day, so days from 09:00 differ
 * from KST days. */
static time_t seventy_days(void)
{
    time_t t0 = kst(2024, 1, 1, 0);
    for (int i = 0; i < 70 * 24; i++) {
        int d = i / 24, h = i % 24;
        add(108, t0 + (time_t)i * HOUR, (d % 2 ? 80 : -20) + h * 5 % 24 * 5 + d % 7 * 3,
            words[(d + (h >= 14)) % NWORDS].code);
    }
    ingest(NULL);
    /* the first KST day wholly in the hourly rows */
    time_t oldest = last_of(108)->t - (HOURLY_ROWS - 1) * HOUR, split = midnight(oldest);
    return split < oldest ? split + DAY : split;
}

/* A daily row of the day starting D (09:00): the readings of (D, D + 24 h]. */
static void check_daily_row(json_t *row, time_t d)
{
    expect x = over(108, d, d + DAY, 1);
    snprintf(E.ctx, sizeof E.ctx, "daily row %s", iso(d));
    ck_assert_uint_eq(x.n, 24);
    EQ_INT(jint(row, "epoch"), d, "epoch");
    EQ_STR(jstr(row, "start"), iso(d), "start");
    EQ_STR(fmt_time(d, "%H:%M"), "09:00", "start's hour");
    EQ_STR(jstr(row, "day_boundary"), "09:00", "day_boundary");
    jnull(row, "n");
    near(jnum(row, "min"), x.min, TEMP_TOL, "min");
    near(jnum(row, "max"), x.max, TEMP_TOL, "max");
    near(jnum(row, "mean"), x.mean, DAILY_MEAN_TOL, "mean");
    /* and not the KST day's */
    expect k = over(108, midnight(d), midnight(d) + DAY, 0);
    ck_assert(k.min != x.min || k.max != x.max);
}

START_TEST(test_days_from_daily_rows)
{
    time_t split = seventy_days();
    ck_assert_int_gt(split, kst(2024, 1, 7, 0)); /* 01-02 .. 01-06 are older */
    json_t *doc =
        query_json((const char *[]){"query", "108", "--from", "2024-01-02", "--to", "2024-01-06",
                                    "--step", "1d", "--format", "json", NULL},
                   0, NULL);
    json_t *st = at(doc, "stations/0");
    snprintf(E.ctx, sizeof E.ctx, "daily rows");
    EQ_STR(jstr(st, "day_boundary"), "09:00", "day_boundary");
    EQ_INT(jsize(st, "rows"), 5, "rows");
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < 5; i++) {
        time_t d = kst(2024, 1, 2 + i, 9);
        check_daily_row(json_array_get(at(st, "rows"), (size_t)i), d);
        expect x = over(108, d, d + DAY, 1);
        lo = fmin(lo, x.min), hi = fmax(hi, x.max);
    }
    snprintf(E.ctx, sizeof E.ctx, "daily summary");
    near(jnum(st, "summary/min/temp"), lo, TEMP_TOL, "lowest");
    near(jnum(st, "summary/max/temp"), hi, TEMP_TOL, "highest");
    jnull(st, "summary/min/time"); /* a daily row does not say when */
    json_decref(doc);

    /* from daily rows into KST days */
    doc = query_json((const char *[]){"query", "108", "--from", "2024-01-05", "--to", "2024-01-10",
                                      "--step", "1d", "--format", "json", NULL},
                     0, NULL);
    st = at(doc, "stations/0");
    time_t from = kst(2024, 1, 5, 0), to = kst(2024, 1, 11, 0);
    size_t daily = (size_t)((split - from) / DAY), kstdays = (size_t)((to - split) / DAY);
    snprintf(E.ctx, sizeof E.ctx, "mixed");
    ck_assert(daily > 0 && kstdays > 0);
    EQ_STR(jstr(st, "day_boundary"), "mixed", "day_boundary");
    EQ_INT(jsize(st, "rows"), daily + kstdays, "rows");
    EQ_INT(jint(st, "resolution_seconds"), HOUR, "resolution");
    for (size_t i = 0; i < daily; i++)
        check_daily_row(json_array_get(at(st, "rows"), i), from + (time_t)i * DAY + 9 * HOUR);
    for (size_t i = 0; i < kstdays; i++) {
        time_t d = split + (time_t)i * DAY;
        json_t *row = json_array_get(at(st, "rows"), daily + i);
        expect x = over(108, d, d + DAY, 0);
        snprintf(E.ctx, sizeof E.ctx, "KST day %s", iso(d));
        ck_assert_uint_eq(x.n, 24);
        check_row(row, d, &x);
        EQ_STR(jstr(row, "day_boundary"), "00:00", "day_boundary");
    }
    json_decref(doc);
}
END_TEST

/* ---- 3, 4, 5: stations by name, unknown ones, no data ---- */

static void one_hour(void)
{
    time_t t = kst(2024, 5, 5, 14);
    add(108, t, 186, 502);
    add(159, t, 210, 101);
    add(172, t, 164, 203);
    add(251, t, 152, 601);
    ingest(NULL);
}

/* The station ids of a query's document, in order, into IDS. */
static size_t ids_of(json_t *doc, int *ids, size_t max)
{
    size_t n = jsize(doc, "stations");
    ck_assert_uint_le(n, max);
    for (size_t i = 0; i < n; i++) {
        json_t *st = json_array_get(at(doc, "stations"), i);
        ids[i] = (int)jint(st, json_object_get(st, "station") ? "station/id" : "id");
    }
    return n;
}

START_TEST(test_lookup_names)
{
    one_hour();
    static const struct {
        const char *name;
        int id;
    } found[] = {
        {"108", 108},  {"서울", 108}, {"SEOUL", 108},  {"seoul", 108},   {"Seoul", 108},
        {"부산", 159}, {"고창", 172}, {"고창군", 251}, {"GOCHANG", 172}, {"gochang-gun", 251},
    };
    for (size_t i = 0; i < sizeof found / sizeof found[0]; i++) {
        json_t *doc =
            query_json((const char *[]){"query", found[i].name, "--format", "json", NULL}, 0, NULL);
        int ids[4];
        snprintf(E.ctx, sizeof E.ctx, "query %s", found[i].name);
        EQ_INT(ids_of(doc, ids, 4), 1, "stations");
        check_head(at(doc, "stations/0"), found[i].id);
        json_decref(doc);
    }
    /* aliases of stations without data: the message names the number */
    static const struct {
        const char *name, *id;
    } alias[] = {{"백령", "102"}, {"백령도", "102"}, {"홍성(예)", "177"}};
    buf_t out = {0}, err = {0};
    for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++) {
        int rc = wx((const char *[]){"query", alias[i].name, NULL}, &out, &err);
        ck_assert_msg(rc == 1, "%s: exit %d", alias[i].name, rc);
        ck_assert_msg(strstr(err.data, alias[i].id), "%s: '%s'", alias[i].name, err.data);
        ck_assert_str_eq(out.data, "");
    }
    /* several stations, one named three ways and twice, shown once each */
    static const int want[] = {108, 159, 251};
    json_t *doc = query_json((const char *[]){"query", "108", "부산", "서울", "고창군", "SEOUL",
                                              "108", "--format", "json", NULL},
                             0, NULL);
    int ids[8];
    snprintf(E.ctx, sizeof E.ctx, "several");
    EQ_INT(ids_of(doc, ids, 8), 3, "stations");
    for (size_t i = 0; i < 3; i++) {
        EQ_INT(ids[i], want[i], "station");
        check_head(json_array_get(at(doc, "stations"), i), want[i]);
    }
    json_decref(doc);
    /* one without data among them: exit 1, the others still shown */
    doc = query_json((const char *[]){"query", "108", "백령", "--format", "json", NULL}, 1, &err);
    EQ_INT(ids_of(doc, ids, 8), 1, "stations");
    EQ_INT(ids[0], 108, "station");
    ck_assert_msg(strstr(err.data, "102"), "%s", err.data);
    json_decref(doc);
    buf_free(&out), buf_free(&err);
}
END_TEST

START_TEST(test_unknown_station)
{
    one_hour();
    buf_t out = {0}, err = {0};
    const char *const *cases[] = {
        (const char *[]){"query", "서을", NULL},
        (const char *[]){"query", "서을", "--date", "2024-05-05", "--format", "json", NULL},
        (const char *[]){"query", "108", "서을", "--format", "json", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = wx(cases[i], &out, &err);
        ck_assert_msg(rc == 2, "case %zu: exit %d", i, rc);
        ck_assert_msg(strstr(err.data, "서을") && strstr(err.data, "서울"), "case %zu: '%s'", i,
                      err.data);
        ck_assert_msg(out.len == 0, "case %zu: printed '%s'", i, out.data);
    }
    buf_free(&out), buf_free(&err);
}
END_TEST

START_TEST(test_no_data)
{
    four_days();
    buf_t out = {0}, err = {0};
    /* a station with no file */
    int rc = wx((const char *[]){"query", "112", NULL}, &out, &err);
    ck_assert_int_eq(rc, 1);
    ck_assert_msg(strstr(err.data, "112"), "%s", err.data);
    ck_assert_str_eq(out.data, "");
    rc = wx((const char *[]){"query", "인천", "--date", "2024-05-05", "--format", "json", NULL},
            &out, &err);
    ck_assert_int_eq(rc, 1);
    ck_assert_msg(strstr(err.data, "112"), "%s", err.data);
    ck_assert_str_eq(out.data, "");
    /* a range with no reading: after the data, and inside 159's gap */
    rc = wx((const char *[]){"query", "108", "--date", "2024-06-01", "--format", "json", NULL},
            &out, &err);
    ck_assert_int_eq(rc, 1);
    ck_assert_msg(strstr(err.data, "108") && strstr(err.data, "no readings"), "%s", err.data);
    ck_assert_str_eq(out.data, "");
    rc = wx((const char *[]){"query", "159", "--from", "2024-05-05T10:00", "--to",
                             "2024-05-05T13:00", "--format", "csv", NULL},
            &out, &err);
    ck_assert_int_eq(rc, 1);
    ck_assert_msg(strstr(err.data, "159"), "%s", err.data);
    ck_assert_str_eq(out.data, "");
    /* the hour before the gap has its reading */
    rc = wx((const char *[]){"query", "159", "--from", "2024-05-05T09:00", "--to",
                             "2024-05-05T13:00", "--format", "csv", NULL},
            &out, &err);
    ck_assert_msg(rc == 0, "%s", err.data);
    buf_free(&out), buf_free(&err);
}
END_TEST

/* ---- 6, 7: --max-age, the latest reading and today ---- */

START_TEST(test_max_age)
{
    time_t now = time(NULL), prev = now - now % HOUR - HOUR;
    add(108, kst(2024, 5, 5, 13), 171, 203);
    add(108, kst(2024, 5, 5, 14), 186, 502);
    add(112, prev, 95, 101); /* the previous full hour */
    ingest(NULL);
    buf_t err = {0};
    json_t *doc = query_json(
        (const char *[]){"query", "108", "--max-age", "1h", "--format", "json", NULL}, 3, &err);
    snprintf(E.ctx, sizeof E.ctx, "stale");
    check_head(at(doc, "stations/0"), 108);
    ck_assert_msg(strstr(err.data, "--max-age"), "%s", err.data);
    json_decref(doc);
    doc = query_json((const char *[]){"query", "112", "--max-age", "3h", "--format", "json", NULL},
                     0, &err);
    snprintf(E.ctx, sizeof E.ctx, "fresh");
    check_head(at(doc, "stations/0"), 112);
    json_decref(doc);
    /* an hour old is older than 30 minutes */
    doc = query_json((const char *[]){"query", "112", "--max-age", "30m", "--format", "json", NULL},
                     3, &err);
    json_decref(doc);
    /* one stale among several: exit 3, both shown */
    doc = query_json(
        (const char *[]){"query", "112", "108", "--max-age", "3h", "--format", "json", NULL}, 3,
        &err);
    int ids[4];
    EQ_INT(ids_of(doc, ids, 4), 2, "stations");
    EQ_INT(ids[0], 112, "first");
    EQ_INT(ids[1], 108, "second");
    json_decref(doc);
    buf_free(&err);
}
END_TEST

START_TEST(test_latest_and_today)
{
    time_t now = time(NULL), day = midnight(now);
    int hours = (int)((now - day) / HOUR) + 1;
    for (int h = 0; h < hours; h++)
        add(108, day + (time_t)h * HOUR, (h * 7 + 5) % 24 * 6 - 20, words[h % NWORDS].code);
    ingest(NULL);
    json_t *doc = query_json((const char *[]){"query", "108", "--format", "json", NULL}, 0, NULL);
    if (midnight(time(NULL)) != day) { /* the day turned meanwhile */
        json_decref(doc);
        return;
    }
    json_t *st = at(doc, "stations/0");
    snprintf(E.ctx, sizeof E.ctx, "today");
    check_head(st, 108);
    EQ_INT(jint(st, "latest/epoch"), day + (time_t)(hours - 1) * HOUR, "latest");
    ck_assert_int_le(jint(st, "latest/age_seconds"), time(NULL) - last_of(108)->t);
    EQ_STR(jstr(st, "today/date"), fmt_time(day, "%Y-%m-%d"), "date");
    expect x = over(108, day, day + DAY, 0);
    check_extreme(at(st, "today/min"), x.min, x.tmin, x.min_tie);
    check_extreme(at(st, "today/max"), x.max, x.tmax, x.max_tie);
    EQ_INT(jint(st, "today/observations"), hours, "observations");
    ck_assert_ptr_null(json_object_get(st, "range"));
    json_decref(doc);
}
END_TEST

/* ---- 8: through rrdcached ---- */

typedef struct {
    time_t t;
    double temp; /* NAN for U */
    int code;    /* -1 for U */
} last_update;

/* `rrdtool lastupdate` of a station's file, read directly. */
static last_update lastupdate(int station)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%d.rrd", E.data, station);
    char *argv[] = {"/usr/bin/rrdtool", "lastupdate", path, NULL};
    buf_t out = {0};
    ck_assert_int_eq(test_run(argv, NULL, NULL, &out, NULL), 0);
    char **l;
    size_t n = lines_of(out.data, &l);
    long long t = 0;
    char a[64] = "", b[64] = "";
    ck_assert_msg(n > 0 && sscanf(l[n - 1], "%lld: %63s %63s", &t, a, b) == 3, "lastupdate: '%s'",
                  out.data);
    last_update u = {(time_t)t, strcmp(a, "U") ? strtod(a, NULL) : NAN,
                     strcmp(b, "U") ? atoi(b) : -1};
    lines_free(l, n);
    buf_free(&out);
    return u;
}

/* A write another client left in the daemon (rrdtool update --daemon:
 * the daemon holds it for an hour) is shown by a query, which flushes the
 * file first; wxstrip's own ingest through the daemon is in the file when
 * it returns (stored means flushed). */
START_TEST(test_through_rrdcached)
{
    time_t t14 = kst(2024, 5, 5, 14), t15 = kst(2024, 5, 5, 15);
    add(108, t14, 186, 502);
    ingest(NULL);
    E.daemon = test_rrdcached_start(E.dir, E.data);
    add(159, t15, 210, 101); /* a new file, created through the daemon */
    ingest(E.addr);
    char path[4400], value[64];
    snprintf(path, sizeof path, "%s/108.rrd", E.data);
    snprintf(value, sizeof value, "%lld:19.4:203", (long long)t15);
    char *upd[] = {"/usr/bin/rrdtool", "update", "--daemon", E.addr, path, value, NULL};
    buf_t out = {0}, err = {0};
    ck_assert_int_eq(test_run(upd, NULL, NULL, &out, &err), 0);
    add(108, t15, 194, 203); /* what the query must show */
    /* the daemon holds the other client's update: the file does not have it */
    last_update held108 = lastupdate(108), held159 = lastupdate(159);
    int rc = wx_at(E.addr, (const char *[]){"query", "108", "159", "--format", "json", NULL}, &out,
                   &err);
    last_update after = lastupdate(108); /* the query flushed it */
    test_stop(E.daemon);
    E.daemon = 0;
    ck_assert_int_eq(held108.t, t14);
    near(held108.temp, 18.6, TEMP_TOL, "108 in its file");
    ck_assert_int_eq(held159.t, t15); /* wxstrip's ingest: flushed */
    near(held159.temp, 21.0, TEMP_TOL, "159 in its file");
    ck_assert_msg(rc == 0, "%s", err.data);
    json_t *doc = parse(out.data);
    snprintf(E.ctx, sizeof E.ctx, "through rrdcached");
    check_head(at(doc, "stations/0"), 108);
    check_head(at(doc, "stations/1"), 159);
    EQ_INT(jint(doc, "stations/0/latest/epoch"), t15, "108 latest");
    EQ_INT(after.t, t15, "108 flushed");
    EQ_INT(after.code, 203, "108 flushed weather");
    json_decref(doc);
    buf_free(&out), buf_free(&err);
}
END_TEST

/* ---- 9: stations ---- */

/* 159 on the evening of 05-04, 108 the next morning, 172 fresh. */
static void some_stations(void)
{
    time_t now = time(NULL), h = now - now % HOUR;
    for (int i = 0; i < 4; i++)
        add(159, kst(2024, 5, 4, 20 + i), 200 + i * 7, words[i].code);
    for (int i = 0; i < 5; i++)
        add(108, kst(2024, 5, 5, 10 + i), 150 + i * 3, words[(i + 1) % NWORDS].code);
    add(172, h - 2 * HOUR, 55, 203);
    add(172, h - HOUR, 61, 502);
    ingest(NULL);
}

static int has_data(int id)
{
    return id == 108 || id == 159 || id == 172;
}

/* `stations` ARGS in JSON: exit status RC, the ids into IDS. */
static size_t stations_ids(const char *const *args, int rc, int *ids, size_t max)
{
    const char *argv[16];
    size_t n = 0;
    argv[n++] = "stations";
    for (; *args; args++)
        argv[n++] = *args;
    argv[n++] = "--format", argv[n++] = "json", argv[n] = NULL;
    json_t *doc = query_json(argv, rc, NULL);
    snprintf(E.ctx, sizeof E.ctx, "stations %s", args[-1]);
    EQ_STR(jstr(doc, "schema"), "wxstrip.stations/1", "schema");
    size_t k = ids_of(doc, ids, max);
    json_decref(doc);
    return k;
}

/* Whether the registry's station I matches --match M. */
static int matches(const wx_station *st, const char *m)
{
    char id[16];
    snprintf(id, sizeof id, "%d", st->id);
    return strcmp(id, m) == 0 || strstr(st->name, m) || strcasestr(st->name_en, m) ||
           strstr(st->aliases, m) || strstr(st->province, m);
}

START_TEST(test_stations)
{
    some_stations();
    size_t nreg = stations_count(E.reg);
    ck_assert_uint_eq(nreg, 97);
    json_t *doc = query_json((const char *[]){"stations", "--format", "json", NULL}, 0, NULL);
    snprintf(E.ctx, sizeof E.ctx, "stations");
    EQ_STR(jstr(doc, "schema"), "wxstrip.stations/1", "schema");
    EQ_INT(jsize(doc, "stations"), nreg, "stations");
    for (size_t i = 0; i < nreg; i++) {
        const wx_station *reg = stations_at(E.reg, i);
        json_t *st = json_array_get(at(doc, "stations"), i);
        snprintf(E.ctx, sizeof E.ctx, "stations: %d", reg->id);
        EQ_INT(jint(st, "id"), reg->id, "id");
        EQ_STR(jstr(st, "name"), reg->name, "name");
        EQ_STR(jstr(st, "name_en"), reg->name_en, "name_en");
        EQ_STR(jstr(st, "province"), reg->province, "province");
        near(jnum(st, "lat"), reg->lat, 1e-6, "lat");
        near(jnum(st, "lon"), reg->lon, 1e-6, "lon");
        if (isnan(reg->elevation))
            jnull(st, "elevation");
        else
            near(jnum(st, "elevation"), reg->elevation, 0.005, "elevation");
        buf_t aliases = {0};
        for (size_t k = 0; k < jsize(st, "aliases"); k++)
            buf_printf(&aliases, "%s%s", k ? "," : "",
                       json_string_value(json_array_get(at(st, "aliases"), k)));
        EQ_STR(aliases.data ? aliases.data : "", reg->aliases, "aliases");
        buf_free(&aliases);
        if (!has_data(reg->id)) {
            static const char *const none[] = {"first",      "first_epoch", "last",
                                               "last_epoch", "age_seconds", "temp",
                                               "condition",  "code"};
            for (size_t k = 0; k < sizeof none / sizeof none[0]; k++)
                jnull(st, none[k]);
            continue;
        }
        /* the file's last update as rrdtool reads it, and the first reading stored */
        last_update u = lastupdate(reg->id);
        EQ_INT(u.t, last_of(reg->id)->t, "rrdtool's last update");
        EQ_INT(jint(st, "last_epoch"), u.t, "last_epoch");
        EQ_STR(jstr(st, "last"), iso(u.t), "last");
        near(jnum(st, "temp"), u.temp, TEMP_TOL, "temp");
        check_weather(st, u.code);
        EQ_INT(jint(st, "first_epoch"), first_of(reg->id)->t, "first_epoch");
        EQ_STR(jstr(st, "first"), iso(first_of(reg->id)->t), "first");
        ck_assert_int_ge(jint(st, "age_seconds"), time(NULL) - u.t - 60);
    }
    json_decref(doc);

    int ids[128];
    EQ_INT(stations_ids((const char *[]){"--with-data", NULL}, 0, ids, 128), 3, "with data");
    ck_assert(ids[0] == 108 && ids[1] == 159 && ids[2] == 172);
    EQ_INT(stations_ids((const char *[]){"--stale", "3h", NULL}, 3, ids, 128), 2, "stale");
    ck_assert(ids[0] == 108 && ids[1] == 159);
    EQ_INT(stations_ids((const char *[]){"--stale", "3h", "--match", "172", NULL}, 0, ids, 128), 0,
           "fresh");
    /* --match: number, name, romanized (any case), alias, province */
    static const char *const match[] = {"108",  "고창",     "GOCHANG",  "gochang-gun",
                                        "백령", "홍성(예)", "충청남도", "seo"};
    for (size_t m = 0; m < sizeof match / sizeof match[0]; m++) {
        size_t n = stations_ids((const char *[]){"--match", match[m], NULL}, 0, ids, 128), k = 0;
        for (size_t i = 0; i < nreg; i++)
            if (matches(stations_at(E.reg, i), match[m])) {
                ck_assert_msg(k < n && ids[k] == stations_at(E.reg, i)->id, "--match %s: no %d",
                              match[m], stations_at(E.reg, i)->id);
                k++;
            }
        ck_assert_msg(k == n && n > 0, "--match %s: %zu shown, %zu match", match[m], n, k);
    }
    ck_assert_int_eq(stations_ids((const char *[]){"--match", "고창", NULL}, 0, ids, 128), 2);
    ck_assert(ids[0] == 172 && ids[1] == 251);
    ck_assert_int_eq(stations_ids((const char *[]){"--match", "백령", NULL}, 0, ids, 128), 1);
    ck_assert_int_eq(ids[0], 102);

    /* CSV: the same stations, parsed back */
    buf_t out = {0}, err = {0};
    ck_assert_int_eq(wx((const char *[]){"stations", "--format", "csv", NULL}, &out, &err), 0);
    records t = split(out.data, 1);
    ck_assert_uint_eq(t.n, 1 + nreg);
    for (size_t i = 1; i < t.n; i++) {
        const wx_station *reg = stations_at(E.reg, i - 1);
        char id[16];
        snprintf(id, sizeof id, "%d", reg->id);
        ck_assert_str_eq(field(&t, i, "id"), id);
        ck_assert_str_eq(field(&t, i, "name"), reg->name);
        ck_assert_str_eq(field(&t, i, "aliases"), reg->aliases);
        if (!has_data(reg->id)) {
            ck_assert_str_eq(field(&t, i, "last_epoch"), "");
            continue;
        }
        snprintf(id, sizeof id, "%lld", (long long)last_of(reg->id)->t);
        ck_assert_str_eq(field(&t, i, "last_epoch"), id);
        snprintf(E.ctx, sizeof E.ctx, "stations csv %d", reg->id);
        near(fnum(&t, i, "temp"), temp_of(last_of(reg->id)->temp10), TEMP_TOL, "temp");
    }
    records_free(&t);
    buf_free(&out), buf_free(&err);
}
END_TEST

/* ---- 10: terminal tables line up ---- */

/* Four days in 2024 for 108 and 159, a reading in 2024 for 251 and one of
 * the previous full hour for 172: ages of every length. */
static void old_and_fresh(void)
{
    time_t now = time(NULL);
    four_days();
    add(251, kst(2024, 5, 7, 1), 152, 601);
    add(172, now - now % HOUR - HOUR, 164, 502);
    ingest(NULL);
}

START_TEST(test_range_tables_line_up)
{
    four_days();
    buf_t out = {0}, err = {0};
    /* hourly rows: 비, 눈, none, and empty hours */
    ck_assert_int_eq(
        wx((const char *[]){"query", "159", "--date", "2024-05-05", "--step", "1h", NULL}, &out,
           &err),
        0);
    ck_assert_uint_eq(check_aligned(out.data, "start", "2024-",
                                    (const char *const[]){"start", "weather", NULL},
                                    (const char *const[]){"mean", "min", "max", "n", NULL}),
                      24);
    /* days: 맑음, 흐림, 비, 눈, then the day column */
    ck_assert_int_eq(wx((const char *[]){"query", "108", "159", "--from", "2024-05-03", "--to",
                                         "2024-05-06", "--step", "1d", NULL},
                        &out, &err),
                     0);
    ck_assert_uint_eq(check_aligned(out.data, "start", "2024-",
                                    (const char *const[]){"start", "weather", "day", NULL},
                                    (const char *const[]){"mean", "n", NULL}),
                      8);
    buf_free(&out), buf_free(&err);
}
END_TEST

/* Latest readings: names of two and three syllables, words of one and
 * two, ages of minutes and of years. */
START_TEST(test_latest_table_lines_up)
{
    old_and_fresh();
    buf_t out = {0}, err = {0};
    ck_assert_int_eq(wx((const char *[]){"query", "108", "159", "172", "251", NULL}, &out, &err),
                     0);
    ck_assert_uint_eq(
        check_aligned(out.data, "station", NULL, (const char *const[]){"time", "weather", NULL},
                      (const char *const[]){"station", "temp", "age", "low", "high", NULL}),
        4);
    buf_free(&out), buf_free(&err);
}
END_TEST

/* Every station: names of two and three syllables, provinces of three to
 * seven, no data, old data and fresh. */
START_TEST(test_stations_table_lines_up)
{
    old_and_fresh();
    buf_t out = {0}, err = {0};
    ck_assert_int_eq(wx((const char *[]){"stations", NULL}, &out, &err), 0);
    ck_assert_uint_eq(check_aligned(out.data, "id", NULL,
                                    (const char *const[]){"name", "romanized", "province", "first",
                                                          "last", "weather", NULL},
                                    (const char *const[]){"id", "age", "temp", NULL}),
                      stations_count(E.reg));
    buf_free(&out), buf_free(&err);
}
END_TEST

Suite *cmd_query_suite(void)
{
    Suite *s = suite_create("cmd_query");
    TCase *tc = tcase_create("cmd_query");
    tcase_add_unchecked_fixture(tc, suite_setup, suite_teardown);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_hourly_json);
    tcase_add_test(tc, test_hourly_jsonl);
    tcase_add_test(tc, test_csv_and_tsv);
    tcase_add_test(tc, test_ten_minutes);
    tcase_add_test(tc, test_raw);
    tcase_add_test(tc, test_kst_days);
    tcase_add_test(tc, test_table_values);
    tcase_add_test(tc, test_days_from_daily_rows);
    tcase_add_test(tc, test_lookup_names);
    tcase_add_test(tc, test_unknown_station);
    tcase_add_test(tc, test_no_data);
    tcase_add_test(tc, test_max_age);
    tcase_add_test(tc, test_latest_and_today);
    tcase_add_test(tc, test_through_rrdcached);
    tcase_add_test(tc, test_stations);
    tcase_add_test(tc, test_range_tables_line_up);
    tcase_add_test(tc, test_latest_table_lines_up);
    tcase_add_test(tc, test_stations_table_lines_up);
    suite_add_tcase(s, tc);
    return s;
}
