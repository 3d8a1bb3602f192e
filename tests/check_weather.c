/* check_weather: weather words, their codes and categories. */
#include <stdio.h>
#include <string.h>

#include "tests.h"
#include "weather.h"

#define CONDITIONS "tests/fixtures/kma-conditions.tsv"

/* One line of the KMA vocabulary: Korean word, English, category. */
typedef struct {
    char ko[128], en[128], cat[32];
    int lineno;
} vocab_row;

/* Reads the vocabulary fixture (header skipped) into ROWS; returns the count. */
static size_t read_vocab(vocab_row *rows, size_t max)
{
    buf_t b = {0};
    test_read(CONDITIONS, &b);
    size_t n = 0;
    int lineno = 0;
    for (char *p = b.data, *line; (line = strsep(&p, "\n")) != NULL;) {
        if (++lineno == 1 || !*line)
            continue;
        ck_assert_uint_lt(n, max);
        char *ko = strsep(&line, "\t"), *en = strsep(&line, "\t"), *cat = line;
        ck_assert_msg(ko && en && cat, "%s:%d: not three fields", CONDITIONS, lineno);
        vocab_row *r = &rows[n++];
        ck_assert_int_eq(bprintf(r->ko, sizeof r->ko, "%s", ko), 0);
        ck_assert_int_eq(bprintf(r->en, sizeof r->en, "%s", en), 0);
        ck_assert_int_eq(bprintf(r->cat, sizeof r->cat, "%s", cat), 0);
        r->lineno = lineno;
    }
    buf_free(&b);
    return n;
}

static const wx_word *lookup(const char *s)
{
    return weather_lookup(s, strlen(s));
}

static int code_of(const char *s)
{
    const wx_word *w = lookup(s);
    ck_assert_msg(w != NULL, "'%s' is not a known word", s);
    return w->code;
}

/* S without any ASCII space. */
static void unspaced(char *dst, size_t size, const char *s)
{
    size_t k = 0;
    for (; *s && k + 1 < size; s++)
        if (*s != ' ')
            dst[k++] = *s;
    dst[k] = '\0';
}

START_TEST(test_vocabulary_size)
{
    static vocab_row rows[256];
    size_t n = read_vocab(rows, 256);
    ck_assert_uint_eq(n, 102);
    ck_assert_str_eq(rows[0].ko, "-");
    ck_assert_str_eq(rows[n - 1].ko, "용오름");
    ck_assert_uint_ge(weather_count(), n);
}
END_TEST

START_TEST(test_every_word_found)
{
    static vocab_row rows[256];
    size_t n = read_vocab(rows, 256);
    for (size_t i = 0; i < n; i++) {
        const wx_word *w = lookup(rows[i].ko);
        ck_assert_msg(w != NULL, "%s:%d: '%s' not found", CONDITIONS, rows[i].lineno, rows[i].ko);
        ck_assert_msg(strcmp(weather_category_name(w->cat), rows[i].cat) == 0,
                      "%s:%d: '%s' is %s, not %s", CONDITIONS, rows[i].lineno, rows[i].ko,
                      weather_category_name(w->cat), rows[i].cat);
        ck_assert_int_eq(weather_category(w->code), w->cat);
    }
}
END_TEST

/* Apart from "-" (whose TSV text explains it), the English is the TSV's. */
START_TEST(test_every_word_english)
{
    static vocab_row rows[256];
    size_t n = read_vocab(rows, 256);
    for (size_t i = 1; i < n; i++) {
        const wx_word *w = lookup(rows[i].ko);
        ck_assert_msg(w && strcmp(w->en, rows[i].en) == 0, "%s:%d: '%s' is '%s', not '%s'",
                      CONDITIONS, rows[i].lineno, rows[i].ko, w ? w->en : "?", rows[i].en);
    }
    ck_assert_str_eq(lookup("-")->en, "no weather reported");
}
END_TEST

