/*
 * calls.c — collaboration calls' pages and API: browse and search (/calls, /r/{region}/calls,
 * GET /api/v1/calls), one call with its answers (/calls/{id}), posting and editing, the
 * moderation decision, closing and awarding, and answering (POST /calls/{id}/interests).
 */
#include "pages.h"
#include "view.h"

#include "../access.h"
#include "../arena.h"
#include "../auth.h"
#include "../call.h"
#include "../db.h"
#include "../form.h"
#include "../format.h"
#include "../http.h"
#include "../i18n.h"
#include "../interest.h"
#include "../languages.h"
#include "../plugin.h"
#include "../search.h"
#include "../taxonomy.h"
#include "../tpl.h"

#include <stdlib.h>
#include <string.h>

DB_STMT(calls_my_organisers,
        "SELECT o.id, o.name, o.region FROM memberships m JOIN organisations o ON o.id = m.org_id "
        "WHERE m.person_id = $1 AND o.kind = 'organiser' ORDER BY o.name");
DB_STMT(calls_answers,
        "SELECT i.id, i.status, i.message, i.response, i.listing_id, "
        "to_char(i.created_at, 'YYYY-MM-DD HH24:MI') AS created_at, s.name AS sme_name, "
        "s.region AS sme_region, coalesce(v.title, '') AS listing_title "
        "FROM interests i JOIN organisations s ON s.id = i.org_id "
        "LEFT JOIN listings l ON l.id = i.listing_id "
        "LEFT JOIN listing_versions v ON v.id = coalesce(l.live_version, l.latest_version) "
        "WHERE i.call_id = $1 ORDER BY i.created_at, i.id");
DB_STMT(calls_my_answerable_listings,
        "SELECT li.listing_id, v.title, li.region FROM listing_index li "
        "JOIN listing_versions v ON v.id = li.version_id "
        "WHERE li.org_id = ANY ($1::bigint[]) AND ($2 OR li.region = $3) "
        "AND NOT EXISTS (SELECT 1 FROM interests i WHERE i.call_id = $4 "
        "                AND i.listing_id = li.listing_id) ORDER BY v.title");
DB_STMT(calls_my_answers,
        "SELECT i.id, i.status, coalesce(v.title, '') AS title FROM interests i "
        "LEFT JOIN listings l ON l.id = i.listing_id "
        "LEFT JOIN listing_versions v ON v.id = coalesce(l.live_version, l.latest_version) "
        "WHERE i.call_id = $1 AND i.org_id = ANY ($2::bigint[]) ORDER BY i.id");

static json_t *strings(const char *const *items, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(a, json_string(items[i]));
    return a;
}

static json_t *money_or_null(struct req *r, const char *region, bool has, long long minor)
{
    if (!has)
        return json_null();
    const char *cur = region_currency(region);
    return json_pack("{s:I, s:s, s:s}", "amount_minor", (json_int_t)minor, "currency", cur,
                     "display", format_money(r->arena, r->lang, cur, minor));
}

static json_t *call_json(struct req *r, const struct call_view *v)
{
    const struct plugin *p = plugin_find(v->region);
    json_t *j = json_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s?, s:s?, s:s}, s:o, s:o, s:o, "
        "s:o, s:I, s:I, s:o, s:o, s:{s:s, s:s, s:s}, s:b, s:I}",
        "id", (json_int_t)v->id, "region", v->region, "status", v->state, "lang", v->lang, "title",
        v->title, "summary", v->summary, "description", v->description, "programme", v->programme,
        "event", "title", v->event_title, "start", v->event_start, "end", v->event_end, "venue",
        v->venue, "sectors", strings(v->sectors, v->n_sectors), "subsectors",
        strings(v->subsectors, v->n_subsectors), "tags", strings(v->tags, v->n_tags), "languages",
        strings(v->languages, v->n_languages), "partners_sought", (json_int_t)v->partners_sought,
        "accepted", (json_int_t)v->accepted, "budget_min",
        money_or_null(r, v->region, v->has_budget_min, v->budget_min), "budget_max",
        money_or_null(r, v->region, v->has_budget_max, v->budget_max), "deadline", "local",
        v->deadline_local, "timezone", p ? p->desc->timezone : "UTC", "utc", v->deadline_utc,
        "cross_region", v->cross_region, "answers", (json_int_t)v->answers);
    json_object_set_new(j, "organisation",
                        json_pack("{s:I, s:s, s:s}", "id", (json_int_t)v->org_id, "name",
                                  v->org_name, "city", v->org_city));
    if ((v->is_owner || v->is_admin) && v->reason != NULL)
        json_object_set_new(j, "reason", json_string(v->reason));
    return j;
}

