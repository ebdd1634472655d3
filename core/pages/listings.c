/*
 * listings.c — the SME marketplace's pages and API: browse and search (/listings,
 * /r/{region}/listings, GET /api/v1/listings), one listing (/listings/{id}), publishing and
 * editing (/listings/new, /listings/{id}/edit, POST/PATCH/DELETE /api/v1/listings…), archiving,
 * the moderation decision and the audit trail.  HTML and JSON give the same data.
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
#include "../languages.h"
#include "../listing.h"
#include "../page_cache.h"
#include "../plugin.h"
#include "../search.h"
#include "../taxonomy.h"
#include "../tpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DB_STMT(listing_my_smes,
        "SELECT o.id, o.name, o.region FROM memberships m JOIN organisations o ON o.id = m.org_id "
        "WHERE m.person_id = $1 AND o.kind = 'sme' ORDER BY o.name");
DB_STMT(listing_latest_json,
        "SELECT json_build_object('kind', v.kind, 'lang', v.lang, 'title', v.title, "
        "'summary', v.summary, 'description', v.description, 'sectors', v.sectors, "
        "'subsectors', v.subsectors, 'tags', v.tags, 'languages', v.languages, "
        "'capacity', v.capacity, 'price', round(v.price_minor / 100.0, 2), "
        "'price_basis', v.price_basis, 'available_from', v.available_from, "
        "'available_until', v.available_until, 'contact_email', v.contact_email, "
        "'contact_phone', v.contact_phone)::text AS doc "
        "FROM listings l JOIN listing_versions v ON v.id = l.latest_version WHERE l.id = $1");

/* --- JSON shapes --- */

static json_t *string_array(const char *const *items, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(a, json_string(items[i]));
    return a;
}

static json_t *price_json(struct req *r, const char *region, bool has, long long minor,
                          const char *basis)
{
    if (!has)
        return json_null();
    const char *currency = region_currency(region);
    return json_pack("{s:I, s:s, s:s, s:s?}", "amount_minor", (json_int_t)minor, "currency",
                     currency, "display", format_money(r->arena, r->lang, currency, minor), "basis",
                     basis);
}

static json_t *hit_json(struct req *r, const struct search_hit *h)
{
    return json_pack("{s:I, s:s, s:{s:I, s:s}, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:s}", "id",
                     (json_int_t)h->id, "region", h->region, "organisation", "id",
                     (json_int_t)h->org_id, "name", h->org_name, "kind", h->kind, "lang", h->lang,
                     "title", h->title, "summary", h->summary, "sectors",
                     string_array(h->sectors, h->n_sectors), "languages",
                     string_array(h->languages, h->n_languages), "price",
                     price_json(r, h->region, h->has_price, h->price_minor, h->price_basis),
                     "published_at", h->published_at ? h->published_at : "", "url",
                     arena_printf(r->arena, "/listings/%lld", h->id));
}

static json_t *facets_json(const struct search_result *res)
{
    json_t *facets = json_object();
    for (int k = 0; k < FACET__COUNT; k++) {
        json_t *values = json_object();
        for (int i = 0; i < res->n_facets[k]; i++)
            json_object_set_new(values, res->facets[k][i].value,
                                json_integer(res->facets[k][i].count));
        json_object_set_new(facets, facet_name((enum facet_kind)k), values);
    }
    return facets;
}

static json_t *listing_json(struct req *r, const struct listing_view *v)
{
    json_t *j = json_pack(
        "{s:I, s:s, s:s, s:b, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:s?, "
        "s:s?, s:s, s:s, s:s?}",
        "id", (json_int_t)v->id, "region", v->region, "status", v->status, "public", v->is_public,
        "kind", v->kind, "lang", v->lang, "title", v->title, "summary", v->summary, "description",
        v->description, "sectors", string_array(v->sectors, v->n_sectors), "subsectors",
        string_array(v->subsectors, v->n_subsectors), "tags", string_array(v->tags, v->n_tags),
        "languages", string_array(v->languages, v->n_languages), "capacity",
        v->has_capacity ? json_integer(v->capacity) : json_null(), "price",
        price_json(r, v->region, v->has_price, v->price_minor, v->price_basis), "available_from",
        v->available_from, "available_until", v->available_until, "contact_email", v->contact_email,
        "contact_phone", v->contact_phone, "published_at", v->published_at);
    json_object_set_new(j, "organisation",
                        json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)v->org_id, "name",
                                  v->org_name, "city", v->org_city, "website", v->org_website,
                                  "about", v->org_about));
    if (v->showing_latest && v->reason != NULL)
        json_object_set_new(j, "reason", json_string(v->reason));
    return j;
}

