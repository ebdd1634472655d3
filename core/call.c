/*
 * call.c — collaboration calls; see call.h.
 *
 * Shares the shape of listing.c: read and check, then one guarded UPDATE per transition, an
 * audit entry and the notifications, all in the request's transaction.
 */
#include "call.h"

#include "access.h"
#include "arena.h"
#include "audit.h"
#include "auth.h"
#include "db.h"
#include "form.h"
#include "http.h"
#include "i18n.h"
#include "languages.h"
#include "notify.h"
#include "plugin.h"
#include "taxonomy.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CALL_COLUMNS                                                                               \
    "lang, title, summary, description, programme, event_title, event_start, event_end, venue, "   \
    "sectors, subsectors, tags, languages, partners_sought, budget_min_minor, budget_max_minor, "  \
    "deadline, cross_region, document"

/* $1..$18 are the call's fields; the deadline is local time converted with the region's
 * timezone ($19); the document is computed from the text. */
#define CALL_VALUES                                                                                \
    "$1, $2, $3, $4, $5, $6, $7::date, $8::date, $9, $10::text[], $11::text[], $12::text[], "      \
    "$13::text[], $14, $15, $16, ($17::timestamp AT TIME ZONE $19), $18, "                         \
    "listing_document($1, $2, $3, $4 || ' ' || $6 || ' ' || $5, $12::text[], $9)"

DB_STMT(call_insert, "INSERT INTO calls (org_id, region, status, " CALL_COLUMNS ") "
                     "SELECT $20, $21, 'pending', " CALL_VALUES " RETURNING id");
DB_STMT(call_update_stmt,
        "UPDATE calls SET (" CALL_COLUMNS ") = (SELECT " CALL_VALUES "), status = 'pending', "
        "reason = NULL, submitted_at = now(), updated_at = now() "
        "WHERE id = $20 AND status IN ('pending', 'changes_requested', 'rejected') RETURNING id");
/* future: after now; exists: the local time exists (not in the hour skipped when clocks go
 * forward, which PostgreSQL would silently shift). */
DB_STMT(call_deadline_check,
        "SELECT ($1::timestamp AT TIME ZONE $2) > now() AS future, "
        "(($1::timestamp AT TIME ZONE $2) AT TIME ZONE $2) = $1::timestamp AS exists");
DB_STMT(call_org_region, "SELECT region, kind FROM organisations WHERE id = $1");
DB_STMT(call_head, "SELECT org_id, region, status, call_state(status, deadline) AS state, "
                   "title FROM calls WHERE id = $1");
DB_STMT(call_decide, "UPDATE calls SET status = $2, reason = nullif($3, ''), updated_at = now(), "
                     "opened_at = CASE WHEN $2 = 'open' THEN now() END "
                     "WHERE id = $1 AND status = 'pending' RETURNING id");
DB_STMT(call_close_stmt, "UPDATE calls SET status = 'closed', closed_at = now(), "
                         "updated_at = now() WHERE id = $1 AND status = 'open' RETURNING id");
DB_STMT(call_award_stmt,
        "UPDATE calls SET status = 'awarded', awarded_at = now(), updated_at = now(), "
        "closed_at = coalesce(closed_at, now()) WHERE id = $1 AND status IN ('open', 'closed') "
        "AND EXISTS (SELECT 1 FROM interests i WHERE i.call_id = calls.id "
        "AND i.status = 'accepted') RETURNING id");
DB_STMT(call_answering_orgs,
        "SELECT DISTINCT org_id FROM interests WHERE call_id = $1 AND status <> 'withdrawn'");
