/*
 * listing.h — SME listings: reading and checking a submission, the lifecycle (submit, edit,
 * archive, moderate), and loading one for display.  Search is in search.h.
 *
 * Lifecycle: a submission (new or edited) is "pending"; an admin of the listing's region
 * approves it, asks for changes or rejects it (with a reason).  Approval makes that version
 * the public one; until then the previously approved version, if any, stays public.  The owner
 * may archive a listing, which takes it out of public view.  Every transition writes an audit
 * entry in the same transaction.
 */
#ifndef LISTING_H
#define LISTING_H

#include "errors.h"

#include <stdbool.h>

struct req;
struct arena;

struct listing_input {
    enum err_code failure; /* the database failed while checking it (ERR_NONE: it did not) */
    long long org_id;
    const char *region; /* of the organisation */
    const char *kind, *lang, *title, *summary, *description;
    const char **sectors, **subsectors, **tags, **languages;
    int n_sectors, n_subsectors, n_tags, n_languages;
    bool has_capacity, has_price;
    long long capacity, price_minor;
    const char *price_basis;
    char available_from[11], available_until[11]; /* "" when not given */
    const char *contact_email, *contact_phone;
};

/* Reads and checks a listing from the form or JSON body.  For a new listing the organisation
 * comes from the field org_id (one of the person's SMEs); for an edit pass the listing's
 * org_id and region.  Field errors are recorded on the request. */
void listing_read(struct req *r, struct listing_input *in, long long org_id, const char *region);

enum err_code listing_create(struct req *r, struct listing_input *in, long long *id);
enum err_code listing_update(struct req *r, long long id, struct listing_input *in);
enum err_code listing_archive(struct req *r, long long id);
/* action: "approve", "request_changes" or "reject" (the latter two need a reason). */
enum err_code listing_moderate(struct req *r, long long id, const char *action, const char *reason);

/* One listing as shown: the public version, or for its owner and its region's admins the
 * latest version with its moderation state. */
struct listing_view {
    long long id, org_id, version_id;
    long long match_generation; /* of the matchmaking cache (match.h), read with the listing */
    const char *region, *status, *reason;
    bool is_public, showing_latest, has_newer_pending;
    const char *kind, *lang, *title, *summary, *description;
    const char **sectors, **subsectors, **tags, **languages;
    int n_sectors, n_subsectors, n_tags, n_languages;
    bool has_capacity, has_price;
    long long capacity, price_minor;
    const char *price_basis, *available_from, *available_until;
    const char *contact_email, *contact_phone;
    const char *submitted_at, *published_at;
    const char *org_name, *org_city, *org_website, *org_about, *org_kind;
};

/* Loads listing `id` as the request's person may see it.  ERR_NOT_FOUND when it does not
 * exist or is not visible to them. */
enum err_code listing_load(struct req *r, long long id, struct listing_view *v);

/* Loads the editable (latest) version for its owner.  ERR_FORBIDDEN for anyone else. */
enum err_code listing_load_for_edit(struct req *r, long long id, struct listing_view *v);

#endif
