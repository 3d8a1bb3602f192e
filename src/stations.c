/* stations: the KMA station registry, read at run time from a TSV file. */
#include "stations.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "fileio.h"
#include "utf8.h"
#include "vec.h"

#define REGISTRY_MAX_BYTES (16u << 20)
#define FIELDS_MIN 7 /* id .. province; aliases are optional */
#define FIELDS_MAX 8

typedef struct {
    char *key; /* owned; lower-cased for romanized keys */
    size_t idx;
} name_key;

typedef struct {
    name_key *v;
    size_t n, cap;
} name_index;

struct wx_registry {
    wx_station *st;
    size_t n, cap;
    name_index exact; /* Korean names and aliases */
    name_index roman; /* romanized names, lower-cased */
};

static int key_cmp(const void *a, const void *b)
{
    return strcmp(((const name_key *)a)->key, ((const name_key *)b)->key);
}

static int st_cmp(const void *a, const void *b)
{
    int x = ((const wx_station *)a)->id, y = ((const wx_station *)b)->id;
    return (x > y) - (x < y);
}

static int index_add(name_index *ix, const char *key, size_t len, size_t idx)
{
    if (VEC_RESERVE(ix->v, ix->n, ix->cap, 256) < 0)
        return -1;
    char *k = strndup(key, len);
    if (!k)
        return -1;
    ix->v[ix->n].key = k;
    ix->v[ix->n].idx = idx;
    ix->n++;
    return 0;
}

static void index_free(name_index *ix)
{
    for (size_t i = 0; i < ix->n; i++)
        free(ix->v[i].key);
    free(ix->v);
}

void stations_free(wx_registry *reg)
{
    if (!reg)
        return;
    index_free(&reg->exact);
    index_free(&reg->roman);
    free(reg->st);
    free(reg);
}

/* Splits LINE in place at tabs into at most MAX fields of F; returns the
 * number of fields on the line, which may be more. */
static int split_tabs(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p; p++) {
        if (*p == '\t') {
            *p = '\0';
            if (n < max)
                f[n] = p + 1;
            n++;
        }
    }
    return n;
}

