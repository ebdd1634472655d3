/*
 * interests.c — one answer to a call and its private thread (/interests/{id}), the organiser's
 * decisions, withdrawing, messages, and the same in JSON (/api/v1/interests/…).
 */
#include "pages.h"
#include "view.h"

#include "../access.h"
#include "../arena.h"
#include "../auth.h"
#include "../db.h"
#include "../form.h"
#include "../format.h"
#include "../http.h"
#include "../i18n.h"
#include "../interest.h"
#include "../plugin.h"
#include "../tpl.h"

#include <string.h>

DB_STMT(interest_thread,
        "SELECT m.body, to_char(m.created_at, 'YYYY-MM-DD HH24:MI') AS at, "
        "coalesce(p.name, '') AS who, o.name AS org_name, m.org_id FROM interest_messages m "
        "LEFT JOIN persons p ON p.id = m.person_id JOIN organisations o ON o.id = m.org_id "
        "WHERE m.interest_id = $1 ORDER BY m.created_at, m.id");

static enum err_code thread_load(struct req *r, long long id, PGresult **res)
{
    const char *params[] = {arena_printf(r->arena, "%lld", id)};
    *res = db_exec(r->arena, &interest_thread, 1, params);
    return *res ? ERR_NONE : db_error_code();
}

static enum err_code interest_page(struct req *r, long long id, int status)
{
    struct interest_view v;
    PGresult *thread;
    enum err_code rc = interest_load(r, id, &v);
    if (rc == ERR_NONE)
        rc = thread_load(r, id, &thread);
    if (rc != ERR_NONE)
        return rc;
    r->region = plugin_find(v.region);
    struct arena *a = r->arena;
    struct tpl_dict *d = page_dict(r);
    page_title(r, i18n_format(a, r->lang, "interest.title", "call", v.call_title, NULL));
    tpl_set(d, "HEADING", i18n_format(a, r->lang, "interest.title", "call", v.call_title, NULL));
    tpl_set(d, "ID", arena_printf(a, "%lld", id));
    tpl_set(d, "CALL_URL", arena_printf(a, "/calls/%lld", v.call_id));
    tpl_set(d, "CALL_TITLE", v.call_title);
    tpl_set(d, "LISTING_URL", arena_printf(a, "/listings/%lld", v.listing_id));
    tpl_set(d, "LISTING_TITLE", v.listing_title);
    tpl_set(d, "SME", v.sme_name);
    tpl_set(d, "ORGANISER", v.organiser_name);
    tpl_set(d, "STATUS", T(r, arena_printf(a, "interest.status.%s", v.status)));
    tpl_set(d, "STATUS_CLASS", v.status);
    tpl_set(d, "MESSAGE", v.message);
    tpl_set(d, "CREATED", format_datetime(a, r->lang, v.created_at));
    if (v.response != NULL)
        tpl_set(tpl_section(d, "RESPONSE"), "RESPONSE_TEXT", v.response);
    if (req_query(r, "done") != NULL)
        tpl_show(d, "SAVED");
    if (r->error_message != NULL || input_has_errors(r))
        tpl_set(tpl_section(d, "FORM_ERROR"), "FORM_ERROR_TEXT",
                r->error_message ? r->error_message : T(r, "error.invalid.text"));
    bool open_for_change = strcmp(v.call_state, "open") == 0 || strcmp(v.call_state, "closed") == 0;
    if (v.is_organiser && open_for_change && strcmp(v.status, "withdrawn") != 0)
        tpl_show(d, "CAN_DECIDE");
    if (v.is_sme && !v.deadline_passed && strcmp(v.status, "withdrawn") != 0 &&
        strcmp(v.status, "declined") != 0)
        tpl_show(d, "CAN_WITHDRAW");
    if (v.is_sme || v.is_organiser)
        tpl_show(d, "CAN_WRITE");
    else
        tpl_show(d, "READ_ONLY");
    for (int i = 0; i < PQntuples(thread); i++) {
        struct tpl_dict *m = tpl_section(d, "MSG");
        tpl_set(m, "MSG_WHO", db_value(thread, i, "who"));
        tpl_set(m, "MSG_ORG", db_value(thread, i, "org_name"));
        tpl_set(m, "MSG_AT", format_datetime(a, r->lang, db_value(thread, i, "at")));
        tpl_set(m, "MSG_BODY", db_value(thread, i, "body"));
        tpl_show(m, db_int(thread, i, "org_id") == v.call_org_id ? "FROM_ORGANISER" : "FROM_SME");
    }
    if (PQntuples(thread) == 0)
        tpl_show(d, "NO_MESSAGES");
    static const struct field_view body = {
        "body", "interest.new_message", "textarea", NULL, NULL, true, 4000};
    form_field(r, d, "F_BODY", &body, form_value(r, "body"));
    static const struct field_view response = {
        "response", "interest.response", "textarea", "interest.response_hint", NULL, false, 2000};
    /* What was typed when the form comes back with a problem, else the saved message. */
    const char *shown = input_raw(r, "response") ? form_value(r, "response") : v.response;
    form_field(r, d, "F_RESPONSE", &response, shown ? shown : "");
    if ((rc = audit_trail_fill(r, d, "interest", id)) != ERR_NONE)
        return rc;
    return resp_page(r, status, "interest.tpl", d);
}