/* --- browse --- */

static enum err_code calls_query(struct req *r, struct search_query *sq, const char *region)
{
    if (search_query_read(r, sq, region) != ERR_NONE)
        return ERR_INVALID;
    sq->status = req_query(r, "status");
    if (sq->status != NULL && *sq->status == '\0')
        sq->status = NULL;
    if (sq->status && strcmp(sq->status, "open") != 0 && strcmp(sq->status, "closed") != 0 &&
        strcmp(sq->status, "awarded") != 0) {
        req_field_error(r, "status", T(r, "field.choice"));
        return ERR_INVALID;
    }
    return ERR_NONE;
}

static enum err_code calls_page(struct req *r, const char *region)
{
    struct search_query sq;
    struct search_result res;
    enum err_code rc = calls_query(r, &sq, region);
    if (rc == ERR_NONE)
        rc = call_search(r, &sq, &res);
    if (rc != ERR_NONE)
        return rc;
    struct tpl_dict *d = page_dict(r);
    const char *where = region ? region_name(region) : T(r, "search.all_regions");
    const char *title = i18n_format(r->arena, r->lang, "calls.title", "where", where, NULL);
    page_title(r, title);
    tpl_set(d, "HEADING", title);
    tpl_set(d, "Q", sq.q);
    tpl_set(d, "FORM_ACTION", region ? arena_printf(r->arena, "/r/%s/calls", region) : "/calls");
    tpl_set(d, "TOTAL",
            i18n_format(r->arena, r->lang, "calls.results", "count",
                        format_number(r->arena, r->lang, res.total), NULL));
    if (region != NULL) {
        struct tpl_dict *f = tpl_section(d, "FEEDS");
        tpl_set(f, "ATOM_URL", arena_printf(r->arena, "/r/%s/calls.atom", region));
        tpl_set(f, "ICS_URL", arena_printf(r->arena, "/r/%s/calls.ics", region));
        struct tpl_dict *link = tpl_section(r->page_root, "FEED");
        tpl_set(link, "FEED_URL", arena_printf(r->arena, "/r/%s/calls.atom", region));
        tpl_set(link, "FEED_TITLE", title);
    }
    for (int i = 0; i < res.n_hits; i++) {
        const struct search_hit *h = &res.hits[i];
        struct tpl_dict *it = tpl_section(d, "HIT");
        tpl_set(it, "URL", arena_printf(r->arena, "/calls/%lld", h->id));
        tpl_set(it, "TITLE", h->title);
        tpl_set(it, "TITLE_LANG", h->lang);
        tpl_set(it, "SUMMARY", h->summary);
        tpl_set(it, "ORG", h->org_name);
        tpl_set(it, "REGION", region_name(h->region));
        tpl_set(it, "STATE", T(r, arena_printf(r->arena, "status.%s", h->state)));
        tpl_set(it, "DEADLINE", format_datetime(r->arena, r->lang, h->published_at));
        tpl_set(it, "SECTORS", sector_names(r, h->sectors, h->n_sectors));
    }
    if (res.n_hits == 0)
        tpl_show(d, "EMPTY");
    for (int k = 0; k < FACET__COUNT; k++)
        for (int i = 0; i < res.n_facets[k]; i++) {
            struct tpl_dict *f = tpl_section(d, k == FACET_KIND ? "STATUS_FACET" : "OTHER_FACET");
            const char *v = res.facets[k][i].value;
            tpl_set(f, "LABEL",
                    k == FACET_KIND ? T(r, arena_printf(r->arena, "status.%s", v))
                                    : facet_label(r, (enum facet_kind)k, v));
            tpl_set(f, "COUNT", format_number(r->arena, r->lang, res.facets[k][i].count));
            tpl_set(f, "URL",
                    search_url(r, "calls", &sq,
                               k == FACET_KIND ? "status" : facet_param((enum facet_kind)k), v, 1,
                               0));
        }
    return resp_page(r, 200, "calls.tpl", d);
}

enum err_code page_calls(struct req *r)
{
    return calls_page(r, NULL);
}

enum err_code page_region_calls(struct req *r)
{
    return calls_page(r, r->region->desc->slug);
}

