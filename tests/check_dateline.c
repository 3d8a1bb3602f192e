/* check_dateline: the date lines of strips (dateline.c): the shapes sites
 * write, the calendar, what is no date line, years settled. */
#include <string.h>
#include <time.h>

#include "dateline.h"
#include "tests.h"

/* ---- dateline_parse ---- */

/* Parses S (all of it); returns what dateline_parse returned. */
static int date_of(const char *s, strip_date *d)
{
    memset(d, 0x55, sizeof *d);
    return dateline_parse(s, strlen(s), d);
}

static void assert_date(const char *s, int y, int m, int day, int hour, int minute)
{
    strip_date d;
    ck_assert_msg(date_of(s, &d) == 1, "'%s' is not read as a date line", s);
    ck_assert_msg(d.year == y && d.month == m && d.day == day,
                  "'%s' read as %04d-%02d-%02d, expected %04d-%02d-%02d", s, d.year, d.month, d.day,
                  y, m, day);
    ck_assert_msg(d.hour == hour && d.minute == minute, "'%s' read with time %d:%d, expected %d:%d",
                  s, d.hour, d.minute, hour, minute);
}

static void assert_not_date(const char *s)
{
    strip_date d;
    ck_assert_msg(date_of(s, &d) == 0, "'%s' was read as a date line (%04d-%02d-%02d)", s, d.year,
                  d.month, d.day);
}

START_TEST(test_date_strip_forms)
{
    assert_date("2024.05.05 (일)", 2024, 5, 5, -1, -1);
    assert_date("2024.05.05", 2024, 5, 5, -1, -1);
    assert_date("2025.11.25 (화)", 2025, 11, 25, -1, -1);
    assert_date("2024.01.23(화)", 2024, 1, 23, -1, -1);
}
END_TEST

START_TEST(test_date_other_spellings)
{
    assert_date("2024-05-05 14:00", 2024, 5, 5, 14, 0);
    assert_date("2024-05-05 09:30", 2024, 5, 5, 9, 30);
    assert_date("2024년 5월 5일", 2024, 5, 5, -1, -1);
    assert_date("2024년 05월 05일", 2024, 5, 5, -1, -1);
    assert_date("2024-05-05", 2024, 5, 5, -1, -1);
}
END_TEST

START_TEST(test_date_hour_24)
{
    /* 24:00 ends a day: it is 00:00 of the next, across months and years */
    assert_date("2024-05-05 24:00", 2024, 5, 6, 0, 0);
    assert_date("2024.02.28 24시 기준", 2024, 2, 29, 0, 0);
    assert_date("2023.02.28 24:00", 2023, 3, 1, 0, 0);
    assert_date("2024.12.31 (화) 24:00", 2025, 1, 1, 0, 0);
    assert_not_date("2024-05-05 24:30");
    assert_not_date("2024-05-05 25:00");
}
END_TEST

START_TEST(test_date_surrounding_space)
{
    /* text nodes of pretty-printed HTML carry their indentation */
    assert_date("\n      2024.05.05 (일)\n    ", 2024, 5, 5, -1, -1);
    assert_date("  2024.03.14  ", 2024, 3, 14, -1, -1);
}
END_TEST

START_TEST(test_date_calendar)
{
    assert_date("2024.02.29", 2024, 2, 29, -1, -1); /* leap year */
    assert_not_date("2023.02.29");
    assert_not_date("2024.13.05");
    assert_not_date("2024.00.10");
    assert_not_date("2024.04.31");
    assert_not_date("2024.05.00");
}
END_TEST

START_TEST(test_date_not_whole_text)
{
    assert_not_date("2024.05.05 (일) 흐림 서울 18.6℃");
    assert_not_date("입력 2024.05.05 15:20");
    assert_not_date("기사승인 : 2023-12-11 17:40:25 수정");
    assert_not_date("오늘의 날씨 2024.11.28");
    assert_not_date("2024.05.05 (일) 어린이날 행사 안내");
}
END_TEST

START_TEST(test_date_not_a_date)
{
    assert_not_date("");
    assert_not_date("   ");
    assert_not_date("18.6℃");
    assert_not_date("05.05"); /* no year: only with its weekday */
    assert_not_date("11월 25일");
    assert_not_date("기상청 제공");
    assert_not_date("12.5");
    assert_not_date("12.5(목요)");
}
END_TEST

