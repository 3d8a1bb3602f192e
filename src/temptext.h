/* temptext: temperatures in text, a number and its mark ("18.6℃", "-3.2 °C").
 * Marks are ℃, °C, ° C, ºC and ˚C; the number has at most three integer
 * digits, a sign (-, +, −, －) and decimals, and is not the tail of a longer
 * number such as a date. A TEXT_SEG or a space may stand between the two. */
#ifndef WX_TEMPTEXT_H
#define WX_TEMPTEXT_H

#include <stddef.h>

typedef struct {
    size_t start, end; /* bytes of "-3.2℃" in the text */
    double value;
} temp_tok;

/* Counts temperature marks in TEXT: a cheap upper bound of temperatures. */
size_t temps_count_marks(const char *text, size_t len);

/* Finds the temperatures in TEXT, in order; returns how many (at most MAX). */
size_t temps_find(const char *text, size_t len, temp_tok *t, size_t max);

/* Counts the temperatures in TEXT, up to 8. */
size_t temps_count(const char *text, size_t len);

#endif
