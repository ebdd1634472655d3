/*
 * account.c — registration, login, sessions, passwords, API tokens, organisations; see
 * account.h.
 */
#include "account.h"

#include "arena.h"
#include "audit.h"
#include "auth.h"
#include "db.h"
#include "form.h"
#include "http.h"
#include "i18n.h"
#include "log.h"
#include "password.h"
#include "plugin.h"
#include "settings.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DB_STMT(person_by_email, "SELECT id, password_hash, disabled_at IS NOT NULL AS disabled "
                         "FROM persons WHERE lower(email) = lower($1)");
DB_STMT(person_insert, "INSERT INTO persons (email, name, password_hash, lang) "
                       "VALUES ($1, $2, $3, $4) RETURNING id");
DB_STMT(person_password_update,
        "UPDATE persons SET password_hash = $2, password_changed_at = now() WHERE id = $1");
DB_STMT(person_password_hash, "SELECT password_hash FROM persons WHERE id = $1");
DB_STMT(org_insert, "INSERT INTO organisations (kind, name, region, business_id, city, website) "
                    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
DB_STMT(org_exists, "SELECT 1 FROM organisations WHERE region = $1 AND business_id = $2");
DB_STMT(membership_insert, "INSERT INTO memberships (person_id, org_id, role) VALUES ($1, $2, $3) "
                           "ON CONFLICT DO NOTHING RETURNING person_id");
DB_STMT(org_of_member, "SELECT o.region FROM organisations o JOIN memberships m ON m.org_id = o.id "
                       "WHERE o.id = $1 AND m.person_id = $2");
DB_STMT(session_insert, "INSERT INTO sessions (token_hash, person_id, csrf_token, expires_at) "
                        "VALUES ($1, $2, $3, now() + make_interval(hours => $4::int))");
DB_STMT(session_delete, "DELETE FROM sessions WHERE token_hash = $1");
DB_STMT(sessions_delete_person, "DELETE FROM sessions WHERE person_id = $1");
DB_STMT(person_summary, "SELECT name, email, lang, is_super FROM persons WHERE id = $1");
DB_STMT(login_failures_count,
        "SELECT count(*) FILTER (WHERE email = $1) AS by_account, "
        "count(*) FILTER (WHERE address = $2) AS by_address, "
        "ceil(extract(epoch FROM min(at) + make_interval(mins => $3::int) - now()))::int AS wait "
        "FROM login_failures WHERE at > now() - make_interval(mins => $3::int) "
        "AND (email = $1 OR address = $2)");
DB_STMT(login_failure_insert, "INSERT INTO login_failures (email, address) VALUES ($1, $2)");
DB_STMT(login_failures_prune, "DELETE FROM login_failures WHERE at < now() - interval '1 day'");
DB_STMT(api_token_insert, "INSERT INTO api_tokens (person_id, name, token_hash, prefix) "
                          "VALUES ($1, $2, $3, $4) RETURNING id");
DB_STMT(api_token_revoke_stmt, "UPDATE api_tokens SET revoked_at = now() WHERE id = $1 "
                               "AND person_id = $2 AND revoked_at IS NULL RETURNING id");

static const char *id_text(struct req *r, long long id)
{
    return arena_printf(r->arena, "%lld", id);
}

static const char *const org_kinds[] = {"sme", "organiser", NULL};

/* Checks the organisation fields and asks the region's plugin about the business ID.
 * Returns the canonical business ID, or NULL (field errors recorded). */
static const char *organisation_check(struct req *r, const char *prefix, const char *kind,
                                      const char *region, const char *business_id)
{
    char field[64];
    if (*kind != '\0') {
        snprintf(field, sizeof field, "%skind", prefix);
        input_one_of(r, field, kind, org_kinds);
    }
    snprintf(field, sizeof field, "%sregion", prefix);
    const struct plugin *p = plugin_find(region);
    if (*region != '\0' && p == NULL) {
        req_field_error(r, field, T(r, "field.region"));
        return NULL;
    }
    snprintf(field, sizeof field, "%sbusiness_id", prefix);
    if (p == NULL || *business_id == '\0')
        return NULL;
    if (p->desc->validate_business_id == NULL)
        return business_id;
    char *canonical = arena_alloc(r->arena, 64);
    const char *key = NULL;
    if (p->desc->validate_business_id(business_id, canonical, 64, &key) != 0) {
        req_field_error(r, field, T(r, key ? key : "field.business_id"));
        return NULL;
    }
    return canonical;
}

void registration_read(struct req *r, struct registration *reg)
{
    reg->email = input_email(r, "email", true);
    reg->password = input_text(r, "password", 1024 * 4, true, false);
    reg->name = input_text(r, "name", 120, true, false);
    reg->org_kind = input_text(r, "organisation.kind", 20, true, false);
    reg->org_name = input_text(r, "organisation.name", 160, true, false);
    reg->org_region = input_text(r, "organisation.region", 40, true, false);
    reg->org_business_id = input_text(r, "organisation.business_id", 40, true, false);
    reg->org_city = input_text(r, "organisation.city", 120, false, false);
    reg->org_website = input_text(r, "organisation.website", 300, false, false);
    if (*reg->password != '\0') {
        const char *problem = password_problem(reg->password, reg->email);
        if (problem != NULL)
            req_field_error(r, "password", T(r, problem));
    }
    const char *canonical = organisation_check(r, "organisation.", reg->org_kind, reg->org_region,
                                               reg->org_business_id);
    if (canonical != NULL)
        reg->org_business_id = canonical;
}

/* Inserts an organisation (checked) with `person` as its owner. */
static enum err_code organisation_insert(struct req *r, const char *prefix, const char *kind,
                                         const char *name, const char *region,
                                         const char *business_id, const char *city,
                                         const char *website, const char *person, long long *org_id)
{
    const char *exists_params[] = {region, business_id};
    PGresult *res = db_exec(r->arena, &org_exists, 2, exists_params);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) > 0) {
        req_field_error(r, arena_printf(r->arena, "%sbusiness_id", prefix),
                        T(r, "account.org_exists"));
        return ERR_INVALID;
    }
    const char *params[] = {kind, name, region, business_id, city, website};
    if ((res = db_exec(r->arena, &org_insert, 6, params)) == NULL)
        return db_error_code();
    *org_id = db_int(res, 0, "id");
    const char *member[] = {person, id_text(r, *org_id), "owner"};
    return db_exec(r->arena, &membership_insert, 3, member) ? ERR_NONE : db_error_code();
}

