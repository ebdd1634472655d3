/*
 * listing.c — listings: input, lifecycle, loading; see listing.h.
 *
 * Every transition is one UPDATE guarded by the state it leaves ("... WHERE status =
 * 'pending'"), so two admins deciding at once cannot both succeed: the second gets 409.
 */
#include "listing.h"

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

DB_STMT(listing_insert, "INSERT INTO listings (org_id, region, status) VALUES ($1, $2, 'pending') "
                        "RETURNING id");
DB_STMT(listing_version_insert,
        "INSERT INTO listing_versions (listing_id, kind, lang, title, summary, description, "
        "sectors, subsectors, tags, languages, capacity, price_minor, price_basis, "
        "available_from, available_until, contact_email, contact_phone, submitted_by) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::text[], $9::text[], $10::text[], $11, "
        "$12, $13, $14, $15, $16, $17, $18) RETURNING id");
DB_STMT(listing_submit,
        "UPDATE listings SET latest_version = $2, status = 'pending', reason = NULL, "
        "submitted_at = now(), updated_at = now() WHERE id = $1 AND status <> 'archived' "
        "RETURNING id");
DB_STMT(listing_head, "SELECT org_id, region, status, live_version, latest_version, "
                      "(SELECT last_value FROM match_generation) AS match_generation "
                      "FROM listings WHERE id = $1");
DB_STMT(listing_org_region, "SELECT region, kind FROM organisations WHERE id = $1");
DB_STMT(listing_archive_stmt,
        "UPDATE listings SET status = 'archived', updated_at = now() WHERE id = $1 "
        "AND status <> 'archived' RETURNING status");
DB_STMT(listing_unindex, "DELETE FROM listing_index WHERE listing_id = $1");
DB_STMT(listing_decide,
        "UPDATE listings SET status = $2, reason = nullif($3, ''), updated_at = now(), "
        "live_version = CASE WHEN $2 = 'approved' THEN latest_version ELSE live_version END "
        "WHERE id = $1 AND status = 'pending' RETURNING org_id, region");
DB_STMT(listing_index_upsert, "SELECT listing_index_refresh($1)");
DB_STMT(listing_latest_title, "SELECT v.title FROM listings l "
                              "JOIN listing_versions v ON v.id = l.latest_version WHERE l.id = $1");
/* A listing with its live and its latest version (one row each, or one row when they are the
 * same), as far as the person may see them: view_load picks the version it shows. */
DB_STMT(listing_view_get,
        "SELECT l.org_id, l.region, l.status, l.live_version, l.latest_version, "
        "(SELECT last_value FROM match_generation) AS match_generation, v.id AS version_id, "
        "v.kind, v.lang, v.title, v.summary, v.description, v.sectors, v.subsectors, "
        "v.tags, v.languages, v.capacity, v.price_minor, v.price_basis, "
        "to_char(v.available_from, 'YYYY-MM-DD') AS available_from, "
        "to_char(v.available_until, 'YYYY-MM-DD') AS available_until, v.contact_email, "
        "v.contact_phone, to_char(v.submitted_at, 'YYYY-MM-DD HH24:MI') AS submitted_at, "
        "to_char(li.published_at, 'YYYY-MM-DD') AS published_at, l.reason, "
        "o.name AS org_name, o.city AS org_city, o.website AS org_website, o.about AS org_about, "
        "o.kind AS org_kind "
        "FROM listings l JOIN listing_versions v ON v.listing_id = l.id "
        "AND v.id IN (l.live_version, l.latest_version) "
        "JOIN organisations o ON o.id = l.org_id "
        "LEFT JOIN listing_index li ON li.listing_id = l.id WHERE l.id = $1");

static const char *const kinds[] = {"service", "product", "venue", "skill", "partnership", NULL};
static const char *const price_bases[] = {"fixed", "hour", "day", "person", "item", NULL};

static const char *num(struct req *r, long long v)
{
    return arena_printf(r->arena, "%lld", v);
}

static void lower_codes(const char **items, int n)
{
    for (int i = 0; i < n; i++) {
        char *c = (char *)(uintptr_t)items[i];
        for (char *p = c; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    }
}

static void check_sectors(struct req *r, struct listing_input *in)
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
}

static void check_languages(struct req *r, struct listing_input *in)
{
    lower_codes(in->languages, in->n_languages);
    for (int i = 0; i < in->n_languages; i++)
        if (language_name(in->languages[i]) == NULL)
            req_field_error(r, "languages",
                            i18n_format(r->arena, r->lang, "listing.unknown_language", "code",
                                        in->languages[i], NULL));
    if (in->n_languages == 0 && kv_get(&r->field_errors, "languages") == NULL)
        req_field_error(r, "languages", T(r, "listing.need_language"));
    if (*in->lang != '\0' && language_name(in->lang) == NULL)
        req_field_error(r, "lang", T(r, "field.choice"));
}