/* $2: the regions' timezones (plugin_zones_literal): one round trip for the whole view. */
DB_STMT(call_get,
        "SELECT c.id, c.org_id, c.region, c.status, call_state(c.status, c.deadline) AS state, "
        "c.reason, c.lang, c.title, c.summary, c.description, c.programme, c.event_title, "
        "to_char(c.event_start, 'YYYY-MM-DD') AS event_start, "
        "to_char(c.event_end, 'YYYY-MM-DD') AS event_end, c.venue, c.sectors, c.subsectors, "
        "c.tags, c.languages, c.partners_sought, c.budget_min_minor, c.budget_max_minor, "
        "to_char(c.deadline AT TIME ZONE coalesce((SELECT split_part(z, '=', 2) "
        "  FROM unnest($2::text[]) z WHERE split_part(z, '=', 1) = c.region), 'UTC'), "
        "  'YYYY-MM-DD HH24:MI') AS deadline_local, "
        "to_char(c.deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS deadline_utc, "
        "c.deadline <= now() AS deadline_passed, c.cross_region, "
        "o.name AS org_name, o.city AS org_city, o.website AS org_website, "
        "(SELECT count(*) FROM interests i WHERE i.call_id = c.id AND i.status = 'accepted') "
        "  AS accepted, "
        "(SELECT count(*) FROM interests i WHERE i.call_id = c.id AND i.status <> 'withdrawn') "
        "  AS answers, "
        "(SELECT last_value FROM match_generation) AS match_generation "
        "FROM calls c JOIN organisations o ON o.id = c.org_id WHERE c.id = $1");

static const char *num(struct req *r, long long v)
{
    return arena_printf(r->arena, "%lld", v);
}

static const char *region_timezone(const char *region)
{
    const struct plugin *p = plugin_find(region);
    return p ? p->desc->timezone : "UTC";
}

static void check_call_organisation(struct req *r, struct call_input *in)
{
    long long org = 0;
    if (!input_int(r, "org_id", 1, (long long)1 << 62, true, &org))
        return;
    const char *params[] = {num(r, org)};
    PGresult *res = db_exec(r->arena, &call_org_region, 1, params);
    if (res == NULL) { /* not the person's mistake: answered as the database's (503) */
        in->failure = db_error_code();
        return;
    }
    if (PQntuples(res) != 1 || !access_member_of(r, org) ||
        strcmp(db_value(res, 0, "kind"), "organiser") != 0) {
        req_field_error(r, "org_id", T(r, "call.not_your_organiser"));
        return;
    }
    in->org_id = org;
    in->region = arena_strdup(r->arena, db_value(res, 0, "region"));
    if (plugin_find(in->region) == NULL)
        req_field_error(r, "org_id", T(r, "listing.region_off"));
}

