/* floor-rrd: the librrd part of a poll, alone: one process that updates
 * every FILE at the current minute (12.5 ℃, code 101) with
 * rrd_updatex_r, as wxstrip's store does, and nothing else. poll.sh
 * times it on the files a poll writes: no program that stores through
 * librrd can poll faster than this and its own start-up.
 *
 * usage: floor-rrd FILE...    exit 1 when an update failed */
#include <stdio.h>
#include <time.h>

#include <rrd.h>

int main(int argc, char **argv)
{
    time_t now = time(NULL);
    char value[64];
    snprintf(value, sizeof value, "%lld:12.5:101", (long long)(now - now % 60));
    const char *args[] = {value};
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        rrd_clear_error();
        if (rrd_updatex_r(argv[i], NULL, 0, 1, args) != 0) {
            fprintf(stderr, "floor-rrd: %s: %s\n", argv[i], rrd_get_error());
            rc = 1;
        }
    }
    return rc;
}