START_TEST(test_every_word_unspaced)
{
    static vocab_row rows[256];
    size_t n = read_vocab(rows, 256);
    for (size_t i = 0; i < n; i++) {
        char flat[128], padded[160];
        unspaced(flat, sizeof flat, rows[i].ko);
        ck_assert_int_eq(bprintf(padded, sizeof padded, " \t%s\r\n", rows[i].ko), 0);
        int code = code_of(rows[i].ko);
        ck_assert_msg(code_of(flat) == code, "'%s' and '%s' differ", flat, rows[i].ko);
        ck_assert_msg(code_of(padded) == code, "'%s' padded differs", rows[i].ko);
    }
}
END_TEST

START_TEST(test_spacing)
{
    ck_assert_int_eq(code_of("구름 많음"), code_of("구름많음"));
    ck_assert_int_eq(code_of("구름 조금"), code_of("구름조금"));
    ck_assert_int_eq(code_of("구름  많음"), 202);
    ck_assert_int_eq(code_of("구\t름\n많 음"), 202);
    ck_assert_int_eq(code_of("약한 비 단속"), code_of("약한비단속"));
    ck_assert_int_eq(code_of("약한비단속적"), code_of("약한 비 단속적"));
    ck_assert_int_eq(code_of("흐리고비"), code_of("흐리고 비"));
    ck_assert_int_eq(code_of("비또는눈"), 705);
    ck_assert_int_eq(code_of("눈또는비"), 706);
    ck_assert_int_eq(code_of("비끝"), code_of("비끝남"));
}
END_TEST

/* LEN bounds the word: what follows it is not read. */
START_TEST(test_lookup_length)
{
    const char *s = "흐림속초15.9℃";
    ck_assert_int_eq(weather_lookup(s, strlen("흐림"))->code, 203);
    ck_assert_ptr_null(weather_lookup(s, strlen("흐림속초")));
    ck_assert_ptr_null(weather_lookup(s, strlen("흐")));
    ck_assert_int_eq(weather_lookup("비가", strlen("비"))->code, 502);
}
END_TEST

START_TEST(test_no_report)
{
    static const char *const dashes[] = {
        "-",
        " - ",
        "\xEF\xBC\x8D" /* － */,
        "\xE2\x80\x93" /* – */,
        "\xE2\x80\x94" /* — */,
        "\xE2\x88\x92" /* − */,
    };
    for (size_t i = 0; i < sizeof dashes / sizeof dashes[0]; i++) {
        const wx_word *w = lookup(dashes[i]);
        ck_assert_msg(w != NULL, "dash %zu not found", i);
        ck_assert_int_eq(w->code, WX_CODE_NONE);
        ck_assert_int_eq(w->cat, WX_CAT_NONE);
        ck_assert_str_eq(w->word, "-");
    }
    ck_assert_ptr_null(lookup("--"));
    ck_assert_ptr_null(lookup("-비"));
}
END_TEST

START_TEST(test_unknown)
{
    ck_assert_ptr_null(lookup(""));
    ck_assert_ptr_null(lookup("   "));
    ck_assert_ptr_null(lookup("화창"));
    ck_assert_ptr_null(lookup("맑음맑음"));
    ck_assert_ptr_null(lookup("맑"));
    ck_assert_ptr_null(lookup("clear"));
    ck_assert_ptr_null(lookup("비비"));
    ck_assert_ptr_null(weather_lookup("맑음", 0));
    ck_assert_ptr_null(weather_lookup("\xEB\xA7", 2)); /* half of 맑 */
}
END_TEST

/* LEN counts every byte: a NUL inside it ends no word. */
START_TEST(test_unknown_nul)
{
    ck_assert_ptr_null(weather_lookup("비\0x", 5));
    ck_assert_ptr_null(weather_lookup("비\0", 4));
    ck_assert_ptr_null(weather_lookup("\0비", 4));
    ck_assert_ptr_null(weather_lookup("-\0", 2));
}
END_TEST

