/*
 * buf.h — a growable byte buffer owned by its holder (malloc), reused across requests.
 *
 * The response body and headers of a worker live in two of these for the worker's whole life:
 * buf_clear() keeps the capacity, so steady-state requests do not allocate.  buf_trim() gives
 * back memory after an unusually large response, keeping the worker's size flat.
 */
#ifndef BUF_H
#define BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data; /* always NUL-terminated when cap > 0 */
    size_t len;
    size_t cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_clear(struct buf *b);
/* Keeps the first `len` bytes (all of them when there are fewer). */
void buf_truncate(struct buf *b, size_t len);
/* Frees the storage when its capacity exceeds `keep` bytes (the next append reallocates). */
void buf_trim(struct buf *b, size_t keep);
void buf_append(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);

#endif
