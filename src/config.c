/* config: wxstrip.conf and the global options, through one table of keys. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "charset.h"
#include "fileio.h"
#include "vec.h"

#define CONFIG_MAX_BYTES (1u << 20)

typedef enum {
    KEY_PATH,
    KEY_OPT_PATH, /* a path, or empty for none */
    KEY_STRING,
    KEY_DURATION,
    KEY_SIZE,
    KEY_SOURCE,
    KEY_INT,
    KEY_COLOR,
    KEY_SCALE,
    KEY_ZONE,
    KEY_PREFIX
} key_type;

static const struct key {
    const char *name;
    key_type type;
    size_t offset;
    size_t size; /* of a string field */
    long min, max;
} keys[] = {
    {"source", KEY_SOURCE, 0, 0, 0, 0},
    {"data_dir", KEY_PATH, offsetof(wx_config, data_dir), WX_PATH_MAX, 0, 0},
    {"graph_dir", KEY_PATH, offsetof(wx_config, graph_dir), WX_PATH_MAX, 0, 0},
    {"stations_file", KEY_PATH, offsetof(wx_config, stations_file), WX_PATH_MAX, 0, 0},
    {"rrdcached", KEY_STRING, offsetof(wx_config, rrdcached), WX_PATH_MAX, 0, 0},
    {"rrd_prefix", KEY_PREFIX, offsetof(wx_config, rrd_prefix), 256, 0, 0},
    {"timezone", KEY_ZONE, offsetof(wx_config, timezone), 64, 0, 0},
    {"timeout", KEY_DURATION, offsetof(wx_config, timeout), 0, 1, 3600},
    {"max_page_bytes", KEY_SIZE, offsetof(wx_config, max_page_bytes), 0, 1024, 1L << 30},
    {"user_agent", KEY_STRING, offsetof(wx_config, user_agent), 256, 0, 0},
    {"max_strip_age", KEY_DURATION, offsetof(wx_config, max_strip_age), 0, 60, 86400 * 31},
    {"lock_wait", KEY_DURATION, offsetof(wx_config, lock_wait), 0, 0, 86400},
    {"metrics_file", KEY_OPT_PATH, offsetof(wx_config, metrics_file), WX_PATH_MAX, 0, 0},
    {"graph_width", KEY_INT, offsetof(wx_config, graph_width), 0, 200, 4000},
    {"graph_height", KEY_INT, offsetof(wx_config, graph_height), 0, 80, 2000},
    {"graph_scale", KEY_SCALE, offsetof(wx_config, graph_scale), 0, 0, 0},
    {"graph_font", KEY_STRING, offsetof(wx_config, graph_font), 64, 0, 0},
    {"graph_line_color", KEY_COLOR, offsetof(wx_config, graph_line_color), 16, 0, 0},
    {"graph_background", KEY_COLOR, offsetof(wx_config, graph_background), 16, 0, 0},
#define CAT_COLOR(name, i)                                                                         \
    {                                                                                              \
        "color_" name, KEY_COLOR, offsetof(wx_config, graph_cat_color[i]), 16, 0, 0                \
    }
    CAT_COLOR("clear", 1),
    CAT_COLOR("cloud", 2),
    CAT_COLOR("obscuration", 3),
    CAT_COLOR("dust", 4),
    CAT_COLOR("rain", 5),
    CAT_COLOR("snow", 6),
    CAT_COLOR("mixed", 7),
    CAT_COLOR("storm", 8),
#undef CAT_COLOR
};

void config_init(wx_config *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->data_dir, sizeof c->data_dir, "/var/lib/wxstrip");
    snprintf(c->graph_dir, sizeof c->graph_dir, "/var/lib/wxstrip/graphs");
    snprintf(c->stations_file, sizeof c->stations_file, "/var/lib/wxstrip/stations.tsv");
    snprintf(c->timezone, sizeof c->timezone, "Asia/Seoul");
    snprintf(c->user_agent, sizeof c->user_agent,
             "wxstrip/" WX_VERSION " (KMA weather strip recorder)");
    c->timeout = 30;
    c->max_page_bytes = 8L << 20;
    c->max_strip_age = 3 * 3600;
    c->lock_wait = 60;
    c->graph_scale = 3; /* 1x and @2x */
}

