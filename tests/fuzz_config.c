/* fuzz_config: libFuzzer target for the configuration reader (config_parse
 * and config_check; built and run by `make fuzz`, see tests/fuzz.mk).
 *
 * Besides the sanitizers' findings, the reader's promises are checked and a
 * broken one aborts: every string field terminated, sources within their
 * capacity and each with a URL, numbers within their keys' ranges, an error
 * message terminated and naming the origin. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what, long detail)
{
    fprintf(stderr, "fuzz_config: broken promise: %s (%ld)\n", what, detail);
    abort();
}

static void terminated(const char *s, size_t size, const char *what)
{
    if (!memchr(s, '\0', size))
        broken(what, (long)size);
}

static void check_config(const wx_config *c)
{
    terminated(c->data_dir, sizeof c->data_dir, "data_dir");
    terminated(c->graph_dir, sizeof c->graph_dir, "graph_dir");
    terminated(c->stations_file, sizeof c->stations_file, "stations_file");
    terminated(c->rrdcached, sizeof c->rrdcached, "rrdcached");
    terminated(c->timezone, sizeof c->timezone, "timezone");
    terminated(c->user_agent, sizeof c->user_agent, "user_agent");
    terminated(c->graph_font, sizeof c->graph_font, "graph_font");
    if (c->nsources > c->capsources)
        broken("sources above capacity", (long)c->nsources);
    for (size_t i = 0; i < c->nsources; i++) {
        terminated(c->sources[i].url, sizeof c->sources[i].url, "source url");
        terminated(c->sources[i].charset, sizeof c->sources[i].charset, "source charset");
        if (!c->sources[i].url[0] || strpbrk(c->sources[i].url, " \t\n"))
            broken("a source without a URL, or with white space in it", (long)i);
    }
    if (c->timeout < 1 || c->timeout > 3600 || c->max_page_bytes < 1024 || c->max_strip_age < 60 ||
        c->lock_wait < 0 || c->graph_scale < 1 || c->graph_scale > 3)
        broken("a number out of its key's range", c->timeout);
    if (c->graph_width && (c->graph_width < 200 || c->graph_width > 4000))
        broken("graph_width", c->graph_width);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1), err[1024];
    if (!copy)
        return 0;
    memcpy(copy, data, size); /* reading past the end is caught */
    wx_config c;
    config_init(&c);
    int rc = config_parse(&c, copy, size, "fuzz.conf", "/etc", err, sizeof err);
    if (rc == 0) {
        check_config(&c);
        if (config_check(&c, err, sizeof err) < 0)
            terminated(err, sizeof err, "check error not terminated");
    } else {
        terminated(err, sizeof err, "error not terminated");
        if (strncmp(err, "fuzz.conf", 9) != 0)
            broken("an error that does not name the file", 0);
    }
    config_free(&c);
    free(copy);
    return 0;
}