/* The organisation of a new listing: one of the person's SMEs. */
static void check_organisation(struct req *r, struct listing_input *in)
{
    long long org = 0;
    if (!input_int(r, "org_id", 1, (long long)1 << 62, true, &org))
        return;
    const char *params[] = {num(r, org)};
    PGresult *res = db_exec(r->arena, &listing_org_region, 1, params);
    if (res == NULL) { /* not the person's mistake: answered as the database's (503) */
        in->failure = db_error_code();
        return;
    }
    if (PQntuples(res) != 1 || !access_member_of(r, org) ||
        strcmp(db_value(res, 0, "kind"), "sme") != 0) {
        req_field_error(r, "org_id", T(r, "listing.not_your_sme"));
        return;
    }
    in->org_id = org;
    in->region = arena_strdup(r->arena, db_value(res, 0, "region"));
    if (plugin_find(in->region) == NULL)
        req_field_error(r, "org_id", T(r, "listing.region_off"));
}

/* Calls the region plugin's own rules. */
static void check_with_plugin(struct req *r, const struct listing_input *in)
{
    const struct plugin *p = in->region ? plugin_find(in->region) : NULL;
    if (p == NULL || p->desc->validate_listing == NULL)
        return;
    struct portal_listing_view view = {.region = in->region,
                                       .kind = in->kind,
                                       .title = in->title,
                                       .summary = in->summary,
                                       .description = in->description,
                                       .sectors = in->sectors,
                                       .subsectors = in->subsectors,
                                       .tags = in->tags,
                                       .languages = in->languages,
                                       .has_capacity = in->has_capacity,
                                       .capacity = in->capacity,
                                       .has_price = in->has_price,
                                       .price_minor = in->price_minor};
    p->desc->validate_listing(&view, r);
}

void listing_read(struct req *r, struct listing_input *in, long long org_id, const char *region)
{
    memset(in, 0, sizeof *in);
    in->org_id = org_id;
    in->region = region;
    if (org_id == 0)
        check_organisation(r, in);
    in->kind = input_text(r, "kind", 20, true, false);
    if (*in->kind)
        input_one_of(r, "kind", in->kind, kinds);
    in->lang = input_text(r, "lang", 2, true, false);
    in->title = input_text(r, "title", 120, true, false);
    in->summary = input_text(r, "summary", 300, true, true);
    in->description = input_text(r, "description", 4000, true, true);
    in->sectors = input_list(r, "sectors", 6, 40, &in->n_sectors);
    in->subsectors = input_list(r, "subsectors", 6, 60, &in->n_subsectors);
    in->tags = input_list(r, "tags", 12, 40, &in->n_tags);
    in->languages = input_list(r, "languages", 12, 3, &in->n_languages);
    check_sectors(r, in);
    check_languages(r, in);
    in->has_capacity = input_int(r, "capacity", 1, 1000000, false, &in->capacity);
    in->has_price = input_amount(r, "price", 100000000000LL, false, &in->price_minor);
    in->price_basis = input_text(r, "price_basis", 10, false, false);
    if (*in->price_basis)
        input_one_of(r, "price_basis", in->price_basis, price_bases);
    else if (in->has_price)
        req_field_error(r, "price_basis", T(r, "listing.need_basis"));
    bool from = input_date(r, "available_from", false, in->available_from);
    bool until = input_date(r, "available_until", false, in->available_until);
    if (from && until && strcmp(in->available_until, in->available_from) < 0)
        req_field_error(r, "available_until", T(r, "listing.window_backwards"));
    in->contact_email = input_email(r, "contact_email", true);
    in->contact_phone = input_text(r, "contact_phone", 40, false, false);
    if (!input_has_errors(r))
        check_with_plugin(r, in);
}

/* Inserts a version of `listing` and points the listing at it as its pending submission. */
static enum err_code version_submit(struct req *r, long long listing, struct listing_input *in)
{
    const char *params[] = {num(r, listing),
                            in->kind,
                            in->lang,
                            in->title,
                            in->summary,
                            in->description,
                            db_array_literal(r->arena, in->sectors, in->n_sectors),
                            db_array_literal(r->arena, in->subsectors, in->n_subsectors),
                            db_array_literal(r->arena, in->tags, in->n_tags),
                            db_array_literal(r->arena, in->languages, in->n_languages),
                            in->has_capacity ? num(r, in->capacity) : NULL,
                            in->has_price ? num(r, in->price_minor) : NULL,
                            *in->price_basis ? in->price_basis : NULL,
                            *in->available_from ? in->available_from : NULL,
                            *in->available_until ? in->available_until : NULL,
                            in->contact_email,
                            in->contact_phone,
                            r->session->person_id_text};
    PGresult *res = db_exec(r->arena, &listing_version_insert, 18, params);
    if (res == NULL)
        return db_error_code();
    const char *point[] = {num(r, listing), db_value(res, 0, "id")};
    if ((res = db_exec(r->arena, &listing_submit, 2, point)) == NULL)
        return db_error_code();
    return PQntuples(res) == 1 ? ERR_NONE : ERR_CONFLICT;
}

