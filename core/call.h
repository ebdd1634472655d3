/*
 * call.h — ECoC collaboration calls: input, lifecycle and loading.
 *
 * Lifecycle: organiser submits → pending; an admin of the call's region opens it, asks for
 * changes or rejects it (with a reason); the organiser may edit it until it opens.  An open
 * call takes answers until its deadline (an instant: the local date and time entered, in the
 * region's timezone) or until the organiser closes it; then it can be awarded.  Every
 * transition writes an audit entry in the same transaction and notifies whom it concerns.
 */
#ifndef CALL_H
#define CALL_H

#include "errors.h"

#include <stdbool.h>

struct req;

struct call_input {
    enum err_code failure; /* the database failed while checking it (ERR_NONE: it did not) */
    long long org_id;
    const char *region;
    const char *lang, *title, *summary, *description, *programme, *event_title, *venue;
    char event_start[11], event_end[11];
    const char **sectors, **subsectors, **tags, **languages;
    int n_sectors, n_subsectors, n_tags, n_languages;
    long long partners_sought;
    bool has_budget_min, has_budget_max;
    long long budget_min, budget_max;
    char deadline[17]; /* local "YYYY-MM-DDTHH:MM" in the region's timezone */
    bool cross_region;
};

/* Reads and checks a call (for a new one the organisation is the field org_id, one of the
 * person's organisers).  The deadline must lie in the future. */
void call_read(struct req *r, struct call_input *in, long long org_id, const char *region);

enum err_code call_create(struct req *r, struct call_input *in, long long *id);
enum err_code call_update(struct req *r, long long id, struct call_input *in);
/* action: approve (opens it), request_changes, reject. */
enum err_code call_moderate(struct req *r, long long id, const char *action, const char *reason);
enum err_code call_close(struct req *r, long long id);
enum err_code call_award(struct req *r, long long id);

struct call_view {
    long long id, org_id, partners_sought, accepted, answers;
    long long match_generation; /* of the matchmaking cache (match.h), read with the call */
    const char *region, *status, *state, *reason;
    const char *lang, *title, *summary, *description, *programme, *event_title, *venue;
    const char *event_start, *event_end;
    const char **sectors, **subsectors, **tags, **languages;
    int n_sectors, n_subsectors, n_tags, n_languages;
    bool has_budget_min, has_budget_max, cross_region, deadline_passed;
    long long budget_min, budget_max;
    const char *deadline_local; /* "YYYY-MM-DD HH:MM" in the region's timezone */
    const char *deadline_utc;   /* ISO 8601 with Z */
    const char *org_name, *org_city, *org_website;
    bool is_owner, is_admin;
};

/* Loads a call as the request's person may see it (ERR_NOT_FOUND otherwise). */
enum err_code call_load(struct req *r, long long id, struct call_view *v);

#endif
