/* check_temptext: temperatures in text (temptext.c): their values and marks. */
#include <math.h>
#include <string.h>

#include "temptext.h"
#include "tests.h"

/* ---- temps_count_marks ---- */

static size_t marks(const char *s)
{
    return temps_count_marks(s, strlen(s));
}

/* The value of the one temperature in S. */
static double temp_of(const char *s)
{
    temp_tok t[2];
    ck_assert_msg(temps_find(s, strlen(s), t, 2) == 1, "no single temperature in '%s'", s);
    return t[0].value;
}

START_TEST(test_temps_values)
{
    /* at the very start of the text too: a number without a decimal point
     * lost its first digit there */
    ck_assert_double_eq(temp_of("2℃"), 2.0);
    ck_assert_double_eq(temp_of("32℃"), 32.0);
    ck_assert_double_eq(temp_of("10°C"), 10.0);
    ck_assert_double_eq(temp_of("-3℃"), -3.0);
    ck_assert_double_eq_tol(temp_of("18.6℃"), 18.6, 1e-9);
    ck_assert_double_eq_tol(temp_of("서울 -0.5℃"), -0.5, 1e-9);
    ck_assert_double_eq(temp_of("서울 −12℃"), -12.0);
    ck_assert_double_eq(temp_of("부산 7 ℃"), 7.0);
    ck_assert_int_eq(signbit(temp_of("대구 -0.0℃")), 0); /* 0.0, never -0.0 */
}
END_TEST

START_TEST(test_marks_count)
{
    ck_assert_uint_eq(marks(""), 0);
    ck_assert_uint_eq(marks("기상청 제공"), 0);
    ck_assert_uint_eq(marks("18.6℃"), 1);
    ck_assert_uint_eq(marks("18.6°C"), 1);
    ck_assert_uint_eq(marks("18.6° C"), 1);
    ck_assert_uint_eq(marks("서울 18.6℃ 인천 17.2°C 수원 19.0° C"), 3);
    ck_assert_uint_eq(marks("흐림속초15.9℃비북강릉19.0℃흐림강릉20.1℃"), 3);
    ck_assert_uint_eq(marks("℃"), 1); /* a bare mark, as in a 기온(℃) header */
}
END_TEST

START_TEST(test_marks_not_marks)
{
    ck_assert_uint_eq(marks("각도 30°"), 0);
    ck_assert_uint_eq(marks("18.6 degrees"), 0);
    ck_assert_uint_eq(marks("습도 45% 풍속 2.1m/s"), 0);
    ck_assert_uint_eq(marks("2024.05.05 (일)"), 0);
}
END_TEST

START_TEST(test_marks_respect_len)
{
    const char *s = "18.6℃ 17.2℃";
    ck_assert_uint_eq(temps_count_marks(s, strlen("18.6℃")), 1);
    ck_assert_uint_eq(temps_count_marks(s, strlen("18.6℃") - 1), 0); /* a cut ℃ */
    ck_assert_uint_eq(temps_count_marks(s, strlen(s)), 2);
    ck_assert_uint_eq(temps_count_marks(s, 0), 0);
}
END_TEST

Suite *temps_suite(void)
{
    Suite *s = suite_create("temps");
    TCase *tc = tcase_create("marks");
    tcase_add_test(tc, test_temps_values);
    tcase_add_test(tc, test_marks_count);
    tcase_add_test(tc, test_marks_not_marks);
    tcase_add_test(tc, test_marks_respect_len);
    suite_add_tcase(s, tc);
    return s;
}
