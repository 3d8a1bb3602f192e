/* publish: the HTML wxstrip writes: embed snippets, the gallery, station pages. */
#ifndef WX_PUBLISH_H
#define WX_PUBLISH_H

#include <stddef.h>

#include "buf.h"
#include "config.h"
#include "graphspec.h"
#include "stations.h"
#include "store.h"

/* What publishing reads: graph_dir and data_dir from the configuration,
 * names from the registry, readings from the store. The caller owns all
 * three and keeps them open while publishing. */
typedef struct {
    const wx_config *cfg;
    const wx_registry *reg;
    store *st;
} publish_ctx;

/* Appends S to B with & < > " and ' escaped, so that it is safe as text and
 * inside a quoted attribute value. 0, or -1 when memory runs out. */
int html_escape(buf_t *b, const char *s);

/* Appends to OUT the snippet a news CMS embeds for one graph: a <figure>
 * with the <img> (src, srcset with the @2x file when it exists, the 1x
 * PNG's width and height, an alt text built from the data) and a
 * <figcaption> crediting KMA. GRAPH gives the station, the period and, for
 * PERIOD_DATE, year, month and day; its other fields are ignored. Image
 * paths are BASE_URL/<station>/<file>, or relative to GRAPH_DIR when
 * BASE_URL is NULL or "". The alt text covers the graph's window (a rolling
 * graph's ends when its PNG was drawn). 0, or -1 with err when the station
 * has no data, the graph has not been drawn yet (err names the `wxstrip
 * graph` command that draws it), the date is invalid or the store fails;
 * OUT may then hold part of a snippet. */
int publish_snippet(const publish_ctx *pc, const render_job *graph, const char *base_url,
                    buf_t *out, char *err, size_t errlen);

/* Writes GRAPH_DIR/index.html, a gallery of every station that has data,
 * and GRAPH_DIR/<id>/index.html for each of STATIONS (NULL: all of them)
 * and for every station whose page does not exist yet. Each file is
 * written whole or not at all (atomic_write). A station that fails is
 * skipped and the rest written; returns 0, or -1 with err naming the first
 * failure (and how many more there were). */
int publish_site(const publish_ctx *pc, const int *stations, size_t n, char *err, size_t errlen);

#endif
