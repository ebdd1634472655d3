/*
 * auth.c — sessions, API tokens and CSRF tokens; see auth.h.
 *
 * Tokens are 32 random bytes (256 bits) from libsodium, written base64url.  PostgreSQL stores
 * only their SHA-256, so a copy of the database opens no session.  The session row is read by
 * the SECURITY DEFINER function auth_session() (sql/001_core.sql), which also refreshes
 * last_seen_at at most once a minute, so an active visitor costs one statement per request.
 */
#include "auth.h"

#include "arena.h"
#include "buf.h"
#include "db.h"
#include "http.h"
#include "log.h"
#include "settings.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define TOKEN_BYTES 32

DB_STMT(session_lookup,
        "SELECT person_id, email, name, lang, is_super, csrf_token, org_ids, sme_org_ids, "
        "organiser_org_ids, admin_regions, unread, home_region FROM auth_session($1, $2)");
DB_STMT(api_token_lookup,
        "SELECT person_id, email, name, lang, is_super, org_ids, sme_org_ids, "
        "organiser_org_ids, admin_regions, unread, home_region FROM auth_api_token($1)");

char *auth_new_token(struct arena *a)
{
    unsigned char raw[TOKEN_BYTES];
    randombytes_buf(raw, sizeof raw);
    size_t len = sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = arena_alloc(a, len);
    sodium_bin2base64(out, len, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

const char *auth_token_hash(struct arena *a, const char *token)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
    char *hex = arena_alloc(a, 2 + 2 * sizeof h + 1);
    memcpy(hex, "\\x", 2);
    sodium_bin2hex(hex + 2, 2 * sizeof h + 1, h, sizeof h);
    return hex;
}

/* A token we issued is 43 base64url characters; anything else is not worth a query. */
static bool token_shaped(const char *t)
{
    if (t == NULL || strlen(t) != 43)
        return false;
    for (const char *p = t; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '-' || *p == '_'))
            return false;
    return true;
}

static struct auth_session *session_from_row(struct req *r, const PGresult *res)
{
    struct auth_session *s = arena_calloc(r->arena, 1, sizeof *s);
    s->person_id_text = arena_strdup(r->arena, db_value(res, 0, "person_id"));
    s->person_id = db_int(res, 0, "person_id");
    s->email = arena_strdup(r->arena, db_value(res, 0, "email"));
    s->name = arena_strdup(r->arena, db_value(res, 0, "name"));
    s->lang = arena_strdup(r->arena, db_value(res, 0, "lang"));
    s->super = db_bool(res, 0, "is_super");
    s->org_ids = arena_strdup(r->arena, db_value(res, 0, "org_ids"));
    s->sme_org_ids = arena_strdup(r->arena, db_value(res, 0, "sme_org_ids"));
    s->organiser_org_ids = arena_strdup(r->arena, db_value(res, 0, "organiser_org_ids"));
    s->admin_regions = arena_strdup(r->arena, db_value(res, 0, "admin_regions"));
    s->unread = db_int(res, 0, "unread");
    s->home_region = db_is_null(res, 0, "home_region")
                         ? NULL
                         : arena_strdup(r->arena, db_value(res, 0, "home_region"));
    return s;
}

static enum err_code identify_bearer(struct req *r, const char *token)
{
    if (!token_shaped(token))
        return req_fail(r, ERR_UNAUTHENTICATED, "The API token is not valid.");
    const char *params[] = {auth_token_hash(r->arena, token)};
    PGresult *res = db_exec(r->arena, &api_token_lookup, 1, params);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) != 1)
        return req_fail(r, ERR_UNAUTHENTICATED,
                        "The API token is unknown or revoked: create a new one on your account "
                        "page.");
    r->session = session_from_row(r, res);
    r->session->via_api_token = true;
    return ERR_NONE;
}

enum err_code auth_identify(struct req *r)
{
    r->session = NULL;
    if (r->authorization != NULL && strncmp(r->authorization, "Bearer ", 7) == 0)
        return identify_bearer(r, r->authorization + 7);
    const char *token = req_cookie(r, "sid");
    if (!token_shaped(token))
        return ERR_NONE;
    char idle[16];
    snprintf(idle, sizeof idle, "%d", settings.session_idle_minutes);
    const char *params[] = {auth_token_hash(r->arena, token), idle};
    PGresult *res = db_exec(r->arena, &session_lookup, 2, params);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) != 1) {
        auth_clear_cookie(r); /* expired or logged out elsewhere: forget it */
        return ERR_NONE;
    }
    r->session = session_from_row(r, res);
    r->session->csrf_token = arena_strdup(r->arena, db_value(res, 0, "csrf_token"));
    return ERR_NONE;
}

static void set_cookie(struct req *r, const char *name, const char *value, long max_age)
{
    resp_header(r, "Set-Cookie",
                arena_printf(r->arena, "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Lax%s", name,
                             value, max_age, r->https ? "; Secure" : ""));
}

void auth_set_session_cookie(struct req *r, const char *token)
{
    set_cookie(r, "sid", token, (long)settings.session_absolute_hours * 3600);
}

void auth_clear_cookie(struct req *r)
{
    set_cookie(r, "sid", "", 0);
}

const char *auth_csrf_token(struct req *r)
{
    if (r->session != NULL)
        return r->session->csrf_token ? r->session->csrf_token : "";
    if (r->visitor_csrf != NULL)
        return r->visitor_csrf;
    const char *t = req_cookie(r, "csrf");
    if (token_shaped(t))
        return r->visitor_csrf = t;
    /* First visit: a token for the visitor's forms, kept in a cookie (double submit). */
    char *fresh = auth_new_token(r->arena);
    set_cookie(r, "csrf", fresh, 7L * 24 * 3600);
    kv_add(r->arena, &r->cookies, "csrf", fresh);
    return r->visitor_csrf = fresh;
}

static bool same_token(const char *a, const char *b)
{
    if (a == NULL || b == NULL || strlen(a) != strlen(b) || a[0] == '\0')
        return false;
    return sodium_memcmp(a, b, strlen(a)) == 0;
}

static const char *submitted_csrf(const struct req *r)
{
    const char *t = kv_get(&r->form, "csrf");
    if (t == NULL && r->json != NULL)
        t = json_string_value(json_object_get(r->json, "csrf"));
    return t ? t : r->csrf_header;
}

enum err_code auth_check_csrf(struct req *r)
{
    const char *sent = submitted_csrf(r);
    if (r->session != NULL) {
        if (r->session->via_api_token)
            return ERR_NONE; /* not a browser cookie: nothing to forge */
        if (same_token(sent, r->session->csrf_token))
            return ERR_NONE;
    } else {
        /* A visitor: a browser cannot send application/json cross-site without a CORS
         * preflight, which the portal never grants; forms carry the double-submit token. */
        if (r->json != NULL && r->api)
            return ERR_NONE;
        if (same_token(sent, req_cookie(r, "csrf")))
            return ERR_NONE;
    }
    return req_fail(r, ERR_FORBIDDEN,
                    "The form's security token is missing or out of date: reload the page and "
                    "send it again.");
}
