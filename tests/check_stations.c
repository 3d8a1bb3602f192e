/* check_stations: the registry file, lookups and registry errors. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tests.h"

/* Parses TEXT as a registry; REG is NULL on error, with ERR filled. */
static wx_registry *parse(const char *text, char *err, size_t errlen)
{
    err[0] = '\0';
    return stations_parse(text, strlen(text), "test.tsv", err, errlen);
}

/* Asserts that TEXT fails to parse with an error containing WANT. */
static void parse_fails(const char *text, const char *want)
{
    char err[512];
    wx_registry *reg = parse(text, err, sizeof err);
    ck_assert_ptr_null(reg);
    ck_assert_msg(strstr(err, want) != NULL, "error '%s' lacks '%s'", err, want);
}

/* The station NAME finds in the bundled registry, as an id (0: none). */
static int id_of(const wx_registry *reg, const char *name)
{
    const wx_station *st = stations_by_name(reg, name, strlen(name));
    return st ? st->id : 0;
}

static int find_id(const wx_registry *reg, const char *query)
{
    const wx_station *st = stations_find(reg, query);
    return st ? st->id : 0;
}

START_TEST(test_load_bundled)
{
    wx_registry *reg = test_registry();
    ck_assert_uint_eq(stations_count(reg), 97);
    ck_assert_int_eq(stations_at(reg, 0)->id, 90);
    ck_assert_int_eq(stations_at(reg, 96)->id, 296);
    for (size_t i = 1; i < stations_count(reg); i++)
        ck_assert_int_lt(stations_at(reg, i - 1)->id, stations_at(reg, i)->id);
    ck_assert_ptr_null(stations_at(reg, 97));
    stations_free(reg);
}
END_TEST

START_TEST(test_station_fields)
{
    wx_registry *reg = test_registry();
    const wx_station *st = stations_by_id(reg, 108);
    ck_assert_ptr_nonnull(st);
    ck_assert_str_eq(st->name, "서울");
    ck_assert_str_eq(st->name_en, "Seoul");
    ck_assert_str_eq(st->province, "서울특별시");
    ck_assert_double_eq_tol(st->lat, 37.57142, 1e-9);
    ck_assert_double_eq_tol(st->lon, 126.9658, 1e-9);
    ck_assert_double_eq_tol(st->elevation, 85.67, 1e-9);
    ck_assert(isnan(stations_by_id(reg, 251)->elevation)); /* unpublished */
    stations_free(reg);
}
END_TEST

START_TEST(test_by_id)
{
    wx_registry *reg = test_registry();
    ck_assert_str_eq(stations_by_id(reg, 90)->name, "속초");
    ck_assert_str_eq(stations_by_id(reg, 296)->name, "북부산");
    ck_assert_str_eq(stations_by_id(reg, 172)->name, "고창");
    ck_assert_str_eq(stations_by_id(reg, 251)->name, "고창군");
    ck_assert_ptr_null(stations_by_id(reg, 0));
    ck_assert_ptr_null(stations_by_id(reg, 91));
    ck_assert_ptr_null(stations_by_id(reg, -108));
    ck_assert_ptr_null(stations_by_id(reg, 999));
    stations_free(reg);
}
END_TEST

/* An alias names the station, not a new one. */
START_TEST(test_by_alias_rest)
{
    wx_registry *reg = test_registry();
    ck_assert_str_eq(stations_by_name(reg, "백령", strlen("백령"))->name, "백령도");
    stations_free(reg);
}
END_TEST

/* Every lookup a user or a page makes, and what it must find (0: none):
 * names and aliases exactly, romanized names in any case, numbers through
 * stations_find. */
