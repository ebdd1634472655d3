/*
 * pages.h — the handlers of the core's routes, one file per page or resource under pages/.
 * Each handler fills the request's answer and returns ERR_NONE, or returns an error code for
 * the dispatcher to answer (see dispatch.c for what has been checked before a handler runs).
 * A handler that has answered a form again with its errors returns ERR_INVALID: the answer
 * stands and the transaction is rolled back.
 */
#ifndef PAGES_H
#define PAGES_H

#include "../errors.h"

struct req;
struct choice;
struct tpl_dict;

/* home.c */
enum err_code page_home(struct req *r);
enum err_code page_region_home(struct req *r);

/* health.c */
enum err_code page_health(struct req *r);

/* regions.c */
enum err_code api_regions(struct req *r);

/* session.c */
enum err_code page_login_form(struct req *r);
enum err_code page_login(struct req *r);
enum err_code page_logout(struct req *r);
enum err_code page_language(struct req *r);
enum err_code api_session_create(struct req *r);
enum err_code api_session_delete(struct req *r);
enum err_code api_me(struct req *r);

/* register.c */
enum err_code page_register_form(struct req *r);
enum err_code page_register(struct req *r);
enum err_code api_accounts_create(struct req *r);
/* The regions as choices for a select (value = slug). */
int region_choices(struct req *r, struct choice *out, int cap);

/* account.c */
enum err_code page_account(struct req *r);
enum err_code page_account_profile(struct req *r);
enum err_code page_account_password(struct req *r);
enum err_code page_account_token_create(struct req *r);
enum err_code page_account_token_revoke(struct req *r);
enum err_code page_account_organisation_create(struct req *r);
enum err_code page_account_member_add(struct req *r);
enum err_code api_tokens_list(struct req *r);
enum err_code api_tokens_create(struct req *r);
enum err_code api_tokens_delete(struct req *r);

/* listings.c */
enum err_code page_listings(struct req *r);
enum err_code page_region_listings(struct req *r);
enum err_code page_listing(struct req *r);
enum err_code page_listing_new(struct req *r);
enum err_code page_listing_create(struct req *r);
enum err_code page_listing_edit(struct req *r);
enum err_code page_listing_update(struct req *r);
enum err_code page_listing_archive(struct req *r);
enum err_code page_listing_moderate(struct req *r);
enum err_code api_listings(struct req *r);
enum err_code api_listing(struct req *r);
enum err_code api_listing_create(struct req *r);
enum err_code api_listing_update(struct req *r);
enum err_code api_listing_delete(struct req *r);
enum err_code api_listing_moderate(struct req *r);
enum err_code api_listing_audit(struct req *r);

/* calls.c */
enum err_code page_calls(struct req *r);
enum err_code page_region_calls(struct req *r);
enum err_code page_call(struct req *r);
enum err_code page_call_new(struct req *r);
enum err_code page_call_create(struct req *r);
enum err_code page_call_edit(struct req *r);
enum err_code page_call_update(struct req *r);
enum err_code page_call_moderate(struct req *r);
enum err_code page_call_close(struct req *r);
enum err_code page_call_award(struct req *r);
enum err_code page_call_answer(struct req *r);
enum err_code api_calls(struct req *r);
enum err_code api_call(struct req *r);
enum err_code api_call_create(struct req *r);
enum err_code api_call_update(struct req *r);
enum err_code api_call_moderate(struct req *r);
enum err_code api_call_close(struct req *r);
enum err_code api_call_award(struct req *r);
enum err_code api_call_answer(struct req *r);
enum err_code api_call_answers(struct req *r);

/* interests.c */
enum err_code page_interest(struct req *r);
enum err_code page_interest_decide(struct req *r);
enum err_code page_interest_withdraw(struct req *r);
enum err_code page_interest_message(struct req *r);
enum err_code api_interest(struct req *r);
enum err_code api_interest_decide(struct req *r);
enum err_code api_interest_withdraw(struct req *r);
enum err_code api_interest_message(struct req *r);

/* inbox.c */
enum err_code page_inbox(struct req *r);
enum err_code page_inbox_read(struct req *r);
enum err_code api_notifications(struct req *r);

/* feeds.c: Atom and iCalendar feeds of a region's calls, the CSV export of a call's answers */
enum err_code page_region_calls_atom(struct req *r);
enum err_code page_region_calls_ics(struct req *r);
enum err_code page_call_answers_csv(struct req *r);

/* matches.c: matchmaking between calls and listings */
enum err_code page_call_matches(struct req *r);
enum err_code page_listing_matches(struct req *r);
enum err_code api_call_matches(struct req *r);
enum err_code api_listing_matches(struct req *r);
/* Fills the dashboard's "calls for you" include ({{>CALLS_FOR_YOU}}) for an SME member. */
enum err_code dashboard_calls_for_you(struct req *r, struct tpl_dict *d);

/* moderation.c */
enum err_code page_moderation_overview(struct req *r);
enum err_code page_moderation_queue(struct req *r);
enum err_code api_moderation_queue(struct req *r);

/* dashboard.c */
enum err_code page_dashboard(struct req *r);

#endif
