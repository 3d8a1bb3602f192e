/* cmd_parse: `wxstrip parse`, the readings of pages, feeds and text dumps. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cli.h"
#include "fetch.h"
#include "format.h"
#include "parse.h"
#include "source.h"
#include "stations.h"

static const char usage[] = "parse [--format json|tsv] SOURCE...  (a file, - or an http(s) URL)";

typedef enum { OUT_JSON, OUT_TSV } out_format;

/* Parses one source and prints it; 0 when it gave readings. */
static int parse_one(wx_ctx *ctx, fetcher **f, const wx_registry *reg, const char *url,
                     out_format fmt)
{
    buf_t out = {0};
    char why[1024], source[WX_PATH_MAX];
    source_data in;
    fetch_redact(url, source, sizeof source); /* never a password in output */
    if (source_read(f, &ctx->cfg, url, NULL, NULL, &in, why, sizeof why) < 0) {
        wx_error("%s: %s", source, why);
        source_data_free(&in);
        return -1;
    }
    wx_page p;
    int rc = parse_page(in.bytes.data, in.bytes.len, in.charset[0] ? in.charset : NULL, reg, &p,
                        why, sizeof why);
    source_data_free(&in);
    if (rc < 0) {
        wx_error("%s: %s", source, why);
        page_free(&p);
        return -1;
    }
    page_settle_year(&p, time(NULL)); /* a date line without a year: the nearest */
    page_notify(&p, source, fmt == OUT_TSV, &wx_stdio); /* JSON lists them */
    rc = fmt == OUT_JSON ? format_page_json(&out, source, &p) : format_page_tsv(&out, &p);
    if (rc == 0)
        fwrite(out.data, 1, out.len, stdout);
    buf_free(&out);
    if (rc == 0 && p.nreadings == 0) {
        wx_error("%s: no weather readings found (%s)", source,
                 p.nunresolved ? "no item could be resolved to a station"
                               : "no weather strip or feed in it");
        rc = -1;
    }
    page_free(&p);
    return rc;
}

int cmd_parse(wx_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    out_format fmt = OUT_JSON;
    int c;
    while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
        if (c == 'f' && strcmp(optarg, "json") == 0)
            fmt = OUT_JSON;
        else if (c == 'f' && strcmp(optarg, "tsv") == 0)
            fmt = OUT_TSV;
        else if (c == 'h')
            return wx_help(usage), WX_EXIT_OK;
        else
            return wx_usage(usage);
    }
    if (optind >= argc)
        return wx_usage(usage);
    wx_registry *reg = wx_registry_load(ctx);
    if (!reg)
        return WX_EXIT_USAGE;
    if (fmt == OUT_TSV) {
        buf_t h = {0};
        if (format_tsv_header(&h) == 0)
            fputs(h.data, stdout);
        buf_free(&h);
    }
    int status = WX_EXIT_OK;
    fetcher *f = NULL;
    for (int i = optind; i < argc; i++) {
        if (parse_one(ctx, &f, reg, argv[i], fmt) < 0)
            status = WX_EXIT_FAIL;
        fflush(stdout);
    }
    fetch_free(f);
    stations_free(reg);
    return status;
}
