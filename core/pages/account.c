/*
 * account.c — the account page (GET /account) and what it changes: profile and language,
 * password, organisations and their members, personal API tokens; and the tokens' JSON API
 * (GET/POST /api/v1/tokens, DELETE /api/v1/tokens/{id}).
 */
#include "pages.h"

#include "../account.h"
#include "../arena.h"
#include "../auth.h"
#include "../db.h"
#include "../form.h"
#include "../http.h"
#include "../i18n.h"
#include "../plugin.h"
#include "../tpl.h"

#include <stdlib.h>
#include <string.h>

DB_STMT(account_orgs,
        "SELECT o.id, o.kind, o.name, o.region, o.business_id, m.role, "
        "(SELECT string_agg(p.name || ' <' || p.email || '>', ', ' ORDER BY p.name) "
        "   FROM memberships mm JOIN persons p ON p.id = mm.person_id WHERE mm.org_id = o.id) "
        "   AS members "
        "FROM memberships m JOIN organisations o ON o.id = m.org_id WHERE m.person_id = $1 "
        "ORDER BY o.name");
DB_STMT(account_tokens, "SELECT id, name, prefix, to_char(created_at, 'YYYY-MM-DD') AS created, "
                        "to_char(last_used_at, 'YYYY-MM-DD') AS last_used FROM api_tokens "
                        "WHERE person_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC");
DB_STMT(account_profile_update,
        "UPDATE persons SET name = $2, lang = nullif($3, ''), digest_weekly = $4 WHERE id = $1");
DB_STMT(account_profile, "SELECT name, email, coalesce(lang, '') AS lang, digest_weekly "
                         "FROM persons WHERE id = $1");

static void account_fill_orgs(struct req *r, struct tpl_dict *d, PGresult *orgs)
{
    for (int i = 0; i < PQntuples(orgs); i++) {
        struct tpl_dict *o = tpl_section(d, "ORG");
        tpl_set(o, "ORG_ID", db_value(orgs, i, "id"));
        tpl_set(o, "ORG_NAME", db_value(orgs, i, "name"));
        tpl_set(o, "ORG_KIND",
                T(r, arena_printf(r->arena, "org.kind.%s", db_value(orgs, i, "kind"))));
        const struct plugin *p = plugin_find(db_value(orgs, i, "region"));
        tpl_set(o, "ORG_REGION", p ? p->desc->name : db_value(orgs, i, "region"));
        tpl_set(o, "ORG_BUSINESS_ID", db_value(orgs, i, "business_id"));
        tpl_set(o, "ORG_MEMBERS", db_value(orgs, i, "members"));
    }
    if (PQntuples(orgs) == 0)
        tpl_show(d, "NO_ORGS");
}

static void account_fill_tokens(struct tpl_dict *d, PGresult *tokens)
{
    for (int i = 0; i < PQntuples(tokens); i++) {
        struct tpl_dict *t = tpl_section(d, "TOKEN");
        tpl_set(t, "TOKEN_ID", db_value(tokens, i, "id"));
        tpl_set(t, "TOKEN_NAME", db_value(tokens, i, "name"));
        tpl_set(t, "TOKEN_PREFIX", db_value(tokens, i, "prefix"));
        tpl_set(t, "TOKEN_CREATED", db_value(tokens, i, "created"));
        const char *used = db_value(tokens, i, "last_used");
        tpl_set(t, "TOKEN_USED", used ? used : "—");
    }
    if (PQntuples(tokens) == 0)
        tpl_show(d, "NO_TOKENS");
}