void config_free(wx_config *c)
{
    free(c->sources);
    c->sources = NULL;
    c->nsources = c->capsources = 0;
}

/* A number with an optional unit from UNITS ("s60m3600"...). */
static int with_unit(const char *s, long *out, const char *const *units, const long *mult)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || errno || v < 0)
        return -1;
    while (*end == ' ')
        end++;
    long m = 1;
    if (*end) {
        size_t i;
        for (i = 0; units[i] && strcasecmp(end, units[i]) != 0; i++)
            ;
        if (!units[i])
            return -1;
        m = mult[i];
    }
    if (v > LONG_MAX / m)
        return -1;
    *out = v * m;
    return 0;
}

int config_duration(const char *s, long *seconds)
{
    static const char *const units[] = {"s", "m", "min", "h", "d", NULL};
    static const long mult[] = {1, 60, 60, 3600, 86400};
    return with_unit(s, seconds, units, mult);
}

int config_size(const char *s, long *bytes)
{
    static const char *const units[] = {"b", "k", "kb", "m", "mb", "g", "gb", NULL};
    static const long mult[] = {1, 1L << 10, 1L << 10, 1L << 20, 1L << 20, 1L << 30, 1L << 30};
    return with_unit(s, bytes, units, mult);
}

static int is_url(const char *s)
{
    return strstr(s, "://") != NULL;
}

/* Joins BASE and a relative PATH into DST. */
static int resolve_path(char *dst, size_t size, const char *path, const char *base)
{
    if (path[0] == '/' || !base || !*base)
        return bprintf(dst, size, "%s", path);
    size_t n = strlen(base);
    return bprintf(dst, size, "%s%s%s", base, base[n - 1] == '/' ? "" : "/", path);
}

/* Copies the word at *S into DST and moves *S past it and the blanks after
 * it; -1 when the word does not fit. */
static int next_word(const char **s, char *dst, size_t size)
{
    size_t n = strcspn(*s, " \t");
    if (n >= size)
        return -1;
    memcpy(dst, *s, n);
    dst[n] = '\0';
    *s += n + strspn(*s + n, " \t");
    return 0;
}

/* VALUE is "URL [CHARSET]" or "URL charset=CHARSET". */
static int add_source(wx_config *c, const char *value, const char *base, char *err, size_t errlen)
{
    char url[WX_PATH_MAX], cs[64];
    value += strspn(value, " \t");
    if (!*value)
        return errf(err, errlen, "a source needs a URL or a file");
    if (next_word(&value, url, sizeof url) < 0 || next_word(&value, cs, sizeof cs) < 0)
        return errf(err, errlen, "source too long");
    const char *charset = strncasecmp(cs, "charset=", 8) == 0 ? cs + 8 : cs;
    int known = !*charset || charset_known(charset);
    if (*value || !known) {
        if (is_url(url) && !known) /* "http://x/a b": half a URL, never a URL and a charset */
            return errf(err, errlen,
                        "'%s %s%s%s' is not a URL and a charset: a URL cannot "
                        "contain white space (write it as %%20)",
                        url, cs, *value ? " " : "", value);
        return *value ? errf(err, errlen, "unexpected '%s' after the source's charset", value)
                      : errf(err, errlen, "unknown charset '%s' (iconv cannot read it)", charset);
    }
    if (VEC_RESERVE(c->sources, c->nsources, c->capsources, 4) < 0)
        return errf(err, errlen, "out of memory");
    wx_source *s = &c->sources[c->nsources];
    if ((is_url(url) ? bprintf(s->url, sizeof s->url, "%s", url)
                     : resolve_path(s->url, sizeof s->url, url, base)) < 0 ||
        bprintf(s->charset, sizeof s->charset, "%s", charset) < 0)
        return errf(err, errlen, "source too long");
    c->nsources++;
    return 0;
}

