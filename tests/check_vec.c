/* check_vec: arrays that grow by doubling. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"
#include "vec.h"

typedef struct {
    int id;
    char name[20];
} item;

START_TEST(test_reserve_grows_and_keeps)
{
    item *v = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 100; i++) {
        ck_assert_int_eq(VEC_RESERVE(v, n, cap, 4), 0);
        ck_assert_uint_gt(cap, n);
        v[n] = (item){.id = i};
        snprintf(v[n].name, sizeof v[n].name, "item %d", i);
        n++;
    }
    ck_assert_uint_eq(cap, 128); /* 4, 8, ... 128 */
    for (int i = 0; i < 100; i++) {
        char want[20];
        snprintf(want, sizeof want, "item %d", i);
        ck_assert_int_eq(v[i].id, i);
        ck_assert_str_eq(v[i].name, want);
    }
    free(v);
}
END_TEST

START_TEST(test_reserve_with_room_keeps_the_array)
{
    int *v = malloc(8 * sizeof *v), *before = v;
    size_t cap = 8;
    ck_assert_ptr_nonnull(v);
    ck_assert_int_eq(VEC_RESERVE(v, 7, cap, 2), 0);
    ck_assert_ptr_eq(v, before);
    ck_assert_uint_eq(cap, 8);
    free(v);
}
END_TEST

START_TEST(test_overflow_refused)
{
    int *v = malloc(4 * sizeof *v), *before = v;
    ck_assert_ptr_nonnull(v);
    v[3] = 42;
    size_t cap = SIZE_MAX / 2 + 1; /* doubling would wrap */
    ck_assert_int_eq(vec_grow(&v, &cap, sizeof *v, 4), -1);
    ck_assert_ptr_eq(v, before);
    ck_assert_uint_eq(cap, SIZE_MAX / 2 + 1);
    cap = 4; /* 8 elements of SIZE_MAX / 4 bytes would wrap */
    ck_assert_int_eq(vec_grow(&v, &cap, SIZE_MAX / 4, 4), -1);
    ck_assert_ptr_eq(v, before);
    ck_assert_uint_eq(cap, 4);
    ck_assert_int_eq(v[3], 42);
    free(v);
}
END_TEST

Suite *vec_suite(void)
{
    Suite *s = suite_create("vec");
    TCase *t = tcase_create("grow");
    tcase_add_test(t, test_reserve_grows_and_keeps);
    tcase_add_test(t, test_reserve_with_room_keeps_the_array);
    tcase_add_test(t, test_overflow_refused);
    suite_add_tcase(s, t);
    return s;
}
