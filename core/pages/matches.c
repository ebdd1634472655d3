/*
 * matches.c — matchmaking's pages and API: the listings that fit a call (/calls/{id}/matches,
 * GET /api/v1/calls/{id}/matches: its organiser and the region's admins), the open calls that
 * fit a listing (/listings/{id}/matches, GET /api/v1/listings/{id}/matches: its owner and the
 * region's admins), and the dashboard's "calls for you".  The model is match.c; here are the
 * access checks, the page number and the presentation.  HTML and JSON give the same data.
 */
#include "pages.h"
#include "view.h"

#include "../access.h"
#include "../arena.h"
#include "../auth.h"
#include "../buf.h"
#include "../call.h"
#include "../db.h"
#include "../format.h"
#include "../http.h"
#include "../i18n.h"
#include "../listing.h"
#include "../match.h"
#include "../plugin.h"
#include "../tpl.h"

#include <stdlib.h>
#include <string.h>

/* The dashboard: the person's newest public offers, and the calls shown for them. */
#define FOR_YOU_LISTINGS 5
#define FOR_YOU_CALLS    5

DB_STMT(matches_my_listings, "SELECT li.listing_id, v.title, v.lang FROM listing_index li "
                             "JOIN listing_versions v ON v.id = li.version_id "
                             "WHERE li.org_id = ANY ($1::bigint[]) ORDER BY li.seq DESC LIMIT $2");

/* What a match page is about: the call or the listing, once loaded and checked. */
struct subject {
    long long id;
    const char *title, *lang;
    bool is_call;
};

/* --- input --- */

/* The page number (?page=N, from 1); a field error when malformed. */
static enum err_code page_number(struct req *r, int *page)
{
    const char *v = req_query(r, "page");
    *page = 1;
    if (v == NULL || *v == '\0')
        return ERR_NONE;
    char *end;
    long n = strtol(v, &end, 10);
    if (*end != '\0' || n < 1 || n > 10000) {
        req_field_error(
            r, "page",
            i18n_format(r->arena, r->lang, "field.number", "min", "1", "max", "10000", NULL));
        return ERR_INVALID;
    }
    *page = (int)n;
    return ERR_NONE;
}

/* The options of page `page`; `generation`: match_generation as read with the subject. */
static void page_options(struct req *r, int page, long long generation, struct match_options *o)
{
    memset(o, 0, sizeof *o);
    o->lang = r->lang;
    o->exclude_orgs = r->session ? r->session->org_ids : NULL;
    o->offset = (page - 1) * MATCH_PER_PAGE;
    o->limit = MATCH_PER_PAGE;
    o->has_generation = true;
    o->generation = generation;
}

/* Loads call {id} and checks call.private and the page number: the subject and the options of
 * its matches. */
static enum err_code call_subject(struct req *r, struct subject *s, int *page,
                                  struct match_options *o)
{
    struct call_view v;
    long long id;
    if (!req_path_id(r, "id", &id))
        return ERR_NOT_FOUND;
    enum err_code rc = call_load(r, id, &v);
    if (rc == ERR_NONE)
        rc = access_check_resource(r, "call.private", v.org_id, v.region);
    if (rc == ERR_NONE)
        rc = page_number(r, page);
    if (rc != ERR_NONE)
        return rc;
    *s = (struct subject){id, v.title, v.lang, true};
    page_options(r, *page, v.match_generation, o);
    return ERR_NONE;
}

/* Loads listing {id} and checks listing.private and the page number: the subject and the
 * options of its matches. */
static enum err_code listing_subject(struct req *r, struct subject *s, int *page,
                                     struct match_options *o)
{
    struct listing_view v;
    long long id;
    if (!req_path_id(r, "id", &id))
        return ERR_NOT_FOUND;
    enum err_code rc = listing_load(r, id, &v);
    if (rc == ERR_NONE)
        rc = access_check_resource(r, "listing.private", v.org_id, v.region);
    if (rc == ERR_NONE)
        rc = page_number(r, page);
    if (rc != ERR_NONE)
        return rc;
    *s = (struct subject){id, v.title, v.lang, false};
    page_options(r, *page, v.match_generation, o);
    return ERR_NONE;
}

