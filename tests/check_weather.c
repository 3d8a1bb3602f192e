/* check_weather: tests of the weather module. */
#include "tests.h"

Suite *weather_suite(void)
{
    return suite_create("weather");
}