enum err_code api_calls(struct req *r)
{
    struct search_query sq;
    struct search_result res;
    enum err_code rc = calls_query(r, &sq, NULL);
    if (rc == ERR_NONE)
        rc = call_search(r, &sq, &res);
    if (rc != ERR_NONE)
        return rc;
    json_t *items = json_array();
    for (int i = 0; i < res.n_hits; i++) {
        const struct search_hit *h = &res.hits[i];
        json_array_append_new(
            items, json_pack("{s:I, s:s, s:{s:I, s:s}, s:s, s:s, s:s, s:s, s:o, s:s, s:s}", "id",
                             (json_int_t)h->id, "region", h->region, "organisation", "id",
                             (json_int_t)h->org_id, "name", h->org_name, "lang", h->lang, "title",
                             h->title, "summary", h->summary, "status", h->state, "sectors",
                             strings(h->sectors, h->n_sectors), "deadline_local", h->published_at,
                             "url", arena_printf(r->arena, "/calls/%lld", h->id)));
    }
    json_t *facets = json_object();
    static const char *const names[FACET__COUNT] = {"sector", "status", "language", "region"};
    for (int k = 0; k < FACET__COUNT; k++) {
        if (k == FACET_LANGUAGE)
            continue;
        json_t *values = json_object();
        for (int i = 0; i < res.n_facets[k]; i++)
            json_object_set_new(values, res.facets[k][i].value,
                                json_integer(res.facets[k][i].count));
        json_object_set_new(facets, names[k], values);
    }
    return resp_json(r, 200,
                     json_pack("{s:o, s:I, s:i, s:i, s:o}", "items", items, "total",
                               (json_int_t)res.total, "page", sq.page, "per_page", SEARCH_PER_PAGE,
                               "facets", facets));
}

/* --- one call --- */

static void call_fill(struct req *r, struct tpl_dict *d, const struct call_view *v)
{
    struct arena *a = r->arena;
    tpl_set(d, "ID", arena_printf(a, "%lld", v->id));
    tpl_set(d, "TITLE", v->title);
    tpl_set(d, "TEXT_LANG", v->lang);
    tpl_set(d, "SUMMARY", v->summary);
    tpl_set(d, "DESCRIPTION", v->description);
    tpl_set(d, "STATE", T(r, arena_printf(a, "status.%s", v->state)));
    tpl_set(d, "STATE_CLASS", v->state);
    tpl_set(d, "REGION_LABEL", region_name(v->region));
    tpl_set(d, "EVENT_TITLE", v->event_title);
    if (*v->programme)
        tpl_set(tpl_section(d, "PROGRAMME"), "PROGRAMME_TEXT", v->programme);
    if (v->event_start) {
        struct tpl_dict *e = tpl_section(d, "EVENT_DATES");
        tpl_set(e, "EVENT_START", format_date(a, r->lang, v->event_start));
        tpl_set(e, "EVENT_END", v->event_end ? format_date(a, r->lang, v->event_end) : "");
    }
    if (*v->venue)
        tpl_set(tpl_section(d, "VENUE"), "VENUE_TEXT", v->venue);
    tpl_set(d, "SECTORS", sector_names(r, v->sectors, v->n_sectors));
    if (v->n_subsectors)
        tpl_set(tpl_section(d, "SUBSECTORS"), "SUBSECTOR_NAMES",
                sector_names(r, v->subsectors, v->n_subsectors));
    tpl_set(d, "LANGUAGES", language_names(r, v->languages, v->n_languages));
    for (int i = 0; i < v->n_tags; i++)
        tpl_set(tpl_section(d, "TAG"), "TAG_TEXT", v->tags[i]);
    tpl_set(d, "PARTNERS",
            i18n_format(a, r->lang, "call.partners_value", "sought",
                        format_number(a, r->lang, v->partners_sought), "accepted",
                        format_number(a, r->lang, v->accepted), NULL));
    if (v->has_budget_min || v->has_budget_max) {
        const char *cur = region_currency(v->region);
        struct tpl_dict *b = tpl_section(d, "BUDGET");
        tpl_set(b, "BUDGET_TEXT",
                i18n_format(
                    a, r->lang, "call.budget_range", "min",
                    v->has_budget_min ? format_money(a, r->lang, cur, v->budget_min) : "…", "max",
                    v->has_budget_max ? format_money(a, r->lang, cur, v->budget_max) : "…", NULL));
    }
    const struct plugin *p = plugin_find(v->region);
    tpl_set(d, "DEADLINE",
            i18n_format(a, r->lang, "call.deadline_value", "when",
                        format_datetime(a, r->lang, v->deadline_local), "zone",
                        p ? p->desc->timezone : "UTC", NULL));
    tpl_set(d, "DEADLINE_UTC", v->deadline_utc);
    tpl_show(d, v->cross_region ? "CROSS_REGION" : "REGION_ONLY");
    tpl_set(d, "ORG_NAME", v->org_name);
    tpl_set(d, "ORG_CITY", v->org_city);
}