static enum err_code subject_matches(struct req *r, const struct subject *s,
                                     const struct match_options *o, struct match_result *res)
{
    return s->is_call ? match_call_listings(r->arena, s->id, o, res)
                      : match_listing_calls(r->arena, s->id, o, res);
}

/* --- presentation --- */

static const char *points_text(struct req *r, int points)
{
    return arena_printf(r->arena, "%+d", points);
}

static void reasons_set(struct req *r, struct tpl_dict *d, const struct match_item *it)
{
    for (int k = 0; k < it->n_reasons; k++) {
        struct tpl_dict *e = tpl_section(d, "REASON");
        tpl_set(e, "REASON_TEXT", it->reasons[k].text);
        tpl_set(e, "REASON_POINTS", points_text(r, it->reasons[k].points));
    }
}

/* "Service · Studio X · Kaunas · €350 per day" or "Organiser Y · Rijeka · deadline …". */
static const char *item_meta(struct req *r, const struct match_item *it)
{
    struct arena *a = r->arena;
    const char *meta = arena_printf(a, "%s · %s", it->org_name, region_name(it->region));
    if (it->kind != NULL)
        meta = arena_printf(a, "%s · %s", T(r, arena_printf(a, "kind.%s", it->kind)), meta);
    if (it->has_price)
        meta = arena_printf(a, "%s · %s", meta,
                            price_text(r, it->region, it->price_minor, it->price_basis));
    if (it->deadline_local != NULL)
        meta = arena_printf(a, "%s · %s", meta,
                            i18n_format(a, r->lang, "match.deadline", "when",
                                        format_datetime(a, r->lang, it->deadline_local), NULL));
    return meta;
}

static const char *item_url(struct req *r, const struct match_item *it)
{
    return arena_printf(r->arena, it->kind != NULL ? "/listings/%lld" : "/calls/%lld", it->id);
}

static void item_set(struct req *r, struct tpl_dict *d, const struct match_item *it)
{
    tpl_set(d, "URL", item_url(r, it));
    tpl_set(d, "TITLE", it->title);
    tpl_set(d, "TITLE_LANG", it->lang);
    tpl_set(d, "SUMMARY", it->summary);
    tpl_set(d, "META", item_meta(r, it));
    tpl_set(d, "SCORE_TEXT",
            i18n_format(r->arena, r->lang, "match.score", "score",
                        arena_printf(r->arena, "%d", it->score), NULL));
    reasons_set(r, d, it);
}

static void pagination(struct req *r, struct tpl_dict *d, const char *base, int page,
                       long long total)
{
    long long pages = (total + MATCH_PER_PAGE - 1) / MATCH_PER_PAGE;
    if (pages <= 1)
        return;
    struct tpl_dict *p = tpl_section(d, "PAGINATION");
    tpl_set(p, "PAGE_OF",
            i18n_format(r->arena, r->lang, "search.page_of", "page",
                        format_number(r->arena, r->lang, page), "pages",
                        format_number(r->arena, r->lang, pages), NULL));
    if (page > 1)
        tpl_set(tpl_section(p, "PREV"), "PREV_URL",
                arena_printf(r->arena, "%s?page=%d", base, page - 1));
    if (page < pages)
        tpl_set(tpl_section(p, "NEXT"), "NEXT_URL",
                arena_printf(r->arena, "%s?page=%d", base, page + 1));
}

