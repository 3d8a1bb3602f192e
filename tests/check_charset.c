/* check_charset: charset detection, conversion to UTF-8 and validation. */
#include <string.h>

#include "charset.h"
#include "tests.h"

/* CP949 bytes (python3: '...'.encode('cp949')). Hex escapes are split where
 * an ASCII letter follows, so the letter is not read as a hex digit. */
#define CP_STRIP                                                                                   \
    "\xC8\xE5\xB8\xB2\xBC\xD3\xC3\xCA"                                                             \
    "15.9\xA1\xC9"                           /* 흐림속초15.9℃ */
#define CP_SEOUL "\xBC\xAD\xBF\xEF"          /* 서울 */
#define CP_GANADA "\xB0\xA1\xB3\xAA\xB4\xD9" /* 가나다 */
#define CP_TTOM_HAENG                                                                              \
    "\x8C"                                                                                         \
    "c"                                                                                            \
    "\xC1"                                                                                         \
    "d" /* 똠햏: CP949 only, not in EUC-KR */
#define FFFD "\xEF\xBF\xBD"

/* Converts the NUL-terminated BYTES; asserts success. Free with charset_free. */
static void convert(const char *bytes, const char *declared, wx_utf8 *u)
{
    char err[256] = "";
    int rc = charset_to_utf8(bytes, strlen(bytes), declared, u, err, sizeof err);
    ck_assert_msg(rc == 0, "charset_to_utf8: %s", err);
}

/* Asserts that BYTES, read with DECLARED, give WANT as charset NAME. */
static void converts_to(const char *bytes, const char *declared, const char *want, const char *name)
{
    wx_utf8 u;
    convert(bytes, declared, &u);
    ck_assert_uint_eq(u.len, strlen(want));
    ck_assert_mem_eq(u.data, want, u.len);
    ck_assert_str_eq(u.name, name);
    charset_free(&u);
}

START_TEST(test_utf8_passthrough)
{
    const char *page = "<p>흐림 속초 15.9℃</p>";
    wx_utf8 u;
    convert(page, NULL, &u);
    ck_assert_ptr_eq(u.data, page); /* not copied */
    ck_assert_uint_eq(u.len, strlen(page));
    ck_assert_ptr_null(u.owned.data);
    ck_assert_str_eq(u.name, "UTF-8");
    charset_free(&u);
    ck_assert_ptr_null(u.data);
    ck_assert_uint_eq(u.len, 0);
}
END_TEST

START_TEST(test_ascii_and_empty)
{
    converts_to("plain ascii", NULL, "plain ascii", "UTF-8");
    converts_to("plain ascii", "euc-kr", "plain ascii", "UTF-8");
    converts_to("", NULL, "", "UTF-8");
}
END_TEST

START_TEST(test_bom_stripped)
{
    const char *page = "\xEF\xBB\xBF서울 18.6℃";
    wx_utf8 u;
    convert(page, NULL, &u);
    ck_assert_ptr_eq(u.data, page + 3);
    ck_assert_str_eq(u.data, "서울 18.6℃");
    ck_assert_str_eq(u.name, "UTF-8");
    charset_free(&u);
    converts_to("\xEF\xBB\xBF", NULL, "", "UTF-8");
}
END_TEST

/* A BOM on otherwise invalid bytes is still not part of the text. */
START_TEST(test_bom_then_invalid)
{
    converts_to("\xEF\xBB\xBF"
                "a\xFF"
                "b",
                "utf-8",
                "a\xEF\xBF\xBD"
                "b",
                "UTF-8");
}
END_TEST

START_TEST(test_cp949_detected)
{
    converts_to(CP_STRIP, NULL, "흐림속초15.9℃", "CP949");
    converts_to("<p>" CP_SEOUL " 18.6</p>", NULL, "<p>서울 18.6</p>", "CP949");
    converts_to(CP_TTOM_HAENG, NULL, "똠햏", "CP949");
}
END_TEST

START_TEST(test_cp949_declared)
{
    converts_to(CP_STRIP, "euc-kr", "흐림속초15.9℃", "CP949");
    converts_to(CP_STRIP, "EUC-KR", "흐림속초15.9℃", "CP949");
    converts_to(CP_GANADA, "cp949", "가나다", "CP949");
    converts_to(CP_GANADA, "ks_c_5601-1987", "가나다", "CP949");
    converts_to(CP_GANADA, "x-windows-949", "가나다", "CP949");
    /* an EUC-KR label still reads CP949's extra syllables */
    converts_to(CP_TTOM_HAENG, "euc-kr", "똠햏", "CP949");
    converts_to(CP_TTOM_HAENG, "ks_c_5601-1987", "똠햏", "CP949");
}
END_TEST

