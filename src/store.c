/* store: one RRD file per station, written directly or through rrdcached. */
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rrd.h>
#include <rrd_client.h>

#include "buf.h"
#include "fileio.h"
#include "rrdhead.h"
#include "vec.h"
#include "weather.h"
#include "when.h"

#define LOCK_RETRIES 20
#define LOCK_PAUSE_US 100000 /* 2 s in all for "could not lock RRD" */

/* The archives; rows: 10-minute for 7 days, hourly for 63 days, daily for
 * ten years and a few days. "cond" is only meaningful in LAST archives. */
#define STR_(x) #x
#define STR(x) STR_(x)
static const char *const layout[] = {
    "DS:temp:GAUGE:" STR(STORE_HEARTBEAT) ":-" STR(WX_TEMP_LIMIT) ":" STR(WX_TEMP_LIMIT),
    "DS:cond:GAUGE:" STR(STORE_HEARTBEAT) ":0:" STR(WX_CODE_MAX),
    "RRA:AVERAGE:0.5:10:1008",
    "RRA:LAST:0.5:10:1008",
    "RRA:AVERAGE:0.5:60:1512",
    "RRA:LAST:0.5:60:1512",
    "RRA:AVERAGE:0.5:1440:3660",
    "RRA:MIN:0.5:1440:3660",
    "RRA:MAX:0.5:1440:3660",
    "RRA:LAST:0.5:1440:3660",
};
#define LAYOUT_N ((int)(sizeof layout / sizeof layout[0]))

struct store {
    char dir[PATH_MAX]; /* local files: the data dir; a remote daemon: a prefix */
    int cached;         /* through rrdcached */
    int remote;         /* over the network: names relative to the daemon's -b */
    char daemon[256];   /* its address, for messages */
};

int store_remote_address(const char *addr)
{
    return addr && *addr && strncmp(addr, "unix:", 5) != 0 && addr[0] != '/';
}

store *store_open(const char *data_dir, const char *rrdcached, const char *prefix, char *err,
                  size_t errlen)
{
    store *s = calloc(1, sizeof *s);
    if (!s) {
        errf(err, errlen, "out of memory");
        return NULL;
    }
    s->remote = store_remote_address(rrdcached);
    if (s->remote) { /* nothing local: the daemon's files, by relative name */
        snprintf(s->dir, sizeof s->dir, "%s", prefix ? prefix : "");
    } else if (file_mkdirs(data_dir, err, errlen) < 0 || !realpath(data_dir, s->dir)) {
        if (errno)
            errf(err, errlen, "data directory %s: %s", data_dir, strerror(errno));
        free(s);
        return NULL;
    }
    if (rrdcached && *rrdcached) {
        rrd_clear_error();
        if (rrdc_connect(rrdcached) != 0 || !rrdc_is_any_connected()) {
            errf(err, errlen, "cannot connect to rrdcached at %s: %s", rrdcached,
                 *rrd_get_error() ? rrd_get_error() : "no answer");
            free(s);
            return NULL;
        }
        s->cached = 1;
        snprintf(s->daemon, sizeof s->daemon, "%s", rrdcached);
    }
    return s;
}

void store_close(store *s)
{
    if (s && s->cached)
        rrdc_disconnect();
    free(s);
}

int store_path(const store *s, int station, char *dst, size_t size)
{
    if (s->remote)
        return bprintf(dst, size, "%s%d.rrd", s->dir, station);
    return bprintf(dst, size, "%s/%d.rrd", s->dir, station);
}

/* A file's info through the daemon (remote), or NULL with err. */
static rrd_info_t *remote_info(const store *s, const char *name, char *err, size_t errlen)
{
    rrd_clear_error();
    rrd_info_t *info = rrdc_info(name);
    if (!info)
        errf(err, errlen, "%s: rrdcached at %s: %s", name, s->daemon,
             *rrd_get_error() ? rrd_get_error() : "no answer");
    return info;
}