static enum err_code tell_admins_pending(struct req *r, const char *region, long long id,
                                         const char *title)
{
    struct notice n = {
        "listing_pending", arena_printf(r->arena, "/listings/%lld", id), 1, {"title"}, {title}};
    return notify_region_admins(r, region, &n);
}

enum err_code listing_create(struct req *r, struct listing_input *in, long long *id)
{
    if (in->failure != ERR_NONE)
        return in->failure;
    if (input_has_errors(r))
        return ERR_INVALID;
    const char *params[] = {num(r, in->org_id), in->region};
    PGresult *res = db_exec(r->arena, &listing_insert, 2, params);
    if (res == NULL)
        return db_error_code();
    *id = db_int(res, 0, "id");
    enum err_code rc = version_submit(r, *id, in);
    if (rc != ERR_NONE)
        return rc;
    struct audit_entry e = {in->region,  in->org_id, "listing", *id,
                            "submitted", NULL,       "pending", NULL};
    rc = audit_write(r, &e);
    return rc != ERR_NONE ? rc : tell_admins_pending(r, in->region, *id, in->title);
}

/* The listing's owner, region and state, as the person may see them. */
static enum err_code head_load(struct req *r, long long id, long long *org, const char **region,
                               const char **status, bool *live)
{
    const char *params[] = {num(r, id)};
    PGresult *res = db_exec(r->arena, &listing_head, 1, params);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) != 1 || plugin_find(db_value(res, 0, "region")) == NULL)
        return req_fail(r, ERR_NOT_FOUND, T(r, "listing.not_found"));
    *org = db_int(res, 0, "org_id");
    *region = arena_strdup(r->arena, db_value(res, 0, "region"));
    *status = arena_strdup(r->arena, db_value(res, 0, "status"));
    if (live)
        *live = !db_is_null(res, 0, "live_version");
    return ERR_NONE;
}

enum err_code listing_update(struct req *r, long long id, struct listing_input *in)
{
    if (in->failure != ERR_NONE)
        return in->failure;
    if (input_has_errors(r))
        return ERR_INVALID;
    long long org;
    const char *region, *status;
    enum err_code rc = head_load(r, id, &org, &region, &status, NULL);
    if (rc == ERR_NONE)
        rc = access_check_resource(r, "listing.edit", org, region);
    if (rc != ERR_NONE)
        return rc;
    if (strcmp(status, "archived") == 0)
        return req_fail(r, ERR_CONFLICT, T(r, "listing.archived_no_edit"));
    if ((rc = version_submit(r, id, in)) != ERR_NONE)
        return rc;
    struct audit_entry e = {region, org, "listing", id, "resubmitted", status, "pending", NULL};
    rc = audit_write(r, &e);
    return rc != ERR_NONE ? rc : tell_admins_pending(r, region, id, in->title);
}

enum err_code listing_archive(struct req *r, long long id)
{
    long long org;
    const char *region, *status;
    enum err_code rc = head_load(r, id, &org, &region, &status, NULL);
    if (rc == ERR_NONE)
        rc = access_check_resource(r, "listing.edit", org, region);
    if (rc != ERR_NONE)
        return rc;
    const char *params[] = {num(r, id)};
    PGresult *res = db_exec(r->arena, &listing_archive_stmt, 1, params);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) != 1)
        return req_fail(r, ERR_CONFLICT, T(r, "listing.already_archived"));
    if (db_exec(r->arena, &listing_unindex, 1, params) == NULL)
        return db_error_code();
    struct audit_entry e = {region, org, "listing", id, "archived", status, "archived", NULL};
    return audit_write(r, &e);
}

static const char *decision_state(const char *action)
{
    if (strcmp(action, "approve") == 0)
        return "approved";
    if (strcmp(action, "request_changes") == 0)
        return "changes_requested";
    if (strcmp(action, "reject") == 0)
        return "rejected";
    return NULL;
}

