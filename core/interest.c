/*
 * interest.c — answers to calls and their threads; see interest.h.
 *
 * The deadline and the number of partners are checked by the statements that write: an answer
 * is inserted only "WHERE deadline > now()", and an acceptance happens only while fewer are
 * accepted than sought, with the call's row locked so that two acceptances cannot both pass.
 */
#include "interest.h"

#include "access.h"
#include "arena.h"
#include "audit.h"
#include "auth.h"
#include "db.h"
#include "http.h"
#include "i18n.h"
#include "notify.h"
#include "plugin.h"

#include <stdio.h>
#include <string.h>

DB_STMT(interest_call_facts,
        "SELECT c.org_id, c.region, c.status, c.deadline <= now() AS passed, c.cross_region, "
        "c.title FROM calls c WHERE c.id = $1");
DB_STMT(interest_listing_facts,
        "SELECT li.org_id, li.region, v.title FROM listing_index li "
        "JOIN listing_versions v ON v.id = li.version_id WHERE li.listing_id = $1");
DB_STMT(interest_insert,
        "INSERT INTO interests (call_id, listing_id, org_id, call_org_id, region, status, "
        "message) SELECT c.id, li.listing_id, li.org_id, c.org_id, c.region, 'submitted', $3 "
        "FROM calls c, listing_index li WHERE c.id = $1 AND li.listing_id = $2 "
        "AND c.status = 'open' AND c.deadline > now() "
        "AND (c.cross_region OR li.region = c.region) RETURNING id");
DB_STMT(interest_head,
        "SELECT i.call_id, i.listing_id, i.org_id, i.call_org_id, i.region, i.status, i.message, "
        "i.response, to_char(i.created_at, 'YYYY-MM-DD HH24:MI') AS created_at, "
        "c.title AS call_title, call_state(c.status, c.deadline) AS call_state, "
        "c.deadline <= now() AS deadline_passed, coalesce(v.title, '') AS listing_title, "
        "s.name AS sme_name, o.name AS organiser_name "
        "FROM interests i JOIN calls c ON c.id = i.call_id "
        "LEFT JOIN listings l ON l.id = i.listing_id "
        "LEFT JOIN listing_versions v ON v.id = coalesce(l.live_version, l.latest_version) "
        "JOIN organisations s ON s.id = i.org_id JOIN organisations o ON o.id = i.call_org_id "
        "WHERE i.id = $1");
DB_STMT(interest_withdraw_stmt,
        "UPDATE interests i SET status = 'withdrawn', updated_at = now() FROM calls c "
        "WHERE i.id = $1 AND c.id = i.call_id AND c.deadline > now() "
        "AND i.status IN ('submitted', 'shortlisted', 'accepted') RETURNING i.id");
DB_STMT(interest_lock_call, "SELECT partners_sought FROM calls WHERE id = $1 FOR UPDATE");
/* A decision without a message keeps the organiser's earlier one: accepting after shortlisting
 * must not erase what the SME was told. */
DB_STMT(interest_decide_stmt,
        "UPDATE interests i SET status = $2, response = coalesce(nullif($3, ''), i.response), "
        "updated_at = now() "
        "FROM calls c WHERE i.id = $1 AND c.id = i.call_id "
        "AND c.status IN ('open', 'closed') "
        "AND i.status = ANY ($4::text[]) "
        "AND ($2 <> 'accepted' OR (SELECT count(*) FROM interests a WHERE a.call_id = i.call_id "
        "     AND a.status = 'accepted') < c.partners_sought) RETURNING i.id");
DB_STMT(interest_message_insert,
        "INSERT INTO interest_messages (interest_id, person_id, org_id, body) "
        "VALUES ($1, $2, $3, $4) RETURNING id");

static const char *num(struct req *r, long long v)
{
    return arena_printf(r->arena, "%lld", v);
}