/* A text far longer than any word is no word, whatever it starts with. */
START_TEST(test_unknown_long)
{
    char s[400] = "";
    for (int i = 0; i < 100; i++)
        strcat(s, "비");
    ck_assert_ptr_null(lookup(s));
    ck_assert_int_eq(weather_lookup(s, strlen("비"))->code, 502);
}
END_TEST

/* Codes that RRD files store: renumbering any of them must fail here. */
START_TEST(test_pinned_codes)
{
    static const struct {
        const char *word;
        int code;
    } pinned[] = {
        {"맑음", 101},   {"구름조금", 201}, {"구름많음", 202},  {"흐림", 203},
        {"박무", 301},   {"연무", 302},     {"안개", 303},      {"황사", 401},
        {"비", 502},     {"소나기", 520},   {"눈", 601},        {"진눈깨비", 701},
        {"비/눈", 707},  {"뇌우", 801},     {"천둥번개", 807},  {"우박", 812},
        {"용오름", 813}, {"빗방울", 505},   {"흐리고 비", 527}, {"구름많고 눈", 621},
    };
    for (size_t i = 0; i < sizeof pinned / sizeof pinned[0]; i++)
        ck_assert_msg(code_of(pinned[i].word) == pinned[i].code, "%s is %d, not %d", pinned[i].word,
                      code_of(pinned[i].word), pinned[i].code);
    ck_assert_int_eq(WX_CODE_NONE, -1);
    ck_assert_int_eq(WX_CODE_UNKNOWN, 0);
}
END_TEST

START_TEST(test_code_is_category)
{
    for (size_t i = 0; i < weather_count(); i++) {
        const wx_word *w = weather_at(i);
        if (w->code == WX_CODE_NONE) {
            ck_assert_int_eq(w->cat, WX_CAT_NONE);
            continue;
        }
        ck_assert_msg(w->code / 100 == (int)w->cat, "%s: code %d, category %d", w->word, w->code,
                      w->cat);
        ck_assert_int_gt(w->code % 100, 0);
        ck_assert_int_le(w->code, WX_CODE_MAX);
        ck_assert_int_eq(weather_category(w->code), w->cat);
    }
    ck_assert_ptr_null(weather_at(weather_count()));
}
END_TEST

/* One code, one meaning: spellings that share a code share the English and
 * the category, and different meanings never share a code. */
START_TEST(test_codes_unique)
{
    for (size_t i = 0; i < weather_count(); i++)
        for (size_t j = i + 1; j < weather_count(); j++) {
            const wx_word *a = weather_at(i), *b = weather_at(j);
            int same_code = a->code == b->code, same_en = strcmp(a->en, b->en) == 0;
            ck_assert_msg(same_code == same_en, "'%s' (%d, %s) and '%s' (%d, %s)", a->word, a->code,
                          a->en, b->word, b->code, b->en);
            ck_assert_str_ne(a->word, b->word);
            if (same_code)
                ck_assert_int_eq(a->cat, b->cat);
        }
}
END_TEST

START_TEST(test_lookup_round_trip)
{
    for (size_t i = 0; i < weather_count(); i++) {
        const wx_word *w = weather_at(i);
        ck_assert_ptr_nonnull(w->word);
        ck_assert_ptr_nonnull(w->en);
        ck_assert_int_eq(lookup(w->word)->code, w->code);
        ck_assert_ptr_nonnull(weather_by_code(w->code));
    }
}
END_TEST

