/* check_strip: tests of the strip module. */
#include "tests.h"

Suite *strip_suite(void)
{
    return suite_create("strip");
}
