/* floor-fetch: the fetch and parse of a poll, alone: one process that
 * initialises libcurl (as every libcurl program must: OpenSSL's set-up
 * comes with it), GETs URL into memory, and runs libxml2's HTML parser
 * over the body with no callbacks, as wxstrip's reader does, and nothing
 * else. poll.sh times it on the page a poll reads: with floor-rrd's
 * updates, what no program that fetches with libcurl, parses with
 * libxml2 and stores with librrd can go below.
 *
 * usage: floor-fetch URL    exit 1 when the fetch failed */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

typedef struct {
    char *data;
    size_t len;
} body;

static size_t take(char *p, size_t size, size_t n, void *user)
{
    body *b = user;
    char *d = realloc(b->data, b->len + size * n + 1);
    if (!d)
        return 0;
    memcpy(d + b->len, p, size * n);
    b->data = d;
    b->len += size * n;
    return size * n;
}

int main(int argc, char **argv)
{
    if (argc != 2 || curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
        return 1;
    body b = {0};
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, argv[1]);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, take);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK || !b.len) {
        fprintf(stderr, "floor-fetch: %s: %s\n", argv[1], curl_easy_strerror(rc));
        return 1;
    }
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(b.data, (int)b.len);
    if (!ctxt)
        return 1;
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    memcpy(ctxt->sax, &sax, sizeof sax);
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    htmlParseDocument(ctxt);
    htmlFreeParserCtxt(ctxt);
    free(b.data);
    curl_global_cleanup();
    return 0;
}