static const rrd_info_t *info_key(const rrd_info_t *i, const char *key)
{
    for (; i; i = i->next)
        if (strcmp(i->key, key) == 0)
            return i;
    return NULL;
}

/* The last update time of a file: its own, or through the daemon. -1 when
 * none. */
static time_t last_update(const store *s, const char *name)
{
    char err[256];
    if (!s->remote) {
        time_t t = rrdhead_last(name);
        return t != (time_t)-1 ? t : (rrd_clear_error(), rrd_last_r(name));
    }
    rrd_info_t *info = remote_info(s, name, err, sizeof err);
    const rrd_info_t *k = info_key(info, "last_update");
    time_t t = k && k->type == RD_I_CNT ? (time_t)k->value.u_cnt : (time_t)-1;
    rrd_info_free(info);
    return t;
}

static int create(store *s, const char *path, time_t t)
{
    /* one hour back, so the first observation fills its hour */
    time_t start = t - 3600;
    rrd_clear_error();
    if (s->cached)
        return rrdc_create(path, STORE_STEP, start, 1, LAYOUT_N, (const char **)layout);
    int rc = rrd_create_r2(path, STORE_STEP, start, 1, NULL, NULL, LAYOUT_N, (const char **)layout);
    /* librrd writes 0644 whatever the umask: the admin's umask decides */
    if (rc == 0)
        chmod(path, (mode_t)file_mode());
    return rc;
}

static int update(store *s, const char *path, const char *const *values, int n)
{
    rrd_clear_error();
    errno = 0; /* what is left of it when librrd gives no message is this update's */
    if (s->cached)
        return rrdc_update(path, n, (const char **)values);
    return rrd_updatex_r(path, NULL, 0, n, (const char **)values);
}

/* The bytes of a station's file, but for its header: rows x data sources
 * x 8. */
static long long file_bytes(void)
{
    long long rows = 0, ds = 0;
    for (int i = 0; i < LAYOUT_N; i++) {
        const char *last = strrchr(layout[i], ':');
        if (strncmp(layout[i], "DS:", 3) == 0)
            ds++;
        else if (last)
            rows += strtoll(last + 1, NULL, 10);
    }
    return rows * ds * 8;
}

/* Why a new file could not be written, when librrd does not say (a write
 * that fails on a full disk leaves its message empty). */
static const char *create_why(const store *s, char *buf, size_t n)
{
    int e = errno;
    long long need = file_bytes(), avail = s->cached ? -1 : file_free_bytes(s->dir);
    if (s->cached)
        return snprintf(buf, n, "rrdcached at %s: %s", s->daemon,
                        *rrd_get_error() ? rrd_get_error()
                        : e              ? strerror(e)
                                         : "no answer"),
               buf;
    if (*rrd_get_error())
        return rrd_get_error();
    if (avail >= 0 && avail < need)
        snprintf(buf, n,
                 "no space left on the device (%lld KB free; a station's file takes about %lld KB)",
                 avail / 1024, need / 1024 + 4);
    else
        snprintf(buf, n, "librrd's CREATE failed: %s", e ? strerror(e) : "no reason given");
    return buf;
}

static int is_error(const char *needle)
{
    return strstr(rrd_get_error(), needle) != NULL;
}

/* Updates, retrying while another process holds the file's lock. */
static int update_retrying(store *s, const char *path, const char *const *values, int n)
{
    int rc = update(s, path, values, n);
    for (int i = 0; rc != 0 && i < LOCK_RETRIES && is_error("could not lock"); i++) {
        usleep(LOCK_PAUSE_US);
        rc = update(s, path, values, n);
    }
    return rc;
}

static int missing(store *s, const char *path)
{
    struct stat sb;
    if (s->cached)
        return is_error("No such file");
    return stat(path, &sb) < 0 && errno == ENOENT;
}

/* The values for a reading at T after the file's LAST update. After a gap
 * longer than the heartbeat librrd would give the reading to no minute at
 * all (the whole interval since the last update is unknown, its end
 * included), so the hour before it is first marked unknown and the reading
 * fills that hour, as a station's first reading does. LAST -1 (unknown):
 * the reading alone, and the update says why. How many values. */