START_TEST(test_cp949_meta)
{
    converts_to("<html><head><meta charset=euc-kr></head><p>" CP_TTOM_HAENG "</p>", NULL,
                "<html><head><meta charset=euc-kr></head><p>똠햏</p>", "CP949");
    converts_to("<meta charset=\"EUC-KR\">" CP_SEOUL, NULL, "<meta charset=\"EUC-KR\">서울",
                "CP949");
    converts_to("<meta http-equiv=\"Content-Type\" content=\"text/html; "
                "charset=ks_c_5601-1987\">" CP_STRIP,
                NULL,
                "<meta http-equiv=\"Content-Type\" content=\"text/html; "
                "charset=ks_c_5601-1987\">흐림속초15.9℃",
                "CP949");
}
END_TEST

START_TEST(test_cp949_xml)
{
    converts_to("<?xml version=\"1.0\" encoding=\"euc-kr\"?><current>" CP_SEOUL "</current>", NULL,
                "<?xml version=\"1.0\" encoding=\"euc-kr\"?><current>서울</current>", "CP949");
    converts_to("<?xml version='1.0' encoding='EUC-KR'?><a>" CP_TTOM_HAENG "</a>", NULL,
                "<?xml version='1.0' encoding='EUC-KR'?><a>똠햏</a>", "CP949");
}
END_TEST

/* The caller's charset (the HTTP header) wins over the page's meta tag. */
START_TEST(test_declared_over_meta)
{
    converts_to("<meta charset=\"iso-8859-1\">" CP_SEOUL, "euc-kr",
                "<meta charset=\"iso-8859-1\">서울", "CP949");
    converts_to("<meta charset=euc-kr>\xE9t\xE9", "iso-8859-1", "<meta charset=euc-kr>été",
                "iso-8859-1");
}
END_TEST

/* Valid UTF-8 is UTF-8 whatever the header or the meta tag claims. */
START_TEST(test_mislabelled_utf8)
{
    const char *page = "<meta charset=euc-kr><p>흐림 속초 15.9℃</p>";
    wx_utf8 u;
    convert(page, "euc-kr", &u);
    ck_assert_ptr_eq(u.data, page);
    ck_assert_str_eq(u.name, "UTF-8");
    charset_free(&u);
    converts_to("<?xml version=\"1.0\" encoding=\"euc-kr\"?><a>서울</a>", NULL,
                "<?xml version=\"1.0\" encoding=\"euc-kr\"?><a>서울</a>", "UTF-8");
    converts_to("똠햏", "ks_c_5601-1987", "똠햏", "UTF-8");
}
END_TEST

START_TEST(test_invalid_cp949)
{
    /* a lead byte at the very end, an unassigned byte, a bad trail byte */
    converts_to(CP_GANADA "\xB0", NULL, "가나다\xEF\xBF\xBD", "CP949");
    converts_to(CP_SEOUL "\xFF" CP_SEOUL, NULL, "서울\xEF\xBF\xBD서울", "CP949");
    converts_to("\xB0 " CP_SEOUL, "euc-kr", "\xEF\xBF\xBD 서울", "CP949");
}
END_TEST

/* Bytes that claim UTF-8 but are not: each bad byte becomes U+FFFD. */
START_TEST(test_invalid_utf8)
{
    converts_to("a\xFF"
                "b",
                "utf-8",
                "a\xEF\xBF\xBD"
                "b",
                "UTF-8");
    /* a UTF-8 label on bytes that are clean CP949 is a template's stale label */
    converts_to("<meta charset=utf-8>\xC0\xAF!", NULL, "<meta charset=utf-8>유!", "CP949");
    converts_to("서울\xED\xA0\x80", "UTF8", "서울\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", "UTF-8");
    converts_to("흐림\xEA\xB0", "utf-8", "흐림\xEF\xBF\xBD\xEF\xBF\xBD", "UTF-8");
}
END_TEST

/* A UTF-8 label, from the page or the HTTP header, on bytes that read
 * cleanly as CP949 is a template's stale label. */