int config_zone_known(const char *name)
{
    char path[WX_PATH_MAX], magic[4];
    if (!*name || name[0] == '/' || strstr(name, "..") ||
        bprintf(path, sizeof path, "%s/%s", WX_ZONEINFO, name) < 0)
        return 0;
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(magic, 1, sizeof magic, f) : 0;
    if (f)
        fclose(f);
    return n == sizeof magic && memcmp(magic, "TZif", 4) == 0;
}

static int set_number(const struct key *k, long *field, const char *value, char *err, size_t errlen)
{
    long v;
    int rc = k->type == KEY_DURATION ? config_duration(value, &v) : config_size(value, &v);
    if (rc < 0)
        return errf(err, errlen, "bad value '%s' for %s (%s)", value, k->name,
                    k->type == KEY_DURATION ? "seconds, or a number with s, m, h or d"
                                            : "bytes, or a number with k, M or G");
    if (v < k->min || v > k->max)
        return errf(err, errlen, "%s %s is out of range (%ld to %ld%s)", k->name, value, k->min,
                    k->max, k->type == KEY_DURATION ? " seconds" : " bytes");
    *field = v;
    return 0;
}

int config_scale(const char *s, int *mask)
{
    static const struct {
        const char *name;
        int mask;
    } scales[] = {{"1", 1}, {"2", 2}, {"both", 3}};
    for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++)
        if (strcmp(s, scales[i].name) == 0)
            return *mask = scales[i].mask, 0;
    return -1;
}

/* "#rrggbb" or "#rrggbbaa", as rrdtool takes colours. */
static int is_color(const char *s)
{
    size_t n = strlen(s);
    if (s[0] != '#' || (n != 7 && n != 9))
        return 0;
    return strspn(s + 1, "0123456789abcdefABCDEF") == n - 1;
}

static int set_other(const struct key *k, char *field, const char *value, char *err, size_t errlen)
{
    char *end;
    long v;
    switch (k->type) {
    case KEY_INT:
        v = strtol(value, &end, 10);
        if (!*value || *end || v < k->min || v > k->max)
            return errf(err, errlen, "%s must be a number from %ld to %ld", k->name, k->min,
                        k->max);
        *(long *)(void *)field = v;
        return 0;
    case KEY_COLOR:
        if (!is_color(value))
            return errf(err, errlen, "%s must be a colour like #d33a2c", k->name);
        return bprintf(field, k->size, "%s", value);
    case KEY_SCALE:
        if (config_scale(value, (int *)(void *)field) < 0)
            return errf(err, errlen, "%s must be 1, 2 or both", k->name);
        return 0;
    case KEY_PREFIX: /* a name under the daemon's base directory, never a path out of it */
        if (value[0] == '/' || strstr(value, "..") || strchr(value, '\\'))
            return errf(err, errlen,
                        "%s '%s' must be relative to the daemon's directory "
                        "(like wxstrip/), without '..'",
                        k->name, value);
        return bprintf(field, k->size, "%s", value) < 0
                   ? errf(err, errlen, "%s is too long", k->name)
                   : 0;
    case KEY_ZONE:
        if (strlen(value) >= k->size)
            return errf(err, errlen, "%s is too long", k->name);
        if (!config_zone_known(value))
            return errf(err, errlen,
                        "timezone '%s' is not in the zoneinfo database (%s); "
                        "for Korea: Asia/Seoul",
                        value, WX_ZONEINFO);
        return bprintf(field, k->size, "%s", value);
    default: return errf(err, errlen, "%s: unknown type", k->name);
    }
}