static int values_after(time_t last, time_t t, const char *value, char *gap, size_t size,
                        const char **values)
{
    int n = 0;
    if (last != (time_t)-1 && t - last > STORE_HEARTBEAT) {
        snprintf(gap, size, "%lld:U:U", (long long)(t - 3600));
        values[n++] = gap;
    }
    values[n++] = value;
    return n;
}

/* The file's last update, creating the file when it is missing; -1 when
 * that cannot be read (the update then reports why), -2 after a failed
 * create (ERR says why). */
static time_t last_or_create(store *s, const char *path, time_t t, char *err, size_t errlen)
{
    time_t last = last_update(s, path);
    if (last != (time_t)-1 || !missing(s, path))
        return last;
    if (create(s, path, t) != 0 && !is_error("exists")) {
        char why[512];
        errf(err, errlen, "cannot create %s: %s", path, create_why(s, why, sizeof why));
        return -2;
    }
    return last_update(s, path);
}

static store_status update_failed(const store *s, const char *path, char *err, size_t errlen)
{
    int e = errno;
    if (s->cached)
        errf(err, errlen, "%s: rrdcached at %s did not take the update: %s", path, s->daemon,
             *rrd_get_error() ? rrd_get_error()
             : e              ? strerror(e)
                              : "no answer");
    else if (*rrd_get_error())
        errf(err, errlen, "%s: %s", path, rrd_get_error());
    else
        errf(err, errlen, "%s: librrd's update failed: %s", path,
             e ? strerror(e) : "no reason given");
    return STORE_FAILED;
}

/* Through a daemon the file's last update is the one on disk: another
 * poller's update still queued in the daemon can be newer than it, and then
 * the daemon refuses the gap's value; the reading alone is tried again (the
 * queued update ends the gap). */
store_status store_put(store *s, int station, time_t t, double temp, int code, char *err,
                       size_t errlen)
{
    char path[PATH_MAX], value[96], gap[48], cond[16] = "U";
    if (store_path(s, station, path, sizeof path) < 0)
        return errf(err, errlen, "path too long"), STORE_FAILED;
    if (code >= 0)
        snprintf(cond, sizeof cond, "%d", code);
    snprintf(value, sizeof value, "%lld:%.10g:%s", (long long)t, temp, cond);
    time_t last = last_or_create(s, path, t, err, errlen);
    if (last == -2)
        return STORE_FAILED;
    if (last != (time_t)-1 && t <= last)
        return STORE_SKIPPED;
    const char *values[2];
    int n = values_after(last, t, value, gap, sizeof gap, values);
    int rc = update_retrying(s, path, values, n);
    if (rc != 0 && n == 2 && is_error("illegal attempt to update using time"))
        rc = update_retrying(s, path, values + 1, 1);
    if (rc == 0)
        return STORE_STORED;
    if (is_error("illegal attempt to update using time"))
        return STORE_SKIPPED;
    return update_failed(s, path, err, errlen);
}

int store_sync(store *s, int station, time_t t, char *err, size_t errlen)
{
    char path[PATH_MAX];
    if (!s->cached)
        return 0;
    if (store_path(s, station, path, sizeof path) < 0)
        return errf(err, errlen, "path too long");
    rrd_clear_error();
    errno = 0;
    if (rrdc_flush(path) != 0) {
        int e = errno;
        return errf(err, errlen, "%s: rrdcached at %s did not write it (FLUSH): %s", path,
                    s->daemon,
                    *rrd_get_error() ? rrd_get_error()
                    : e              ? strerror(e)
                                     : "no answer");
    }
    time_t last = last_update(s, path);
    if (last >= t)
        return 0;
    char at[32], end[32] = "no file";
    when_format(t, at, sizeof at);
    if (last != (time_t)-1)
        when_format(last, end + 3, sizeof end - 3), memcpy(end, "at ", 3);
    return errf(err, errlen,
                "%s: rrdcached at %s acknowledged the reading of %s but did not "
                "write it (the file ends %s): not stored",
                path, s->daemon, at, end);
}

