/* format: writing readings as JSON and TSV. */
#include "format.h"

#include <math.h>
#include <stdio.h>

#include "json.h"
#include "table.h"
#include "weather.h"

/* The places a page's temperature keeps in JSON when it has more than one:
 * enough that only the dump's ten significant digits round it, as
 * format_temp's %.10g does (a page's "18.123℃" stays 18.123). */
#define PAGE_TEMP_DECIMALS 14

/* Whether T has one decimal, binary noise aside (0.1 + 0.2 is 0.3). */
static int one_decimal(double t)
{
    double tenths = t * 10;
    return fabs(tenths - round(tenths)) < 1e-9;
}

void format_temp(char *dst, size_t size, double t)
{
    if (one_decimal(t))
        snprintf(dst, size, "%.1f", t);
    else
        snprintf(dst, size, "%.10g", t);
}

/* A temperature as format_temp writes it (the dump writes 18 as "18.0"),
 * but never -0.0. */
static json_t *temp_value(double t)
{
    return jx_real(t, one_decimal(t) ? 1 : PAGE_TEMP_DECIMALS);
}

/* "date" and "time" from the page's own fields (KST, as the page gives
 * them). */
static int set_date(json_t *doc, const wx_page *p)
{
    if (!p->year)
        return jx_set(doc, "date", json_null()) || jx_set(doc, "time", json_null()) ? -1 : 0;
    if (jx_set(doc, "date", json_sprintf("%04d-%02d-%02d", p->year, p->month, p->day)))
        return -1;
    if (p->hour < 0)
        return jx_set(doc, "time", json_null());
    return jx_set(doc, "time",
                  json_sprintf("%04d-%02d-%02dT%02d:%02d:00+09:00", p->year, p->month, p->day,
                               p->hour, p->minute));
}

static json_t *reading_doc(const wx_reading *r)
{
    json_t *o = json_object();
    int known = r->condition[0] != '\0';
    if (!o || jx_set(o, "station", json_integer(r->station)) ||
        jx_set(o, "name", jx_str(r->name)) ||
        jx_set(o, "condition", known ? jx_str(r->condition) : json_null()) ||
        jx_set(o, "code", jx_int(r->code, known)) || jx_set(o, "temp", temp_value(r->temp)) ||
        jx_set(o, "inferred", json_boolean(r->inferred))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *unresolved_doc(const wx_unresolved *u)
{
    json_t *o = json_object();
    if (!o || jx_set(o, "text", jx_str(u->text)) || jx_set(o, "reason", jx_str(u->reason))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The document of a page; the arrays are filled once in place, so the keys
 * keep their order. NULL when memory ran out. */
static json_t *page_doc(const char *source, const wx_page *p)
{
    json_t *doc = json_object(), *readings = json_array(), *unresolved = json_array();
    int rc = !doc || jx_set(doc, "source", jx_str(source)) ||
             jx_set(doc, "kind", jx_str(page_kind_name(p->kind))) || set_date(doc, p) ||
             jx_set(doc, "readings", json_incref(readings)) ||
             jx_set(doc, "unresolved", json_incref(unresolved));
    for (size_t i = 0; i < p->nreadings && !rc; i++)
        rc = jx_push(readings, reading_doc(&p->readings[i]));
    for (size_t i = 0; i < p->nunresolved && !rc; i++)
        rc = jx_push(unresolved, unresolved_doc(&p->unresolved[i]));
    json_decref(readings);
    json_decref(unresolved);
    if (rc) {
        json_decref(doc);
        return NULL;
    }
    return doc;
}

int format_page_json(buf_t *b, const char *source, const wx_page *p)
{
    json_t *doc = page_doc(source, p);
    int rc = doc ? jx_dump(b, doc) : -1;
    json_decref(doc);
    return rc;
}

static const table_col tsv_cols[] = {
    {"station", "", 0, 0}, {"name", "", 0, 0}, {"condition", "", 0, 0},
    {"code", "", 0, 0},    {"temp", "", 0, 0},
};
#define TSV_N (sizeof tsv_cols / sizeof tsv_cols[0])

int format_tsv_header(buf_t *b)
{
    return table_header(b, TABLE_TSV, tsv_cols, TSV_N);
}

int format_page_tsv(buf_t *b, const wx_page *p)
{
    for (size_t i = 0; i < p->nreadings; i++) {
        const wx_reading *r = &p->readings[i];
        char id[16], t[32], code[16] = "";
        snprintf(id, sizeof id, "%d", r->station);
        format_temp(t, sizeof t, r->temp);
        if (r->code != WX_CODE_NONE)
            snprintf(code, sizeof code, "%d", r->code);
        const char *cells[TSV_N] = {id, r->name, r->condition, code, t};
        if (table_row(b, TABLE_TSV, tsv_cols, TSV_N, cells) < 0)
            return -1;
    }
    return 0;
}