/* Why an answer cannot be made, in words, before trying; the insert re-checks everything. */
static enum err_code answer_precheck(struct req *r, long long call_id, long long listing_id,
                                     PGresult **call, PGresult **listing)
{
    const char *c[] = {num(r, call_id)}, *l[] = {num(r, listing_id)};
    if ((*call = db_exec(r->arena, &interest_call_facts, 1, c)) == NULL ||
        (*listing = db_exec(r->arena, &interest_listing_facts, 1, l)) == NULL)
        return db_error_code();
    if (PQntuples(*call) != 1 || plugin_find(db_value(*call, 0, "region")) == NULL)
        return req_fail(r, ERR_NOT_FOUND, T(r, "call.not_found"));
    if (strcmp(db_value(*call, 0, "status"), "open") != 0 || db_bool(*call, 0, "passed"))
        return req_fail(r, ERR_CONFLICT, T(r, "interest.call_closed"));
    if (PQntuples(*listing) != 1 || !access_member_of(r, db_int(*listing, 0, "org_id"))) {
        req_field_error(r, "listing_id", T(r, "interest.not_your_listing"));
        return ERR_INVALID;
    }
    if (!db_bool(*call, 0, "cross_region") &&
        strcmp(db_value(*call, 0, "region"), db_value(*listing, 0, "region")) != 0) {
        req_field_error(r, "listing_id", T(r, "interest.region_only"));
        return ERR_INVALID;
    }
    return ERR_NONE;
}

enum err_code interest_create(struct req *r, long long call_id, long long listing_id,
                              const char *message, long long *id)
{
    PGresult *call, *listing;
    enum err_code rc = answer_precheck(r, call_id, listing_id, &call, &listing);
    if (rc != ERR_NONE)
        return rc;
    const char *params[] = {num(r, call_id), num(r, listing_id), message};
    PGresult *res = db_exec(r->arena, &interest_insert, 3, params);
    if (res == NULL)
        return db_error_code() == ERR_CONFLICT ? req_fail(r, ERR_CONFLICT, T(r, "interest.twice"))
                                               : db_error_code();
    if (PQntuples(res) != 1)
        return req_fail(r, ERR_CONFLICT, T(r, "interest.call_closed"));
    *id = db_int(res, 0, "id");
    long long call_org = db_int(call, 0, "org_id");
    const char *region = db_value(call, 0, "region");
    struct audit_entry e = {region,      call_org, "interest",  *id,
                            "submitted", NULL,     "submitted", NULL};
    if ((rc = audit_write(r, &e)) != ERR_NONE)
        return rc;
    struct notice n = {"interest_new",
                       arena_printf(r->arena, "/interests/%lld", *id),
                       2,
                       {"call", "listing"},
                       {db_value(call, 0, "title"), db_value(listing, 0, "title")}};
    return notify_org(r, call_org, &n);
}

enum err_code interest_load(struct req *r, long long id, struct interest_view *v)
{
    memset(v, 0, sizeof *v);
    const char *params[] = {num(r, id)};
    PGresult *res = db_exec(r->arena, &interest_head, 1, params);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) != 1)
        return req_fail(r, ERR_NOT_FOUND, T(r, "interest.not_found"));
    struct arena *a = r->arena;
    v->id = id;
    v->call_id = db_int(res, 0, "call_id");
    v->listing_id = db_int(res, 0, "listing_id");
    v->org_id = db_int(res, 0, "org_id");
    v->call_org_id = db_int(res, 0, "call_org_id");
#define S(field) v->field = arena_strdup(a, db_value(res, 0, #field))
    S(region);
    S(status);
    S(message);
    S(response);
    S(created_at);
    S(call_title);
    S(call_state);
    S(listing_title);
    S(sme_name);
    S(organiser_name);
#undef S
    if (*v->listing_title == '\0') /* archived since: row security hides it from the organiser */
        v->listing_title = T(r, "interest.offer_gone");
    v->deadline_passed = db_bool(res, 0, "deadline_passed");
    v->is_sme = access_member_of(r, v->org_id);
    v->is_organiser = access_member_of(r, v->call_org_id);
    v->is_admin = access_admin_of(r, v->region);
    if (!v->is_sme && !v->is_organiser && !v->is_admin)
        return req_fail(r, ERR_NOT_FOUND, T(r, "interest.not_found"));
    return ERR_NONE;
}