enum err_code listing_moderate(struct req *r, long long id, const char *action, const char *reason)
{
    long long org;
    const char *region, *status;
    enum err_code rc = head_load(r, id, &org, &region, &status, NULL);
    if (rc == ERR_NONE)
        rc = access_check_resource(r, "listing.moderate", org, region);
    if (rc != ERR_NONE)
        return rc;
    const char *to = decision_state(action);
    if (to == NULL)
        req_field_error(r, "action", T(r, "field.choice"));
    else if (strcmp(to, "approved") != 0 && *reason == '\0')
        req_field_error(r, "reason", T(r, "moderation.need_reason"));
    if (input_has_errors(r))
        return ERR_INVALID;
    const char *params[] = {num(r, id), to, reason};
    PGresult *res = db_exec(r->arena, &listing_decide, 3, params);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) != 1)
        return req_fail(r, ERR_CONFLICT, T(r, "moderation.not_pending"));
    const char *which[] = {num(r, id)};
    if (strcmp(to, "approved") == 0 && db_exec(r->arena, &listing_index_upsert, 1, which) == NULL)
        return db_error_code();
    struct audit_entry e = {region, org,    "listing", id,
                            action, status, to,        *reason ? reason : NULL};
    if ((rc = audit_write(r, &e)) != ERR_NONE)
        return rc;
    PGresult *title = db_exec(r->arena, &listing_latest_title, 1, which);
    if (title == NULL)
        return db_error_code();
    struct notice n = {arena_printf(r->arena, "listing_%s", to),
                       arena_printf(r->arena, "/listings/%lld", id),
                       2,
                       {"title", "reason"},
                       {db_value(title, 0, "title"), reason}};
    return notify_org(r, org, &n);
}

static void view_fill(struct req *r, struct listing_view *v, const PGresult *res, int row)
{
    struct arena *a = r->arena;
#define S(field) v->field = arena_strdup(a, db_value(res, row, #field))
    S(kind);
    S(lang);
    S(title);
    S(summary);
    S(description);
    S(price_basis);
    S(available_from);
    S(available_until);
    S(contact_email);
    S(contact_phone);
    S(submitted_at);
    S(published_at);
    S(reason);
    S(org_name);
    S(org_city);
    S(org_website);
    S(org_about);
    S(org_kind);
#undef S
    v->sectors = db_array_value(a, res, row, "sectors", &v->n_sectors);
    v->subsectors = db_array_value(a, res, row, "subsectors", &v->n_subsectors);
    v->tags = db_array_value(a, res, row, "tags", &v->n_tags);
    v->languages = db_array_value(a, res, row, "languages", &v->n_languages);
    v->has_capacity = !db_is_null(res, row, "capacity");
    v->capacity = db_int(res, row, "capacity");
    v->has_price = !db_is_null(res, row, "price_minor");
    v->price_minor = db_int(res, row, "price_minor");
}

static enum err_code view_load(struct req *r, long long id, struct listing_view *v, bool for_edit)
{
    memset(v, 0, sizeof *v);
    const char *params[] = {num(r, id)};
    PGresult *res = db_exec(r->arena, &listing_view_get, 1, params);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) < 1 || plugin_find(db_value(res, 0, "region")) == NULL)
        return req_fail(r, ERR_NOT_FOUND, T(r, "listing.not_found"));
    v->id = id;
    v->org_id = db_int(res, 0, "org_id");
    v->region = arena_strdup(r->arena, db_value(res, 0, "region"));
    v->status = arena_strdup(r->arena, db_value(res, 0, "status"));
    v->match_generation = db_int(res, 0, "match_generation");
    bool live = !db_is_null(res, 0, "live_version");
    v->is_public = live && strcmp(v->status, "archived") != 0;
    bool privileged = access_member_of(r, v->org_id) || access_admin_of(r, v->region);
    if (for_edit) {
        enum err_code rc = access_check_resource(r, "listing.edit", v->org_id, v->region);
        if (rc != ERR_NONE)
            return rc;
    } else if (!v->is_public && !privileged) {
        return req_fail(r, ERR_NOT_FOUND, T(r, "listing.not_found"));
    }
    v->showing_latest = privileged || for_edit;
    const char *version = db_value(res, 0, v->showing_latest ? "latest_version" : "live_version");
    v->has_newer_pending =
        live && strcmp(db_value(res, 0, "latest_version"), db_value(res, 0, "live_version")) != 0;
    v->version_id = strtoll(version, NULL, 10);
    for (int row = 0; row < PQntuples(res); row++)
        if (strcmp(db_value(res, row, "version_id"), version) == 0) {
            view_fill(r, v, res, row);
            return ERR_NONE;
        }
    return req_fail(r, ERR_NOT_FOUND, T(r, "listing.not_found"));
}

enum err_code listing_load(struct req *r, long long id, struct listing_view *v)
{
    return view_load(r, id, v, false);
}

enum err_code listing_load_for_edit(struct req *r, long long id, struct listing_view *v)
{
    return view_load(r, id, v, true);
}