/* Renders the content of a match page (matches.tpl) into `html`; *title: its heading. */
static enum err_code matches_render(struct req *r, const struct subject *s, int page,
                                    const struct match_result *res, struct buf *html,
                                    const char **title)
{
    struct arena *a = r->arena;
    struct tpl_dict *d = tpl_dict_new(a);
    const char *heading =
        i18n_format(a, r->lang, s->is_call ? "match.call_heading" : "match.listing_heading",
                    "title", s->title, NULL);
    const char *back = arena_printf(a, s->is_call ? "/calls/%lld" : "/listings/%lld", s->id);
    *title = heading;
    tpl_set(d, "HEADING", heading);
    tpl_set(d, "HEADING_LANG", r->lang);
    tpl_set(d, "BACK_URL", back);
    tpl_set(d, "BACK_TEXT", T(r, s->is_call ? "match.back_call" : "match.back_listing"));
    if (!res->matchable)
        tpl_set(tpl_section(d, "NOT_MATCHABLE"), "NOT_MATCHABLE_TEXT",
                T(r, s->is_call ? "match.call_not_open" : "match.listing_not_public"));
    tpl_set(d, "TOTAL",
            res->total == 1 ? T(r, "match.one_result")
                            : i18n_format(a, r->lang, "match.results", "count",
                                          format_number(a, r->lang, res->total), NULL));
    for (int i = 0; i < res->n_items; i++)
        item_set(r, tpl_section(d, "MATCH"), &res->items[i]);
    if (res->total == 0 && res->matchable)
        tpl_show(d, "NONE");
    pagination(r, d, arena_printf(a, "%s/matches", back), page, res->total);
    const char *region = r->region ? r->region->desc->slug : NULL;
    if (tpl_render("matches.tpl", r->lang, region, d, html) != 0)
        return req_fail(r, ERR_INTERNAL, "a template could not be rendered");
    return ERR_NONE;
}

/* --- the rendered pages, kept per worker --- */

/* A match page's content is the same for everyone allowed to see it who belongs to the same
 * organisations (the matches leave out the viewer's own), in the same language.  Rendered
 * once, it is answered again without the matchmaking or the templates while match_generation
 * (read with the subject) has not moved, and at most as long as match.c keeps an answer: the
 * time bounds what the generation cannot see (a deadline passing).  Bounded: RENDERED_SLOTS
 * pages, the least recently used replaced. */
#define RENDERED_SLOTS  64
#define RENDERED_TTL_US (60 * 1000000LL)

struct rendered {
    char *key; /* subject, page, language, region, organisations; NULL: a free slot */
    long long generation, stored_us, used_us;
    char *title, *html;
    size_t len;
};

static struct rendered rendered[RENDERED_SLOTS];

static const char *rendered_key(struct req *r, const struct subject *s, int page,
                                const struct match_options *o)
{
    return arena_printf(r->arena, "%c|%lld|%d|%s|%s|%s", s->is_call ? 'c' : 'l', s->id, page,
                        r->lang, r->region ? r->region->desc->slug : "",
                        o->exclude_orgs ? o->exclude_orgs : "");
}

static struct rendered *rendered_find(const char *key, long long generation)
{
    long long now = now_us();
    for (int i = 0; i < RENDERED_SLOTS; i++) {
        struct rendered *e = &rendered[i];
        if (e->key != NULL && strcmp(e->key, key) == 0 && e->generation == generation &&
            now - e->stored_us < RENDERED_TTL_US) {
            e->used_us = now;
            return e;
        }
    }
    return NULL;
}

static void rendered_clear(struct rendered *e)
{
    free(e->key);
    free(e->title);
    free(e->html);
    *e = (struct rendered){0};
}

/* Keeps a page (copies); NULL when memory is short (the page is then answered uncached). */
static struct rendered *rendered_put(const char *key, long long generation, const char *title,
                                     const char *html, size_t len)
{
    struct rendered *e = &rendered[0];
    for (int i = 0; i < RENDERED_SLOTS; i++) {
        struct rendered *c = &rendered[i];
        if (c->key == NULL || strcmp(c->key, key) == 0) {
            e = c;
            break;
        }
        if (c->used_us < e->used_us)
            e = c;
    }
    rendered_clear(e);
    long long now = now_us();
    *e = (struct rendered){strdup(key), generation, now, now, strdup(title), malloc(len + 1), len};
    if (e->key == NULL || e->title == NULL || e->html == NULL) {
        rendered_clear(e);
        return NULL;
    }
    memcpy(e->html, html, len);
    e->html[len] = '\0';
    return e;
}