enum err_code account_register(struct req *r, struct registration *reg, long long *person_id)
{
    if (input_has_errors(r))
        return ERR_INVALID;
    const char *by_email[] = {reg->email};
    PGresult *res = db_exec(r->arena, &person_by_email, 1, by_email);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) > 0) {
        req_field_error(r, "email", T(r, "account.email_taken"));
        return ERR_INVALID;
    }
    char hash[crypto_pwhash_STRBYTES];
    if (password_hash(reg->password, hash, sizeof hash) != 0)
        return req_fail(r, ERR_UNAVAILABLE, "The server is short of memory; try again.");
    /* No language setting yet: the person's browser decides until they choose one. */
    const char *params[] = {reg->email, reg->name, hash, NULL};
    if ((res = db_exec(r->arena, &person_insert, 4, params)) == NULL)
        return db_error_code();
    *person_id = db_int(res, 0, "id");
    const char *person = id_text(r, *person_id);
    long long org_id = 0;
    enum err_code rc =
        organisation_insert(r, "organisation.", reg->org_kind, reg->org_name, reg->org_region,
                            reg->org_business_id, reg->org_city, reg->org_website, person, &org_id);
    if (rc != ERR_NONE)
        return rc;
    /* From here on the new person acts: row-level security and the audit log say so. */
    const struct db_actor actor = {person, arena_printf(r->arena, "{%lld}", org_id), "{}", false,
                                   NULL};
    if ((rc = db_actor_update(&actor)) != ERR_NONE ||
        (rc = session_start(r, *person_id)) != ERR_NONE)
        return rc;
    r->session->org_ids = actor.org_ids;
    struct audit_entry e = {reg->org_region, org_id, "account", *person_id,
                            "registered",    NULL,   "active",  NULL};
    return audit_write(r, &e);
}

