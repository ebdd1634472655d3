/*
 * search_index.h — each worker's in-memory index of the public listings, so that browsing and
 * searching cost no database time (docs/search.md).
 *
 * What a search matches is decided by PostgreSQL: the query text goes once through
 * search_tsquery() (cached per distinct query), and the documents are the tsvectors of
 * listing_index; the index evaluates that tsquery against those tsvectors exactly as
 * PostgreSQL's @@ does (lexemes, &, |, !, <N> phrases).  Ranking, totals and facet counts are
 * computed here, exactly, over every match.
 *
 * Freshness: changes are announced by PostgreSQL (LISTEN listing_index) and logged in
 * listing_changes; before each search the worker applies what was announced, polls the log at
 * most once a second (a lost announcement costs a second), and compares a checksum of
 * listing_index once a minute (rebuilding when they differ).  PostgreSQL stays the source of
 * truth: a new worker, or a worker after a database restart, rebuilds from it.
 *
 * Memory is bounded by the number of public listings (search_index_stats reports bytes per
 * listing); a small cache of recent results (bounded) is emptied at every change.
 */
#ifndef SEARCH_INDEX_H
#define SEARCH_INDEX_H

#include "errors.h"
#include "search.h"

#include <stdbool.h>
#include <stddef.h>

struct req;

/* Builds the index from the database (on the worker's connection).  Returns 0, or -1 when the
 * database is unreachable (searches then fall back to PostgreSQL until a later build works). */
int search_index_build(void);
void search_index_free(void);
/* Frees everything, the query cache too (at the worker's exit). */
void search_index_shutdown(void);

/* true when the index is loaded and in step with the database (after syncing). */
bool search_index_ready(struct req *r);

/* A search over the index, with the same result shape as listing_search(). */
enum err_code search_index_query(struct req *r, const struct search_query *sq,
                                 struct search_result *out);

/* The version of the index's content after search_index_ready(): it changes whenever any
 * listing's searchable content does, so what was computed from the index can be kept until
 * then (page_cache.c).  -1 when the index is not ready (searches go to PostgreSQL). */
long long search_index_version(struct req *r);

struct search_index_stats {
    long documents, lexemes, postings;
    size_t bytes;         /* everything the index holds */
    long long generation; /* the last change applied */
    long rebuilds, changes_applied, cache_hits, cache_misses;
};
void search_index_stats(struct search_index_stats *s);

#endif