static enum err_code matches_page(struct req *r, const struct subject *s, int page,
                                  const struct match_options *o)
{
    const char *key = rendered_key(r, s, page, o);
    struct rendered *kept = rendered_find(key, o->generation); /* page_options set it */
    if (kept != NULL) {
        page_title(r, kept->title);
        return resp_page_html(r, 200, kept->html, kept->len);
    }
    struct match_result res;
    enum err_code rc = subject_matches(r, s, o, &res);
    if (rc != ERR_NONE)
        return rc;
    struct buf html;
    buf_init(&html);
    const char *title = NULL;
    rc = matches_render(r, s, page, &res, &html, &title);
    if (rc == ERR_NONE) {
        rendered_put(key, o->generation, title, html.data, html.len);
        page_title(r, title);
        rc = resp_page_html(r, 200, html.data, html.len);
    }
    buf_free(&html);
    return rc;
}

/* --- JSON --- */

static json_t *listing_json(struct req *r, const struct match_item *it)
{
    json_t *price = json_null();
    if (it->has_price) {
        const char *cur = region_currency(it->region);
        price = json_pack("{s:I, s:s, s:s, s:s?}", "amount_minor", (json_int_t)it->price_minor,
                          "currency", cur, "display",
                          format_money(r->arena, r->lang, cur, it->price_minor), "basis",
                          it->price_basis);
    }
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:{s:I, s:s}, s:o, s:s}", "id",
                     (json_int_t)it->id, "title", it->title, "summary", it->summary, "lang",
                     it->lang, "region", it->region, "kind", it->kind, "organisation", "id",
                     (json_int_t)it->org_id, "name", it->org_name, "price", price, "url",
                     item_url(r, it));
}

static json_t *call_json(struct req *r, const struct match_item *it)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:{s:I, s:s}, s:{s:s, s:s}, s:s}", "id",
                     (json_int_t)it->id, "title", it->title, "summary", it->summary, "lang",
                     it->lang, "region", it->region, "organisation", "id", (json_int_t)it->org_id,
                     "name", it->org_name, "deadline", "local", it->deadline_local, "utc",
                     it->deadline_utc, "url", item_url(r, it));
}

static enum err_code matches_json(struct req *r, const struct subject *s, int page,
                                  const struct match_result *res)
{
    json_t *items = json_array();
    for (int i = 0; i < res->n_items; i++) {
        const struct match_item *it = &res->items[i];
        json_t *reasons = json_array();
        for (int k = 0; k < it->n_reasons; k++)
            json_array_append_new(reasons, json_pack("{s:s, s:i}", "text", it->reasons[k].text,
                                                     "points", it->reasons[k].points));
        json_array_append_new(items, json_pack("{s:o, s:i, s:o}", s->is_call ? "listing" : "call",
                                               s->is_call ? listing_json(r, it) : call_json(r, it),
                                               "score", it->score, "reasons", reasons));
    }
    return resp_json(r, 200,
                     json_pack("{s:o, s:I, s:i, s:i, s:b}", "items", items, "total",
                               (json_int_t)res->total, "page", page, "per_page", MATCH_PER_PAGE,
                               "matchable", res->matchable));
}

/* --- handlers --- */

enum err_code page_call_matches(struct req *r)
{
    struct subject s;
    struct match_options o;
    int page;
    enum err_code rc = call_subject(r, &s, &page, &o);
    return rc != ERR_NONE ? rc : matches_page(r, &s, page, &o);
}

enum err_code page_listing_matches(struct req *r)
{
    struct subject s;
    struct match_options o;
    int page;
    enum err_code rc = listing_subject(r, &s, &page, &o);
    return rc != ERR_NONE ? rc : matches_page(r, &s, page, &o);
}