/* The organiser's (and admins') part: state, reason, actions, the answers. */
static enum err_code call_owner_part(struct req *r, struct tpl_dict *d, const struct call_view *v)
{
    struct tpl_dict *p = tpl_section(d, "PRIVATE");
    if (v->reason != NULL)
        tpl_set(tpl_section(p, "REASON"), "REASON_TEXT", v->reason);
    bool editable = strcmp(v->status, "pending") == 0 ||
                    strcmp(v->status, "changes_requested") == 0 ||
                    strcmp(v->status, "rejected") == 0;
    if (v->is_owner && editable)
        tpl_show(p, "CAN_EDIT");
    if (v->is_owner && strcmp(v->status, "open") == 0)
        tpl_show(p, "CAN_CLOSE");
    if (v->is_owner && v->accepted > 0 &&
        (strcmp(v->status, "open") == 0 || strcmp(v->status, "closed") == 0))
        tpl_show(p, "CAN_AWARD");
    if (v->is_admin && strcmp(v->status, "pending") == 0) {
        tpl_show(p, "CAN_MODERATE");
        moderation_form_errors(r, p);
    }
    if (v->is_owner || v->is_admin) {
        tpl_show(p, "SEE_ANSWERS");
        const char *params[] = {arena_printf(r->arena, "%lld", v->id)};
        PGresult *res = db_exec(r->arena, &calls_answers, 1, params);
        if (res == NULL)
            return db_error_code();
        for (int i = 0; i < PQntuples(res); i++) {
            struct tpl_dict *an = tpl_section(p, "ANSWER");
            tpl_set(an, "ANSWER_ID", db_value(res, i, "id"));
            tpl_set(an, "ANSWER_SME", db_value(res, i, "sme_name"));
            tpl_set(an, "ANSWER_REGION", region_name(db_value(res, i, "sme_region")));
            const char *title = db_value(res, i, "listing_title");
            tpl_set(an, "ANSWER_LISTING", *title ? title : T(r, "interest.offer_gone"));
            tpl_set(an, "ANSWER_LISTING_ID", db_value(res, i, "listing_id"));
            tpl_set(an, "ANSWER_STATUS",
                    T(r, arena_printf(r->arena, "interest.status.%s", db_value(res, i, "status"))));
            tpl_set(an, "ANSWER_STATUS_CLASS", db_value(res, i, "status"));
            tpl_set(an, "ANSWER_MESSAGE", db_value(res, i, "message"));
        }
        if (PQntuples(res) == 0)
            tpl_show(p, "NO_ANSWERS");
    }
    return audit_trail_fill(r, p, "call", v->id);
}

/* The SME's part: its answers so far and the answer form. */
static enum err_code call_sme_part(struct req *r, struct tpl_dict *d, const struct call_view *v)
{
    if (r->session == NULL || r->session->sme_org_ids == NULL ||
        strcmp(r->session->sme_org_ids, "{}") == 0)
        return ERR_NONE;
    struct tpl_dict *s = tpl_section(d, "SME");
    const char *mine[] = {arena_printf(r->arena, "%lld", v->id), r->session->sme_org_ids};
    PGresult *answers = db_exec(r->arena, &calls_my_answers, 2, mine);
    if (answers == NULL)
        return db_error_code();
    for (int i = 0; i < PQntuples(answers); i++) {
        struct tpl_dict *a = tpl_section(s, "MY_ANSWER");
        const char *title = db_value(answers, i, "title");
        tpl_set(a, "MY_ANSWER_URL",
                arena_printf(r->arena, "/interests/%s", db_value(answers, i, "id")));
        tpl_set(a, "MY_ANSWER_TITLE", *title ? title : T(r, "interest.offer_gone"));
        tpl_set(a, "MY_ANSWER_STATUS",
                T(r, arena_printf(r->arena, "interest.status.%s", db_value(answers, i, "status"))));
        tpl_set(a, "MY_ANSWER_STATUS_CLASS", db_value(answers, i, "status"));
    }
    bool answered = PQntuples(answers) > 0;
    if (answered)
        tpl_show(s, "HAS_MY_ANSWERS");
    if (strcmp(v->state, "open") != 0) {
        if (!answered)
            tpl_show(s, "NO_ANSWERS_CLOSED");
        return ERR_NONE;
    }
    const char *params[] = {r->session->sme_org_ids, v->cross_region ? "true" : "false", v->region,
                            mine[0]};
    PGresult *res = db_exec(r->arena, &calls_my_answerable_listings, 4, params);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) == 0) {
        tpl_show(s, "NOTHING_TO_OFFER");
        return ERR_NONE;
    }
    if (!answered)
        tpl_show(s, "NO_ANSWERS_YET");
    struct choice *c = arena_calloc(r->arena, (size_t)PQntuples(res), sizeof *c);
    for (int i = 0; i < PQntuples(res); i++) {
        c[i].value = arena_strdup(r->arena, db_value(res, i, "listing_id"));
        c[i].label = arena_strdup(r->arena, db_value(res, i, "title"));
    }
    static const struct field_view listing = {
        "listing_id", "interest.which_listing", "select", NULL, NULL, true, 0};
    static const struct field_view message = {
        "message", "interest.message", "textarea", "interest.message_hint", NULL, true, 4000};
    struct tpl_dict *f = tpl_section(s, "ANSWER_FORM");
    form_select(r, f, "F_LISTING", &listing, c, PQntuples(res), form_value(r, "listing_id"));
    form_field(r, f, "F_MESSAGE", &message, form_value(r, "message"));
    return ERR_NONE;
}