static void check_lists(struct req *r, struct call_input *in)
{
    for (int i = 0; i < in->n_sectors; i++)
        if (!taxonomy_is_sector(in->sectors[i]))
            req_field_error(r, "sectors",
                            i18n_format(r->arena, r->lang, "listing.unknown_sector", "sector",
                                        in->sectors[i], NULL));
    if (in->n_sectors == 0 && kv_get(&r->field_errors, "sectors") == NULL)
        req_field_error(r, "sectors", T(r, "listing.need_sector"));
    for (int i = 0; in->region && i < in->n_subsectors; i++)
        if (!taxonomy_is_subsector_of(in->subsectors[i], in->region))
            req_field_error(r, "subsectors",
                            i18n_format(r->arena, r->lang, "listing.unknown_subsector", "sector",
                                        in->subsectors[i], NULL));
    for (int i = 0; i < in->n_languages; i++) {
        char *c = (char *)(uintptr_t)in->languages[i];
        for (char *p = c; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        if (language_name(c) == NULL)
            req_field_error(
                r, "languages",
                i18n_format(r->arena, r->lang, "listing.unknown_language", "code", c, NULL));
    }
    if (in->n_languages == 0 && kv_get(&r->field_errors, "languages") == NULL)
        req_field_error(r, "languages", T(r, "listing.need_language"));
    if (*in->lang && language_name(in->lang) == NULL)
        req_field_error(r, "lang", T(r, "field.choice"));
}

static void check_deadline(struct req *r, struct call_input *in)
{
    if (!input_datetime(r, "deadline", true, in->deadline) || in->region == NULL)
        return;
    const char *params[] = {in->deadline, region_timezone(in->region)};
    PGresult *res = db_exec(r->arena, &call_deadline_check, 2, params);
    if (res != NULL && !db_bool(res, 0, "exists"))
        req_field_error(r, "deadline", T(r, "call.deadline_skipped"));
    else if (res != NULL && !db_bool(res, 0, "future"))
        req_field_error(r, "deadline", T(r, "call.deadline_past"));
}

static void check_with_plugin(struct req *r, const struct call_input *in)
{
    const struct plugin *p = in->region ? plugin_find(in->region) : NULL;
    if (p == NULL || p->desc->validate_call == NULL)
        return;
    struct portal_call_view view = {.region = in->region,
                                    .title = in->title,
                                    .summary = in->summary,
                                    .description = in->description,
                                    .event_title = in->event_title,
                                    .sectors = in->sectors,
                                    .subsectors = in->subsectors,
                                    .tags = in->tags,
                                    .languages = in->languages,
                                    .cross_region = in->cross_region,
                                    .partners_sought = in->partners_sought,
                                    .has_budget = in->has_budget_min || in->has_budget_max,
                                    .budget_min_minor = in->budget_min,
                                    .budget_max_minor = in->budget_max};
    p->desc->validate_call(&view, r);
}

void call_read(struct req *r, struct call_input *in, long long org_id, const char *region)
{
    memset(in, 0, sizeof *in);
    in->org_id = org_id;
    in->region = region;
    if (org_id == 0)
        check_call_organisation(r, in);
    in->lang = input_text(r, "lang", 2, true, false);
    in->title = input_text(r, "title", 120, true, false);
    in->summary = input_text(r, "summary", 300, true, true);
    in->description = input_text(r, "description", 4000, true, true);
    in->programme = input_text(r, "programme", 200, false, false);
    in->event_title = input_text(r, "event_title", 200, true, false);
    in->venue = input_text(r, "venue", 200, false, false);
    bool start = input_date(r, "event_start", false, in->event_start);
    bool end = input_date(r, "event_end", false, in->event_end);
    if (start && end && strcmp(in->event_end, in->event_start) < 0)
        req_field_error(r, "event_end", T(r, "call.event_backwards"));
    in->sectors = input_list(r, "sectors", 6, 40, &in->n_sectors);
    in->subsectors = input_list(r, "subsectors", 6, 60, &in->n_subsectors);
    in->tags = input_list(r, "tags", 12, 40, &in->n_tags);
    in->languages = input_list(r, "languages", 12, 3, &in->n_languages);
    check_lists(r, in);
    if (!input_int(r, "partners_sought", 1, 1000, true, &in->partners_sought))
        in->partners_sought = 1;
    in->has_budget_min = input_amount(r, "budget_min", 100000000000LL, false, &in->budget_min);
    in->has_budget_max = input_amount(r, "budget_max", 100000000000LL, false, &in->budget_max);
    if (in->has_budget_min && in->has_budget_max && in->budget_max < in->budget_min)
        req_field_error(r, "budget_max", T(r, "call.budget_backwards"));
    in->cross_region = input_bool(r, "cross_region");
    check_deadline(r, in);
    if (!input_has_errors(r))
        check_with_plugin(r, in);
}

/* The 21 parameters of call_insert / call_update_stmt. */
static void call_params(struct req *r, const struct call_input *in, const char **p)
{
    p[0] = in->lang;
    p[1] = in->title;
    p[2] = in->summary;
    p[3] = in->description;
    p[4] = in->programme;
    p[5] = in->event_title;
    p[6] = *in->event_start ? in->event_start : NULL;
    p[7] = *in->event_end ? in->event_end : NULL;
    p[8] = in->venue;
    p[9] = db_array_literal(r->arena, in->sectors, in->n_sectors);
    p[10] = db_array_literal(r->arena, in->subsectors, in->n_subsectors);
    p[11] = db_array_literal(r->arena, in->tags, in->n_tags);
    p[12] = db_array_literal(r->arena, in->languages, in->n_languages);
    p[13] = num(r, in->partners_sought);
    p[14] = in->has_budget_min ? num(r, in->budget_min) : NULL;
    p[15] = in->has_budget_max ? num(r, in->budget_max) : NULL;
    p[16] = in->deadline;
    p[17] = in->cross_region ? "true" : "false";
    p[18] = region_timezone(in->region);
    p[19] = num(r, in->org_id);
    p[20] = in->region;
}

static enum err_code tell_admins_pending(struct req *r, const char *region, long long id,
                                         const char *title)
{
    struct notice n = {
        "call_pending", arena_printf(r->arena, "/calls/%lld", id), 1, {"title"}, {title}};
    return notify_region_admins(r, region, &n);
}

enum err_code call_create(struct req *r, struct call_input *in, long long *id)
{
    if (in->failure != ERR_NONE)
        return in->failure;
    if (input_has_errors(r))
        return ERR_INVALID;
    const char *p[21];
    call_params(r, in, p);
    PGresult *res = db_exec(r->arena, &call_insert, 21, p);
    if (res == NULL)
        return db_error_code();
    *id = db_int(res, 0, "id");
    struct audit_entry e = {in->region,  in->org_id, "call",    *id,
                            "submitted", NULL,       "pending", NULL};
    enum err_code rc = audit_write(r, &e);
    return rc != ERR_NONE ? rc : tell_admins_pending(r, in->region, *id, in->title);
}

static enum err_code head_load(struct req *r, long long id, long long *org, const char **region,
                               const char **status, const char **title)
{
    const char *params[] = {num(r, id)};
    PGresult *res = db_exec(r->arena, &call_head, 1, params);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) != 1 || plugin_find(db_value(res, 0, "region")) == NULL)
        return req_fail(r, ERR_NOT_FOUND, T(r, "call.not_found"));
    *org = db_int(res, 0, "org_id");
    *region = arena_strdup(r->arena, db_value(res, 0, "region"));
    *status = arena_strdup(r->arena, db_value(res, 0, "state"));
    *title = arena_strdup(r->arena, db_value(res, 0, "title"));
    return ERR_NONE;
}