/* --- browse and search --- */

static void facet_links(struct req *r, struct tpl_dict *d, const struct search_query *sq,
                        const struct search_result *res)
{
    for (int k = 0; k < FACET__COUNT; k++) {
        enum facet_kind kind = (enum facet_kind)k;
        if (res->n_facets[k] == 0 || (kind == FACET_REGION && sq->region != NULL))
            continue;
        struct tpl_dict *f = tpl_section(d, "FACET");
        tpl_set(f, "FACET_TITLE", T(r, arena_printf(r->arena, "facet.%s", facet_name(kind))));
        const char *current = kind == FACET_SECTOR     ? sq->sector
                              : kind == FACET_KIND     ? sq->kind
                              : kind == FACET_LANGUAGE ? sq->lang
                                                       : sq->region;
        for (int i = 0; i < res->n_facets[k]; i++) {
            const struct facet_value *fv = &res->facets[k][i];
            struct tpl_dict *o = tpl_section(f, "FACET_VALUE");
            tpl_set(o, "LABEL", facet_label(r, kind, fv->value));
            tpl_set(o, "COUNT", format_number(r->arena, r->lang, fv->count));
            tpl_set(o, "URL", search_url(r, "listings", sq, facet_param(kind), fv->value, 1, 0));
            if (current != NULL && strcmp(current, fv->value) == 0)
                tpl_show(o, "CURRENT");
        }
        if (current != NULL) {
            struct tpl_dict *c = tpl_section(f, "CLEAR");
            tpl_set(c, "CLEAR_URL", search_url(r, "listings", sq, facet_param(kind), NULL, 1, 0));
        }
    }
}

static void result_items(struct req *r, struct tpl_dict *d, const struct search_result *res)
{
    for (int i = 0; i < res->n_hits; i++) {
        const struct search_hit *h = &res->hits[i];
        struct tpl_dict *it = tpl_section(d, "HIT");
        tpl_set(it, "URL", arena_printf(r->arena, "/listings/%lld", h->id));
        tpl_set(it, "TITLE", h->title);
        tpl_set(it, "TITLE_LANG", h->lang);
        tpl_set(it, "SUMMARY", h->summary);
        tpl_set(it, "ORG", h->org_name);
        tpl_set(it, "REGION", region_name(h->region));
        tpl_set(it, "KIND", T(r, arena_printf(r->arena, "kind.%s", h->kind)));
        tpl_set(it, "SECTORS", sector_names(r, h->sectors, h->n_sectors));
        if (h->has_price) {
            struct tpl_dict *p = tpl_section(it, "PRICE");
            tpl_set(p, "PRICE_TEXT", price_text(r, h->region, h->price_minor, h->price_basis));
        }
    }
}

static void pagination(struct req *r, struct tpl_dict *d, const struct search_query *sq,
                       const struct search_result *res)
{
    long long pages = (res->total + SEARCH_PER_PAGE - 1) / SEARCH_PER_PAGE;
    if (pages <= 1)
        return;
    struct tpl_dict *p = tpl_section(d, "PAGINATION");
    tpl_set(p, "PAGE_OF",
            i18n_format(r->arena, r->lang, "search.page_of", "page",
                        format_number(r->arena, r->lang, sq->page), "pages",
                        format_number(r->arena, r->lang, pages), NULL));
    if (sq->page > 1) {
        struct tpl_dict *prev = tpl_section(p, "PREV");
        tpl_set(prev, "PREV_URL",
                search_url(r, "listings", sq, NULL, NULL, sq->page - 1, res->as_of));
    }
    if (sq->page < pages) {
        struct tpl_dict *next = tpl_section(p, "NEXT");
        tpl_set(next, "NEXT_URL",
                search_url(r, "listings", sq, NULL, NULL, sq->page + 1, res->as_of));
    }
}