static enum err_code call_page(struct req *r, long long id, int status)
{
    struct call_view v;
    enum err_code rc = call_load(r, id, &v);
    if (rc != ERR_NONE)
        return rc;
    r->region = plugin_find(v.region);
    struct tpl_dict *d = page_dict(r);
    page_title(r, v.title);
    call_fill(r, d, &v);
    if (req_query(r, "done") != NULL)
        tpl_show(d, "SAVED");
    if (input_has_errors(r) || r->error_message != NULL)
        tpl_set(tpl_section(d, "FORM_ERROR"), "FORM_ERROR_TEXT",
                r->error_message ? r->error_message : T(r, "error.invalid.text"));
    if ((v.is_owner || v.is_admin) && (rc = call_owner_part(r, d, &v)) != ERR_NONE)
        return rc;
    if ((rc = call_sme_part(r, d, &v)) != ERR_NONE)
        return rc;
    if (v.is_owner || v.is_admin)
        tpl_set(tpl_section(d, "MATCHES_LINK"), "MATCHES_URL",
                arena_printf(r->arena, "/calls/%lld/matches", v.id));
    return resp_page(r, status, "call.tpl", d);
}

enum err_code page_call(struct req *r)
{
    long long id;
    return req_path_id(r, "id", &id) ? call_page(r, id, 200) : ERR_NOT_FOUND;
}

enum err_code api_call(struct req *r)
{
    long long id;
    if (!req_path_id(r, "id", &id))
        return ERR_NOT_FOUND;
    struct call_view v;
    enum err_code rc = call_load(r, id, &v);
    return rc != ERR_NONE ? rc : resp_json(r, 200, call_json(r, &v));
}

/* --- posting and editing --- */

static const char *date_or_empty(const char *s)
{
    return s ? s : "";
}