static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static int parse_double(const char *s, double *out, int allow_empty)
{
    if (!*s && allow_empty) {
        *out = NAN;
        return 0;
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (!*s || *end || errno || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int copy_field(char *dst, const char *src)
{
    return bprintf(dst, WX_NAME_MAX, "%s", src);
}

/* Fills ST from the fields of one line; on error names the bad field. */
static int station_fields(char **f, int nf, wx_station *st, const char **bad)
{
    char *end;
    errno = 0;
    long id = strtol(f[0], &end, 10);
    if (!*f[0] || *end || errno || id <= 0 || id > 999999)
        return *bad = "station number", -1;
    st->id = (int)id;
    if (!*f[1] || copy_field(st->name, f[1]) < 0)
        return *bad = "Korean name", -1;
    if (copy_field(st->name_en, f[2]) < 0)
        return *bad = "romanized name", -1;
    if (parse_double(f[3], &st->lat, 0) < 0 || fabs(st->lat) > 90)
        return *bad = "latitude", -1;
    if (parse_double(f[4], &st->lon, 0) < 0 || fabs(st->lon) > 180)
        return *bad = "longitude", -1;
    if (parse_double(f[5], &st->elevation, 1) < 0)
        return *bad = "elevation", -1;
    if (copy_field(st->province, nf > 6 ? f[6] : "") < 0)
        return *bad = "province", -1;
    return 0;
}

typedef struct {
    wx_station st;
    char *aliases; /* owned; comma-separated, may be NULL */
    int lineno;
} entry;

typedef struct {
    entry *v;
    size_t n, cap;
} entries;

/* By number, then by line, so a duplicate number blames its later line
 * whatever order qsort leaves equal numbers in. */
static int entry_cmp(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = st_cmp(&x->st, &y->st);
    return c ? c : (x->lineno > y->lineno) - (x->lineno < y->lineno);
}

static void entries_free(entries *e)
{
    for (size_t i = 0; i < e->n; i++)
        free(e->v[i].aliases);
    free(e->v);
}

static int entries_add(entries *e, const wx_station *st, const char *aliases, int lineno)
{
    if (VEC_RESERVE(e->v, e->n, e->cap, 128) < 0)
        return -1;
    char *a = NULL;
    if (aliases && *aliases && !(a = strdup(aliases)))
        return -1;
    e->v[e->n++] = (entry){*st, a, lineno};
    return 0;
}

/* The aliases of a line as "a,b": trimmed, empty ones left out. */
static int join_aliases(char *dst, size_t size, const char *field)
{
    char copy[1024], *save = NULL;
    size_t len = 0;
    if (bprintf(copy, sizeof copy, "%s", field) < 0)
        return -1;
    dst[0] = '\0';
    for (char *a = strtok_r(copy, ",", &save); a; a = strtok_r(NULL, ",", &save)) {
        a = trim(a);
        if (!*a)
            continue;
        if (bprintf(dst + len, size - len, "%s%s", len ? "," : "", a) < 0)
            return -1;
        len += strlen(dst + len);
    }
    return 0;
}

static int parse_line(entries *e, char *line, const char *origin, int lineno, char *err,
                      size_t errlen)
{
    char *f[FIELDS_MAX + 1];
    line = trim(line);
    if (!*line || *line == '#')
        return 0;
    int nf = split_tabs(line, f, FIELDS_MAX);
    if (strcmp(trim(f[0]), "id") == 0) /* the header line */
        return 0;
    if (nf < FIELDS_MIN || nf > FIELDS_MAX)
        return errf(err, errlen, "%s:%d: expected %d or %d tab-separated fields, found %d", origin,
                    lineno, FIELDS_MIN, FIELDS_MAX, nf);
    for (int i = 0; i < nf; i++)
        f[i] = trim(f[i]);
    wx_station st;
    const char *bad = NULL;
    if (station_fields(f, nf, &st, &bad) < 0)
        return errf(err, errlen, "%s:%d: bad %s", origin, lineno, bad);
    if (nf > 7 && join_aliases(st.aliases, sizeof st.aliases, f[7]) < 0)
        return errf(err, errlen, "%s:%d: bad aliases (longer than %zu bytes)", origin, lineno,
                    sizeof st.aliases - 1);
    if (entries_add(e, &st, nf > 7 ? f[7] : NULL, lineno) < 0)
        return errf(err, errlen, "%s: out of memory", origin);
    return 0;
}

static int index_names(wx_registry *reg, const entries *e)
{
    for (size_t i = 0; i < e->n; i++) {
        const wx_station *st = &reg->st[i];
        if (index_add(&reg->exact, st->name, strlen(st->name), i) < 0)
            return -1;
        if (st->name_en[0]) {
            char low[WX_NAME_MAX];
            size_t k;
            for (k = 0; st->name_en[k]; k++)
                low[k] = (char)tolower((unsigned char)st->name_en[k]);
            if (index_add(&reg->roman, low, k, i) < 0)
                return -1;
        }
        if (!e->v[i].aliases)
            continue;
        char *save = NULL;
        for (char *a = strtok_r(e->v[i].aliases, ",", &save); a; a = strtok_r(NULL, ",", &save)) {
            a = trim(a);
            if (*a && index_add(&reg->exact, a, strlen(a), i) < 0)
                return -1;
        }
    }
    qsort(reg->exact.v, reg->exact.n, sizeof *reg->exact.v, key_cmp);
    if (reg->roman.n) /* none when no station has a romanized name */
        qsort(reg->roman.v, reg->roman.n, sizeof *reg->roman.v, key_cmp);
    return 0;
}

/* A name or alias that names two stations would make lookups ambiguous. */
static int check_unique(const wx_registry *reg, const name_index *ix, const entries *e,
                        const char *origin, char *err, size_t errlen)
{
    for (size_t i = 1; i < ix->n; i++) {
        size_t a = ix->v[i - 1].idx, b = ix->v[i].idx;
        if (strcmp(ix->v[i - 1].key, ix->v[i].key) != 0 || a == b)
            continue;
        if (e->v[a].lineno > e->v[b].lineno) { /* blame the later line */
            size_t t = a;
            a = b, b = t;
        }
        return errf(err, errlen, "%s:%d: name '%s' already names station %d (line %d)", origin,
                    e->v[b].lineno, ix->v[i].key, reg->st[a].id, e->v[a].lineno);
    }
    return 0;
}

static int build(wx_registry *reg, entries *e, const char *origin, char *err, size_t errlen)
{
    if (e->n == 0)
        return errf(err, errlen, "%s: no stations", origin);
    qsort(e->v, e->n, sizeof *e->v, entry_cmp);
    for (size_t i = 1; i < e->n; i++)
        if (e->v[i].st.id == e->v[i - 1].st.id)
            return errf(err, errlen, "%s:%d: station %d is already on line %d", origin,
                        e->v[i].lineno, e->v[i].st.id, e->v[i - 1].lineno);
    if (!(reg->st = malloc(e->n * sizeof *reg->st)))
        return errf(err, errlen, "%s: out of memory", origin);
    for (size_t i = 0; i < e->n; i++)
        reg->st[i] = e->v[i].st;
    reg->n = e->n;
    if (index_names(reg, e) < 0)
        return errf(err, errlen, "%s: out of memory", origin);
    if (check_unique(reg, &reg->exact, e, origin, err, errlen) < 0 ||
        check_unique(reg, &reg->roman, e, origin, err, errlen) < 0)
        return -1;
    return 0;
}

wx_registry *stations_parse(const char *text, size_t len, const char *origin, char *err,
                            size_t errlen)
{
    wx_registry *reg = calloc(1, sizeof *reg);
    entries e = {0};
    char *copy = strndup(text, len);
    if (!reg || !copy) {
        errf(err, errlen, "%s: out of memory", origin);
        goto fail;
    }
    if (memchr(text, '\0', len)) {
        errf(err, errlen, "%s: contains a NUL byte", origin);
        goto fail;
    }
    int lineno = 0;
    for (char *p = copy, *line; (line = strsep(&p, "\n")) != NULL;) {
        if (parse_line(&e, line, origin, ++lineno, err, errlen) < 0)
            goto fail;
    }
    if (build(reg, &e, origin, err, errlen) < 0)
        goto fail;
    entries_free(&e);
    free(copy);
    return reg;
fail:
    entries_free(&e);
    free(copy);
    stations_free(reg);
    return NULL;
}

wx_registry *stations_load(const char *path, char *err, size_t errlen)
{
    buf_t b = {0};
    char why[256];
    if (file_read(path, REGISTRY_MAX_BYTES, &b, why, sizeof why) < 0) {
        errf(err, errlen, "%s: %s", path, why);
        return NULL;
    }
    wx_registry *reg = stations_parse(b.data ? b.data : "", b.len, path, err, errlen);
    buf_free(&b);
    return reg;
}

size_t stations_count(const wx_registry *reg)
{
    return reg->n;
}

const wx_station *stations_at(const wx_registry *reg, size_t i)
{
    return i < reg->n ? &reg->st[i] : NULL;
}

long stations_index(const wx_registry *reg, const wx_station *st)
{
    if (!st || st < reg->st || st >= reg->st + reg->n)
        return -1;
    return (long)(st - reg->st);
}

const wx_station *stations_by_id(const wx_registry *reg, int id)
{
    wx_station key = {.id = id};
    return bsearch(&key, reg->st, reg->n, sizeof *reg->st, st_cmp);
}

static const wx_station *index_find(const wx_registry *reg, const name_index *ix, const char *name)
{
    name_key key = {(char *)name, 0};
    if (!ix->n)
        return NULL;
    const name_key *k = bsearch(&key, ix->v, ix->n, sizeof *ix->v, key_cmp);
    return k ? &reg->st[k->idx] : NULL;
}

const wx_station *stations_by_name(const wx_registry *reg, const char *name, size_t len)
{
    char tmp[WX_NAME_MAX * 2];
    if (len == 0 || len >= sizeof tmp || memchr(name, '\0', len))
        return NULL;
    memcpy(tmp, name, len);
    tmp[len] = '\0';
    const wx_station *st = index_find(reg, &reg->exact, tmp);
    if (st || (unsigned char)tmp[0] >= 0x80) /* romanized names are ASCII */
        return st;
    for (size_t i = 0; i < len; i++)
        tmp[i] = (char)tolower((unsigned char)tmp[i]);
    return index_find(reg, &reg->roman, tmp);
}

const wx_station *stations_find(const wx_registry *reg, const char *query)
{
    char *end;
    errno = 0;
    long id = strtol(query, &end, 10);
    if (*query && !*end && !errno && id > 0 && id <= 999999)
        return stations_by_id(reg, (int)id);
    return stations_by_name(reg, query, strlen(query));
}

#define SUGGEST_MAX_CP 64 /* longer names and queries are not compared */

/* S as code points for comparing spellings: ASCII lower-cased, Hangul
 * syllables as their jamo (서을 is one jamo from 서울 but three from 서산).
 * How many, or 0 when too long. */
static size_t code_points(const char *s, unsigned *cp)
{
    size_t len = strlen(s), n = 0, k;
    for (size_t i = 0; i < len; i += k) {
        unsigned c = utf8_decode(s, len, i, &k), parts[3], np = 0;
        if (c >= 0xAC00 && c <= 0xD7A3) {
            unsigned x = c - 0xAC00;
            parts[np++] = 0x1100 + x / (21 * 28);
            parts[np++] = 0x1161 + x % (21 * 28) / 28;
            if (x % 28)
                parts[np++] = 0x11A7 + x % 28;
        } else {
            parts[np++] = c < 0x80 ? (unsigned)tolower((int)c) : c;
        }
        for (unsigned j = 0; j < np; j++) {
            if (n == SUGGEST_MAX_CP)
                return 0;
            cp[n++] = parts[j];
        }
    }
    return n;
}

/* Levenshtein distance between code point strings. */
static size_t edit_distance(const unsigned *a, size_t na, const unsigned *b, size_t nb)
{
    size_t row[SUGGEST_MAX_CP + 1];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            best = up + 1 < best ? up + 1 : best;
            best = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
            diag = up;
            row[j] = best;
        }
    }
    return row[nb];
}

typedef struct {
    const char *name;
    size_t dist;
} suggestion;

/* Keeps OUT (N of MAX) sorted by distance, first come first among equals. */
static void suggest_add(suggestion *out, size_t *n, size_t max, const char *name, size_t dist)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(out[i].name, name) == 0)
            return;
    size_t at = *n;
    while (at > 0 && out[at - 1].dist > dist)
        at--;
    if (at >= max)
        return;
    size_t last = *n < max ? *n : max - 1;
    memmove(out + at + 1, out + at, (last - at) * sizeof *out);
    out[at] = (suggestion){name, dist};
    if (*n < max)
        (*n)++;
}