static const struct {
    const char *query;
    int find; /* through stations_find, not stations_by_name */
    int want;
    const char *what;
} lookups[] = {
    {"서울", 0, 108, "by_korean_name"},
    {"속초", 0, 90, "by_korean_name"},
    {"북부산", 0, 296, "by_korean_name"},
    {"정선군", 0, 217, "by_korean_name"},
    {"경주시", 0, 283, "by_korean_name"},
    {"홍성(예)", 0, 177, "by_alias"},
    {"서청주(예)", 0, 181, "by_alias"},
    {"백령", 0, 102, "by_alias"},
    {"대구(기)", 0, 143, "by_alias"},
    {"정선", 0, 217, "by_alias"},
    {"경주", 0, 283, "by_alias"},
    {"홍성", 0, 177, "by_alias"},
    {"서청주", 0, 181, "by_alias"},
    {"Seoul", 0, 108, "by_romanized"},
    {"SEOUL", 0, 108, "by_romanized"},
    {"seoul", 0, 108, "by_romanized"},
    {"sEoUl", 0, 108, "by_romanized"},
    {"jeongseon-gun", 0, 217, "by_romanized"},
    {"JEONGSEON-GUN", 0, 217, "by_romanized"},
    {"Gochang", 0, 172, "by_romanized"},
    {"gochang-gun", 0, 251, "by_romanized"},
    {"Jeongseon", 0, 0, "by_romanized"},
    {"Seoul ", 0, 0, "by_romanized"},
    {"고창", 0, 172, "exact_only"},
    {"고창군", 0, 251, "exact_only"},
    {"창원", 0, 155, "exact_only"},
    {"북창원", 0, 255, "exact_only"},
    {"강릉", 0, 105, "exact_only"},
    {"북강릉", 0, 104, "exact_only"},
    {"서", 0, 0, "exact_only"},
    {"서울특별시", 0, 0, "exact_only"},
    {"서울 ", 0, 0, "exact_only"},
    {" 서울", 0, 0, "exact_only"},
    {"Seo", 0, 0, "exact_only"},
    {"홍성(예", 0, 0, "exact_only"},
    {"", 0, 0, "exact_only"},
    {"108", 1, 108, "find"},
    {"90", 1, 90, "find"},
    {"296", 1, 296, "find"},
    {"91", 1, 0, "find"},
    {"0", 1, 0, "find"},
    {"-108", 1, 0, "find"},
    {"108x", 1, 0, "find"},
    {"99999999999999999999", 1, 0, "find"},
    {"서울", 1, 108, "find"},
    {"홍성(예)", 1, 177, "find"},
    {"seoul", 1, 108, "find"},
    {"Gangneung", 1, 105, "find"},
    {"", 1, 0, "find"},
    {"서", 1, 0, "find"},
};

START_TEST(test_lookup)
{
    wx_registry *reg = test_registry();
    int got = lookups[_i].find ? find_id(reg, lookups[_i].query) : id_of(reg, lookups[_i].query);
    ck_assert_msg(got == lookups[_i].want, "%s: '%s' finds %d, want %d", lookups[_i].what,
                  lookups[_i].query, got, lookups[_i].want);
    stations_free(reg);
}
END_TEST

/* by_name takes a length: a name inside a longer text matches alone. */
START_TEST(test_by_name_length)
{
    wx_registry *reg = test_registry();
    const char *text = "서울특별시";
    ck_assert_int_eq(stations_by_name(reg, text, strlen("서울"))->id, 108);
    ck_assert_ptr_null(stations_by_name(reg, "서울\0x", 7));
    ck_assert_ptr_null(stations_by_name(reg, text, 0));
    char longname[300];
    memset(longname, 'a', sizeof longname);
    ck_assert_ptr_null(stations_by_name(reg, longname, sizeof longname));
    stations_free(reg);
}
END_TEST

START_TEST(test_index)
{
    wx_registry *reg = test_registry();
    for (size_t i = 0; i < stations_count(reg); i++)
        ck_assert_int_eq(stations_index(reg, stations_at(reg, i)), (long)i);
    ck_assert_int_eq(stations_index(reg, stations_by_id(reg, 90)), 0);
    ck_assert_int_eq(stations_index(reg, stations_by_id(reg, 296)), 96);
    ck_assert_int_eq(stations_index(reg, stations_by_id(reg, 93)), 1);
    ck_assert_int_eq(stations_index(reg, NULL), -1);
    wx_station outside = *stations_by_id(reg, 108);
    ck_assert_int_eq(stations_index(reg, &outside), -1);
    stations_free(reg);
}
END_TEST

/* Another registry's station is not in this one. */
START_TEST(test_index_other_registry)
{
    wx_registry *a = test_registry(), *b = test_registry();
    ck_assert_int_eq(stations_index(a, stations_by_id(b, 108)), -1);
    ck_assert_int_eq(stations_index(b, stations_by_id(b, 108)), 11);
    stations_free(a);
    stations_free(b);
}
END_TEST

