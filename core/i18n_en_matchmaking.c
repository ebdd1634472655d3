/*
 * i18n_en_matchmaking.c — English texts of matchmaking: the match pages, the reasons behind a
 * score, the dashboard's "calls for you" and the weekly digest e-mail.
 */
#include "i18n.h"

#include <stddef.h>

const struct portal_message i18n_en_matchmaking[] = {
    /* the match pages */
    {"match.call_heading", "Offers that fit “{title}”"},
    {"match.listing_heading", "Open calls that fit “{title}”"},
    {"match.back_call", "Back to the call"},
    {"match.back_listing", "Back to the offer"},
    {"match.intro",
     "Best first. A score out of 100 adds up the sectors sought (40 points), key terms in common "
     "(20), keywords (15), working languages (10) and the same region (15); the call’s region may "
     "add or take up to 20 points, with its reason."},
    {"match.call_not_open", "Matches are shown while the call is open."},
    {"match.listing_not_public", "Matches are shown once the offer is approved and public."},
    {"match.results", "{count} matches"},
    {"match.one_result", "1 match"},
    {"match.none", "Nothing fits yet."},
    {"match.score", "{score}/100"},
    {"match.why", "Why"},
    {"match.deadline", "deadline {when}"},

    /* the reasons: "{names}" is a list made with match.list_and */
    {"match.list_and", "{list} and {last}"},
    {"match.reason.sector", "sector {names}"},
    {"match.reason.sectors", "sectors {names}"},
    {"match.reason.terms", "key terms in common: {count}"},
    {"match.reason.tag", "keyword {names}"},
    {"match.reason.tags", "keywords {names}"},
    {"match.reason.languages", "speaks {names}"},
    {"match.reason.region", "same region: {region}"},
    {"match.reason.plugin", "regional adjustment"},

    /* the dashboard */
    {"match.for_you", "Calls for you"},
    {"match.for_you_no_listings",
     "Once one of your offers is approved, the open calls that fit it appear here."},
    {"match.for_you_none", "No open call fits your offers right now."},
    {"match.for_listing", "fits your offer “{title}”"},
    {"match.see_all", "All calls that fit “{title}”"},

    /* the weekly digest */
    {"mail.digest.subject", "New calls for your offers: {count}"},
    {"mail.digest.body", "Hello {name},\n\nThese calls opened in the past week and fit your "
                         "offers, best first:\n\n{calls}"},
    {"mail.digest.line", "{title} ({score}/100)\n{url}"},

    {NULL, NULL},
};
