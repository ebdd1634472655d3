/*
 * search.h — browsing and searching public listings: full text, facets with counts, two
 * orders, and pages that stay put while listings are added.
 *
 * Matches: a listing matches q when its document (listing_document() in sql/002) matches
 * search_tsquery(q): the query's words folded, or stemmed by any of the portal's stemming
 * languages.  Filters narrow by region, sector (shared or regional), kind and language spoken.
 * Pages are computed "as of" a publication sequence number: the first page fixes it, later
 * pages carry it, so listings published in between neither shift nor repeat the results.
 * docs/search.md explains the relevance order.
 */
#ifndef SEARCH_H
#define SEARCH_H

#include "errors.h"

#include <stdbool.h>

struct req;

#define SEARCH_PER_PAGE 20

struct search_query {
    const char *region;               /* NULL: every enabled region */
    const char *q;                    /* "" for none */
    const char *sector, *kind, *lang; /* NULL for none */
    const char *status;               /* calls: open, closed or awarded; NULL for all public ones */
    bool newest;                      /* order by publication instead of relevance */
    int page;                         /* from 1 */
    long long as_of;                  /* 0: now */
};

struct search_hit {
    long long id, org_id, price_minor;
    bool has_price;
    const char *region, *org_name, *kind, *lang, *title, *summary, *price_basis, *published_at;
    const char *state; /* calls: open, closed or awarded */
    const char **sectors, **languages;
    int n_sectors, n_languages;
};

enum facet_kind { FACET_SECTOR, FACET_KIND, FACET_LANGUAGE, FACET_REGION, FACET__COUNT };

struct facet_value {
    const char *value;
    long long count;
};

struct search_result {
    struct search_hit *hits;
    int n_hits;
    long long total;
    long long as_of;
    struct facet_value *facets[FACET__COUNT];
    int n_facets[FACET__COUNT];
};

/* Reads the query string (region, q, sector, kind, lang, sort, page, as_of) and checks it: an
 * unknown region, sector, kind or language is a field error (422).  `path_region` (a region
 * page) overrides the region field. */
enum err_code search_query_read(struct req *r, struct search_query *sq, const char *path_region);

enum err_code listing_search(struct req *r, const struct search_query *sq,
                             struct search_result *out);
/* The same, computed by PostgreSQL (when the in-memory index is not available). */
enum err_code listing_search_in_database(struct req *r, const struct search_query *sq,
                                         struct search_result *out);

/* Calls: the same query (kind and lang unused; status filters), facets sector, region and
 * status (in facets[FACET_KIND]).  Hits fill title, summary, region, org, sectors, lang, state
 * and published_at = the deadline in the region's time ("YYYY-MM-DD HH:MM"). */
enum err_code call_search(struct req *r, const struct search_query *sq, struct search_result *out);

/* A facet's name in JSON answers and catalogue keys ("language"), and the query parameter that
 * filters by it ("lang"). */
const char *facet_name(enum facet_kind k);
const char *facet_param(enum facet_kind k);

#endif