static void search_form(struct req *r, struct tpl_dict *d, const struct search_query *sq)
{
    tpl_set(d, "Q", sq->q);
    tpl_set(d, "FORM_ACTION",
            sq->region && kv_get(&r->params, "region")
                ? arena_printf(r->arena, "/r/%s/listings", sq->region)
                : "/listings");
    if (sq->sector)
        tpl_set(tpl_section(d, "KEEP_SECTOR"), "KEEP_VALUE", sq->sector);
    if (sq->kind)
        tpl_set(tpl_section(d, "KEEP_KIND"), "KEEP_VALUE", sq->kind);
    if (sq->lang)
        tpl_set(tpl_section(d, "KEEP_LANG"), "KEEP_VALUE", sq->lang);
    if (sq->region && !kv_get(&r->params, "region"))
        tpl_set(tpl_section(d, "KEEP_REGION"), "KEEP_VALUE", sq->region);
    tpl_show(d, sq->newest ? "SORT_NEWEST" : "SORT_RELEVANCE");
}

static enum err_code listings_page(struct req *r, const char *path_region)
{
    struct page_cache_key key;
    if (page_cache_answer(r, &key))
        return ERR_NONE;
    struct search_query sq;
    if (search_query_read(r, &sq, path_region) != ERR_NONE)
        return ERR_INVALID;
    struct search_result res;
    enum err_code rc = listing_search(r, &sq, &res);
    if (rc != ERR_NONE)
        return rc;
    struct tpl_dict *d = page_dict(r);
    const char *where = path_region ? region_name(path_region) : T(r, "search.all_regions");
    page_title(r, i18n_format(r->arena, r->lang, "search.title", "where", where, NULL));
    tpl_set(d, "HEADING", i18n_format(r->arena, r->lang, "search.title", "where", where, NULL));
    tpl_set(d, "TOTAL",
            i18n_format(r->arena, r->lang, res.total == 1 ? "search.one_result" : "search.results",
                        "count", format_number(r->arena, r->lang, res.total), NULL));
    if (path_region != NULL) {
        struct tpl_dict *f = tpl_section(d, "FEED");
        tpl_set(f, "FEED_URL", arena_printf(r->arena, "/r/%s/calls.atom", path_region));
    }
    search_form(r, d, &sq);
    facet_links(r, d, &sq, &res);
    result_items(r, d, &res);
    if (res.n_hits == 0)
        tpl_show(d, *sq.q || sq.sector || sq.kind || sq.lang ? "NO_MATCH" : "EMPTY");
    pagination(r, d, &sq, &res);
    rc = resp_page(r, 200, "listings.tpl", d);
    if (rc == ERR_NONE)
        page_cache_keep(r, &key);
    return rc;
}

enum err_code page_listings(struct req *r)
{
    return listings_page(r, NULL);
}

enum err_code page_region_listings(struct req *r)
{
    return listings_page(r, r->region->desc->slug);
}

enum err_code api_listings(struct req *r)
{
    struct page_cache_key key;
    if (page_cache_answer(r, &key))
        return ERR_NONE;
    struct search_query sq;
    if (search_query_read(r, &sq, NULL) != ERR_NONE)
        return ERR_INVALID;
    struct search_result res;
    enum err_code rc = listing_search(r, &sq, &res);
    if (rc != ERR_NONE)
        return rc;
    json_t *items = json_array();
    for (int i = 0; i < res.n_hits; i++)
        json_array_append_new(items, hit_json(r, &res.hits[i]));
    rc = resp_json(r, 200,
                   json_pack("{s:o, s:I, s:i, s:i, s:I, s:s, s:o}", "items", items, "total",
                             (json_int_t)res.total, "page", sq.page, "per_page", SEARCH_PER_PAGE,
                             "as_of", (json_int_t)res.as_of, "sort",
                             sq.newest ? "newest" : "relevance", "facets", facets_json(&res)));
    if (rc == ERR_NONE)
        page_cache_keep(r, &key);
    return rc;
}

/* --- one listing --- */

