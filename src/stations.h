/* stations: the KMA station registry, read at run time from a TSV file. */
#ifndef WX_STATIONS_H
#define WX_STATIONS_H

#include <stddef.h>

#define WX_NAME_MAX 64

typedef struct {
    int id;                    /* KMA station number */
    char name[WX_NAME_MAX];    /* Korean name, UTF-8 */
    char name_en[WX_NAME_MAX]; /* Revised Romanization */
    char province[WX_NAME_MAX];
    double lat, lon;
    double elevation;  /* metres; NAN when unpublished */
    char aliases[256]; /* other spellings, comma-separated; "" when none */
} wx_station;

typedef struct wx_registry wx_registry;

/* Reads the registry file at PATH. On error returns NULL and fills err with
 * the file, the line and what is wrong. Free the result with stations_free. */
wx_registry *stations_load(const char *path, char *err, size_t errlen);

/* The same from bytes in memory; ORIGIN names them in error messages. */
wx_registry *stations_parse(const char *text, size_t len, const char *origin, char *err,
                            size_t errlen);

void stations_free(wx_registry *reg);

/* Stations in ascending number order: index 0 .. stations_count()-1. */
size_t stations_count(const wx_registry *reg);
const wx_station *stations_at(const wx_registry *reg, size_t i);

/* Position of a station in number order, or -1 when it is not registered. */
long stations_index(const wx_registry *reg, const wx_station *st);

/* Lookups return NULL when nothing matches. by_name matches the Korean name
 * or an alias exactly (byte for byte), or the romanized name ignoring ASCII
 * case. */
const wx_station *stations_by_id(const wx_registry *reg, int id);
const wx_station *stations_by_name(const wx_registry *reg, const char *name, size_t len);

/* A user's query: a station number, or anything by_name accepts. */
const wx_station *stations_find(const wx_registry *reg, const char *query);

/* For a query that names no station: up to MAX names (Korean names,
 * aliases, romanized names) nearest to it by edit distance (in jamo for
 * Hangul, ignoring ASCII case), nearest first, at most about a third of
 * the query's length away. Fills OUT with pointers into the registry and
 * returns how many. */
size_t stations_suggest(const wx_registry *reg, const char *query, const char **out, size_t max);

#endif
