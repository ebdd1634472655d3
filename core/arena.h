/*
 * arena.h — per-request memory.
 *
 * Everything a request allocates comes from its arena and is released in one place, when the
 * worker calls arena_reset() after answering.  Handlers never call free().  Objects that own
 * memory outside the arena (a PGresult, a template dictionary) register a cleanup with
 * arena_defer(), which arena_reset() runs in reverse order.
 *
 * The first block is kept across resets, so a worker serving ordinary requests does not touch
 * malloc at all after warm-up; blocks added for unusually large requests are returned to malloc
 * at the reset, so resident memory does not creep upward.
 */
#ifndef ARENA_H
#define ARENA_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct arena;

/* A new arena whose first block holds `first_block` bytes.  Aborts when out of memory: a worker
 * that cannot allocate its arena cannot serve. */
struct arena *arena_new(size_t first_block);

/* Frees the arena and everything in it (cleanups run first). */
void arena_free(struct arena *a);

/* Runs the cleanups, frees all blocks but the first, and makes the arena empty again. */
void arena_reset(struct arena *a);

/* `n` bytes aligned for any type, valid until the next reset.  Never NULL (aborts on OOM). */
void *arena_alloc(struct arena *a, size_t n);

/* As arena_alloc, zero-filled. */
void *arena_calloc(struct arena *a, size_t count, size_t size);

/* Copies of strings, NUL-terminated, owned by the arena.  NULL in gives NULL out. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

/* Calls fn(arg) at the next reset (or free), last registered first. */
void arena_defer(struct arena *a, void (*fn)(void *), void *arg);

/* Bytes handed out since the last reset (for tests and the bench). */
size_t arena_used(const struct arena *a);

#ifdef __cplusplus
}
#endif
#endif