static void account_fill_forms(struct req *r, struct tpl_dict *d, PGresult *profile)
{
    static const struct field_view name = {"name", "field.your_name", "text", NULL, "name", true,
                                           120};
    static const struct field_view lang = {
        "lang", "field.language", "select", "account.language_hint", NULL, false, 0};
    static const struct field_view current = {"current_password",
                                              "field.current_password",
                                              "password",
                                              NULL,
                                              "current-password",
                                              true,
                                              0};
    static const struct field_view fresh = {"new_password",
                                            "field.new_password",
                                            "password",
                                            "password.hint",
                                            "new-password",
                                            true,
                                            1024};
    static const struct field_view token = {
        "token_name", "field.token_name", "text", "account.token_hint", "off", true, 80};
    static const struct field_view org = {
        "name", "field.org_name", "text", NULL, "organization", true, 160};
    static const struct field_view kind = {"kind", "field.org_kind", "select", NULL, NULL, true, 0};
    static const struct field_view region = {
        "region", "field.region_label", "select", NULL, NULL, true, 0};
    static const struct field_view bizid = {"business_id",
                                            "field.business_id_label",
                                            "text",
                                            "register.business_id_hint",
                                            NULL,
                                            true,
                                            40};
    bool posted = r->form.count > 0;
    form_field(r, d, "F_NAME", &name,
               posted ? form_value(r, "name") : db_value(profile, 0, "name"));
    struct choice langs[16];
    int n = 0;
    for (int i = 0; i < i18n_language_count() && n < 16; i++, n++) {
        langs[n].value = i18n_language_at(i);
        langs[n].label = i18n_text(langs[n].value, "language.name");
    }
    form_select(r, d, "F_LANG", &lang, langs, n, db_value(profile, 0, "lang"));
    if (db_bool(profile, 0, "digest_weekly"))
        tpl_show(d, "DIGEST_CHECKED");
    form_field(r, d, "F_CURRENT_PASSWORD", &current, NULL);
    form_field(r, d, "F_NEW_PASSWORD", &fresh, NULL);
    form_field(r, d, "F_TOKEN_NAME", &token, form_value(r, "token_name"));
    form_field(r, d, "F_ORG_NAME", &org, "");
    const struct choice kinds[] = {{"sme", T(r, "org.kind.sme")},
                                   {"organiser", T(r, "org.kind.organiser")}};
    form_select(r, d, "F_ORG_KIND", &kind, kinds, 2, NULL);
    struct choice regions[32];
    form_select(r, d, "F_ORG_REGION", &region, regions, region_choices(r, regions, 32), NULL);
    form_field(r, d, "F_ORG_BUSINESS_ID", &bizid, "");
}

/* Draws the account page; `notice_key` is a confirmation to show, `new_token` a token to show
 * once. */
static enum err_code account_render(struct req *r, int status, const char *notice_key,
                                    const char *new_token)
{
    const char *who[] = {r->session->person_id_text};
    PGresult *orgs = db_exec(r->arena, &account_orgs, 1, who);
    PGresult *tokens = orgs ? db_exec(r->arena, &account_tokens, 1, who) : NULL;
    PGresult *profile = tokens ? db_exec(r->arena, &account_profile, 1, who) : NULL;
    if (profile == NULL)
        return db_error_code();
    struct tpl_dict *d = page_dict(r);
    page_title(r, T(r, "account.title"));
    tpl_set(d, "EMAIL", db_value(profile, 0, "email"));
    if (notice_key != NULL) {
        struct tpl_dict *n = tpl_section(d, "NOTICE");
        tpl_set(n, "NOTICE_TEXT", T(r, notice_key));
    }
    if (new_token != NULL) {
        struct tpl_dict *t = tpl_section(d, "NEW_TOKEN");
        tpl_set(t, "NEW_TOKEN_VALUE", new_token);
    }
    if (input_has_errors(r))
        tpl_show(d, "HAS_ERRORS");
    account_fill_orgs(r, d, orgs);
    account_fill_tokens(d, tokens);
    account_fill_forms(r, d, profile);
    return resp_page(r, status, "account.tpl", d);
}

static const char *notice_for(const char *done)
{
    static const char *const known[] = {"profile",      "password", "token_revoked",
                                        "organisation", "member",   NULL};
    for (const char *const *k = known; done && *k; k++)
        if (strcmp(*k, done) == 0)
            return done;
    return NULL;
}

enum err_code page_account(struct req *r)
{
    const char *done = notice_for(req_query(r, "done"));
    return account_render(r, 200, done ? arena_printf(r->arena, "account.done.%s", done) : NULL,
                          NULL);
}

/* After a failed change: the page again with the errors, the transaction rolled back. */
static enum err_code account_invalid(struct req *r, enum err_code rc)
{
    if (rc != ERR_INVALID)
        return rc;
    account_render(r, 422, NULL, NULL);
    return ERR_INVALID;
}

