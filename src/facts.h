/* facts: what is known about one drawn graph: its files, pixel size and
 * window, and the alt text that describes it. */
#ifndef WX_FACTS_H
#define WX_FACTS_H

#include <stddef.h>
#include <sys/stat.h>

#include "publish.h"
#include "graphspec.h"

typedef struct {
    render_job job;             /* station, period, date; then the window */
    char name[WX_NAME_MAX];     /* the registry's name, or the number */
    char span[64];              /* "2024년 5월 5일", "최근 24시간" */
    char dir[WX_PATH_MAX + 16]; /* GRAPH_DIR/<id> */
    char file[64], file2x[64];  /* "day.png", "day@2x.png" */
    struct stat sb;             /* of the 1x PNG */
    int has2x, width, height;
    char alt[512];
} graph_facts;

/* All of the facts of the graph WANT describes (its station, period and
 * date): 0; 1 when its PNG has not been drawn yet (err names the `wxstrip
 * graph` command that draws it); -1 with err. The alt text covers the
 * graph's window (a rolling graph's ends when its PNG was drawn); with
 * WRITE_CACHE a finished dated graph's text is kept beside it. */
int facts_read(const publish_ctx *pc, const render_job *want, graph_facts *g, int write_cache,
               char *err, size_t errlen);

/* A temperature with one decimal, never "-0.0". */
void facts_temp(double t, char *dst, size_t size);

/* The registry's name of station ID, or its number. */
void facts_name(const wx_registry *reg, int id, char *dst, size_t size);

#endif