/* Shapes sites write (issue 11): the long Korean form with a time of day,
 * a weekday standing alone, words of a heading after the date, slashes,
 * and no year when the weekday is written. */
START_TEST(test_date_more_shapes)
{
    assert_date("2025년 11월 25일 화요일 오후 2시 현재", 2025, 11, 25, 14, 0);
    assert_date("2025년 11월 25일 (화) 오전 9시 30분 기준", 2025, 11, 25, 9, 30);
    assert_date("2025년 11월 25일 오전 12시 발표", 2025, 11, 25, 0, 0);
    assert_date("2025년 11월 25일 오후 12시", 2025, 11, 25, 12, 0);
    assert_date("2025.11.25 (화) 주요 지역 날씨", 2025, 11, 25, -1, -1);
    assert_date("2025.11.25 (화) · 전국 날씨 현황", 2025, 11, 25, -1, -1);
    assert_date("2025/11/25(화)", 2025, 11, 25, -1, -1);
    assert_date("11월 25일(화)", 0, 11, 25, -1, -1);
    assert_date("11.25(화)", 0, 11, 25, -1, -1);
    assert_date("11월 25일 화요일 14:00 현재", 0, 11, 25, 14, 0);
    assert_date("05.05 (일)", 0, 5, 5, -1, -1);
    /* prose keeps being prose, and a time of day must be one */
    assert_not_date("2025.11.25 (화) 서울에서 열린 행사");
    assert_not_date("2025년 11월 25일 화요일 오후 13시");
    assert_not_date("11월 25일 서울 날씨는 맑겠다");
    strip_date d;
    ck_assert_int_eq(date_of("11.25(화)", &d), 1);
    ck_assert_int_eq(d.wday, 2);
    ck_assert_int_eq(date_of("2025.11.25 (화)", &d), 1);
    ck_assert_int_eq(d.wday, 2);
}
END_TEST

/* A year for a date without one: the nearest to the poll whose weekday is
 * the one written. */
START_TEST(test_date_settle_year)
{
    time_t at = 1764032400; /* 2025-11-25 10:00 KST, a Tuesday */
    ck_assert_int_eq(dateline_settle_year(11, 25, 2, at), 2025);
    ck_assert_int_eq(dateline_settle_year(11, 25, -1, at), 2025);
    ck_assert_int_eq(dateline_settle_year(12, 31, -1, at), 2025);
    ck_assert_int_eq(dateline_settle_year(1, 2, -1, at + 40 * 86400), 2026); /* after New Year */
    ck_assert_int_eq(dateline_settle_year(12, 30, 2, at + 40 * 86400), 2025);
    ck_assert_int_eq(dateline_settle_year(11, 25, 3, at), 2026); /* 2026-11-25 is a Wednesday */
    ck_assert_int_eq(dateline_settle_year(11, 25, 5, at), 0);    /* no year near fits a Friday */
    ck_assert_int_eq(dateline_settle_year(2, 29, -1, at), 2024); /* the one leap year near */
    ck_assert_int_eq(dateline_settle_year(2, 29, -1, at + 730 * 86400), 2028);
}
END_TEST

START_TEST(test_date_respects_len)
{
    const char *s = "2024.05.05 (일)흐림서울18.6℃";
    strip_date d;
    ck_assert_int_eq(dateline_parse(s, strlen("2024.05.05 (일)"), &d), 1);
    ck_assert_int_eq(d.year, 2024);
    ck_assert_int_eq(d.month, 5);
    ck_assert_int_eq(d.day, 5);
    ck_assert_int_eq(dateline_parse(s, strlen(s), &d), 0);
    ck_assert_int_eq(dateline_parse(s, 0, &d), 0);
}
END_TEST

Suite *dateline_suite(void)
{
    Suite *s = suite_create("dateline");
    TCase *tc = tcase_create("date");
    tcase_add_test(tc, test_date_strip_forms);
    tcase_add_test(tc, test_date_other_spellings);
    tcase_add_test(tc, test_date_hour_24);
    tcase_add_test(tc, test_date_surrounding_space);
    tcase_add_test(tc, test_date_calendar);
    tcase_add_test(tc, test_date_not_whole_text);
    tcase_add_test(tc, test_date_not_a_date);
    tcase_add_test(tc, test_date_respects_len);
    tcase_add_test(tc, test_date_more_shapes);
    tcase_add_test(tc, test_date_settle_year);
    suite_add_tcase(s, tc);
    return s;
}
