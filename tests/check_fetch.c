/* check_fetch: the fetcher (fetch.c, the only user of libcurl) against the
 * loopback server tests/httpd.py: bodies, validators and 304s, errors named,
 * limits, redirects, gzip, the charset header, credentials redacted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fetch.h"
#include "fileio.h"
#include "tests.h"

static char dir[4096], docroot[4200], logfile[4200];
static int httpd, port;
static fetcher *f;

static void setup(void)
{
    test_tmpdir(dir, sizeof dir);
    snprintf(docroot, sizeof docroot, "%s/www", dir);
    snprintf(logfile, sizeof logfile, "%s/httpd.log", dir);
    ck_assert_int_eq(mkdir(docroot, 0755), 0);
    char path[4400];
    snprintf(path, sizeof path, "%s/page.html", docroot);
    test_write(path, "<p>흐림 서울 18.6℃</p>\n", strlen("<p>흐림 서울 18.6℃</p>\n"));
    snprintf(path, sizeof path, "%s/기상.xml", docroot);
    test_write(path, "<current/>\n", 11);
    httpd = test_httpd_start(docroot, logfile, &port);
    ck_assert_int_eq(fetch_global_init(), 0);
    f = fetch_new();
    ck_assert_ptr_nonnull(f);
}

static void teardown(void)
{
    fetch_free(f);
    test_stop(httpd);
    test_rmtree(dir);
}

static const fetch_opts plain = {.timeout = 2, .max_bytes = 1 << 20, .user_agent = "wxstrip-test"};

/* Fetches PATH on the test server; returns fetch_url's result. */
static int get(const char *path, const fetch_opts *o, fetch_result *r, char *err, size_t errlen)
{
    char url[512];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/%s", port, path);
    err[0] = '\0';
    return fetch_url(f, url, o ? o : &plain, r, err, errlen);
}

