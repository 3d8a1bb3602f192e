/* vec: arrays that grow by doubling. */
#include "vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int vec_grow(void *array, size_t *cap, size_t size, size_t first)
{
    if (*cap > SIZE_MAX / 2)
        return -1;
    size_t want = *cap ? *cap * 2 : first;
    if (size == 0 || want == 0 || want > SIZE_MAX / size)
        return -1;
    void *old, *p;
    /* the array's pointer is read and written as bytes: it may be any
     * object pointer type */
    memcpy(&old, array, sizeof old);
    if (!(p = realloc(old, want * size)))
        return -1;
    memcpy(array, &p, sizeof p);
    *cap = want;
    return 0;
}