enum err_code interest_withdraw(struct req *r, long long id)
{
    struct interest_view v;
    enum err_code rc = interest_load(r, id, &v);
    if (rc == ERR_NONE)
        rc = access_check_resource(r, "interest.answer", v.org_id, v.region);
    if (rc != ERR_NONE)
        return rc;
    const char *params[] = {num(r, id)};
    PGresult *res = db_exec(r->arena, &interest_withdraw_stmt, 1, params);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) != 1)
        return req_fail(r, ERR_CONFLICT, T(r, "interest.cannot_withdraw"));
    struct audit_entry e = {v.region,    v.call_org_id, "interest",  id,
                            "withdrawn", v.status,      "withdrawn", NULL};
    if ((rc = audit_write(r, &e)) != ERR_NONE)
        return rc;
    struct notice n = {"interest_withdrawn",
                       arena_printf(r->arena, "/calls/%lld", v.call_id),
                       2,
                       {"call", "listing"},
                       {v.call_title, v.listing_title}};
    return notify_org(r, v.call_org_id, &n);
}

enum err_code interest_decide(struct req *r, long long id, const char *action, const char *response)
{
    struct interest_view v;
    enum err_code rc = interest_load(r, id, &v);
    if (rc == ERR_NONE)
        rc = access_check_resource(r, "interest.decide", v.call_org_id, v.region);
    if (rc != ERR_NONE)
        return rc;
    const char *to = strcmp(action, "shortlist") == 0 ? "shortlisted"
                     : strcmp(action, "accept") == 0  ? "accepted"
                     : strcmp(action, "decline") == 0 ? "declined"
                                                      : NULL;
    if (to == NULL) {
        req_field_error(r, "action", T(r, "field.choice"));
        return ERR_INVALID;
    }
    const char *from = strcmp(to, "shortlisted") == 0 ? "{submitted}"
                       : strcmp(to, "accepted") == 0  ? "{submitted,shortlisted}"
                                                      : "{submitted,shortlisted,accepted}";
    const char *lock[] = {num(r, v.call_id)};
    if (db_exec(r->arena, &interest_lock_call, 1, lock) == NULL)
        return db_error_code();
    const char *params[] = {num(r, id), to, response, from};
    PGresult *res = db_exec(r->arena, &interest_decide_stmt, 4, params);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) != 1)
        return req_fail(r, ERR_CONFLICT,
                        T(r, strcmp(to, "accepted") == 0 ? "interest.cannot_accept"
                                                         : "interest.cannot_decide"));
    struct audit_entry e = {v.region, v.call_org_id, "interest", id,
                            action,   v.status,      to,         *response ? response : NULL};
    if ((rc = audit_write(r, &e)) != ERR_NONE)
        return rc;
    struct notice n = {arena_printf(r->arena, "interest_%s", to),
                       arena_printf(r->arena, "/interests/%lld", id),
                       3,
                       {"call", "listing", "message"},
                       {v.call_title, v.listing_title, response}};
    return notify_org(r, v.org_id, &n);
}

enum err_code interest_message_add(struct req *r, long long id, const char *body)
{
    struct interest_view v;
    enum err_code rc = interest_load(r, id, &v);
    if (rc != ERR_NONE)
        return rc;
    if (!v.is_sme && !v.is_organiser)
        return req_fail(r, ERR_FORBIDDEN, T(r, "interest.admins_read_only"));
    long long from_org = v.is_organiser ? v.call_org_id : v.org_id;
    long long to_org = v.is_organiser ? v.org_id : v.call_org_id;
    const char *params[] = {num(r, id), r->session->person_id_text, num(r, from_org), body};
    if (db_exec(r->arena, &interest_message_insert, 4, params) == NULL)
        return db_error_code();
    struct notice n = {"message_new",
                       arena_printf(r->arena, "/interests/%lld", id),
                       2,
                       {"call", "from"},
                       {v.call_title, v.is_organiser ? v.organiser_name : v.sme_name}};
    return notify_org(r, to_org, &n);
}