enum err_code session_start(struct req *r, long long person_id)
{
    const char *token = auth_new_token(r->arena);
    const char *csrf = auth_new_token(r->arena);
    char hours[16];
    snprintf(hours, sizeof hours, "%d", settings.session_absolute_hours);
    const char *params[] = {auth_token_hash(r->arena, token), id_text(r, person_id), csrf, hours};
    if (db_exec(r->arena, &session_insert, 4, params) == NULL)
        return db_error_code();
    const char *who[] = {id_text(r, person_id)};
    PGresult *res = db_exec(r->arena, &person_summary, 1, who);
    if (res == NULL || PQntuples(res) != 1)
        return res ? ERR_INTERNAL : db_error_code();
    struct auth_session *s = arena_calloc(r->arena, 1, sizeof *s);
    s->person_id = person_id;
    s->person_id_text = who[0];
    s->csrf_token = csrf;
    s->name = arena_strdup(r->arena, db_value(res, 0, "name"));
    s->email = arena_strdup(r->arena, db_value(res, 0, "email"));
    s->lang = arena_strdup(r->arena, db_value(res, 0, "lang"));
    s->super = db_bool(res, 0, "is_super");
    s->org_ids = s->sme_org_ids = s->organiser_org_ids = s->admin_regions = "{}";
    r->session = s;
    auth_set_session_cookie(r, token);
    return ERR_NONE;
}

