/* check_cli: tests of the cli module. */
#include "tests.h"

Suite *cli_suite(void)
{
    return suite_create("cli");
}
