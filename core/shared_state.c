/*
 * shared_state.c — the page of shared memory of one `portal serve`; see shared_state.h.
 */
#include "shared_state.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

struct shared_state {
    _Atomic uint64_t writes;
};

static struct shared_state *shared;

int shared_state_init(char *err, size_t errlen)
{
    if (shared != NULL)
        return 0;
    void *p = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        snprintf(err, errlen, "cannot map the workers' shared memory: %s", strerror(errno));
        return -1;
    }
    shared = p;
    atomic_init(&shared->writes, 0);
    return 0;
}

void shared_writes_count(void)
{
    if (shared != NULL)
        atomic_fetch_add_explicit(&shared->writes, 1, memory_order_release);
}

uint64_t shared_writes(void)
{
    return shared != NULL ? atomic_load_explicit(&shared->writes, memory_order_acquire) : 0;
}
