/* lock: one poll at a time per data directory. */
#ifndef WX_LOCK_H
#define WX_LOCK_H

#include <stddef.h>

/* Takes the lock of DIR (<DIR>/.wxstrip.lock), waiting up to WAIT seconds
 * while another process holds it. Returns a descriptor to pass to
 * lock_release, or -1 with err saying who waits for what. */
int lock_acquire(const char *dir, long wait, char *err, size_t errlen);
void lock_release(int fd);

#endif
