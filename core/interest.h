/*
 * interest.h — SMEs' answers to calls (expressions of interest) and their message threads.
 *
 * An SME member answers an open call with one of its public listings and a message, once per
 * call and listing, before the deadline (the instant checked in the same statement that
 * writes).  The answer can be withdrawn until the deadline.  The call's organiser shortlists,
 * accepts (never more than the partners sought) or declines, with an optional message.  Each
 * answer has a private thread: the two organisations write, their region's admins may read.
 */
#ifndef INTEREST_H
#define INTEREST_H

#include "errors.h"

#include <stdbool.h>

struct req;

enum err_code interest_create(struct req *r, long long call_id, long long listing_id,
                              const char *message, long long *id);
enum err_code interest_withdraw(struct req *r, long long id);
/* action: shortlist, accept, decline. */
enum err_code interest_decide(struct req *r, long long id, const char *action,
                              const char *response);
enum err_code interest_message_add(struct req *r, long long id, const char *body);

struct interest_view {
    long long id, call_id, listing_id, org_id, call_org_id;
    const char *region, *status, *message, *response, *created_at;
    const char *call_title, *listing_title, *sme_name, *organiser_name, *call_state;
    bool is_sme, is_organiser, is_admin, deadline_passed;
};

/* Loads an answer for one of the two organisations or the region's admins. */
enum err_code interest_load(struct req *r, long long id, struct interest_view *v);

#endif