START_TEST(test_body_and_validators)
{
    fetch_result r;
    char err[512];
    ck_assert_msg(get("files/page.html?charset=euc-kr", NULL, &r, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(r.status, 200);
    ck_assert_str_eq(r.body.data, "<p>흐림 서울 18.6℃</p>\n");
    ck_assert_str_eq(r.charset, "euc-kr");
    ck_assert(r.etag[0] == '"' && r.last_modified[0]);
    char etag[256];
    snprintf(etag, sizeof etag, "%s", r.etag);
    fetch_result_free(&r);
    /* the same page with its validator: a 304, no body */
    fetch_opts again = plain;
    again.etag = etag;
    ck_assert_int_eq(get("files/page.html", &again, &r, err, sizeof err), 0);
    ck_assert_int_eq(r.status, 304);
    ck_assert(r.not_modified && r.body.len == 0);
    fetch_result_free(&r);
    /* a percent-encoded Korean name */
    ck_assert_msg(get("files/%EA%B8%B0%EC%83%81.xml", NULL, &r, err, sizeof err) == 0, "%s", err);
    ck_assert_str_eq(r.body.data, "<current/>\n");
    fetch_result_free(&r);
}
END_TEST

START_TEST(test_gzip)
{
    fetch_result r;
    char err[512];
    ck_assert_msg(get("files/page.html?gzip=1", NULL, &r, err, sizeof err) == 0, "%s", err);
    ck_assert_str_eq(r.body.data, "<p>흐림 서울 18.6℃</p>\n"); /* decoded */
    fetch_result_free(&r);
    buf_t log = {0};
    char why[128];
    ck_assert_int_eq(file_read(logfile, 1 << 20, &log, why, sizeof why), 0);
    ck_assert_ptr_nonnull(strstr(log.data, "/files/page.html?gzip=1 200 gzip"));
    buf_free(&log);
}
END_TEST

/* Every failure named, never a body: status, size, time, scheme, garbage,
 * a short body, a 304 no validator asked for. */
START_TEST(test_errors_named)
{
    static const struct {
        const char *path, *want;
    } cases[] = {
        {"status/404", "HTTP 404 Not Found"},
        {"status/500", "HTTP 500"},
        {"status/304", "HTTP 304 Not Modified to a request that sent no validator"},
        {"big?bytes=2000000", "larger than the limit of 1048576 bytes"},
        {"big?bytes=2000000&chunked=1", "larger than the limit"},
        {"hang", "timed out after 2 s"},
        {"redirect?to=file:///etc/passwd", "only http and https are fetched"},
        {"truncated", "transfer closed with"},
        {"files/missing.html", "HTTP 404"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fetch_result r;
        char err[512];
        ck_assert_msg(get(cases[i].path, NULL, &r, err, sizeof err) == -1, "%s fetched",
                      cases[i].path);
        ck_assert_msg(strstr(err, cases[i].want) != NULL, "%s: '%s', want '%s'", cases[i].path, err,
                      cases[i].want);
        fetch_result_free(&r);
    }
    fetch_result r;
    char err[512];
    ck_assert_int_eq(fetch_url(f, "ftp://127.0.0.1/x", &plain, &r, err, sizeof err), -1);
    ck_assert_str_eq(err, "not an http or https URL");
    fetch_result_free(&r);
}
END_TEST

START_TEST(test_redirect_followed)
{
    fetch_result r;
    char err[512], to[256];
    snprintf(to, sizeof to, "redirect?to=http://127.0.0.1:%d/files/page.html", port);
    ck_assert_msg(get(to, NULL, &r, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(r.status, 200);
    ck_assert_str_eq(r.body.data, "<p>흐림 서울 18.6℃</p>\n");
    fetch_result_free(&r);
}
END_TEST

START_TEST(test_redact)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"https://user:s3cret@news.example.com/wx", "https://user@news.example.com/wx"},
        {"http://user@news.example.com/", "http://user@news.example.com/"},
        {"https://news.example.com/a?b=c", "https://news.example.com/a?b=c"},
        {"pages/a.html", "pages/a.html"},
        {"http://u:p@[::1", "(a URL with credentials)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char got[256];
        fetch_redact(cases[i].in, got, sizeof got);
        ck_assert_msg(strcmp(got, cases[i].out) == 0, "%s: %s, want %s", cases[i].in, got,
                      cases[i].out);
    }
    ck_assert(fetch_is_url("HTTPS://x/") && fetch_is_url("http://x") && !fetch_is_url("file:///x"));
    ck_assert(fetch_has_scheme("file:///x") && !fetch_has_scheme("pages/a.html"));
}
END_TEST

/* libcurl's proxy variables are honoured, as by curl: http_proxy sends a
 * request for another host to the test server as an absolute URL, and
 * no_proxy names the hosts fetched directly. A dead proxy is an error. */
START_TEST(test_proxy_from_environment)
{
    fetch_result r;
    char err[512], proxy[64], url[64];
    snprintf(proxy, sizeof proxy, "http://127.0.0.1:%d", port);
    ck_assert_int_eq(setenv("http_proxy", proxy, 1), 0);
    snprintf(url, sizeof url, "http://news.example.kr/files/page.html");
    int rc = fetch_url(f, url, &plain, &r, err, sizeof err);
    ck_assert_msg(rc == 0, "through %s: %s", proxy, err);
    ck_assert_str_eq(r.body.data, "<p>흐림 서울 18.6℃</p>\n");
    fetch_result_free(&r);
    buf_t log = {0};
    char why[128];
    ck_assert_int_eq(file_read(logfile, 1 << 20, &log, why, sizeof why), 0);
    ck_assert_ptr_nonnull(strstr(log.data, "http://news.example.kr/files/page.html 200"));
    buf_free(&log);
    /* a proxy that refuses: an error; the same host in no_proxy: direct */
    ck_assert_int_eq(setenv("http_proxy", "http://127.0.0.1:1", 1), 0);
    ck_assert_int_eq(get("files/page.html", NULL, &r, err, sizeof err), -1);
    fetch_result_free(&r);
    ck_assert_int_eq(setenv("no_proxy", "127.0.0.1", 1), 0);
    ck_assert_msg(get("files/page.html", NULL, &r, err, sizeof err) == 0, "%s", err);
    ck_assert_str_eq(r.body.data, "<p>흐림 서울 18.6℃</p>\n");
    fetch_result_free(&r);
    unsetenv("http_proxy"), unsetenv("no_proxy");
}
END_TEST

Suite *fetch_suite(void)
{
    Suite *s = suite_create("fetch");
    TCase *t = tcase_create("fetch");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 30);
    tcase_add_test(t, test_body_and_validators);
    tcase_add_test(t, test_gzip);
    tcase_add_test(t, test_errors_named);
    tcase_add_test(t, test_redirect_followed);
    tcase_add_test(t, test_redact);
    tcase_add_test(t, test_proxy_from_environment);
    suite_add_tcase(s, t);
    return s;
}