START_TEST(test_by_code)
{
    ck_assert_str_eq(weather_by_code(101)->word, "맑음");
    ck_assert_str_eq(weather_by_code(201)->word, "구름조금");
    ck_assert_str_eq(weather_by_code(202)->word, "구름많음");
    ck_assert_str_eq(weather_by_code(525)->word, "비끝남");
    ck_assert_str_eq(weather_by_code(702)->word, "약진눈깨비");
    ck_assert_str_eq(weather_by_code(WX_CODE_NONE)->word, "-");
    ck_assert_ptr_null(weather_by_code(WX_CODE_UNKNOWN));
    ck_assert_ptr_null(weather_by_code(100));
    ck_assert_ptr_null(weather_by_code(199));
    ck_assert_ptr_null(weather_by_code(WX_CODE_MAX));
    ck_assert_ptr_null(weather_by_code(-2));
}
END_TEST

/* The canonical spelling is the first listed: every spelling of a code
 * comes after it in table order. */
START_TEST(test_by_code_canonical)
{
    for (size_t i = 0; i < weather_count(); i++) {
        const wx_word *w = weather_at(i), *c = weather_by_code(w->code);
        ck_assert_int_eq(c->code, w->code);
        ck_assert(c <= w);
        ck_assert_ptr_eq(lookup(c->word), c);
    }
    ck_assert_ptr_eq(weather_by_code(lookup("구름 많음")->code), lookup("구름많음"));
}
END_TEST

START_TEST(test_category)
{
    ck_assert_int_eq(weather_category(101), WX_CAT_CLEAR);
    ck_assert_int_eq(weather_category(203), WX_CAT_CLOUD);
    ck_assert_int_eq(weather_category(303), WX_CAT_OBSCURATION);
    ck_assert_int_eq(weather_category(401), WX_CAT_DUST);
    ck_assert_int_eq(weather_category(502), WX_CAT_RAIN);
    ck_assert_int_eq(weather_category(601), WX_CAT_SNOW);
    ck_assert_int_eq(weather_category(701), WX_CAT_MIXED);
    ck_assert_int_eq(weather_category(801), WX_CAT_STORM);
    ck_assert_int_eq(weather_category(WX_CODE_NONE), WX_CAT_NONE);
    ck_assert_int_eq(weather_category(WX_CODE_UNKNOWN), WX_CAT_NONE);
    ck_assert_int_eq(weather_category(150), WX_CAT_NONE);
    ck_assert_int_eq(weather_category(950), WX_CAT_NONE);
}
END_TEST

START_TEST(test_category_names)
{
    static const char *const names[] = {"none", "clear", "cloud", "obscuration", "dust",
                                        "rain", "snow",  "mixed", "storm"};
    ck_assert_int_eq(WX_CAT_COUNT, 9);
    for (int c = 0; c < WX_CAT_COUNT; c++)
        ck_assert_str_eq(weather_category_name((wx_category)c), names[c]);
    ck_assert_str_eq(weather_category_name(WX_CAT_COUNT), "none");
    ck_assert_str_eq(weather_category_name((wx_category)-1), "none");
}
END_TEST

Suite *weather_suite(void)
{
    Suite *s = suite_create("weather");
    TCase *t = tcase_create("vocabulary");
    tcase_add_test(t, test_vocabulary_size);
    tcase_add_test(t, test_every_word_found);
    tcase_add_test(t, test_every_word_english);
    tcase_add_test(t, test_every_word_unspaced);
    suite_add_tcase(s, t);
    t = tcase_create("lookup");
    tcase_add_test(t, test_spacing);
    tcase_add_test(t, test_lookup_length);
    tcase_add_test(t, test_no_report);
    tcase_add_test(t, test_unknown);
    tcase_add_test(t, test_unknown_nul);
    tcase_add_test(t, test_unknown_long);
    tcase_add_test(t, test_lookup_round_trip);
    suite_add_tcase(s, t);
    t = tcase_create("codes");
    tcase_add_test(t, test_pinned_codes);
    tcase_add_test(t, test_code_is_category);
    tcase_add_test(t, test_codes_unique);
    tcase_add_test(t, test_by_code);
    tcase_add_test(t, test_by_code_canonical);
    tcase_add_test(t, test_category);
    tcase_add_test(t, test_category_names);
    suite_add_tcase(s, t);
    return s;
}
