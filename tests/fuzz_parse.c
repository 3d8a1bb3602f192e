/* fuzz_parse: libFuzzer target for parse_page (built and run by `make fuzz`,
 * see tests/fuzz.mk).
 *
 * Each input is parsed twice: as given with no declared charset (what
 * `wxstrip parse FILE` does), and without its first byte with a declared
 * charset chosen by that byte (none, "euc-kr" or "utf-8"; what the poller
 * will do with an HTTP header). Besides the sanitizers' findings, the
 * parser's documented promises are checked and a broken one aborts: each
 * station at most once, every reading a registered station with the
 * registry's name, temperatures within -60..60, strings terminated. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readings.h"
#include "parse.h"
#include "stations.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static wx_registry *reg;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    const char *top = getenv("WX_TOP");
    char path[4096], err[1024];
    snprintf(path, sizeof path, "%s/stations/stations.tsv", top && *top ? top : ".");
    reg = stations_load(path, err, sizeof err);
    if (!reg) {
        fprintf(stderr, "fuzz_parse: %s (set WX_TOP to the source tree)\n", err);
        exit(2);
    }
    return 0;
}

static void broken(const char *what, long detail)
{
    fprintf(stderr, "fuzz_parse: broken promise: %s (%ld)\n", what, detail);
    abort();
}

static void check_string(const char *s, size_t size, const char *what)
{
    if (!memchr(s, '\0', size))
        broken(what, (long)size);
}

static void check_page(const wx_page *p)
{
    if (p->kind < WX_KIND_NONE || p->kind > WX_KIND_TEXT)
        broken("page kind", (long)p->kind);
    check_string(p->charset, sizeof p->charset, "charset not terminated");
    if (p->nreadings > p->capreadings || p->nunresolved > p->capunresolved ||
        p->nwarnings > p->capwarnings)
        broken("count above capacity", 0);
    for (size_t i = 0; i < p->nreadings; i++) {
        const wx_reading *r = &p->readings[i];
        const wx_station *st = stations_by_id(reg, r->station);
        if (!st)
            broken("reading of an unregistered station", r->station);
        check_string(r->name, sizeof r->name, "reading name not terminated");
        check_string(r->condition, sizeof r->condition, "condition not terminated");
        if (strcmp(r->name, st->name) != 0)
            broken("reading name is not the registry's name", r->station);
        if (!(r->temp >= -60.0 && r->temp <= 60.0))
            broken("temperature outside -60..60", r->station);
        for (size_t j = 0; j < i; j++)
            if (p->readings[j].station == r->station)
                broken("station listed twice", r->station);
    }
    for (size_t i = 0; i < p->nunresolved; i++) {
        check_string(p->unresolved[i].text, sizeof p->unresolved[i].text, "unresolved text");
        check_string(p->unresolved[i].reason, sizeof p->unresolved[i].reason, "unresolved reason");
    }
    for (size_t i = 0; i < p->nwarnings; i++)
        if (!p->warnings[i])
            broken("NULL warning", (long)i);
}

static void parse_once(const char *bytes, size_t len, const char *charset)
{
    wx_page page;
    char err[256];
    int rc = parse_page(bytes, len, charset, reg, &page, err, sizeof err);
    if (rc == 0)
        check_page(&page);
    else
        check_string(err, sizeof err, "error message not terminated");
    page_free(&page);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const charsets[] = {NULL, "euc-kr", "utf-8"};
    if (!reg)
        LLVMFuzzerInitialize(NULL, NULL);
    /* Copies, so that reading past the end is caught even where the parser
     * would find a terminator in libFuzzer's buffer. */
    char *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    parse_once(copy, size, NULL);
    if (size > 0)
        parse_once(copy + 1, size - 1, charsets[data[0] % 3]);
    free(copy);
    return 0;
}