static enum err_code call_form(struct req *r, int status, long long id, const struct call_view *v)
{
    struct arena *a = r->arena;
    struct tpl_dict *d = page_dict(r);
    page_title(r, T(r, id ? "call.edit_title" : "call.new_title"));
    tpl_set(d, "HEADING", T(r, id ? "call.edit_title" : "call.new_title"));
    tpl_set(d, "ACTION", id ? arena_printf(a, "/calls/%lld/edit", id) : "/calls");
    if (input_has_errors(r))
        tpl_show(d, "HAS_ERRORS");
    if (id == 0) {
        const char *who[] = {r->session->person_id_text};
        PGresult *orgs = db_exec(a, &calls_my_organisers, 1, who);
        if (orgs == NULL)
            return db_error_code();
        struct choice *c = arena_calloc(a, (size_t)PQntuples(orgs) + 1, sizeof *c);
        for (int i = 0; i < PQntuples(orgs); i++) {
            c[i].value = arena_strdup(a, db_value(orgs, i, "id"));
            c[i].label = arena_printf(a, "%s (%s)", db_value(orgs, i, "name"),
                                      region_name(db_value(orgs, i, "region")));
        }
        static const struct field_view org = {
            "org_id", "field.organisation", "select", NULL, NULL, true, 0};
        const char *chosen = form_value(r, "org_id");
        form_select(r, d, "F_ORG", &org, c, PQntuples(orgs),
                    *chosen ? chosen : req_query(r, "org"));
    }
    static const struct field_view f[] = {
        {"title", "field.title", "text", NULL, NULL, true, 120},
        {"summary", "field.summary", "textarea", "listing.summary_hint", NULL, true, 300},
        {"description", "field.description", "textarea", NULL, NULL, true, 4000},
        {"programme", "field.programme", "text", "call.programme_hint", NULL, false, 200},
        {"event_title", "field.event_title", "text", NULL, NULL, true, 200},
        {"event_start", "field.event_start", "date", NULL, NULL, false, 0},
        {"event_end", "field.event_end", "date", NULL, NULL, false, 0},
        {"venue", "field.venue", "text", NULL, NULL, false, 200},
        {"tags", "field.tags", "text", "listing.tags_hint", NULL, false, 500},
        {"languages", "field.call_languages", "text", "listing.languages_hint", NULL, true, 60},
        {"partners_sought", "field.partners_sought", "number", NULL, NULL, true, 0},
        {"budget_min", "field.budget_min", "text", "call.budget_hint", NULL, false, 24},
        {"budget_max", "field.budget_max", "text", NULL, NULL, false, 24},
        {"deadline", "field.deadline", "datetime-local", "call.deadline_hint", NULL, true, 0},
    };
    const char *values[] = {
        v->title,
        v->summary,
        v->description,
        v->programme,
        v->event_title,
        date_or_empty(v->event_start),
        date_or_empty(v->event_end),
        v->venue,
        NULL,
        NULL,
        v->partners_sought ? arena_printf(a, "%lld", v->partners_sought)
                           : form_value(r, "partners_sought"),
        v->has_budget_min ? arena_printf(a, "%lld.%02lld", v->budget_min / 100, v->budget_min % 100)
                          : form_value(r, "budget_min"),
        v->has_budget_max ? arena_printf(a, "%lld.%02lld", v->budget_max / 100, v->budget_max % 100)
                          : form_value(r, "budget_max"),
        v->deadline_local ? v->deadline_local : form_value(r, "deadline")};
    static const char *const markers[] = {
        "F_TITLE",       "F_SUMMARY",    "F_DESCRIPTION", "F_PROGRAMME", "F_EVENT_TITLE",
        "F_EVENT_START", "F_EVENT_END",  "F_VENUE",       "F_TAGS",      "F_LANGUAGES",
        "F_PARTNERS",    "F_BUDGET_MIN", "F_BUDGET_MAX",  "F_DEADLINE"};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        const char *value = values[i];
        if (i == 8 || i == 9) /* tags, languages: lists */
            value = i == 8 ? (v->n_tags ? list_text(r, v->tags, v->n_tags) : form_value(r, "tags"))
                           : (v->n_languages ? list_text(r, v->languages, v->n_languages)
                                             : form_value(r, "languages"));
        form_field(r, d, markers[i], &f[i], value);
    }
    struct choice *langs = arena_calloc(a, language_count(), sizeof *langs);
    for (size_t i = 0; i < language_count(); i++)
        langs[i] = (struct choice){language_at(i)->code, language_at(i)->name};
    static const struct field_view lang = {
        "lang", "field.text_lang", "select", "call.text_lang_hint", NULL, true, 0};
    form_select(r, d, "F_LANG", &lang, langs, (int)language_count(), v->lang);
    struct choice *sc = arena_calloc(a, (size_t)taxonomy_sector_count(), sizeof *sc);
    for (int i = 0; i < taxonomy_sector_count(); i++)
        sc[i] = (struct choice){taxonomy_sector_at(i),
                                T(r, arena_printf(a, "sector.%s", taxonomy_sector_at(i)))};
    static const struct field_view sectors = {
        "sectors", "field.sectors_sought", "checkboxes", "listing.sectors_hint", NULL, true, 0};
    form_checkboxes(r, d, "F_SECTORS", &sectors, sc, taxonomy_sector_count(), v->sectors);
    if (v->cross_region)
        tpl_show(d, "CROSS_CHECKED");
    return resp_page(r, status, "call_form.tpl", d);
}