enum err_code page_interest(struct req *r)
{
    long long id;
    return req_path_id(r, "id", &id) ? interest_page(r, id, 200) : ERR_NOT_FOUND;
}

/* After a change from the thread page: back to it, or the page again with the problem. */
static enum err_code back_to_thread(struct req *r, long long id, enum err_code rc)
{
    if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
        interest_page(r, id, err_status(rc));
        return rc;
    }
    return rc ? rc : resp_redirect(r, arena_printf(r->arena, "/interests/%lld", id));
}

static enum err_code decide(struct req *r, long long *id)
{
    if (!req_path_id(r, "id", id))
        return ERR_NOT_FOUND;
    const char *action = input_text(r, "action", 20, true, false);
    const char *response = input_text(r, "response", 2000, false, true);
    return input_has_errors(r) ? ERR_INVALID : interest_decide(r, *id, action, response);
}

static enum err_code write_message(struct req *r, long long *id)
{
    if (!req_path_id(r, "id", id))
        return ERR_NOT_FOUND;
    const char *body = input_text(r, "body", 4000, true, true);
    return input_has_errors(r) ? ERR_INVALID : interest_message_add(r, *id, body);
}

enum err_code page_interest_decide(struct req *r)
{
    long long id = 0;
    enum err_code rc = decide(r, &id);
    return id ? back_to_thread(r, id, rc) : rc;
}

enum err_code page_interest_withdraw(struct req *r)
{
    long long id;
    return req_path_id(r, "id", &id) ? back_to_thread(r, id, interest_withdraw(r, id))
                                     : ERR_NOT_FOUND;
}

enum err_code page_interest_message(struct req *r)
{
    long long id = 0;
    enum err_code rc = write_message(r, &id);
    return id ? back_to_thread(r, id, rc) : rc;
}

/* --- JSON --- */

static enum err_code interest_json(struct req *r, long long id, int status)
{
    struct interest_view v;
    PGresult *thread;
    enum err_code rc = interest_load(r, id, &v);
    if (rc == ERR_NONE)
        rc = thread_load(r, id, &thread);
    if (rc != ERR_NONE)
        return rc;
    json_t *messages = json_array();
    for (int i = 0; i < PQntuples(thread); i++)
        json_array_append_new(
            messages, json_pack("{s:s, s:s, s:s, s:s}", "from", db_value(thread, i, "org_name"),
                                "who", db_value(thread, i, "who"), "at", db_value(thread, i, "at"),
                                "body", db_value(thread, i, "body")));
    return resp_json(r, status,
                     json_pack("{s:I, s:I, s:I, s:s, s:s, s:s?, s:s, s:s, s:s, s:s, s:o}", "id",
                               (json_int_t)id, "call_id", (json_int_t)v.call_id, "listing_id",
                               (json_int_t)v.listing_id, "status", v.status, "message", v.message,
                               "response", v.response, "organisation", v.sme_name, "organiser",
                               v.organiser_name, "call_title", v.call_title, "created_at",
                               v.created_at, "messages", messages));
}

enum err_code api_interest(struct req *r)
{
    long long id;
    return req_path_id(r, "id", &id) ? interest_json(r, id, 200) : ERR_NOT_FOUND;
}

enum err_code api_interest_decide(struct req *r)
{
    long long id = 0;
    enum err_code rc = decide(r, &id);
    return rc ? rc : interest_json(r, id, 200);
}

enum err_code api_interest_withdraw(struct req *r)
{
    long long id;
    if (!req_path_id(r, "id", &id))
        return ERR_NOT_FOUND;
    enum err_code rc = interest_withdraw(r, id);
    return rc ? rc : interest_json(r, id, 200);
}

enum err_code api_interest_message(struct req *r)
{
    long long id = 0;
    enum err_code rc = write_message(r, &id);
    return rc ? rc : interest_json(r, id, 201);
}
