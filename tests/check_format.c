/* check_format: tests of the format module. */
#include "tests.h"

Suite *format_suite(void)
{
    return suite_create("format");
}
