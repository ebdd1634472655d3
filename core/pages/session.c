/*
 * session.c — logging in and out (GET/POST /login, POST /logout, POST and DELETE
 * /api/v1/session), who am I (GET /api/v1/me), and the language switcher (POST /language).
 */
#include "pages.h"

#include "../account.h"
#include "../arena.h"
#include "../auth.h"
#include "../db.h"
#include "../form.h"
#include "../http.h"
#include "../i18n.h"
#include "../tpl.h"

#include <string.h>

DB_STMT(me_organisations,
        "SELECT o.id, o.kind, o.name, o.region, o.business_id, m.role FROM memberships m "
        "JOIN organisations o ON o.id = m.org_id WHERE m.person_id = $1 ORDER BY o.name");
DB_STMT(person_set_lang, "UPDATE persons SET lang = $2 WHERE id = $1");

static enum err_code login_render(struct req *r, int status, const char *message)
{
    struct tpl_dict *d = page_dict(r);
    page_title(r, T(r, "login.title"));
    if (message != NULL) {
        struct tpl_dict *m = tpl_section(d, "FORM_ERROR");
        tpl_set(m, "MESSAGE", message);
    }
    const struct field_view email = {"email", "field.email_label", "email", NULL, "username", true,
                                     254};
    const struct field_view password = {
        "password", "field.password", "password", NULL, "current-password", true, 0};
    form_field(r, d, "F_EMAIL", &email, form_value(r, "email"));
    form_field(r, d, "F_PASSWORD", &password, NULL);
    const char *next = req_query(r, "next");
    tpl_set(d, "NEXT", next && next[0] == '/' && next[1] != '/' ? next : "/dashboard");
    return resp_page(r, status, "login.tpl", d);
}

enum err_code page_login_form(struct req *r)
{
    if (r->session != NULL)
        return resp_redirect(r, "/dashboard");
    return login_render(r, 200, NULL);
}

enum err_code page_login(struct req *r)
{
    const char *email = input_text(r, "email", 254, true, false);
    const char *password = input_text(r, "password", 4096, true, false);
    if (input_has_errors(r)) {
        login_render(r, 422, NULL);
        return ERR_INVALID;
    }
    enum err_code rc = account_login(r, email, password);
    if (rc == ERR_UNAUTHENTICATED || rc == ERR_TOO_MANY_REQUESTS) {
        /* Answered here so that the failure just recorded is committed (throttling). */
        login_render(r, err_status(rc), r->error_message);
        return ERR_NONE;
    }
    if (rc != ERR_NONE)
        return rc;
    const char *next = input_text(r, "next", 300, false, false);
    return resp_redirect(r, next[0] == '/' ? next : "/dashboard");
}

enum err_code page_logout(struct req *r)
{
    enum err_code rc = account_logout(r);
    return rc != ERR_NONE ? rc : resp_redirect(r, "/");
}

static json_t *person_json(struct req *r)
{
    const struct auth_session *s = r->session;
    return json_pack("{s:I, s:s, s:s, s:s?}", "id", (json_int_t)s->person_id, "email", s->email,
                     "name", s->name, "lang", s->lang);
}

enum err_code api_session_create(struct req *r)
{
    const char *email = input_text(r, "email", 254, true, false);
    const char *password = input_text(r, "password", 4096, true, false);
    if (input_has_errors(r))
        return ERR_INVALID;
    enum err_code rc = account_login(r, email, password);
    if (rc == ERR_UNAUTHENTICATED || rc == ERR_TOO_MANY_REQUESTS) {
        resp_error(r, rc); /* answered, so the recorded failure is committed */
        return ERR_NONE;
    }
    if (rc != ERR_NONE)
        return rc;
    return resp_json(
        r, 200,
        json_pack("{s:s, s:o}", "csrf_token", r->session->csrf_token, "person", person_json(r)));
}

enum err_code api_session_delete(struct req *r)
{
    enum err_code rc = account_logout(r);
    return rc != ERR_NONE ? rc : resp_json(r, 200, json_pack("{s:s}", "status", "logged_out"));
}

enum err_code api_me(struct req *r)
{
    const char *params[] = {r->session->person_id_text};
    PGresult *res = db_exec(r->arena, &me_organisations, 1, params);
    if (res == NULL)
        return db_error_code();
    json_t *orgs = json_array();
    for (int i = 0; i < PQntuples(res); i++)
        json_array_append_new(
            orgs,
            json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)db_int(res, i, "id"),
                      "kind", db_value(res, i, "kind"), "name", db_value(res, i, "name"), "region",
                      db_value(res, i, "region"), "business_id", db_value(res, i, "business_id"),
                      "role", db_value(res, i, "role")));
    json_t *me = person_json(r);
    json_object_set_new(me, "organisations", orgs);
    json_object_set_new(me, "super", json_boolean(r->session->super));
    int n;
    const char **regions = db_array(r->arena, r->session->admin_regions, &n);
    json_t *admin = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(admin, json_string(regions[i]));
    json_object_set_new(me, "admin_regions", admin);
    return resp_json(r, 200, me);
}

enum err_code page_language(struct req *r)
{
    const char *lang = input_text(r, "lang", 8, true, false);
    if (!i18n_supported(lang))
        return req_fail(r, ERR_BAD_REQUEST, T(r, "language.unknown"));
    resp_header(r, "Set-Cookie",
                arena_printf(r->arena, "lang=%s; Path=/; Max-Age=31536000; SameSite=Lax%s", lang,
                             r->https ? "; Secure" : ""));
    if (r->session != NULL) {
        const char *params[] = {r->session->person_id_text, lang};
        if (db_exec(r->arena, &person_set_lang, 2, params) == NULL)
            return db_error_code();
    }
    const char *back = input_text(r, "back", 500, false, false);
    return resp_redirect(r, back[0] == '/' ? back : "/");
}