int store_has(const store *s, int station)
{
    char path[PATH_MAX];
    struct stat sb;
    if (store_path(s, station, path, sizeof path) < 0)
        return 0;
    return s->remote ? last_update(s, path) != (time_t)-1 : stat(path, &sb) == 0;
}

/* The file of STATION, ready to be read: through rrdcached, flushed. */
static int read_path(store *s, int station, char *path, size_t size, char *err, size_t errlen)
{
    if (store_path(s, station, path, size) < 0)
        return errf(err, errlen, "path too long");
    rrd_clear_error();
    if (s->cached && rrdc_flush(path) != 0)
        return errf(err, errlen, "%s: rrdcached flush: %s", path, rrd_get_error());
    return 0;
}

/* A value as librrd writes it ("18.6", "U"): NAN when unknown. */
static double value_of(const char *v)
{
    char *end;
    double x = v ? strtod(v, &end) : NAN;
    return v && end != v && *end == '\0' ? x : NAN;
}

static void set_last(store_last *out, const char *name, const char *value)
{
    double v = value_of(value);
    if (strcmp(name, "temp") == 0 && !isnan(v))
        out->temp = v;
    else if (strcmp(name, "cond") == 0 && !isnan(v))
        out->code = (int)v;
}

/* The last update and its values through the daemon (INFO). */
static int remote_last(store *s, const char *path, store_last *out, char *err, size_t errlen)
{
    rrd_info_t *info = remote_info(s, path, err, errlen);
    const rrd_info_t *t = info_key(info, "last_update");
    if (!t || t->type != RD_I_CNT) {
        rrd_info_free(info);
        return info ? errf(err, errlen, "%s: no last_update in rrdcached's INFO", path) : -1;
    }
    out->time = (time_t)t->value.u_cnt;
    static const char *const ds[] = {"temp", "cond"};
    for (size_t i = 0; i < 2; i++) {
        char key[32];
        snprintf(key, sizeof key, "ds[%s].last_ds", ds[i]);
        const rrd_info_t *k = info_key(info, key);
        if (k && k->type == RD_I_STR)
            set_last(out, ds[i], k->value.u_str);
    }
    rrd_info_free(info);
    return 0;
}

int store_get_last(store *s, int station, store_last *out, char *err, size_t errlen)
{
    char path[PATH_MAX];
    if (read_path(s, station, path, sizeof path, err, errlen) < 0)
        return -1;
    out->temp = NAN;
    out->code = -1;
    if (s->remote)
        return remote_last(s, path, out, err, errlen);
    time_t last;
    rrdhead_ds ds[LAYOUT_N];
    int nds = rrdhead_lastupdate(path, &last, ds, LAYOUT_N);
    for (int i = 0; i < nds; i++)
        set_last(out, ds[i].name, ds[i].value);
    if (nds >= 0)
        return out->time = last, 0;
    unsigned long n = 0;
    char **names = NULL, **values = NULL;
    rrd_clear_error();
    if (rrd_lastupdate_r(path, &last, &n, &names, &values) != 0)
        return errf(err, errlen, "%s: %s", path, rrd_get_error());
    out->time = last;
    for (unsigned long i = 0; i < n; i++) {
        set_last(out, names[i], values[i]);
        free(names[i]);
        free(values[i]);
    }
    free(names);
    free(values);
    return 0;
}

/* Fetches the columns DS[0..N) of a file's rows with consolidation CF;
 * V[i] gets malloc'd values (one per row), *ROWS their count. */
typedef struct {
    time_t start;       /* rows cover (start + i*step, start + (i+1)*step] */
    unsigned long step; /* in: the resolution wanted; out: the one read */
    size_t n;
} span;

