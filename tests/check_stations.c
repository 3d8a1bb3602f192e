/* check_stations: tests of the stations module. */
#include "tests.h"

Suite *stations_suite(void)
{
    return suite_create("stations");
}