START_TEST(test_wrong_utf8_label)
{
    converts_to("<meta charset=\"utf-8\"><p>" CP_STRIP "</p>", NULL,
                "<meta charset=\"utf-8\"><p>흐림속초15.9℃</p>", "CP949");
    converts_to(CP_SEOUL " " CP_TTOM_HAENG, "UTF-8", "서울 똠햏", "CP949");
    converts_to("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>" CP_GANADA "</a>", NULL,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>가나다</a>", "CP949");
}
END_TEST

/* UTF-8 cut inside a character or with a stray byte is damaged UTF-8, not
 * CP949, with or without a label. */
START_TEST(test_damaged_utf8)
{
    converts_to("• 흐림 속초 15.9℃\n• 맑음 서울 18.6\xE2\x84", NULL,
                "• 흐림 속초 15.9℃\n• 맑음 서울 18.6" FFFD FFFD, "UTF-8");
    converts_to("흐림 속초\xFF 15.9℃", NULL, "흐림 속초" FFFD " 15.9℃", "UTF-8");
    converts_to("<meta charset=utf-8>서울\xEA", NULL, "<meta charset=utf-8>서울" FFFD, "UTF-8");
}
END_TEST

START_TEST(test_output_terminated)
{
    wx_utf8 u;
    convert(CP_GANADA, NULL, &u);
    ck_assert_ptr_eq(u.data, u.owned.data);
    ck_assert_uint_eq(u.len, strlen("가나다"));
    ck_assert_int_eq(u.data[u.len], '\0');
    ck_assert(charset_valid_utf8(u.data, u.len));
    charset_free(&u);
    ck_assert_ptr_null(u.owned.data);
}
END_TEST

START_TEST(test_unknown_charset)
{
    wx_utf8 u;
    char err[256] = "";
    const char *page = "<p>" CP_SEOUL "</p>";
    ck_assert_int_eq(charset_to_utf8(page, strlen(page), "x-no-such-charset", &u, err, sizeof err),
                     -1);
    ck_assert_str_eq(err, "unsupported charset 'x-no-such-charset'");
    charset_free(&u);
    const char *meta = "<meta charset=\"klingon-8\">" CP_SEOUL;
    ck_assert_int_eq(charset_to_utf8(meta, strlen(meta), NULL, &u, err, sizeof err), -1);
    ck_assert_str_eq(err, "unsupported charset 'klingon-8'");
    charset_free(&u);
}
END_TEST

/* An unknown label on valid UTF-8 is no error: the bytes decide. */
START_TEST(test_unknown_charset_utf8)
{
    converts_to("서울 18.6℃", "x-no-such-charset", "서울 18.6℃", "UTF-8");
}
END_TEST

START_TEST(test_utf16_bom)
{
    const char le[] = "\xFF\xFE"
                      "a\0\x1C\xC1"
                      "b\0"; /* a서b */
    const char be[] = "\xFE\xFF\0a\xC1\x1C\0b";
    wx_utf8 u;
    char err[256];
    ck_assert_int_eq(charset_to_utf8(le, sizeof le - 1, NULL, &u, err, sizeof err), 0);
    ck_assert_str_eq(u.data, "a서b");
    ck_assert_str_eq(u.name, "UTF-16LE");
    charset_free(&u);
    ck_assert_int_eq(charset_to_utf8(be, sizeof be - 1, NULL, &u, err, sizeof err), 0);
    ck_assert_str_eq(u.data, "a서b");
    ck_assert_str_eq(u.name, "UTF-16BE");
    charset_free(&u);
}
END_TEST

/* A page larger than the conversion's chunk, with a bad byte on the way. */
START_TEST(test_large_page)
{
    buf_t in = {0}, want = {0};
    for (int i = 0; i < 20000; i++) {
        buf_puts(&in, i == 10000 ? "\xFF" : CP_SEOUL " ");
        buf_puts(&want, i == 10000 ? "\xEF\xBF\xBD" : "서울 ");
    }
    wx_utf8 u;
    char err[256];
    ck_assert_int_eq(charset_to_utf8(in.data, in.len, "euc-kr", &u, err, sizeof err), 0);
    ck_assert_uint_eq(u.len, want.len);
    ck_assert_mem_eq(u.data, want.data, want.len);
    charset_free(&u);
    buf_free(&in);
    buf_free(&want);
}
END_TEST

/* Runs charset_sniff on S; returns the name found, or "" when none. */
static const char *sniff(const char *s)
{
    static char name[32];
    name[0] = '\0';
    int found = charset_sniff(s, strlen(s), name, sizeof name);
    ck_assert_int_eq(found, name[0] != '\0');
    return name;
}

START_TEST(test_sniff_meta)
{
    ck_assert_str_eq(sniff("<meta charset=euc-kr>"), "euc-kr");
    ck_assert_str_eq(sniff("<META CHARSET=\"EUC-KR\">"), "EUC-KR");
    ck_assert_str_eq(sniff("<meta charset='utf-8'/>"), "utf-8");
    ck_assert_str_eq(sniff("<meta charset = \"euc-kr\" >"), "euc-kr");
    ck_assert_str_eq(sniff("<meta http-equiv=\"Content-Type\" "
                           "content=\"text/html; charset=ks_c_5601-1987\">"),
                     "ks_c_5601-1987");
    ck_assert_str_eq(sniff("<meta content='text/html;charset=x-windows-949' "
                           "http-equiv='content-type'>"),
                     "x-windows-949");
}
END_TEST

START_TEST(test_sniff_xml)
{
    ck_assert_str_eq(sniff("<?xml version=\"1.0\" encoding=\"euc-kr\"?><a/>"), "euc-kr");
    ck_assert_str_eq(sniff("<?xml version='1.0' encoding='UTF-8' ?>"), "UTF-8");
    ck_assert_str_eq(sniff("<?xml version=\"1.0\" encoding = \"cp949\"?>"), "cp949");
    /* no encoding in the declaration: a meta further on still counts */
    ck_assert_str_eq(sniff("<?xml version=\"1.0\"?><html><meta charset=euc-kr>"), "euc-kr");
}
END_TEST

START_TEST(test_sniff_none)
{
    ck_assert_str_eq(sniff(""), "");
    ck_assert_str_eq(sniff("<html><p>서울 18.6℃</p></html>"), "");
    ck_assert_str_eq(sniff("the charset is unknown"), "");
    ck_assert_str_eq(sniff("<meta charset=>"), "");
    ck_assert_str_eq(sniff("<meta charset=\"\">"), "");
}
END_TEST

/* Prose that says "charset" without '=' does not hide the real tag. */
START_TEST(test_sniff_skips_prose)
{
    ck_assert_str_eq(sniff("<!-- pick a charset here --><meta charset=euc-kr>"), "euc-kr");
}
END_TEST

/* Only meta tags name the page's charset: a script, a stylesheet or a form
 * names the charset of another document. */
START_TEST(test_sniff_meta_only)
{
    ck_assert_str_eq(sniff("<script charset=\"utf-8\" src=\"a.js\"></script>"
                           "<meta charset=euc-kr>"),
                     "euc-kr");
    ck_assert_str_eq(sniff("<link rel=stylesheet charset=utf-8 href=a.css>"), "");
    ck_assert_str_eq(sniff("<form accept-charset=\"UTF-8\"></form>"), "");
    ck_assert_str_eq(sniff("<meta name=x><p>charset=utf-8</p>"), "");
}
END_TEST

/* A CP949 page that loads a UTF-8 script before its meta tag. */
START_TEST(test_cp949_script_charset)
{
    converts_to("<script charset=utf-8 src=a.js></script><meta charset=euc-kr>" CP_SEOUL, NULL,
                "<script charset=utf-8 src=a.js></script><meta charset=euc-kr>서울", "CP949");
    converts_to("<form accept-charset=\"UTF-8\">" CP_SEOUL "</form>", NULL,
                "<form accept-charset=\"UTF-8\">서울</form>", "CP949");
}
END_TEST

START_TEST(test_sniff_bounds)
{
    char name[32], small[4];
    const char *s = "<meta charset=euc-kr>";
    ck_assert_int_eq(charset_sniff(s, strlen(s), small, sizeof small), 0);
    ck_assert_int_eq(charset_sniff(s, strlen("<meta charset=euc"), name, sizeof name), 1);
    ck_assert_str_eq(name, "euc");
    ck_assert_int_eq(charset_sniff(s, strlen("<meta charset"), name, sizeof name), 0);
    buf_t b = {0};
    for (int i = 0; i < 5000; i++)
        buf_putc(&b, ' ');
    buf_puts(&b, s);
    ck_assert_int_eq(charset_sniff(b.data, b.len, name, sizeof name), 0); /* too far in */
    buf_free(&b);
}
END_TEST

static int valid(const char *s)
{
    return charset_valid_utf8(s, strlen(s));
}

START_TEST(test_valid_utf8_good)
{
    ck_assert(valid(""));
    ck_assert(valid("ascii only"));
    ck_assert(valid("흐림 속초 15.9℃"));
    ck_assert(valid("\xC2\x80"));         /* U+0080, the smallest 2-byte */
    ck_assert(valid("\xE0\xA0\x80"));     /* U+0800 */
    ck_assert(valid("\xED\x9F\xBF"));     /* U+D7FF, just below surrogates */
    ck_assert(valid("\xEE\x80\x80"));     /* U+E000, just above */
    ck_assert(valid("\xEF\xBF\xBD"));     /* U+FFFD */
    ck_assert(valid("\xF0\x9F\x8C\xA7")); /* U+1F327 cloud with rain */
    ck_assert(valid("\xF4\x8F\xBF\xBF")); /* U+10FFFF */
    ck_assert(charset_valid_utf8("a\0b", 3));
}
END_TEST

START_TEST(test_valid_utf8_overlong)
{
    ck_assert(!valid("\xC0\x80"));
    ck_assert(!valid("\xC0\xAF"));
    ck_assert(!valid("\xC1\xBF"));
    ck_assert(!valid("\xE0\x80\x80"));
    ck_assert(!valid("\xE0\x9F\xBF"));
    ck_assert(!valid("\xF0\x80\x80\x80"));
    ck_assert(!valid("\xF0\x8F\xBF\xBF"));
}
END_TEST

START_TEST(test_valid_utf8_surrogates_range)
{
    ck_assert(!valid("\xED\xA0\x80"));             /* U+D800 */
    ck_assert(!valid("\xED\xBF\xBF"));             /* U+DFFF */
    ck_assert(!valid("\xED\xA0\xBD\xED\xB2\xA9")); /* a CESU-8 pair */
    ck_assert(!valid("\xF4\x90\x80\x80"));         /* U+110000 */
    ck_assert(!valid("\xF5\x80\x80\x80"));
    ck_assert(!valid("\xF8\x88\x80\x80\x80"));
    ck_assert(!valid("\xFE"));
    ck_assert(!valid("\xFF"));
}
END_TEST

START_TEST(test_valid_utf8_truncated)
{
    ck_assert(!valid("\x80")); /* a lone continuation byte */
    ck_assert(!valid("a\xBF"
                     "b"));
    ck_assert(!valid("\xC2"));
    ck_assert(!valid("\xEA\xB0")); /* 가 cut short */
    ck_assert(!valid("\xEA\xB0"
                     "a"));
    ck_assert(!valid("\xF0\x9F\x8C"));
    ck_assert(!valid("서울\xEA"));
    /* LEN cuts a valid sequence */
    ck_assert(!charset_valid_utf8("가", 2));
    ck_assert(charset_valid_utf8("가", 3));
    ck_assert(!valid(CP_STRIP));
}
END_TEST

Suite *charset_suite(void)
{
    Suite *s = suite_create("charset");
    TCase *t = tcase_create("convert");
    tcase_add_test(t, test_utf8_passthrough);
    tcase_add_test(t, test_ascii_and_empty);
    tcase_add_test(t, test_bom_stripped);
    tcase_add_test(t, test_bom_then_invalid);
    tcase_add_test(t, test_cp949_detected);
    tcase_add_test(t, test_cp949_declared);
    tcase_add_test(t, test_cp949_meta);
    tcase_add_test(t, test_cp949_xml);
    tcase_add_test(t, test_declared_over_meta);
    tcase_add_test(t, test_mislabelled_utf8);
    tcase_add_test(t, test_invalid_cp949);
    tcase_add_test(t, test_invalid_utf8);
    tcase_add_test(t, test_wrong_utf8_label);
    tcase_add_test(t, test_damaged_utf8);
    tcase_add_test(t, test_output_terminated);
    tcase_add_test(t, test_unknown_charset);
    tcase_add_test(t, test_unknown_charset_utf8);
    tcase_add_test(t, test_utf16_bom);
    tcase_add_test(t, test_large_page);
    suite_add_tcase(s, t);
    t = tcase_create("sniff");
    tcase_add_test(t, test_sniff_meta);
    tcase_add_test(t, test_sniff_xml);
    tcase_add_test(t, test_sniff_none);
    tcase_add_test(t, test_sniff_skips_prose);
    tcase_add_test(t, test_sniff_meta_only);
    tcase_add_test(t, test_cp949_script_charset);
    tcase_add_test(t, test_sniff_bounds);
    suite_add_tcase(s, t);
    t = tcase_create("valid");
    tcase_add_test(t, test_valid_utf8_good);
    tcase_add_test(t, test_valid_utf8_overlong);
    tcase_add_test(t, test_valid_utf8_surrogates_range);
    tcase_add_test(t, test_valid_utf8_truncated);
    suite_add_tcase(s, t);
    return s;
}