enum err_code page_account_profile(struct req *r)
{
    const char *name = input_text(r, "name", 120, true, false);
    const char *lang = input_text(r, "lang", 8, false, false);
    if (*lang != '\0' && !i18n_supported(lang))
        req_field_error(r, "lang", T(r, "field.choice"));
    if (input_has_errors(r))
        return account_invalid(r, ERR_INVALID);
    const char *params[] = {r->session->person_id_text, name, lang,
                            input_bool(r, "digest_weekly") ? "true" : "false"};
    if (db_exec(r->arena, &account_profile_update, 4, params) == NULL)
        return db_error_code();
    return resp_redirect(r, "/account?done=profile");
}

enum err_code page_account_password(struct req *r)
{
    const char *current = input_text(r, "current_password", 4096, true, false);
    const char *fresh = input_text(r, "new_password", 4096, true, false);
    if (input_has_errors(r))
        return account_invalid(r, ERR_INVALID);
    enum err_code rc = account_change_password(r, current, fresh);
    return rc != ERR_NONE ? account_invalid(r, rc) : resp_redirect(r, "/account?done=password");
}

enum err_code page_account_token_create(struct req *r)
{
    const char *name = input_text(r, "token_name", 80, true, false);
    if (input_has_errors(r))
        return account_invalid(r, ERR_INVALID);
    const char *token;
    long long id;
    enum err_code rc = api_token_create(r, name, &token, &id);
    /* Shown once, on this page: no redirect, so the token never sits in a URL or a cookie. */
    return rc != ERR_NONE ? rc : account_render(r, 201, "account.done.token", token);
}

enum err_code page_account_token_revoke(struct req *r)
{
    long long id;
    if (!req_path_id(r, "id", &id))
        return ERR_NOT_FOUND;
    enum err_code rc = api_token_revoke(r, id);
    return rc != ERR_NONE ? rc : resp_redirect(r, "/account?done=token_revoked");
}

enum err_code page_account_organisation_create(struct req *r)
{
    const char *kind = input_text(r, "kind", 20, true, false);
    const char *name = input_text(r, "name", 160, true, false);
    const char *region = input_text(r, "region", 40, true, false);
    const char *bizid = input_text(r, "business_id", 40, true, false);
    long long id;
    enum err_code rc = organisation_create(r, kind, name, region, bizid, "", "", &id);
    return rc != ERR_NONE ? account_invalid(r, rc) : resp_redirect(r, "/account?done=organisation");
}

enum err_code page_account_member_add(struct req *r)
{
    long long org;
    if (!req_path_id(r, "id", &org))
        return ERR_NOT_FOUND;
    const char *email = input_email(r, "email", true);
    if (input_has_errors(r))
        return account_invalid(r, ERR_INVALID);
    enum err_code rc = organisation_add_member(r, org, email);
    return rc != ERR_NONE ? account_invalid(r, rc) : resp_redirect(r, "/account?done=member");
}

/* --- JSON --- */

enum err_code api_tokens_list(struct req *r)
{
    const char *who[] = {r->session->person_id_text};
    PGresult *res = db_exec(r->arena, &account_tokens, 1, who);
    if (res == NULL)
        return db_error_code();
    json_t *items = json_array();
    for (int i = 0; i < PQntuples(res); i++)
        json_array_append_new(
            items,
            json_pack("{s:I, s:s, s:s, s:s, s:s?}", "id", (json_int_t)db_int(res, i, "id"), "name",
                      db_value(res, i, "name"), "prefix", db_value(res, i, "prefix"), "created",
                      db_value(res, i, "created"), "last_used", db_value(res, i, "last_used")));
    return resp_json(r, 200, json_pack("{s:o, s:i}", "items", items, "total", PQntuples(res)));
}

enum err_code api_tokens_create(struct req *r)
{
    const char *name = input_text(r, "name", 80, true, false);
    if (input_has_errors(r))
        return ERR_INVALID;
    const char *token;
    long long id;
    enum err_code rc = api_token_create(r, name, &token, &id);
    if (rc != ERR_NONE)
        return rc;
    return resp_json(
        r, 201, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "name", name, "token", token));
}

enum err_code api_tokens_delete(struct req *r)
{
    long long id;
    if (!req_path_id(r, "id", &id))
        return ERR_NOT_FOUND;
    enum err_code rc = api_token_revoke(r, id);
    return rc != ERR_NONE ? rc : resp_json(r, 200, json_pack("{s:s}", "status", "revoked"));
}
