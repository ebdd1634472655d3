/*
 * auth.h — who is asking: sessions, API tokens, CSRF tokens, passwords, throttling.
 *
 * Workers keep no session state: every request's session is looked up in PostgreSQL by the hash
 * of its cookie token, so any worker (or machine) can serve any request.  Only hashes of
 * tokens are stored.
 */
#ifndef AUTH_H
#define AUTH_H

#include "errors.h"

#include <stdbool.h>
#include <stddef.h>

struct req;
struct arena;

struct auth_session {
    long long person_id;
    const char *person_id_text;
    const char *email;
    const char *name;
    const char *lang;              /* the person's language setting, or NULL */
    const char *csrf_token;        /* bound to this session; NULL for API-token requests */
    const char *org_ids;           /* PostgreSQL array text, "{3,7}" */
    const char *sme_org_ids;       /* those of org_ids that are SMEs */
    const char *organiser_org_ids; /* those that are event organisers */
    const char *admin_regions;     /* "{kaunas,rijeka}" */
    const char *home_region;       /* of their first organisation (else first administered), or
                                      NULL: their pages show times in its timezone */
    bool super;
    bool via_api_token; /* authenticated by Authorization: Bearer */
    long long unread;   /* unread notifications */
};

/* Finds the request's session (cookie) or API token (Authorization: Bearer).  Sets
 * r->session or leaves it NULL; returns ERR_UNAVAILABLE when the database is down,
 * ERR_UNAUTHENTICATED for a bad bearer token, else ERR_NONE. */
enum err_code auth_identify(struct req *r);

/* The CSRF token for forms on this page: the session's, or for visitors a random token kept
 * in a cookie (double submit), created when missing. */
const char *auth_csrf_token(struct req *r);

/* Checks the CSRF token of a state-changing request (form field "csrf" or header
 * X-CSRF-Token).  API-token requests need none.  ERR_NONE or ERR_FORBIDDEN. */
enum err_code auth_check_csrf(struct req *r);

/* A new random token (256 bits, base64url, 43 characters), arena-owned. */
char *auth_new_token(struct arena *a);
/* The SHA-256 of a token as a PostgreSQL bytea literal ("\x…"), arena-owned. */
const char *auth_token_hash(struct arena *a, const char *token);

/* Session cookies: HttpOnly, SameSite=Lax, Path=/, Secure over HTTPS. */
void auth_set_session_cookie(struct req *r, const char *token);
void auth_clear_cookie(struct req *r);

#endif