static void listing_fill(struct req *r, struct tpl_dict *d, const struct listing_view *v)
{
    tpl_set(d, "ID", arena_printf(r->arena, "%lld", v->id));
    tpl_set(d, "TITLE", v->title);
    tpl_set(d, "TEXT_LANG", v->lang);
    tpl_set(d, "SUMMARY", v->summary);
    tpl_set(d, "DESCRIPTION", v->description);
    tpl_set(d, "KIND", T(r, arena_printf(r->arena, "kind.%s", v->kind)));
    tpl_set(d, "REGION_LABEL", region_name(v->region));
    tpl_set(d, "SECTORS", sector_names(r, v->sectors, v->n_sectors));
    if (v->n_subsectors > 0)
        tpl_set(tpl_section(d, "SUBSECTORS"), "SUBSECTOR_NAMES",
                sector_names(r, v->subsectors, v->n_subsectors));
    tpl_set(d, "LANGUAGES", language_names(r, v->languages, v->n_languages));
    for (int i = 0; i < v->n_tags; i++)
        tpl_set(tpl_section(d, "TAG"), "TAG_TEXT", v->tags[i]);
    if (v->has_capacity)
        tpl_set(tpl_section(d, "CAPACITY"), "CAPACITY_TEXT",
                format_number(r->arena, r->lang, v->capacity));
    if (v->has_price)
        tpl_set(tpl_section(d, "PRICE"), "PRICE_TEXT",
                price_text(r, v->region, v->price_minor, v->price_basis));
    if (v->available_from || v->available_until) {
        struct tpl_dict *w = tpl_section(d, "WINDOW");
        tpl_set(w, "FROM",
                v->available_from ? format_date(r->arena, r->lang, v->available_from) : "…");
        tpl_set(w, "UNTIL",
                v->available_until ? format_date(r->arena, r->lang, v->available_until) : "…");
    }
    tpl_set(d, "CONTACT_EMAIL", v->contact_email);
    if (v->contact_phone && *v->contact_phone)
        tpl_set(tpl_section(d, "PHONE"), "CONTACT_PHONE", v->contact_phone);
    tpl_set(d, "ORG_NAME", v->org_name);
    tpl_set(d, "ORG_CITY", v->org_city);
    tpl_set(d, "ORG_ABOUT", v->org_about);
    if (v->org_website && *v->org_website)
        tpl_set(tpl_section(d, "WEBSITE"), "ORG_WEBSITE", v->org_website);
    if (v->published_at)
        tpl_set(tpl_section(d, "PUBLISHED"), "PUBLISHED_AT",
                format_date(r->arena, r->lang, v->published_at));
}

/* What only the owner and the region's admins see: state, reason, actions, audit trail. */
static enum err_code listing_private_part(struct req *r, struct tpl_dict *d,
                                          const struct listing_view *v)
{
    struct tpl_dict *p = tpl_section(d, "PRIVATE");
    tpl_set(p, "STATUS", T(r, arena_printf(r->arena, "status.%s", v->status)));
    tpl_set(p, "STATUS_CLASS", v->status);
    if (v->reason != NULL)
        tpl_set(tpl_section(p, "REASON"), "REASON_TEXT", v->reason);
    if (v->has_newer_pending && v->is_public)
        tpl_show(p, "PUBLIC_IS_OLDER");
    if (access_member_of(r, v->org_id) && strcmp(v->status, "archived") != 0)
        tpl_show(p, "CAN_EDIT");
    if (access_admin_of(r, v->region) && strcmp(v->status, "pending") == 0)
        tpl_show(p, "CAN_MODERATE");
    return audit_trail_fill(r, p, "listing", v->id);
}

enum err_code page_listing(struct req *r)
{
    long long id;
    if (!req_path_id(r, "id", &id))
        return ERR_NOT_FOUND;
    struct listing_view v;
    enum err_code rc = listing_load(r, id, &v);
    if (rc != ERR_NONE)
        return rc;
    r->region = plugin_find(v.region);
    struct tpl_dict *d = page_dict(r);
    page_title(r, v.title);
    listing_fill(r, d, &v);
    if (v.showing_latest && (rc = listing_private_part(r, d, &v)) != ERR_NONE)
        return rc;
    if (req_query(r, "done") != NULL)
        tpl_show(d, "SAVED");
    return resp_page(r, 200, "listing.tpl", d);
}

enum err_code api_listing(struct req *r)
{
    long long id;
    if (!req_path_id(r, "id", &id))
        return ERR_NOT_FOUND;
    struct listing_view v;
    enum err_code rc = listing_load(r, id, &v);
    return rc != ERR_NONE ? rc : resp_json(r, 200, listing_json(r, &v));
}

/* --- the form --- */

static const char *const kind_values[] = {"service", "product", "venue", "skill", "partnership"};
static const char *const basis_values[] = {"fixed", "hour", "day", "person", "item"};