static int fetch_columns(const store *s, const char *path, const char *cf, time_t start, time_t end,
                         span *sp, const char *const *ds, double **v, size_t n, char *err,
                         size_t errlen)
{
    time_t want_end = end;
    unsigned long step = sp->step, ds_cnt = 0;
    char **names = NULL;
    rrd_value_t *data = NULL;
    rrd_clear_error();
    int rc0 = s->remote ? rrdc_fetch(path, cf, &start, &end, &step, &ds_cnt, &names, &data)
                        : rrd_fetch_r(path, cf, &start, &end, &step, &ds_cnt, &names, &data);
    if (rc0 != 0)
        return errf(err, errlen, "%s: %s", path, rrd_get_error());
    /* rrd_fetch also returns the row after END: only rows ending by END */
    time_t last = end < want_end ? end : want_end;
    size_t nrows = step && last > start ? (size_t)((last - start) / (time_t)step) : 0;
    int rc = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned long col = ds_cnt;
        for (unsigned long i = 0; i < ds_cnt; i++)
            if (strcmp(names[i], ds[k]) == 0)
                col = i;
        v[k] = rc == 0 ? malloc((nrows ? nrows : 1) * sizeof **v) : NULL;
        if (!v[k] || col == ds_cnt) {
            rc = errf(err, errlen, "%s: no data source '%s'", path, ds[k]);
            continue;
        }
        for (size_t r = 0; r < nrows; r++)
            v[k][r] = data[r * ds_cnt + col];
    }
    for (unsigned long i = 0; i < ds_cnt; i++)
        free(names[i]);
    free(names);
    free(data);
    *sp = (span){start, step, nrows};
    return rc;
}

/* The most frequent code among CODES; -1 when none is known. */
static int most_frequent(const double *codes, size_t n, unsigned *categories)
{
    int best = -1;
    size_t best_count = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(codes[i]))
            continue;
        int code = (int)codes[i];
        *categories |= 1u << weather_category(code);
        size_t count = 0;
        for (size_t j = 0; j < n; j++)
            count += !isnan(codes[j]) && (int)codes[j] == code;
        if (count > best_count)
            best = code, best_count = count;
    }
    return best;
}

int store_window(store *s, int station, time_t start, time_t end, unsigned long step,
                 store_temps temps, store_stats *out, char *err, size_t errlen)
{
    char path[PATH_MAX];
    if (read_path(s, station, path, sizeof path, err, errlen) < 0)
        return -1;
    static const char *const both[] = {"temp", "cond"};
    double *v[2] = {NULL, NULL}, *avg = NULL;
    span sc = {.step = step}, st = {.step = step};
    int rc = fetch_columns(s, path, "LAST", start, end, &sc, both, v, 2, err, errlen);
    if (rc == 0 && temps == STORE_TEMPS_AVERAGE)
        rc = fetch_columns(s, path, "AVERAGE", start, end, &st, both, &avg, 1, err, errlen);
    size_t nc = sc.n, nt = st.n;
    double *temps_v = temps == STORE_TEMPS_AVERAGE ? avg : v[0];
    if (temps != STORE_TEMPS_AVERAGE)
        nt = nc;
    double *codes = v[1];
    if (rc < 0) {
        free(v[0]), free(v[1]), free(avg);
        return -1;
    }
    *out = (store_stats){.min = NAN, .max = NAN, .dominant = -1};
    for (size_t i = 0; i < nt; i++) {
        double t = temps_v[i];
        if (isnan(t))
            continue;
        out->known++;
        out->min = isnan(out->min) || t < out->min ? t : out->min;
        out->max = isnan(out->max) || t > out->max ? t : out->max;
    }
    out->dominant = most_frequent(codes, nc, &out->categories);
    free(v[0]), free(v[1]), free(avg);
    return 0;
}

const unsigned long store_res_step[STORE_RES_N] = {600, 3600, 86400};
const size_t store_res_rows[STORE_RES_N] = {1008, 1512, 3660};

time_t store_kept_since(time_t last, unsigned long step)
{
    for (int i = 0; i < STORE_RES_N; i++)
        if (store_res_step[i] == step)
            return last - last % (time_t)step - (time_t)(store_res_rows[i] - 1) * (time_t)step;
    return 0;
}

