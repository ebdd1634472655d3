/*
 * account.h — people, their organisations, logins and sessions: the operations behind the
 * register, login, logout and account pages and their JSON twins.
 *
 * Each function checks its input (recording field errors on the request), then writes in the
 * request's transaction; a function that fails leaves nothing written because the dispatcher
 * rolls the transaction back.
 */
#ifndef ACCOUNT_H
#define ACCOUNT_H

#include "errors.h"

#include <stdbool.h>

struct req;

struct registration {
    const char *email, *password, *name;
    const char *org_kind, *org_name, *org_region, *org_business_id, *org_city, *org_website;
};

/* Reads a registration from the form or JSON body (fields email, password, name,
 * organisation.kind/name/region/business_id/city/website) and checks it. */
void registration_read(struct req *r, struct registration *reg);

/* Creates the person, the organisation and the membership, and logs the person in.
 * ERR_INVALID with field errors (e-mail taken, business ID refused by the region's plugin,
 * organisation already registered), or the database's error. */
enum err_code account_register(struct req *r, struct registration *reg, long long *person_id);

/* Checks e-mail and password, with throttling (429 with Retry-After after too many failures
 * for the account or the address) and the same answer and about the same time for an unknown
 * e-mail as for a wrong password.  Rehashes the password when the limits changed.  On
 * success starts a session (cookie) and sets r->session. */
enum err_code account_login(struct req *r, const char *email, const char *password);

/* Ends the request's session (cookie sessions only) and clears the cookie. */
enum err_code account_logout(struct req *r);

/* Changes the password (checking the current one), ends every session of the person and
 * starts a new one for this browser. */
enum err_code account_change_password(struct req *r, const char *current, const char *fresh);

/* Starts a session for person_id: a new token in the cookie; fills r->session. */
enum err_code session_start(struct req *r, long long person_id);

/* Personal API tokens: creates one (the token is returned once, arena-owned), lists, revokes. */
enum err_code api_token_create(struct req *r, const char *name, const char **token, long long *id);
enum err_code api_token_revoke(struct req *r, long long id);

/* Adds another organisation for the logged-in person (same checks as at registration). */
enum err_code organisation_create(struct req *r, const char *kind, const char *name,
                                  const char *region, const char *business_id, const char *city,
                                  const char *website, long long *org_id);

/* Adds an already registered person (by e-mail) to an organisation the caller belongs to. */
enum err_code organisation_add_member(struct req *r, long long org_id, const char *email);

#endif