static void suggest_index(const name_index *ix, const unsigned *q, size_t nq, size_t limit,
                          suggestion *out, size_t *n, size_t max)
{
    unsigned cp[SUGGEST_MAX_CP];
    for (size_t i = 0; i < ix->n; i++) {
        size_t nc = code_points(ix->v[i].key, cp);
        size_t d = nc ? edit_distance(q, nq, cp, nc) : limit + 1;
        if (d <= limit)
            suggest_add(out, n, max, ix->v[i].key, d);
    }
}

size_t stations_suggest(const wx_registry *reg, const char *query, const char **names, size_t max)
{
    unsigned q[SUGGEST_MAX_CP];
    size_t nq = code_points(query, q), n = 0;
    suggestion best[8];
    if (!nq || !max)
        return 0;
    max = max < 8 ? max : 8;
    size_t limit = nq / 3 > 1 ? nq / 3 : 1;
    suggest_index(&reg->exact, q, nq, limit, best, &n, max);
    suggest_index(&reg->roman, q, nq, limit, best, &n, max);
    for (size_t i = 0; i < n; i++) {
        /* a romanized key is lower-cased: name the station's own spelling */
        const wx_station *st = stations_by_name(reg, best[i].name, strlen(best[i].name));
        names[i] = st && strcasecmp(st->name_en, best[i].name) == 0 ? st->name_en : best[i].name;
    }
    return n;
}