int config_set(wx_config *c, const char *key, const char *value, const char *base, char *err,
               size_t errlen)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const struct key *k = &keys[i];
        if (strcmp(k->name, key) != 0)
            continue;
        char *field = (char *)c + k->offset;
        switch (k->type) {
        case KEY_SOURCE: return add_source(c, value, base, err, errlen);
        case KEY_OPT_PATH:
            if (!*value)
                return field[0] = '\0', 0;
            /* fall through */
        case KEY_PATH:
            if (!*value)
                return errf(err, errlen, "%s needs a path", key);
            if (resolve_path(field, k->size, value, base) < 0)
                return errf(err, errlen, "%s is too long", key);
            return 0;
        case KEY_STRING:
            if (bprintf(field, k->size, "%s", value) < 0)
                return errf(err, errlen, "%s is too long", key);
            return 0;
        case KEY_DURATION:
        case KEY_SIZE: return set_number(k, (long *)(void *)field, value, err, errlen);
        default: return set_other(k, field, value, err, errlen);
        }
    }
    return errf(err, errlen, "unknown key '%s'", key);
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

static int read_line(wx_config *c, char *line, const char *base, char *why, size_t whylen)
{
    line = trim(line);
    if (!*line || *line == '#')
        return 0;
    char *eq = strchr(line, '=');
    if (!eq)
        return errf(why, whylen, "expected 'key = value'");
    *eq = '\0';
    return config_set(c, trim(line), trim(eq + 1), base, why, whylen);
}

int config_parse(wx_config *c, const char *text, size_t len, const char *origin, const char *base,
                 char *err, size_t errlen)
{
    char why[512];
    char *copy = strndup(text, len);
    if (!copy)
        return errf(err, errlen, "%s: out of memory", origin);
    if (memchr(text, '\0', len)) {
        free(copy);
        return errf(err, errlen, "%s: contains a NUL byte", origin);
    }
    int lineno = 0, rc = 0;
    for (char *p = copy, *line; rc == 0 && (line = strsep(&p, "\n")) != NULL;) {
        lineno++;
        if (read_line(c, line, base, why, sizeof why) < 0)
            rc = errf(err, errlen, "%s:%d: %s", origin, lineno, why);
    }
    free(copy);
    return rc;
}

int config_read(wx_config *c, const char *path, char *err, size_t errlen)
{
    buf_t b = {0};
    char why[512];
    if (file_read(path, CONFIG_MAX_BYTES, &b, why, sizeof why) < 0)
        return errf(err, errlen, "cannot read config %s: %s", path, why);
    char base[WX_PATH_MAX];
    snprintf(base, sizeof base, "%s", path);
    char *slash = strrchr(base, '/');
    if (slash)
        *slash = '\0';
    else
        base[0] = '\0';
    if (slash == base)
        snprintf(base, sizeof base, "/");
    bprintf(c->file, sizeof c->file, "%s", path);
    int rc = config_parse(c, b.data ? b.data : "", b.len, path, base, err, errlen);
    buf_free(&b);
    return rc;
}

static size_t dir_len(const char *p)
{
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')
        n--;
    return n;
}

/* 1 when directory A is B, 2 when it lies inside B (paths as resolved from
 * the file's directory), else 0. */
static int path_within(const char *a, const char *b)
{
    size_t na = dir_len(a), nb = dir_len(b);
    if (na < nb || strncmp(a, b, nb) != 0)
        return 0;
    return na == nb ? 1 : a[nb] == '/' ? 2 : 0;
}

int config_check(const wx_config *c, char *err, size_t errlen)
{
    if (!config_zone_known(c->timezone))
        return errf(err, errlen,
                    "timezone '%s' is not in the zoneinfo database (%s): "
                    "install tzdata",
                    c->timezone, WX_ZONEINFO);
    /* a web server serves graph_dir: it must never serve the RRD files or
     * sources.state */
    int within = path_within(c->data_dir, c->graph_dir);
    if (within)
        return errf(err, errlen,
                    "data_dir %s is %s graph_dir %s, which a web server serves: "
                    "give them directories of their own",
                    c->data_dir, within == 1 ? "the same as" : "inside", c->graph_dir);
    return 0;
}
