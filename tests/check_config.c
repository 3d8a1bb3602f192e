/* check_config: tests of the config module. */
#include "tests.h"

Suite *config_suite(void)
{
    return suite_create("config");
}
