/* vec: arrays that grow by doubling. */
#ifndef WX_VEC_H
#define WX_VEC_H

#include <stddef.h>

/* Grows the array whose pointer is at ARRAY (elements of SIZE bytes, room
 * for *CAP) to twice its room, or to FIRST elements when it has none. 0,
 * or -1 when memory runs out or the size would overflow; the array is then
 * left as it was. */
int vec_grow(void *array, size_t *cap, size_t size, size_t first);

/* Makes room for element N of the array V (room for CAP): 0 or -1, as
 * vec_grow. V and CAP are lvalues: VEC_RESERVE(s->items, s->n, s->cap, 64). */
#define VEC_RESERVE(v, n, cap, first)                                                              \
    ((n) < (cap) ? 0 : vec_grow(&(v), &(cap), sizeof *(v), (first)))

#endif
