/*
 * match.h — matchmaking between ECoC collaboration calls and SME listings: the model written
 * down in docs/matchmaking.md, shared by the match pages, the API, the dashboard and the weekly
 * digest.
 *
 * For a call, the public listings that fit it; for a listing, the open calls that fit it.  Each
 * match has a score from 0 to 100 and the reasons behind it, in the reader's language.  The
 * candidates are read through the sector windows of sql/004 (bounded index range scans), then
 * the hard filters, the weighted features and the region plugin's adjustment are applied here,
 * and the matches ordered by score, then by id.  The same inputs always give the same order.
 *
 * The functions run on the current database connection and transaction (a request's, or a
 * command's); everything they return lives in the arena.  Each worker keeps its recent answers
 * and reuses them while no public listing or call has changed (for at most a minute).
 */
#ifndef MATCH_H
#define MATCH_H

#include "errors.h"

#include <stdbool.h>

struct arena;

#define MATCH_PER_PAGE    20
#define MATCH_MAX_REASONS 6

/* The feature weights (they sum to 100) and the plugin's bound. */
#define MATCH_W_SECTORS      40
#define MATCH_W_TEXT         20
#define MATCH_W_TAGS         15
#define MATCH_W_LANGUAGES    10
#define MATCH_W_REGION       15
#define MATCH_PLUGIN_BOUND   20
#define MATCH_DIGEST_MINIMUM 40 /* the digest lists calls scoring at least this */

/* One line of the explanation: "sectors Design and Music" worth 32 points. */
struct match_reason {
    const char *text;
    int points;
};

/* One match: the other side (a listing for a call, a call for a listing), its score and
 * why.  Listing-only and call-only fields are NULL / zero on the other kind. */
struct match_item {
    long long id, org_id;
    int score;
    int n_reasons;
    struct match_reason reasons[MATCH_MAX_REASONS];
    const char *region, *lang, *title, *summary, *org_name;
    /* listings */
    const char *kind, *price_basis;
    bool has_price;
    long long price_minor;
    /* calls */
    const char *deadline_utc;   /* ISO 8601 with Z */
    const char *deadline_local; /* "YYYY-MM-DD HH:MM" in the call's region's time */
};

struct match_result {
    bool matchable;           /* false: the call is not open, or the listing not public */
    long long total;          /* matches found, over all pages */
    int n_items;              /* on the requested page */
    struct match_item *items; /* best first */
};

struct match_options {
    const char *lang;         /* the language of the reasons */
    const char *exclude_orgs; /* the caller's organisations, "{3,7}" ("{}" or NULL: none) */
    const char *opened_after; /* calls opened after this instant only (timestamptz text), or
                                 NULL; matches of a listing only */
    int min_score;            /* leave out matches scoring less */
    int offset, limit;        /* the page: skip `offset` matches, return at most `limit` */
    /* match_generation as read with the subject (call_view, listing_view), which saves its own
     * round trip; has_generation false: read here. */
    bool has_generation;
    long long generation;
};

/* The public listings that fit call `call_id`.  A call that is not open (or does not exist)
 * has no matches (matchable = false).  Errors are the database's. */
enum err_code match_call_listings(struct arena *a, long long call_id, const struct match_options *o,
                                  struct match_result *out);

/* The open calls that fit public listing `listing_id`; a listing that is not public has none. */
enum err_code match_listing_calls(struct arena *a, long long listing_id,
                                  const struct match_options *o, struct match_result *out);

#endif