void store_rows_free(store_rows *r)
{
    free(r->temp), free(r->code), free(r->tmin), free(r->tmax);
    *r = (store_rows){0};
}

/* One CF's column DS into *V, checking that it has SP's rows. */
static int fetch_same(const store *s, const char *path, const char *cf, const char *ds,
                      time_t start, time_t end, const span *sp, double **v, char *err,
                      size_t errlen)
{
    span got = {.step = sp->step};
    const char *const one[] = {ds};
    if (fetch_columns(s, path, cf, start, end, &got, one, v, 1, err, errlen) < 0)
        return -1;
    if (got.start != sp->start || got.step != sp->step || got.n != sp->n)
        return errf(err, errlen, "%s: its %s rows do not line up with its AVERAGE rows", path, cf);
    return 0;
}

int store_read_rows(store *s, int station, time_t start, time_t end, unsigned long step, int minmax,
                    store_rows *out, char *err, size_t errlen)
{
    char path[PATH_MAX];
    *out = (store_rows){0};
    if (read_path(s, station, path, sizeof path, err, errlen) < 0)
        return -1;
    span sp = {.step = step};
    const char *const temp[] = {"temp"};
    int rc = fetch_columns(s, path, "AVERAGE", start, end, &sp, temp, &out->temp, 1, err, errlen);
    out->start = sp.start, out->step = sp.step, out->n = sp.n;
    if (rc == 0)
        rc = fetch_same(s, path, "LAST", "cond", start, end, &sp, &out->code, err, errlen);
    if (rc == 0 && minmax && sp.step >= 86400)
        rc = fetch_same(s, path, "MIN", "temp", start, end, &sp, &out->tmin, err, errlen) ||
             fetch_same(s, path, "MAX", "temp", start, end, &sp, &out->tmax, err, errlen);
    if (rc != 0)
        store_rows_free(out);
    return rc ? -1 : 0;
}

/* The LAST rows of resolution I over all that the file keeps of it, and
 * the end of the first with a temperature (*FOUND, 0 when none);
 * *AT_START: that is the oldest row kept, so the data may be older. */
static int first_row(const store *s, const char *path, int i, time_t last, store_rows *rows,
                     time_t *found, int *at_start, char *err, size_t errlen)
{
    time_t since = store_kept_since(last, store_res_step[i]);
    span sp = {.step = store_res_step[i]};
    const char *const both[] = {"temp", "cond"};
    double *v[2] = {NULL, NULL};
    *found = 0;
    if (fetch_columns(s, path, "LAST", since - (time_t)sp.step, last, &sp, both, v, 2, err,
                      errlen) < 0)
        return free(v[0]), free(v[1]), -1;
    for (size_t r = 0; sp.step == store_res_step[i] && r < sp.n && !*found; r++)
        if (!isnan(v[0][r]))
            *found = sp.start + (time_t)((r + 1) * sp.step);
    *at_start = *found && *found <= since;
    *rows = (store_rows){sp.start, sp.step, sp.n, v[0], v[1], NULL, NULL};
    return 0;
}

int store_first(store *s, int station, time_t last, store_rows *out, char *err, size_t errlen)
{
    char path[PATH_MAX];
    *out = (store_rows){0};
    if (read_path(s, station, path, sizeof path, err, errlen) < 0)
        return -1;
    store_rows rows[STORE_RES_N] = {{0}};
    time_t f[STORE_RES_N];
    int at_start[STORE_RES_N], rc = 0;
    for (int i = 0; i < STORE_RES_N && rc == 0; i++)
        rc = first_row(s, path, i, last, &rows[i], &f[i], &at_start[i], err, errlen);
    /* the finest resolution whose first row is not its oldest, unless a
     * coarser one has a row that ends before that resolution's oldest row
     * (readings older than a gap) */
    for (int i = 0; i < STORE_RES_N && rc == 0 && !out->n; i++) {
        int older = i + 1 < STORE_RES_N && f[i + 1] &&
                    f[i + 1] <= store_kept_since(last, store_res_step[i]);
        if (f[i] && (!at_start[i] || i + 1 == STORE_RES_N) && !older)
            *out = rows[i], rows[i] = (store_rows){0};
    }
    for (int i = 0; i < STORE_RES_N; i++)
        store_rows_free(&rows[i]);
    return rc;
}

