/*
 * shared_state.h — what the workers of one `portal serve` share: a page of shared memory that
 * the master maps before its first fork, so every worker of every generation sees it.
 *
 * It holds one counter: the number of state-changing requests committed so far.  A worker that
 * answers a search compares it with the value it saw when it last read the change log; a
 * difference sends it to the log at once, so a change made through this portal is in the next
 * search on every worker (read-your-writes), without a database round trip per search and
 * without waiting for PostgreSQL's notification, which arrives a moment later.
 */
#ifndef SHARED_STATE_H
#define SHARED_STATE_H

#include <stddef.h>
#include <stdint.h>

/* Maps the page (master, before forking).  Returns 0, or -1 with a message in err.  Without it
 * (other commands, unit tests) the counter reads 0 and counting does nothing. */
int shared_state_init(char *err, size_t errlen);

/* A state-changing request has committed. */
void shared_writes_count(void);

/* How many have committed. */
uint64_t shared_writes(void);

#endif