/* The JSON answers: the subject, then its matches. */
static enum err_code api_matches(struct req *r, bool of_call)
{
    struct subject s;
    struct match_options o;
    struct match_result res;
    int page;
    enum err_code rc = of_call ? call_subject(r, &s, &page, &o) : listing_subject(r, &s, &page, &o);
    if (rc == ERR_NONE)
        rc = subject_matches(r, &s, &o, &res);
    return rc != ERR_NONE ? rc : matches_json(r, &s, page, &res);
}

enum err_code api_call_matches(struct req *r)
{
    return api_matches(r, true);
}

enum err_code api_listing_matches(struct req *r)
{
    return api_matches(r, false);
}

/* --- the dashboard's "calls for you" --- */

/* One call shown, with the offer it fits best. */
struct for_you {
    const struct match_item *call;
    const char *listing_title;
};

static int for_you_order(const void *x, const void *y)
{
    const struct for_you *a = x, *b = y;
    if (a->call->score != b->call->score)
        return a->call->score > b->call->score ? -1 : 1;
    return a->call->id < b->call->id ? -1 : a->call->id > b->call->id;
}

/* Adds the matches of one listing, keeping each call once with its best score. */
static void for_you_merge(struct for_you *all, int *n, const struct match_result *res,
                          const char *listing_title)
{
    for (int i = 0; i < res->n_items; i++) {
        int k = 0;
        while (k < *n && all[k].call->id != res->items[i].id)
            k++;
        if (k == *n)
            all[(*n)++] = (struct for_you){&res->items[i], listing_title};
        else if (res->items[i].score > all[k].call->score)
            all[k] = (struct for_you){&res->items[i], listing_title};
    }
}

static void for_you_show(struct req *r, struct tpl_dict *inc, struct for_you *all, int n)
{
    qsort(all, (size_t)n, sizeof *all, for_you_order);
    for (int i = 0; i < n && i < FOR_YOU_CALLS; i++) {
        struct tpl_dict *c = tpl_section(inc, "CALL");
        item_set(r, c, all[i].call);
        tpl_set(c, "FOR_LISTING",
                i18n_format(r->arena, r->lang, "match.for_listing", "title", all[i].listing_title,
                            NULL));
    }
    if (n == 0)
        tpl_show(inc, "NONE");
}

enum err_code dashboard_calls_for_you(struct req *r, struct tpl_dict *d)
{
    const struct auth_session *s = r->session;
    if (s == NULL || s->sme_org_ids == NULL || strcmp(s->sme_org_ids, "{}") == 0)
        return ERR_NONE;
    const char *params[] = {s->sme_org_ids, arena_printf(r->arena, "%d", FOR_YOU_LISTINGS)};
    PGresult *mine = db_exec(r->arena, &matches_my_listings, 2, params);
    if (mine == NULL)
        return db_error_code();
    struct tpl_dict *inc =
        tpl_include(d, "CALLS_FOR_YOU", tpl_key(r->arena, "calls_for_you.tpl", r->lang, NULL));
    int listings = PQntuples(mine), n = 0;
    struct for_you *all =
        arena_calloc(r->arena, (size_t)(listings * FOR_YOU_CALLS) + 1, sizeof *all);
    struct match_options o = {.lang = r->lang, .exclude_orgs = s->org_ids, .limit = FOR_YOU_CALLS};
    for (int i = 0; i < listings; i++) {
        struct match_result res;
        long long id = db_int(mine, i, "listing_id");
        enum err_code rc = match_listing_calls(r->arena, id, &o, &res);
        if (rc != ERR_NONE)
            return rc;
        for_you_merge(all, &n, &res, db_value(mine, i, "title"));
        struct tpl_dict *l = tpl_section(inc, "LISTING");
        tpl_set(l, "LISTING_URL", arena_printf(r->arena, "/listings/%lld/matches", id));
        tpl_set(l, "LISTING_LINK",
                i18n_format(r->arena, r->lang, "match.see_all", "title", db_value(mine, i, "title"),
                            NULL));
    }
    if (listings == 0)
        tpl_show(inc, "NO_LISTINGS");
    else
        for_you_show(r, inc, all, n);
    return ERR_NONE;
}
