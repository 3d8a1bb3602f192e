/* tests: helpers shared by the Check suites (fixtures, registry, processes). */
#ifndef WX_TESTS_H
#define WX_TESTS_H

#include <check.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "stations.h"

/* The repository's top directory (WX_TOP, set by make; "." otherwise). */
const char *test_top(void);

/* The wxstrip binary under test (WXSTRIP, set by make). */
const char *test_wxstrip(void);

/* A path under the top directory, in a static buffer per call site. */
void test_path(char *dst, size_t size, const char *rel);

/* The bundled registry (stations/stations.tsv); aborts the test on error. */
wx_registry *test_registry(void);

/* Reads a file under the top directory; aborts the test on error. */
void test_read(const char *rel, buf_t *out);

/* Reads the file at PATH (an empty one gives ""); aborts the test on error. */
void test_read_abs(const char *path, buf_t *out);

/* Runs ARGV (argv[0] is a path) with STDIN_DATA (may be NULL) on standard
 * input; captures standard output and error. Returns the exit status, or
 * -1 when it did not exit normally. ENV entries ("K=V") are added. */
int test_run(char *const argv[], char *const env[], const char *stdin_data, buf_t *out, buf_t *err);

/* Runs the wxstrip under test as `wxstrip -c CONF ARGS...` (ARGS ends
 * with NULL; at most 60) with ENV added (may be NULL); captures standard
 * output and error (either may be NULL). Returns as test_run. */
int test_wx(const char *conf, char *const env[], const char *const *args, buf_t *out, buf_t *err);

/* A loopback HTTP server (tests/httpd.py) serving DOCROOT, logging
 * answered requests ("PATH STATUS") to LOG. Returns its PID; the port goes
 * to *PORT. Stop it with test_stop. */
int test_httpd_start(const char *docroot, const char *log, int *port);

/* Starts ARGV (argv[0] a path) and waits for its first line on standard
 * output, which must be "ready". Returns its PID; stop it with test_stop. */
int test_spawn_ready(char *const argv[]);

/* rrdcached on a unix socket DIR/sock, for files under BASE. Returns its PID. */
int test_rrdcached_start(const char *dir, const char *base);

/* rrdcached on 127.0.0.1 and a free port (in *PORT), for files under BASE
 * (-b BASE -B -R: relative names, subdirectories created), its journal and
 * pid file in DIR; PERMS (NULL: all) limits the commands it takes (-P).
 * Returns its PID. */
int test_rrdcached_tcp_start(const char *dir, const char *base, const char *perms, int *port);

/* The same on PORT, with the journal DIR/journal a killed one left (it
 * replays it first). */
int test_rrdcached_tcp_restart(const char *dir, const char *base, const char *perms, int port);

/* Stops a process started by a test: SIGTERM, then waits for it. */
void test_stop(int pid);

/* Writes TEXT to PATH (replacing it). */
void test_write(const char *path, const char *text, size_t len);

/* Replaces the first FROM in B by TO; fails the test when B has none. */
void test_replace(buf_t *b, const char *from, const char *to);

/* Writes the demo feed and page (tests/fixtures/demo) into DOCROOT as
 * feed.xml and page.html, re-dated to now: the feed's hour is the previous
 * full hour (so a page polled now is always later), the page is dated
 * today. Returns the feed's hour. */
time_t test_current_sources(const char *docroot);

/* A fresh temporary directory (removed by test_rmtree). */
void test_tmpdir(char *dst, size_t size);
void test_rmtree(const char *dir);

Suite *fixtures_suite(void);
Suite *stations_suite(void);
Suite *weather_suite(void);
Suite *charset_suite(void);
Suite *strip_suite(void);
Suite *config_suite(void);
Suite *format_suite(void);
Suite *cli_suite(void);
Suite *poll_suite(void);
Suite *publish_suite(void);
Suite *graph_suite(void);
Suite *vec_suite(void);
Suite *query_suite(void);
Suite *cmd_query_suite(void);
Suite *truncation_suite(void);
Suite *store_suite(void);
Suite *dateline_suite(void);
Suite *temps_suite(void);
Suite *fetch_suite(void);
Suite *html_suite(void);
Suite *resolve_suite(void);
Suite *remote_suite(void);
Suite *metrics_suite(void);
Suite *progress_suite(void);
Suite *install_suite(void);

#endif