/* Draws the listing form with `values` (the current version, or what was typed). */
static enum err_code listing_form(struct req *r, int status, long long id, long long org_id,
                                  const char *region, const struct listing_view *values)
{
    struct tpl_dict *d = page_dict(r);
    page_title(r, T(r, id ? "listing.edit_title" : "listing.new_title"));
    tpl_set(d, "HEADING", T(r, id ? "listing.edit_title" : "listing.new_title"));
    tpl_set(d, "ACTION", id ? arena_printf(r->arena, "/listings/%lld/edit", id) : "/listings");
    if (input_has_errors(r))
        tpl_show(d, "HAS_ERRORS");
    if (id == 0) {
        const char *who[] = {r->session->person_id_text};
        PGresult *smes = db_exec(r->arena, &listing_my_smes, 1, who);
        if (smes == NULL)
            return db_error_code();
        struct choice *orgs = arena_calloc(r->arena, (size_t)PQntuples(smes) + 1, sizeof *orgs);
        for (int i = 0; i < PQntuples(smes); i++) {
            orgs[i].value = arena_strdup(r->arena, db_value(smes, i, "id"));
            orgs[i].label = arena_printf(r->arena, "%s (%s)", db_value(smes, i, "name"),
                                         region_name(db_value(smes, i, "region")));
        }
        static const struct field_view org = {
            "org_id", "field.organisation", "select", NULL, NULL, true, 0};
        form_select(r, d, "F_ORG", &org, orgs, PQntuples(smes),
                    org_id ? arena_printf(r->arena, "%lld", org_id) : form_value(r, "org_id"));
    }
    listing_form_fields(r, d, region, values, kind_values, 5, basis_values, 5);
    return resp_page(r, status, "listing_form.tpl", d);
}

enum err_code page_listing_new(struct req *r)
{
    struct listing_view blank;
    memset(&blank, 0, sizeof blank);
    const char *org = req_query(r, "org");
    return listing_form(r, 200, 0, org ? strtoll(org, NULL, 10) : 0, NULL, &blank);
}

enum err_code page_listing_create(struct req *r)
{
    struct listing_input in;
    listing_read(r, &in, 0, NULL);
    long long id = 0;
    enum err_code rc = listing_create(r, &in, &id);
    if (rc == ERR_INVALID) {
        struct listing_view typed;
        listing_view_from_form(r, &typed);
        listing_form(r, 422, 0, 0, in.region, &typed);
        return ERR_INVALID;
    }
    return rc != ERR_NONE ? rc
                          : resp_redirect(r, arena_printf(r->arena, "/listings/%lld?done=1", id));
}

enum err_code api_listing_create(struct req *r)
{
    struct listing_input in;
    listing_read(r, &in, 0, NULL);
    long long id = 0;
    enum err_code rc = listing_create(r, &in, &id);
    if (rc != ERR_NONE)
        return rc;
    struct listing_view v;
    if ((rc = listing_load(r, id, &v)) != ERR_NONE)
        return rc;
    resp_header(r, "Location", arena_printf(r->arena, "/api/v1/listings/%lld", id));
    return resp_json(r, 201, listing_json(r, &v));
}

enum err_code page_listing_edit(struct req *r)
{
    long long id;
    if (!req_path_id(r, "id", &id))
        return ERR_NOT_FOUND;
    struct listing_view v;
    enum err_code rc = listing_load_for_edit(r, id, &v);
    if (rc != ERR_NONE)
        return rc;
    if (strcmp(v.status, "archived") == 0)
        return req_fail(r, ERR_CONFLICT, T(r, "listing.archived_no_edit"));
    return listing_form(r, 200, id, v.org_id, v.region, &v);
}

enum err_code page_listing_update(struct req *r)
{
    long long id;
    if (!req_path_id(r, "id", &id))
        return ERR_NOT_FOUND;
    struct listing_view v;
    enum err_code rc = listing_load_for_edit(r, id, &v);
    if (rc != ERR_NONE)
        return rc;
    struct listing_input in;
    listing_read(r, &in, v.org_id, v.region);
    rc = listing_update(r, id, &in);
    if (rc == ERR_INVALID) {
        struct listing_view typed;
        listing_view_from_form(r, &typed);
        listing_form(r, 422, id, v.org_id, v.region, &typed);
        return ERR_INVALID;
    }
    return rc != ERR_NONE ? rc
                          : resp_redirect(r, arena_printf(r->arena, "/listings/%lld?done=1", id));
}

/* PATCH: the fields sent replace those of the latest version; the rest stay. */
static enum err_code merge_with_latest(struct req *r, long long id)
{
    const char *params[] = {arena_printf(r->arena, "%lld", id)};
    PGresult *res = db_exec(r->arena, &listing_latest_json, 1, params);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) != 1)
        return ERR_NOT_FOUND;
    json_t *base = json_loads(db_value(res, 0, "doc"), 0, NULL);
    if (base == NULL)
        return ERR_INTERNAL;
    json_object_update(base, r->json); /* r->json stays owned by its arena cleanup */
    arena_defer(r->arena, json_release, base);
    r->json = base;
    return ERR_NONE;
}