enum err_code call_update(struct req *r, long long id, struct call_input *in)
{
    if (in->failure != ERR_NONE)
        return in->failure;
    if (input_has_errors(r))
        return ERR_INVALID;
    long long org;
    const char *region, *status, *title;
    enum err_code rc = head_load(r, id, &org, &region, &status, &title);
    if (rc == ERR_NONE)
        rc = access_check_resource(r, "call.edit", org, region);
    if (rc != ERR_NONE)
        return rc;
    const char *p[21];
    call_params(r, in, p);
    p[19] = num(r, id);
    PGresult *res = db_exec(r->arena, &call_update_stmt, 20, p);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) != 1)
        return req_fail(r, ERR_CONFLICT, T(r, "call.no_edit_after_open"));
    struct audit_entry e = {region, org, "call", id, "resubmitted", status, "pending", NULL};
    rc = audit_write(r, &e);
    return rc != ERR_NONE ? rc : tell_admins_pending(r, region, id, in->title);
}

enum err_code call_moderate(struct req *r, long long id, const char *action, const char *reason)
{
    long long org;
    const char *region, *status, *title;
    enum err_code rc = head_load(r, id, &org, &region, &status, &title);
    if (rc == ERR_NONE)
        rc = access_check_resource(r, "call.moderate", org, region);
    if (rc != ERR_NONE)
        return rc;
    const char *to = strcmp(action, "approve") == 0           ? "open"
                     : strcmp(action, "request_changes") == 0 ? "changes_requested"
                     : strcmp(action, "reject") == 0          ? "rejected"
                                                              : NULL;
    if (to == NULL)
        req_field_error(r, "action", T(r, "field.choice"));
    else if (strcmp(to, "open") != 0 && *reason == '\0')
        req_field_error(r, "reason", T(r, "moderation.need_reason"));
    if (input_has_errors(r))
        return ERR_INVALID;
    const char *params[] = {num(r, id), to, reason};
    PGresult *res = db_exec(r->arena, &call_decide, 3, params);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) != 1)
        return req_fail(r, ERR_CONFLICT, T(r, "moderation.not_pending"));
    struct audit_entry e = {region, org, "call", id, action, status, to, *reason ? reason : NULL};
    if ((rc = audit_write(r, &e)) != ERR_NONE)
        return rc;
    struct notice n = {arena_printf(r->arena, "call_%s", to),
                       arena_printf(r->arena, "/calls/%lld", id),
                       2,
                       {"title", "reason"},
                       {title, reason}};
    return notify_org(r, org, &n);
}