static void call_view_from_form(struct req *r, struct call_view *v)
{
    memset(v, 0, sizeof *v);
    v->lang = form_value(r, "lang");
    v->title = form_value(r, "title");
    v->summary = form_value(r, "summary");
    v->description = form_value(r, "description");
    v->programme = form_value(r, "programme");
    v->event_title = form_value(r, "event_title");
    v->event_start = form_value(r, "event_start");
    v->event_end = form_value(r, "event_end");
    v->venue = form_value(r, "venue");
    v->sectors = input_list(r, "sectors", 64, 1000, &v->n_sectors);
    v->tags = input_list(r, "tags", 64, 1000, &v->n_tags);
    v->languages = input_list(r, "languages", 64, 1000, &v->n_languages);
    v->cross_region = input_bool(r, "cross_region");
}

enum err_code page_call_new(struct req *r)
{
    struct call_view blank;
    memset(&blank, 0, sizeof blank);
    blank.title = blank.summary = blank.description = blank.programme = blank.event_title = "";
    blank.venue = blank.lang = "";
    return call_form(r, 200, 0, &blank);
}

enum err_code page_call_create(struct req *r)
{
    struct call_input in;
    call_read(r, &in, 0, NULL);
    long long id = 0;
    enum err_code rc = call_create(r, &in, &id);
    if (rc == ERR_INVALID) {
        struct call_view typed;
        call_view_from_form(r, &typed);
        call_form(r, 422, 0, &typed);
        return ERR_INVALID;
    }
    return rc ? rc : resp_redirect(r, arena_printf(r->arena, "/calls/%lld?done=1", id));
}

enum err_code api_call_create(struct req *r)
{
    struct call_input in;
    call_read(r, &in, 0, NULL);
    long long id = 0;
    enum err_code rc = call_create(r, &in, &id);
    struct call_view v;
    if (rc == ERR_NONE)
        rc = call_load(r, id, &v);
    if (rc != ERR_NONE)
        return rc;
    resp_header(r, "Location", arena_printf(r->arena, "/api/v1/calls/%lld", id));
    return resp_json(r, 201, call_json(r, &v));
}

static enum err_code owned_call(struct req *r, long long *id, struct call_view *v)
{
    if (!req_path_id(r, "id", id))
        return ERR_NOT_FOUND;
    enum err_code rc = call_load(r, *id, v);
    if (rc == ERR_NONE)
        rc = access_check_resource(r, "call.edit", v->org_id, v->region);
    return rc;
}

enum err_code page_call_edit(struct req *r)
{
    long long id;
    struct call_view v;
    enum err_code rc = owned_call(r, &id, &v);
    return rc ? rc : call_form(r, 200, id, &v);
}

enum err_code page_call_update(struct req *r)
{
    long long id;
    struct call_view v;
    enum err_code rc = owned_call(r, &id, &v);
    if (rc != ERR_NONE)
        return rc;
    struct call_input in;
    call_read(r, &in, v.org_id, v.region);
    rc = call_update(r, id, &in);
    if (rc == ERR_INVALID) {
        struct call_view typed;
        call_view_from_form(r, &typed);
        call_form(r, 422, id, &typed);
        return ERR_INVALID;
    }
    return rc ? rc : resp_redirect(r, arena_printf(r->arena, "/calls/%lld?done=1", id));
}

enum err_code api_call_update(struct req *r)
{
    long long id;
    struct call_view v;
    enum err_code rc = owned_call(r, &id, &v);
    if (rc != ERR_NONE)
        return rc;
    struct call_input in;
    call_read(r, &in, v.org_id, v.region);
    if ((rc = call_update(r, id, &in)) == ERR_NONE)
        rc = call_load(r, id, &v);
    return rc ? rc : resp_json(r, 200, call_json(r, &v));
}

/* --- decisions --- */

static enum err_code after_change(struct req *r, long long id, enum err_code rc)
{
    if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
        /* The call's page again, with the message. */
        call_page(r, id, err_status(rc));
        return rc;
    }
    if (rc != ERR_NONE)
        return rc;
    const char *back = input_text(r, "back", 300, false, false);
    return resp_redirect(r, back[0] == '/' ? back : arena_printf(r->arena, "/calls/%lld", id));
}

static enum err_code api_after_change(struct req *r, long long id, enum err_code rc)
{
    struct call_view v;
    if (rc == ERR_NONE)
        rc = call_load(r, id, &v);
    return rc ? rc : resp_json(r, 200, call_json(r, &v));
}

static enum err_code moderate(struct req *r, long long *id)
{
    if (!req_path_id(r, "id", id))
        return ERR_NOT_FOUND;
    /* Not "required" here: who may decide is checked before what they sent. */
    const char *action = input_text(r, "action", 20, false, false);
    const char *reason = input_text(r, "reason", 2000, false, true);
    return input_has_errors(r) ? ERR_INVALID : call_moderate(r, *id, action, reason);
}