START_TEST(test_parse_minimal)
{
    char err[512];
    const char *text = "# a comment\n"
                       "\n"
                       "id\tname_ko\tname_en\tlat\tlon\televation_m\tprovince\taliases\n"
                       "   \n"
                       "  # an indented comment\n"
                       "20\t나\tNa\t36.5\t127.25\t\t도\n"
                       "10\t가\tGa\t-37.5\t-126.75\t12.5\t도\t가가, 가나 ,\r\n";
    wx_registry *reg = parse(text, err, sizeof err);
    ck_assert_msg(reg != NULL, "%s", err);
    ck_assert_uint_eq(stations_count(reg), 2);
    ck_assert_int_eq(stations_at(reg, 0)->id, 10);
    ck_assert_int_eq(stations_at(reg, 1)->id, 20);
    ck_assert_double_eq(stations_at(reg, 0)->lat, -37.5);
    ck_assert_double_eq(stations_at(reg, 0)->lon, -126.75);
    ck_assert_double_eq(stations_at(reg, 0)->elevation, 12.5);
    ck_assert(isnan(stations_at(reg, 1)->elevation));
    ck_assert_int_eq(id_of(reg, "가가"), 10);
    ck_assert_int_eq(id_of(reg, "가나"), 10);
    ck_assert_int_eq(id_of(reg, "na"), 20);
    ck_assert_int_eq(id_of(reg, " 가나"), 0);
    stations_free(reg);
}
END_TEST

START_TEST(test_parse_no_romanized)
{
    char err[512];
    wx_registry *reg = parse("7\t가\t\t36\t127\t1\t도\n8\t나\t\t36\t127\t1\t도\n", err, sizeof err);
    ck_assert_msg(reg != NULL, "%s", err);
    ck_assert_str_eq(stations_by_id(reg, 7)->name_en, "");
    ck_assert_int_eq(id_of(reg, ""), 0);
    ck_assert_int_eq(id_of(reg, "Na"), 0);
    ck_assert_int_eq(id_of(reg, "나"), 8);
    stations_free(reg);
}
END_TEST

START_TEST(test_parse_duplicate_id)
{
    parse_fails("1\t가\tGa\t36\t127\t1\t도\n"
                "2\t나\tNa\t36\t127\t1\t도\n"
                "1\t다\tDa\t36\t127\t1\t도\n",
                "test.tsv:3: station 1 is already on line 1");
}
END_TEST

/* A file much longer than qsort's small-array cutoff still names the later
 * line of a duplicate as the bad one. */
START_TEST(test_parse_duplicate_id_long_file)
{
    buf_t b = {0};
    for (int i = 1; i <= 400; i++)
        buf_printf(&b, "%d\tS%d\tRoman%d\t36\t127\t1\t도\n", i % 200 == 0 ? 5 : i, i, i);
    char err[512];
    wx_registry *reg = parse(b.data, err, sizeof err);
    ck_assert_ptr_null(reg);
    ck_assert_str_eq(err, "test.tsv:200: station 5 is already on line 5");
    buf_free(&b);
}
END_TEST

START_TEST(test_parse_name_twice)
{
    parse_fails("1\t가\tGa\t36\t127\t1\t도\n"
                "2\t가\tNa\t36\t127\t1\t도\n",
                "name '가' already names station");
    parse_fails("1\t가\tGa\t36\t127\t1\t도\t별칭\n"
                "2\t나\tNa\t36\t127\t1\t도\t별칭\n",
                "name '별칭' already names station");
    parse_fails("1\t가\tGa\t36\t127\t1\t도\n"
                "2\t나\tNa\t36\t127\t1\t도\t가\n",
                "name '가' already names station");
    parse_fails("1\t가\tSame\t36\t127\t1\t도\n"
                "2\t나\tSAME\t36\t127\t1\t도\n",
                "already names station");
}
END_TEST

/* The error of a shared name blames the later line, whatever the numbers. */
START_TEST(test_parse_name_twice_line)
{
    char err[512];
    ck_assert_ptr_null(parse("2\t가\tGa\t36\t127\t1\t도\n"
                             "# between\n"
                             "1\t나\tNa\t36\t127\t1\t도\t가\n",
                             err, sizeof err));
    ck_assert_str_eq(err, "test.tsv:3: name '가' already names station 2 (line 1)");
    ck_assert_ptr_null(parse("1\t가\tGa\t36\t127\t1\t도\n"
                             "2\t나\tNa\t36\t127\t1\t도\t가\n",
                             err, sizeof err));
    ck_assert_str_eq(err, "test.tsv:2: name '가' already names station 1 (line 1)");
}
END_TEST