enum err_code api_listing_update(struct req *r)
{
    long long id;
    if (!req_path_id(r, "id", &id))
        return ERR_NOT_FOUND;
    struct listing_view v;
    enum err_code rc = listing_load_for_edit(r, id, &v);
    if (rc == ERR_NONE && r->json == NULL)
        rc = req_fail(r, ERR_BAD_REQUEST, "Send the fields to change as a JSON object.");
    if (rc == ERR_NONE)
        rc = merge_with_latest(r, id);
    if (rc != ERR_NONE)
        return rc;
    struct listing_input in;
    listing_read(r, &in, v.org_id, v.region);
    if ((rc = listing_update(r, id, &in)) != ERR_NONE)
        return rc;
    if ((rc = listing_load(r, id, &v)) != ERR_NONE)
        return rc;
    return resp_json(r, 200, listing_json(r, &v));
}

enum err_code page_listing_archive(struct req *r)
{
    long long id;
    if (!req_path_id(r, "id", &id))
        return ERR_NOT_FOUND;
    enum err_code rc = listing_archive(r, id);
    return rc != ERR_NONE ? rc : resp_redirect(r, "/dashboard?done=archived");
}

enum err_code api_listing_delete(struct req *r)
{
    long long id;
    if (!req_path_id(r, "id", &id))
        return ERR_NOT_FOUND;
    enum err_code rc = listing_archive(r, id);
    return rc != ERR_NONE
               ? rc
               : resp_json(r, 200,
                           json_pack("{s:I, s:s}", "id", (json_int_t)id, "status", "archived"));
}

/* --- moderation --- */

static enum err_code moderate(struct req *r, long long *id)
{
    if (!req_path_id(r, "id", id))
        return ERR_NOT_FOUND;
    /* Not "required" here: who may decide is checked before what they sent. */
    const char *action = input_text(r, "action", 20, false, false);
    const char *reason = input_text(r, "reason", 2000, false, true);
    if (input_has_errors(r))
        return ERR_INVALID;
    return listing_moderate(r, *id, action, reason);
}

enum err_code page_listing_moderate(struct req *r)
{
    long long id = 0;
    enum err_code rc = moderate(r, &id);
    if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
        struct listing_view v;
        if (listing_load(r, id, &v) != ERR_NONE)
            return rc;
        if (moderation_from_queue(r, v.region)) {
            /* Back to the queue it was decided from, the problem next to the item's reason. */
            enum err_code shown =
                moderation_queue_again(r, v.region, "listing", id, err_status(rc));
            return shown != ERR_NONE ? shown : rc;
        }
        if (rc == ERR_CONFLICT)
            return rc;
        /* Back to the listing with the message next to the decision form. */
        r->region = plugin_find(v.region);
        struct tpl_dict *d = page_dict(r);
        page_title(r, v.title);
        listing_fill(r, d, &v);
        if (listing_private_part(r, d, &v) == ERR_NONE)
            moderation_form_errors(r, d);
        resp_page(r, 422, "listing.tpl", d);
        return ERR_INVALID;
    }
    if (rc != ERR_NONE)
        return rc;
    const char *back = input_text(r, "back", 300, false, false);
    return resp_redirect(r, back[0] == '/' ? back : arena_printf(r->arena, "/listings/%lld", id));
}

enum err_code api_listing_moderate(struct req *r)
{
    long long id = 0;
    enum err_code rc = moderate(r, &id);
    if (rc != ERR_NONE)
        return rc;
    struct listing_view v;
    if ((rc = listing_load(r, id, &v)) != ERR_NONE)
        return rc;
    return resp_json(r, 200, listing_json(r, &v));
}

enum err_code api_listing_audit(struct req *r)
{
    long long id;
    if (!req_path_id(r, "id", &id))
        return ERR_NOT_FOUND;
    struct listing_view v;
    enum err_code rc = listing_load(r, id, &v);
    if (rc == ERR_NONE)
        rc = access_check_resource(r, "listing.private", v.org_id, v.region);
    if (rc != ERR_NONE)
        return rc;
    json_t *items;
    if ((rc = audit_trail_json(r, "listing", id, &items)) != ERR_NONE)
        return rc;
    return resp_json(r, 200,
                     json_pack("{s:o, s:i}", "items", items, "total", (int)json_array_size(items)));
}