/* Lower-cased copy of an e-mail for the throttle table. */
static const char *email_key(struct req *r, const char *email)
{
    char *k = arena_strdup(r->arena, email);
    for (char *p = k; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return k;
}

static enum err_code throttle_check(struct req *r, const char *email, const char *address)
{
    char window[16];
    snprintf(window, sizeof window, "%d", settings.login_fail_window_minutes);
    const char *params[] = {email, address, window};
    PGresult *res = db_exec(r->arena, &login_failures_count, 3, params);
    if (res == NULL)
        return db_error_code();
    if (db_int(res, 0, "by_account") < settings.login_fail_account &&
        db_int(res, 0, "by_address") < settings.login_fail_address)
        return ERR_NONE;
    long long wait = db_int(res, 0, "wait");
    resp_header(r, "Retry-After", arena_printf(r->arena, "%lld", wait > 0 ? wait : 60));
    return req_fail(r, ERR_TOO_MANY_REQUESTS, T(r, "login.throttled"));
}

enum err_code account_login(struct req *r, const char *email, const char *password)
{
    const char *key = email_key(r, email);
    const char *address = r->remote_addr ? r->remote_addr : "unknown";
    enum err_code rc = throttle_check(r, key, address);
    if (rc != ERR_NONE)
        return rc;
    const char *params[] = {email};
    PGresult *res = db_exec(r->arena, &person_by_email, 1, params);
    if (res == NULL)
        return db_error_code();
    bool found = PQntuples(res) == 1 && !db_bool(res, 0, "disabled");
    const char *hash = found ? db_value(res, 0, "password_hash") : NULL;
    /* Same work whether the e-mail is known or not: verify against a dummy hash if not. */
    if (!password_verify(hash, password)) {
        const char *failure[] = {key, address};
        if (db_exec(r->arena, &login_failure_insert, 2, failure) == NULL)
            return db_error_code();
        return req_fail(r, ERR_UNAUTHENTICATED, T(r, "login.wrong"));
    }
    long long person_id = db_int(res, 0, "id");
    if (password_needs_rehash(hash)) {
        char fresh[crypto_pwhash_STRBYTES];
        const char *update[] = {id_text(r, person_id), fresh};
        if (password_hash(password, fresh, sizeof fresh) == 0 &&
            db_exec(r->arena, &person_password_update, 2, update) == NULL)
            return db_error_code();
        log_info("password of person %lld rehashed with the current limits", person_id);
    }
    if (db_exec(r->arena, &login_failures_prune, 0, NULL) == NULL)
        return db_error_code();
    return session_start(r, person_id);
}

enum err_code account_logout(struct req *r)
{
    const char *token = req_cookie(r, "sid");
    if (token != NULL) {
        const char *params[] = {auth_token_hash(r->arena, token)};
        if (db_exec(r->arena, &session_delete, 1, params) == NULL)
            return db_error_code();
    }
    auth_clear_cookie(r);
    return ERR_NONE;
}

enum err_code account_change_password(struct req *r, const char *current, const char *fresh)
{
    const char *who[] = {r->session->person_id_text};
    PGresult *res = db_exec(r->arena, &person_password_hash, 1, who);
    if (res == NULL)
        return db_error_code();
    if (!password_verify(db_value(res, 0, "password_hash"), current))
        req_field_error(r, "current_password", T(r, "account.current_wrong"));
    const char *problem = password_problem(fresh, r->session->email);
    if (problem != NULL)
        req_field_error(r, "new_password", T(r, problem));
    if (input_has_errors(r))
        return ERR_INVALID;
    char hash[crypto_pwhash_STRBYTES];
    if (password_hash(fresh, hash, sizeof hash) != 0)
        return req_fail(r, ERR_UNAVAILABLE, "The server is short of memory; try again.");
    const char *update[] = {r->session->person_id_text, hash};
    if (db_exec(r->arena, &person_password_update, 2, update) == NULL ||
        db_exec(r->arena, &sessions_delete_person, 1, who) == NULL)
        return db_error_code();
    return session_start(r, r->session->person_id);
}

enum err_code api_token_create(struct req *r, const char *name, const char **token, long long *id)
{
    const char *t = auth_new_token(r->arena);
    const char *params[] = {r->session->person_id_text, name, auth_token_hash(r->arena, t),
                            arena_strndup(r->arena, t, 6)};
    PGresult *res = db_exec(r->arena, &api_token_insert, 4, params);
    if (res == NULL)
        return db_error_code();
    *token = t;
    *id = db_int(res, 0, "id");
    return ERR_NONE;
}

enum err_code api_token_revoke(struct req *r, long long id)
{
    const char *params[] = {id_text(r, id), r->session->person_id_text};
    PGresult *res = db_exec(r->arena, &api_token_revoke_stmt, 2, params);
    if (res == NULL)
        return db_error_code();
    return PQntuples(res) == 1 ? ERR_NONE : ERR_NOT_FOUND;
}

enum err_code organisation_create(struct req *r, const char *kind, const char *name,
                                  const char *region, const char *business_id, const char *city,
                                  const char *website, long long *org_id)
{
    const char *canonical = organisation_check(r, "", kind, region, business_id);
    if (input_has_errors(r))
        return ERR_INVALID;
    enum err_code rc =
        organisation_insert(r, "", kind, name, region, canonical ? canonical : business_id, city,
                            website, r->session->person_id_text, org_id);
    if (rc != ERR_NONE)
        return rc;
    struct audit_entry e = {region,    *org_id, "organisation", *org_id,
                            "created", NULL,    "active",       NULL};
    return audit_write(r, &e);
}

enum err_code organisation_add_member(struct req *r, long long org_id, const char *email)
{
    const char *mine[] = {id_text(r, org_id), r->session->person_id_text};
    PGresult *res = db_exec(r->arena, &org_of_member, 2, mine);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) != 1)
        return req_fail(r, ERR_FORBIDDEN, T(r, "account.not_your_org"));
    const char *region = arena_strdup(r->arena, db_value(res, 0, "region"));
    const char *by_email[] = {email};
    if ((res = db_exec(r->arena, &person_by_email, 1, by_email)) == NULL)
        return db_error_code();
    if (PQntuples(res) != 1) {
        req_field_error(r, "email", T(r, "account.no_such_person"));
        return ERR_INVALID;
    }
    long long person = db_int(res, 0, "id");
    const char *params[] = {id_text(r, person), id_text(r, org_id), "member"};
    if ((res = db_exec(r->arena, &membership_insert, 3, params)) == NULL)
        return db_error_code();
    struct audit_entry e = {region,         org_id, "organisation", org_id,
                            "member_added", NULL,   NULL,           NULL};
    return audit_write(r, &e);
}