enum err_code page_call_moderate(struct req *r)
{
    long long id = 0;
    enum err_code rc = moderate(r, &id);
    struct call_view v;
    if (id && (rc == ERR_INVALID || rc == ERR_CONFLICT) && call_load(r, id, &v) == ERR_NONE &&
        moderation_from_queue(r, v.region)) {
        /* Back to the queue it was decided from, the problem next to the call's reason. */
        enum err_code shown = moderation_queue_again(r, v.region, "call", id, err_status(rc));
        return shown != ERR_NONE ? shown : rc;
    }
    return id ? after_change(r, id, rc) : rc;
}

enum err_code api_call_moderate(struct req *r)
{
    long long id = 0;
    enum err_code rc = moderate(r, &id);
    return id ? api_after_change(r, id, rc) : rc;
}

enum err_code page_call_close(struct req *r)
{
    long long id;
    return req_path_id(r, "id", &id) ? after_change(r, id, call_close(r, id)) : ERR_NOT_FOUND;
}

enum err_code api_call_close(struct req *r)
{
    long long id;
    return req_path_id(r, "id", &id) ? api_after_change(r, id, call_close(r, id)) : ERR_NOT_FOUND;
}

enum err_code page_call_award(struct req *r)
{
    long long id;
    return req_path_id(r, "id", &id) ? after_change(r, id, call_award(r, id)) : ERR_NOT_FOUND;
}

enum err_code api_call_award(struct req *r)
{
    long long id;
    return req_path_id(r, "id", &id) ? api_after_change(r, id, call_award(r, id)) : ERR_NOT_FOUND;
}

/* --- answering --- */

static enum err_code answer(struct req *r, long long *call_id, long long *id)
{
    if (!req_path_id(r, "id", call_id))
        return ERR_NOT_FOUND;
    long long listing = 0;
    input_int(r, "listing_id", 1, (long long)1 << 62, true, &listing);
    const char *message = input_text(r, "message", 4000, true, true);
    return input_has_errors(r) ? ERR_INVALID : interest_create(r, *call_id, listing, message, id);
}

enum err_code page_call_answer(struct req *r)
{
    long long call_id = 0, id = 0;
    enum err_code rc = answer(r, &call_id, &id);
    if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
        call_page(r, call_id, err_status(rc));
        return rc;
    }
    return rc ? rc : resp_redirect(r, arena_printf(r->arena, "/interests/%lld?done=1", id));
}

enum err_code api_call_answer(struct req *r)
{
    long long call_id = 0, id = 0;
    enum err_code rc = answer(r, &call_id, &id);
    if (rc != ERR_NONE)
        return rc;
    resp_header(r, "Location", arena_printf(r->arena, "/api/v1/interests/%lld", id));
    return resp_json(r, 201,
                     json_pack("{s:I, s:I, s:s}", "id", (json_int_t)id, "call_id",
                               (json_int_t)call_id, "status", "submitted"));
}

enum err_code api_call_answers(struct req *r)
{
    long long id;
    struct call_view v;
    if (!req_path_id(r, "id", &id))
        return ERR_NOT_FOUND;
    enum err_code rc = call_load(r, id, &v);
    if (rc == ERR_NONE)
        rc = access_check_resource(r, "call.private", v.org_id, v.region);
    if (rc != ERR_NONE)
        return rc;
    const char *params[] = {arena_printf(r->arena, "%lld", id)};
    PGresult *res = db_exec(r->arena, &calls_answers, 1, params);
    if (res == NULL)
        return db_error_code();
    json_t *items = json_array();
    for (int i = 0; i < PQntuples(res); i++)
        json_array_append_new(
            items, json_pack("{s:I, s:s, s:s, s:s?, s:I, s:s, s:s, s:s, s:s}", "id",
                             (json_int_t)db_int(res, i, "id"), "status", db_value(res, i, "status"),
                             "message", db_value(res, i, "message"), "response",
                             db_value(res, i, "response"), "listing_id",
                             (json_int_t)db_int(res, i, "listing_id"), "listing_title",
                             db_value(res, i, "listing_title"), "organisation",
                             db_value(res, i, "sme_name"), "region", db_value(res, i, "sme_region"),
                             "created_at", db_value(res, i, "created_at")));
    return resp_json(r, 200, json_pack("{s:o, s:i}", "items", items, "total", PQntuples(res)));
}
