/* check_main: runs every suite; the closing line reports the counts. */
#include <stdio.h>
#include <stdlib.h>

#include "tests.h"

static Suite *(*const suites[])(void) = {
    stations_suite, weather_suite,  charset_suite, strip_suite,     config_suite,
    format_suite,   fixtures_suite, cli_suite,     poll_suite,      graph_suite,
    publish_suite,  vec_suite,      query_suite,   cmd_query_suite, truncation_suite,
    store_suite,    dateline_suite, temps_suite,   fetch_suite,     html_suite,
    resolve_suite,  remote_suite,   install_suite, metrics_suite,   progress_suite,
};

int main(void)
{
    setenv("TZ", "Asia/Seoul", 1);
    setenv("LC_ALL", "C.UTF-8", 1);
    SRunner *sr = srunner_create(NULL);
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
        srunner_add_suite(sr, suites[i]());
    srunner_run_all(sr, CK_SILENT);
    TestResult **r = srunner_failures(sr);
    int n = srunner_ntests_failed(sr);
    for (int i = 0; i < n; i++)
        printf("%s:%d: %s: %s: %s\n", tr_lfile(r[i]), tr_lno(r[i]), tr_tcname(r[i]),
               tr_rtype(r[i]) == CK_ERROR ? "error" : "failed", tr_msg(r[i]));
    free(r);
    srunner_print(sr, CK_MINIMAL);
    srunner_free(sr);
    return n ? EXIT_FAILURE : EXIT_SUCCESS;
}
