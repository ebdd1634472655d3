/*
 * page_cache.h — whole answers to anonymous searches, kept per worker until the search index
 * changes.
 *
 * The listings pages and GET /api/v1/listings are what the public asks for most, and for a
 * visitor without a session their answer depends only on the route, the path and query, the
 * language and the index's content.  Rendering one costs far more than serving it (see README
 * "Speed"), so a worker keeps its recent answers, keyed by exactly those, and drops them all
 * when search_index_version() moves.  The one personal part of such a page, the visitor's CSRF
 * token in its forms, is spliced in at the offsets it was found at when the page was kept.
 *
 * Use in a handler:
 *     struct page_cache_key key;
 *     if (page_cache_answer(r, &key)) return ERR_NONE;
 *     ... compute and render the answer ...
 *     page_cache_keep(r, &key);
 */
#ifndef PAGE_CACHE_H
#define PAGE_CACHE_H

#include <stdbool.h>
#include <stdint.h>

struct req;

struct page_cache_key {
    const char *text; /* NULL: this request is not cacheable */
    uint64_t hash;
    long long version;
};

/* Answers r from the cache when it can (true); otherwise fills key for page_cache_keep. */
bool page_cache_answer(struct req *r, struct page_cache_key *key);

/* Keeps r's answer (a 200 without headers of its own besides the CSRF cookie) under key. */
void page_cache_keep(struct req *r, const struct page_cache_key *key);

/* Hits and misses, for /healthz. */
void page_cache_stats(long *hits, long *misses, long *entries);

/* Frees every entry (worker exit: LeakSanitizer looks). */
void page_cache_free(void);

#endif