/* Tells every SME that answered a call what became of it. */
static enum err_code tell_answering(struct req *r, long long id, const char *kind,
                                    const char *title)
{
    const char *params[] = {num(r, id)};
    PGresult *res = db_exec(r->arena, &call_answering_orgs, 1, params);
    if (res == NULL)
        return db_error_code();
    struct notice n = {kind, arena_printf(r->arena, "/calls/%lld", id), 1, {"title"}, {title}};
    for (int i = 0; i < PQntuples(res); i++) {
        enum err_code rc = notify_org(r, db_int(res, i, "org_id"), &n);
        if (rc != ERR_NONE)
            return rc;
    }
    return ERR_NONE;
}

static enum err_code call_finish(struct req *r, long long id, struct db_stmt *stmt,
                                 const char *action, const char *to, const char *conflict_key)
{
    long long org;
    const char *region, *status, *title;
    enum err_code rc = head_load(r, id, &org, &region, &status, &title);
    if (rc == ERR_NONE)
        rc = access_check_resource(r, "call.edit", org, region);
    if (rc != ERR_NONE)
        return rc;
    const char *params[] = {num(r, id)};
    PGresult *res = db_exec(r->arena, stmt, 1, params);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) != 1)
        return req_fail(r, ERR_CONFLICT, T(r, conflict_key));
    struct audit_entry e = {region, org, "call", id, action, status, to, NULL};
    if ((rc = audit_write(r, &e)) != ERR_NONE)
        return rc;
    return tell_answering(r, id, arena_printf(r->arena, "call_%s", to), title);
}

enum err_code call_close(struct req *r, long long id)
{
    return call_finish(r, id, &call_close_stmt, "closed", "closed", "call.not_open");
}

enum err_code call_award(struct req *r, long long id)
{
    return call_finish(r, id, &call_award_stmt, "awarded", "awarded", "call.cannot_award");
}

enum err_code call_load(struct req *r, long long id, struct call_view *v)
{
    memset(v, 0, sizeof *v);
    const char *params[] = {num(r, id), plugin_zones_literal(r->arena)};
    PGresult *res = db_exec(r->arena, &call_get, 2, params);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) != 1 || plugin_find(db_value(res, 0, "region")) == NULL)
        return req_fail(r, ERR_NOT_FOUND, T(r, "call.not_found"));
    struct arena *a = r->arena;
    v->id = id;
#define S(field) v->field = arena_strdup(a, db_value(res, 0, #field))
    S(region);
    S(status);
    S(state);
    S(reason);
    S(lang);
    S(title);
    S(summary);
    S(description);
    S(programme);
    S(event_title);
    S(event_start);
    S(event_end);
    S(venue);
    S(deadline_local);
    S(deadline_utc);
    S(org_name);
    S(org_city);
    S(org_website);
#undef S
    v->org_id = db_int(res, 0, "org_id");
    v->sectors = db_array_value(a, res, 0, "sectors", &v->n_sectors);
    v->subsectors = db_array_value(a, res, 0, "subsectors", &v->n_subsectors);
    v->tags = db_array_value(a, res, 0, "tags", &v->n_tags);
    v->languages = db_array_value(a, res, 0, "languages", &v->n_languages);
    v->partners_sought = db_int(res, 0, "partners_sought");
    v->has_budget_min = !db_is_null(res, 0, "budget_min_minor");
    v->budget_min = db_int(res, 0, "budget_min_minor");
    v->has_budget_max = !db_is_null(res, 0, "budget_max_minor");
    v->budget_max = db_int(res, 0, "budget_max_minor");
    v->cross_region = db_bool(res, 0, "cross_region");
    v->deadline_passed = db_bool(res, 0, "deadline_passed");
    v->accepted = db_int(res, 0, "accepted");
    v->answers = db_int(res, 0, "answers");
    v->match_generation = db_int(res, 0, "match_generation");
    v->is_owner = access_member_of(r, v->org_id);
    v->is_admin = access_admin_of(r, v->region);
    return ERR_NONE;
}