static int int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* A station's file name: digits, then ".rrd". */
static int station_file(const char *name)
{
    size_t digits = strspn(name, "0123456789");
    if (digits == 0 || digits > 6 || strcmp(name + digits, ".rrd") != 0)
        return -1;
    return atoi(name);
}

int store_stations(const char *data_dir, int **out, size_t *n, char *err, size_t errlen)
{
    DIR *d = opendir(data_dir);
    *out = NULL, *n = 0;
    if (!d)
        return errno == ENOENT ? 0 : errf(err, errlen, "%s: %s", data_dir, strerror(errno));
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        int id = station_file(e->d_name);
        if (id <= 0)
            continue;
        if (VEC_RESERVE(*out, *n, cap, 128) < 0) {
            closedir(d);
            free(*out);
            *out = NULL, *n = 0;
            return errf(err, errlen, "out of memory");
        }
        (*out)[(*n)++] = id;
    }
    closedir(d);
    if (*n)
        qsort(*out, *n, sizeof **out, int_cmp);
    return 0;
}

int store_is_remote(const store *s)
{
    return s->remote;
}

/* The stations the registry has and the daemon a file for, one INFO each
 * (a socket that refuses LIST). */
static int list_by_info(const store *s, const wx_registry *reg, int **out, size_t *n, char *err,
                        size_t errlen)
{
    size_t cap = 0;
    for (size_t i = 0; i < stations_count(reg); i++) {
        int id = stations_at(reg, i)->id;
        if (!store_has(s, id))
            continue;
        if (VEC_RESERVE(*out, *n, cap, 128) < 0)
            return errf(err, errlen, "out of memory");
        (*out)[(*n)++] = id;
    }
    return 0;
}

/* The station files in LIST's answer, one name a line; 0 or -1. */
static int list_names(char *list, int **out, size_t *n)
{
    size_t cap = 0;
    for (char *save = NULL, *line = strtok_r(list, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        int id = station_file(line);
        if (id <= 0)
            continue;
        if (VEC_RESERVE(*out, *n, cap, 128) < 0)
            return -1;
        (*out)[(*n)++] = id;
    }
    if (*n)
        qsort(*out, *n, sizeof **out, int_cmp);
    return 0;
}

/* Remotely: the daemon's LIST of the prefix's directory (one round trip);
 * where the socket refuses LIST, an INFO per registered station. */
static int list_remote(const store *s, const wx_registry *reg, int **out, size_t *n, char *err,
                       size_t errlen)
{
    char dirname[PATH_MAX];
    size_t len = strlen(s->dir);
    while (len && s->dir[len - 1] == '/')
        len--;
    snprintf(dirname, sizeof dirname, "/%.*s", (int)len, s->dir);
    rrd_clear_error();
    char *list = rrdc_list(0, dirname);
    if (!list) {
        if (is_error("Permission denied"))
            return list_by_info(s, reg, out, n, err, errlen);
        if (is_error("No such file"))
            return 0; /* no station stored yet under the prefix */
        return errf(err, errlen, "rrdcached at %s: LIST %s: %s", s->daemon, dirname,
                    *rrd_get_error() ? rrd_get_error() : "no answer");
    }
    int rc = list_names(list, out, n);
    free(list);
    return rc < 0 ? errf(err, errlen, "out of memory") : 0;
}

int store_list(const store *s, const wx_registry *reg, int **out, size_t *n, char *err,
               size_t errlen)
{
    if (!s->remote)
        return store_stations(s->dir, out, n, err, errlen);
    *out = NULL, *n = 0;
    if (list_remote(s, reg, out, n, err, errlen) == 0)
        return 0;
    free(*out);
    *out = NULL, *n = 0;
    return -1;
}
