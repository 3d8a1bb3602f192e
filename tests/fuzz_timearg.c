/* fuzz_timearg: libFuzzer target for the time arguments of query (--from
 * and --to: timearg_range, which hands AT-style text to librrd's
 * rrd_parsetime; built and run by `make fuzz`, see tests/fuzz.mk).
 *
 * The input is FROM, a newline, TO (no newline: FROM alone; an empty part:
 * the option not given). Besides the sanitizers' findings, the promises are
 * checked and a broken one aborts: a range it accepts is not empty, an
 * error message is terminated and names the argument. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "timearg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NOW 1714885200 /* 2024-05-05 14:00 KST */

static void broken(const char *what, long long detail)
{
    fprintf(stderr, "fuzz_timearg: broken promise: %s (%lld)\n", what, detail);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int tz;
    if (!tz) { /* local times are Seoul's, as main sets them */
        setenv("TZ", "Asia/Seoul", 1);
        tzset();
        tz = 1;
    }
    if (size > 256 || memchr(data, '\0', size)) /* command-line words: short, no NUL */
        return 0;
    char text[258], err[1024];
    memcpy(text, data, size);
    text[size] = '\0';
    char *to = strchr(text, '\n');
    if (to)
        *to++ = '\0';
    const char *from = *text ? text : NULL;
    if (to && !*to)
        to = NULL;
    time_t start = 0, end = 0;
    err[0] = '\0';
    if (timearg_range(from, to, NOW, &start, &end, err, sizeof err) == 0) {
        if (start >= end)
            broken("an empty range accepted", (long long)(end - start));
    } else {
        if (!memchr(err, '\0', sizeof err))
            broken("error not terminated", 0);
        if (!strstr(err, "--from") && !strstr(err, "--to") && !strstr(err, "--from/--to"))
            broken("an error that names no argument", 0);
    }
    return 0;
}