/* An alias that repeats the station's own name is harmless. */
START_TEST(test_parse_alias_own_name)
{
    char err[512];
    wx_registry *reg = parse("1\t가\tGa\t36\t127\t1\t도\t가,가\n", err, sizeof err);
    ck_assert_msg(reg != NULL, "%s", err);
    ck_assert_int_eq(id_of(reg, "가"), 1);
    stations_free(reg);
}
END_TEST

START_TEST(test_parse_bad_fields)
{
    parse_fails("1\t가\tGa\t36\t127\t1\t도\n2\t나\tNa\t91\t127\t1\t도\n",
                "test.tsv:2: bad latitude");
    parse_fails("1\t가\tGa\tnorth\t127\t1\t도\n", "test.tsv:1: bad latitude");
    parse_fails("1\t가\tGa\t\t127\t1\t도\n", "test.tsv:1: bad latitude");
    parse_fails("1\t가\tGa\t36\t181\t1\t도\n", "test.tsv:1: bad longitude");
    parse_fails("1\t가\tGa\t36\t127\t1m\t도\n", "test.tsv:1: bad elevation");
    parse_fails("x1\t가\tGa\t36\t127\t1\t도\n", "test.tsv:1: bad station number");
    parse_fails("0\t가\tGa\t36\t127\t1\t도\n", "test.tsv:1: bad station number");
    parse_fails("-4\t가\tGa\t36\t127\t1\t도\n", "test.tsv:1: bad station number");
    parse_fails("1\t\tGa\t36\t127\t1\t도\n", "test.tsv:1: bad Korean name");
}
END_TEST

START_TEST(test_parse_field_count)
{
    parse_fails("1\t가\tGa\t36\t127\t1\n",
                "test.tsv:1: expected 7 or 8 tab-separated fields, found 6");
    parse_fails("# c\n1\t가\tGa\t36\t127\t1\t도\tx\ty\n",
                "test.tsv:2: expected 7 or 8 tab-separated fields, found 9");
    parse_fails("1\t가\tGa\t36\t127\t1\t도\tx\t\t\t\n", "found 11");
    parse_fails("1 가 Ga 36 127 1 도\n", "test.tsv:1: expected 7 or 8");
}
END_TEST

START_TEST(test_parse_empty)
{
    parse_fails("", "test.tsv: no stations");
    parse_fails("# only comments\n\n", "test.tsv: no stations");
    parse_fails("id\tname_ko\tname_en\tlat\tlon\televation_m\tprovince\taliases\n", "no stations");
}
END_TEST

START_TEST(test_parse_nul)
{
    char err[512];
    const char text[] = "1\t가\tGa\t36\t127\t1\t도\n\0002\t나\tNa\t36\t127\t1\t도\n";
    wx_registry *reg = stations_parse(text, sizeof text - 1, "nul.tsv", err, sizeof err);
    ck_assert_ptr_null(reg);
    ck_assert_str_eq(err, "nul.tsv: contains a NUL byte");
}
END_TEST

/* Only LEN bytes are read: the text need not end in NUL. */
START_TEST(test_parse_length_bound)
{
    char err[512];
    const char *text = "1\t가\tGa\t36\t127\t1\t도\n2\t나\tNa\t36\t127\t1\t도\n";
    size_t first = strlen("1\t가\tGa\t36\t127\t1\t도\n");
    wx_registry *reg = stations_parse(text, first, "t", err, sizeof err);
    ck_assert_msg(reg != NULL, "%s", err);
    ck_assert_uint_eq(stations_count(reg), 1);
    ck_assert_ptr_null(stations_by_id(reg, 2));
    stations_free(reg);
}
END_TEST

/* A too small error buffer is filled, not overflowed. */
START_TEST(test_parse_small_err)
{
    char err[8];
    memset(err, 'x', sizeof err);
    ck_assert_ptr_null(stations_parse("", 0, "a-long-origin.tsv", err, sizeof err));
    ck_assert_uint_lt(strlen(err), sizeof err);
}
END_TEST

/* Writes the bundled registry plus EXTRA into DIR/stations.tsv. */
static void write_registry(const char *dir, const char *extra, char *path, size_t size)
{
    buf_t b = {0};
    test_read("stations/stations.tsv", &b);
    ck_assert_int_eq(bprintf(path, size, "%s/stations.tsv", dir), 0);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(b.data, 1, b.len, f), b.len);
    ck_assert_int_ge(fputs(extra, f), 0);
    ck_assert_int_eq(fclose(f), 0);
    buf_free(&b);
}

