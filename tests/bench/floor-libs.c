/* floor-libs: an empty program linked with wxstrip's libraries (the
 * Makefile links it with wxstrip's LDLIBS and --no-as-needed): what
 * loading libcurl, libxml2 and what they pull in costs before main. */
int main(void)
{
    return 0;
}
