/* config: wxstrip.conf and the global options, through one table of keys. */
#ifndef WX_CONFIG_H
#define WX_CONFIG_H

#include <stddef.h>

#include "weather.h"

#define WX_PATH_MAX 4096
/* A file inside a configured directory: the directory, a station's number
 * or a graph's name, and room for a temporary file's suffix. */
#define WX_FILE_MAX (WX_PATH_MAX + 128)

typedef struct {
    char url[WX_PATH_MAX]; /* an http(s) URL or a file path */
    char charset[32];      /* "" unless the config names one */
} wx_source;

typedef struct {
    char file[WX_PATH_MAX]; /* the config file read; "" when none */
    wx_source *sources;
    size_t nsources, capsources;
    char data_dir[WX_PATH_MAX];
    char graph_dir[WX_PATH_MAX];
    char stations_file[WX_PATH_MAX];
    char rrdcached[WX_PATH_MAX]; /* "" writes files directly */
    char rrd_prefix[256];        /* a remote daemon's files: "wxstrip/108.rrd" */
    char timezone[64];
    long timeout;        /* seconds for one fetch */
    long max_page_bytes; /* a larger page is an error */
    char user_agent[256];
    long max_strip_age; /* seconds a feed's observation may be old at poll time */
    long lock_wait;     /* seconds a poll waits for another one to finish */
    /* the Prometheus textfile a poll writes (node_exporter's); "": none */
    char metrics_file[WX_PATH_MAX];
    /* graphs: 0 or "" leaves render's default */
    long graph_width, graph_height; /* plot area at scale 1 */
    int graph_scale;                /* bit 1: 1x, bit 2: @2x */
    char graph_font[64];
    char graph_line_color[16];
    char graph_background[16];
    char graph_cat_color[WX_CAT_COUNT][16]; /* per weather category */
} wx_config;

/* Fills C with the built-in defaults (no sources). */
void config_init(wx_config *c);
void config_free(wx_config *c);

/* Reads PATH: "key = value" lines, '#' comments. Relative paths in it are
 * taken from the file's own directory. On error returns -1 with err naming
 * the file, the line and what is wrong; C may then be partly changed. */
int config_read(wx_config *c, const char *path, char *err, size_t errlen);

/* The same from TEXT in memory: ORIGIN names it in messages, relative
 * paths are taken from BASE ("" or NULL: the current directory). */
int config_parse(wx_config *c, const char *text, size_t len, const char *origin, const char *base,
                 char *err, size_t errlen);

/* Checks what no single key can: the time zone (also the default one) is
 * in the zoneinfo database, and data_dir is neither graph_dir nor inside
 * it. 0, or -1 with err. */
int config_check(const wx_config *c, char *err, size_t errlen);

/* Sets one key, as a command-line option does; relative paths are taken
 * from BASE (NULL: the current directory). -1 with err on a bad value or an
 * unknown key. */
int config_set(wx_config *c, const char *key, const char *value, const char *base, char *err,
               size_t errlen);

/* Parsers for values, shared with the command line: "90", "90s", "5m",
 * "3h", "1d"; "8M", "512k", "1048576". 0 or -1. */
int config_duration(const char *s, long *seconds);
/* Whether NAME is a zone of the zoneinfo database ("Asia/Seoul", "UTC"):
 * a TZif file under WX_ZONEINFO. An unknown name would silently be UTC. */
#define WX_ZONEINFO "/usr/share/zoneinfo"
int config_zone_known(const char *name);

/* "1", "2" or "both" as a mask of scales (1, 2, 3). 0 or -1. */
int config_scale(const char *s, int *mask);
int config_size(const char *s, long *bytes);

#endif