START_TEST(test_user_station)
{
    char dir[1024], path[1200], err[512];
    test_tmpdir(dir, sizeof dir);
    write_registry(dir, "999\t테스트\tTeseuteu\t37\t127\t\t서울특별시\t시험,시험(예)\n", path,
                   sizeof path);
    wx_registry *reg = stations_load(path, err, sizeof err);
    ck_assert_msg(reg != NULL, "%s", err);
    ck_assert_uint_eq(stations_count(reg), 98);
    ck_assert_int_eq(stations_at(reg, 97)->id, 999);
    ck_assert_int_eq(id_of(reg, "테스트"), 999);
    ck_assert_int_eq(id_of(reg, "시험(예)"), 999);
    ck_assert_int_eq(id_of(reg, "teseuteu"), 999);
    ck_assert_int_eq(find_id(reg, "999"), 999);
    ck_assert_int_eq(id_of(reg, "서울"), 108);
    stations_free(reg);
    test_rmtree(dir);
}
END_TEST

/* A station between existing numbers takes its place in number order. */
START_TEST(test_user_station_order)
{
    char dir[1024], path[1200], err[512];
    test_tmpdir(dir, sizeof dir);
    write_registry(dir, "91\t새역\tSaeyeok\t38\t128\t10\t강원특별자치도\n", path, sizeof path);
    wx_registry *reg = stations_load(path, err, sizeof err);
    ck_assert_msg(reg != NULL, "%s", err);
    ck_assert_int_eq(stations_at(reg, 1)->id, 91);
    ck_assert_int_eq(stations_index(reg, stations_by_id(reg, 93)), 2);
    stations_free(reg);
    test_rmtree(dir);
}
END_TEST

START_TEST(test_load_errors)
{
    char dir[1024], path[1200], err[512];
    test_tmpdir(dir, sizeof dir);
    write_registry(dir, "108\t서울2\tSeoul2\t37\t127\t1\t서울특별시\n", path, sizeof path);
    ck_assert_ptr_null(stations_load(path, err, sizeof err));
    ck_assert_msg(strstr(err, path) && strstr(err, ": station 108 is already on line 19"), "%s",
                  err);
    ck_assert_int_eq(bprintf(path, sizeof path, "%s/missing.tsv", dir), 0);
    ck_assert_ptr_null(stations_load(path, err, sizeof err));
    ck_assert_msg(strncmp(err, path, strlen(path)) == 0, "%s", err);
    test_rmtree(dir);
}
END_TEST

Suite *stations_suite(void)
{
    Suite *s = suite_create("stations");
    TCase *t = tcase_create("bundled");
    tcase_add_test(t, test_load_bundled);
    tcase_add_test(t, test_station_fields);
    tcase_add_test(t, test_by_id);
    tcase_add_loop_test(t, test_lookup, 0, (int)(sizeof lookups / sizeof lookups[0]));
    tcase_add_test(t, test_by_alias_rest);
    tcase_add_test(t, test_by_name_length);
    tcase_add_test(t, test_index);
    tcase_add_test(t, test_index_other_registry);
    suite_add_tcase(s, t);
    t = tcase_create("parse");
    tcase_add_test(t, test_parse_minimal);
    tcase_add_test(t, test_parse_no_romanized);
    tcase_add_test(t, test_parse_duplicate_id);
    tcase_add_test(t, test_parse_duplicate_id_long_file);
    tcase_add_test(t, test_parse_name_twice);
    tcase_add_test(t, test_parse_name_twice_line);
    tcase_add_test(t, test_parse_alias_own_name);
    tcase_add_test(t, test_parse_bad_fields);
    tcase_add_test(t, test_parse_field_count);
    tcase_add_test(t, test_parse_empty);
    tcase_add_test(t, test_parse_nul);
    tcase_add_test(t, test_parse_length_bound);
    tcase_add_test(t, test_parse_small_err);
    suite_add_tcase(s, t);
    t = tcase_create("user");
    tcase_add_test(t, test_user_station);
    tcase_add_test(t, test_user_station_order);
    tcase_add_test(t, test_load_errors);
    suite_add_tcase(s, t);
    return s;
}
