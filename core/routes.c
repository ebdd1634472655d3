/*
 * routes.c — the core's route table: every URL the portal answers, its handler and the access
 * action checked before the handler runs (access.c).  Find a page's code from its URL here in
 * one step.  docs/openapi.yaml describes every /api/v1 route; tests/e2e/test_openapi.py keeps
 * the two equal.
 */
#include "pages/pages.h"
#include "router.h"

#define R(method, pattern, handler, action)                                                        \
    {                                                                                              \
        method, pattern, handler, action, NULL, "core"                                             \
    }

const struct route core_routes[] = {
    /* pages */
    R("GET", "/", page_home, "public.read"),
    R("GET", "/healthz", page_health, "public.read"),
    R("GET", "/r/{region}", page_region_home, "public.read"),
    R("POST", "/language", page_language, "public.write"),
    R("GET", "/register", page_register_form, "public.read"),
    R("POST", "/register", page_register, "public.write"),
    R("GET", "/login", page_login_form, "public.read"),
    R("POST", "/login", page_login, "public.write"),
    R("POST", "/logout", page_logout, "account.self"),
    R("GET", "/dashboard", page_dashboard, "account.self"),
    R("GET", "/account", page_account, "account.self"),
    R("POST", "/account/profile", page_account_profile, "account.self"),
    R("POST", "/account/password", page_account_password, "account.self"),
    R("POST", "/account/tokens", page_account_token_create, "account.self"),
    R("POST", "/account/tokens/{id}/revoke", page_account_token_revoke, "account.self"),
    R("POST", "/account/organisations", page_account_organisation_create, "account.self"),
    R("POST", "/account/organisations/{id}/members", page_account_member_add, "account.self"),
    R("GET", "/listings", page_listings, "public.read"),
    R("GET", "/r/{region}/listings", page_region_listings, "public.read"),
    R("GET", "/listings/new", page_listing_new, "listing.create"),
    R("POST", "/listings", page_listing_create, "listing.create"),
    R("GET", "/listings/{id}", page_listing, "public.read"),
    R("GET", "/listings/{id}/edit", page_listing_edit, "listing.edit"),
    R("POST", "/listings/{id}/edit", page_listing_update, "listing.edit"),
    R("POST", "/listings/{id}/archive", page_listing_archive, "listing.edit"),
    R("POST", "/listings/{id}/moderation", page_listing_moderate, "listing.moderate"),
    R("GET", "/calls", page_calls, "public.read"),
    R("GET", "/r/{region}/calls", page_region_calls, "public.read"),
    R("GET", "/calls/new", page_call_new, "call.create"),
    R("POST", "/calls", page_call_create, "call.create"),
    R("GET", "/calls/{id}", page_call, "public.read"),
    R("GET", "/calls/{id}/edit", page_call_edit, "call.edit"),
    R("POST", "/calls/{id}/edit", page_call_update, "call.edit"),
    R("POST", "/calls/{id}/moderation", page_call_moderate, "call.moderate"),
    R("POST", "/calls/{id}/close", page_call_close, "call.edit"),
    R("POST", "/calls/{id}/award", page_call_award, "call.edit"),
    R("POST", "/calls/{id}/interests", page_call_answer, "interest.answer"),
    R("GET", "/calls/{id}/answers.csv", page_call_answers_csv, "call.private"),
    R("GET", "/calls/{id}/matches", page_call_matches, "call.private"),
    R("GET", "/listings/{id}/matches", page_listing_matches, "listing.private"),
    R("GET", "/r/{region}/calls.atom", page_region_calls_atom, "public.read"),
    R("GET", "/r/{region}/calls.ics", page_region_calls_ics, "public.read"),
    R("GET", "/interests/{id}", page_interest, "interest.read"),
    R("POST", "/interests/{id}/decision", page_interest_decide, "interest.decide"),
    R("POST", "/interests/{id}/withdraw", page_interest_withdraw, "interest.answer"),
    R("POST", "/interests/{id}/messages", page_interest_message, "interest.read"),
    R("GET", "/inbox", page_inbox, "account.self"),
    R("POST", "/inbox/read", page_inbox_read, "account.self"),
    R("GET", "/moderation", page_moderation_overview, "moderation.overview"),
    R("GET", "/r/{region}/moderation", page_moderation_queue, "moderation.queue"),

    /* JSON API */
    R("GET", "/api/v1/regions", api_regions, "public.read"),
    R("POST", "/api/v1/accounts", api_accounts_create, "public.write"),
    R("POST", "/api/v1/session", api_session_create, "public.write"),
    R("DELETE", "/api/v1/session", api_session_delete, "account.self"),
    R("GET", "/api/v1/me", api_me, "account.self"),
    R("GET", "/api/v1/tokens", api_tokens_list, "account.self"),
    R("POST", "/api/v1/tokens", api_tokens_create, "account.self"),
    R("DELETE", "/api/v1/tokens/{id}", api_tokens_delete, "account.self"),
    R("GET", "/api/v1/listings", api_listings, "public.read"),
    R("POST", "/api/v1/listings", api_listing_create, "listing.create"),
    R("GET", "/api/v1/listings/{id}", api_listing, "public.read"),
    R("PATCH", "/api/v1/listings/{id}", api_listing_update, "listing.edit"),
    R("DELETE", "/api/v1/listings/{id}", api_listing_delete, "listing.edit"),
    R("POST", "/api/v1/listings/{id}/moderation", api_listing_moderate, "listing.moderate"),
    R("GET", "/api/v1/listings/{id}/audit", api_listing_audit, "listing.private"),
    R("GET", "/api/v1/regions/{region}/moderation", api_moderation_queue, "moderation.queue"),
    R("GET", "/api/v1/calls", api_calls, "public.read"),
    R("POST", "/api/v1/calls", api_call_create, "call.create"),
    R("GET", "/api/v1/calls/{id}", api_call, "public.read"),
    R("PATCH", "/api/v1/calls/{id}", api_call_update, "call.edit"),
    R("POST", "/api/v1/calls/{id}/moderation", api_call_moderate, "call.moderate"),
    R("POST", "/api/v1/calls/{id}/close", api_call_close, "call.edit"),
    R("POST", "/api/v1/calls/{id}/award", api_call_award, "call.edit"),
    R("POST", "/api/v1/calls/{id}/interests", api_call_answer, "interest.answer"),
    R("GET", "/api/v1/calls/{id}/interests", api_call_answers, "call.private"),
    R("GET", "/api/v1/calls/{id}/matches", api_call_matches, "call.private"),
    R("GET", "/api/v1/listings/{id}/matches", api_listing_matches, "listing.private"),
    R("GET", "/api/v1/interests/{id}", api_interest, "interest.read"),
    R("POST", "/api/v1/interests/{id}/decision", api_interest_decide, "interest.decide"),
    R("POST", "/api/v1/interests/{id}/withdraw", api_interest_withdraw, "interest.answer"),
    R("POST", "/api/v1/interests/{id}/messages", api_interest_message, "interest.read"),
    R("GET", "/api/v1/notifications", api_notifications, "account.self"),
};

const size_t core_route_count = sizeof core_routes / sizeof core_routes[0];
