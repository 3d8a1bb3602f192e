/* check_charset: tests of the charset module. */
#include "tests.h"

Suite *charset_suite(void)
{
    return suite_create("charset");
}
