/*
 * arena.c — bump allocator with deferred cleanups; see arena.h for the contract.
 *
 * Cost: arena_alloc is a pointer bump on the hot path; a new block (malloc) only when the current
 * one is full.  Blocks form a singly linked list, newest first; the oldest is the kept first block.
 */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN 16

struct block {
    struct block *next; /* older block */
    size_t size;        /* usable bytes in data[] */
    size_t used;
    _Alignas(ARENA_ALIGN) unsigned char data[];
};

struct deferred {
    struct deferred *next;
    void (*fn)(void *);
    void *arg;
};

struct arena {
    struct block *head;  /* current block */
    struct block *first; /* kept across resets */
    struct deferred *cleanups;
    size_t handed_out;
};

static void *checked_malloc(size_t n)
{
    void *p = malloc(n);
    if (p == NULL) {
        fputs("portal: out of memory in arena; the worker stops\n", stderr);
        abort();
    }
    return p;
}

static struct block *block_new(size_t size)
{
    struct block *b = checked_malloc(sizeof *b + size);
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

struct arena *arena_new(size_t first_block)
{
    struct arena *a = checked_malloc(sizeof *a);
    a->first = a->head = block_new(first_block < 1024 ? 1024 : first_block);
    a->cleanups = NULL;
    a->handed_out = 0;
    return a;
}

static void run_cleanups(struct arena *a)
{
    /* A cleanup may not allocate from the arena, so popping first is safe. */
    while (a->cleanups != NULL) {
        struct deferred *d = a->cleanups;
        a->cleanups = d->next;
        d->fn(d->arg);
    }
}

void arena_reset(struct arena *a)
{
    run_cleanups(a);
    struct block *b = a->head;
    while (b != a->first) {
        struct block *older = b->next;
        free(b);
        b = older;
    }
    a->head = a->first;
    a->first->used = 0;
    a->handed_out = 0;
}

void arena_free(struct arena *a)
{
    if (a == NULL)
        return;
    arena_reset(a);
    free(a->first);
    free(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
    size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need < n) {
        fputs("portal: arena allocation size overflow\n", stderr);
        abort();
    }
    struct block *b = a->head;
    if (b->size - b->used < need) {
        size_t size = a->first->size;
        while (size < need)
            size *= 2;
        b = block_new(size);
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->handed_out += need;
    return p;
}

void *arena_calloc(struct arena *a, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size) {
        fputs("portal: arena allocation size overflow\n", stderr);
        abort();
    }
    void *p = arena_alloc(a, count * size);
    memset(p, 0, count * size);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    if (s == NULL)
        return NULL;
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
    /* Formatted straight into the current block when it fits (most strings are short), so the
     * format is run once; else measured and run again into a block that fits. */
    struct block *b = a->head;
    size_t room = b->size - b->used;
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf((char *)b->data + b->used, room, fmt, copy);
    va_end(copy);
    if (n < 0)
        return arena_strdup(a, "");
    size_t need = ((size_t)n + 1 + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need <= room)
        return arena_alloc(a, (size_t)n + 1); /* the bytes just written: b is still the head */
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void arena_defer(struct arena *a, void (*fn)(void *), void *arg)
{
    struct deferred *d = arena_alloc(a, sizeof *d);
    d->fn = fn;
    d->arg = arg;
    d->next = a->cleanups;
    a->cleanups = d;
}

size_t arena_used(const struct arena *a)
{
    return a->handed_out;
}
