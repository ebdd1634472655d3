/*
 * search.c — listing search; see search.h.
 *
 * Two statements per search: one for the page of hits, one for the total and the facet counts
 * over the same matches.  Both read only listing_index (the public listings).
 */
#include "search.h"

#include "arena.h"
#include "db.h"
#include "form.h"
#include "http.h"
#include "i18n.h"
#include "languages.h"
#include "plugin.h"
#include "search_index.h"
#include "taxonomy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The filters every search statement shares: $1 q, $2 region, $3 sector, $4 kind, $5 language,
 * $6 as_of, $7 the enabled regions. */
#define SEARCH_FROM                                                                                \
    " FROM listing_index li WHERE li.region = ANY ($7::text[]) AND li.seq <= $6::bigint"           \
    " AND ($2::text IS NULL OR li.region = $2) AND ($3::text IS NULL OR li.sectors @> ARRAY[$3])"  \
    " AND ($4::text IS NULL OR li.kind = $4)"                                                      \
    " AND ($5::text IS NULL OR li.languages @> ARRAY[$5])"                                         \
    " AND ($1 = '' OR li.document @@ search_tsquery($1))"

/* The calls' hits need each region's timezone: $8 is an array of "slug=zone" pairs. */
#define CALL_FROM_JOIN                                                                             \
    " FROM calls c JOIN organisations o ON o.id = c.org_id "                                       \
    "JOIN (SELECT split_part(p, '=', 1) AS region, split_part(p, '=', 2) AS zone "                 \
    "      FROM unnest($8::text[]) p) tz ON tz.region = c.region "                                 \
    "WHERE c.region = ANY ($5::text[]) AND c.status IN ('open', 'closed', 'awarded') "             \
    "AND ($2::text IS NULL OR c.region = $2) "                                                     \
    "AND ($3::text IS NULL OR (c.sectors || c.subsectors) @> ARRAY[$3]) "                          \
    "AND ($4::text IS NULL OR call_state(c.status, c.deadline) = $4) "                             \
    "AND ($1 = '' OR c.document @@ search_tsquery($1)) "                                           \
    "ORDER BY (call_state(c.status, c.deadline) = 'open') DESC, "                                  \
    "CASE WHEN $1 = '' THEN 0 ELSE ts_rank(c.document, search_tsquery($1)) END DESC, "             \
    "c.deadline, c.id LIMIT $6 OFFSET $7"

#define SEARCH_COLUMNS                                                                             \
    "SELECT li.listing_id, li.org_id, li.region, li.kind, li.lang, li.sectors, li.languages, "     \
    "li.price_minor, to_char(li.published_at, 'YYYY-MM-DD') AS published_at, v.title, "            \
    "v.summary, v.price_basis, o.name AS org_name FROM (SELECT li.listing_id, li.org_id, "         \
    "li.region, li.kind, li.lang, li.sectors, li.languages, li.price_minor, li.published_at, "     \
    "li.version_id, li.seq, "

DB_STMT(search_by_relevance, SEARCH_COLUMNS
        "CASE WHEN $1 = '' THEN 0 ELSE ts_rank(li.document, search_tsquery($1)) "
        "END AS rank" SEARCH_FROM " ORDER BY rank DESC, li.seq DESC LIMIT $8 OFFSET $9) li "
        "JOIN listing_versions v ON v.id = li.version_id "
        "JOIN organisations o ON o.id = li.org_id ORDER BY li.rank DESC, li.seq DESC");
DB_STMT(search_by_newest,
        SEARCH_COLUMNS "0 AS rank" SEARCH_FROM " ORDER BY li.seq DESC LIMIT $8 OFFSET $9) li "
                       "JOIN listing_versions v ON v.id = li.version_id "
                       "JOIN organisations o ON o.id = li.org_id ORDER BY li.seq DESC");
DB_STMT(search_facets,
        "WITH m AS (SELECT li.region, li.kind, li.sectors, li.languages" SEARCH_FROM ") "
        "SELECT 'total' AS facet, '' AS value, count(*) AS n FROM m "
        "UNION ALL SELECT 'region', region, count(*) FROM m GROUP BY region "
        "UNION ALL SELECT 'kind', kind, count(*) FROM m GROUP BY kind "
        "UNION ALL SELECT 'sector', s, count(*) FROM m, unnest(m.sectors) s GROUP BY s "
        "UNION ALL SELECT 'language', l, count(*) FROM m, unnest(m.languages) l GROUP BY l "
        "ORDER BY 1, 3 DESC, 2");
DB_STMT(search_now, "SELECT coalesce(max(seq), 0) AS seq FROM listing_index");

/* Calls: $1 q, $2 region, $3 sector, $4 status, $5 enabled regions, $6 limit, $7 offset.
 * Public calls only (open, closed, awarded); open ones first, soonest deadline first. */
#define CALL_FROM                                                                                  \
    " FROM calls c WHERE c.region = ANY ($5::text[]) AND c.status IN ('open', 'closed', "          \
    "'awarded') AND ($2::text IS NULL OR c.region = $2) "                                          \
    "AND ($3::text IS NULL OR (c.sectors || c.subsectors) @> ARRAY[$3]) "                          \
    "AND ($4::text IS NULL OR call_state(c.status, c.deadline) = $4) "                             \
    "AND ($1 = '' OR c.document @@ search_tsquery($1))"
DB_STMT(call_search_hits,
        "SELECT c.id, c.org_id, c.region, c.lang, c.title, c.summary, c.sectors || c.subsectors "
        "AS sectors, c.languages, call_state(c.status, c.deadline) AS state, "
        "to_char(c.deadline AT TIME ZONE tz.zone, 'YYYY-MM-DD HH24:MI') AS deadline_local, "
        "o.name AS org_name" CALL_FROM_JOIN);
DB_STMT(call_search_facets,
        "WITH m AS (SELECT c.region, c.sectors || c.subsectors AS sectors, "
        "call_state(c.status, c.deadline) AS state" CALL_FROM ") "
        "SELECT 'total' AS facet, '' AS value, count(*) AS n FROM m "
        "UNION ALL SELECT 'region', region, count(*) FROM m GROUP BY region "
        "UNION ALL SELECT 'kind', state, count(*) FROM m GROUP BY state "
        "UNION ALL SELECT 'sector', s, count(*) FROM m, unnest(m.sectors) s GROUP BY s "
        "ORDER BY 1, 3 DESC, 2");

static const char *const kinds[] = {"service", "product", "venue", "skill", "partnership", NULL};

const char *facet_name(enum facet_kind k)
{
    static const char *const names[] = {"sector", "kind", "language", "region"};
    return k < FACET__COUNT ? names[k] : "";
}

const char *facet_param(enum facet_kind k)
{
    static const char *const params[] = {"sector", "kind", "lang", "region"};
    return k < FACET__COUNT ? params[k] : "";
}

/* An optional filter: NULL when absent or empty. */
static const char *filter(struct req *r, const char *name)
{
    const char *v = req_query(r, name);
    return v != NULL && *v != '\0' ? v : NULL;
}

enum err_code search_query_read(struct req *r, struct search_query *sq, const char *path_region)
{
    memset(sq, 0, sizeof *sq);
    sq->region = path_region ? path_region : filter(r, "region");
    sq->q = filter(r, "q");
    if (sq->q == NULL)
        sq->q = "";
    else if (utf8_length(sq->q) > 200)
        req_field_error(r, "q",
                        i18n_format(r->arena, r->lang, "field.too_long", "max", "200", NULL));
    sq->sector = filter(r, "sector");
    sq->kind = filter(r, "kind");
    sq->lang = filter(r, "lang");
    if (sq->region && plugin_find(sq->region) == NULL)
        req_field_error(r, "region", T(r, "field.region"));
    if (sq->sector && !taxonomy_is_sector(sq->sector) && plugin_for_subsector(sq->sector) == NULL)
        req_field_error(
            r, "sector",
            i18n_format(r->arena, r->lang, "listing.unknown_sector", "sector", sq->sector, NULL));
    if (sq->kind) {
        bool known = false;
        for (const char *const *k = kinds; *k; k++)
            known |= strcmp(*k, sq->kind) == 0;
        if (!known)
            req_field_error(r, "kind", T(r, "field.choice"));
    }
    if (sq->lang && language_name(sq->lang) == NULL)
        req_field_error(
            r, "lang",
            i18n_format(r->arena, r->lang, "listing.unknown_language", "code", sq->lang, NULL));
    const char *sort = filter(r, "sort");
    sq->newest = sort != NULL ? strcmp(sort, "newest") == 0 : *sq->q == '\0';
    if (sort && strcmp(sort, "newest") != 0 && strcmp(sort, "relevance") != 0)
        req_field_error(r, "sort", T(r, "field.choice"));
    const char *page = filter(r, "page"), *as_of = filter(r, "as_of");
    char *end;
    sq->page = page ? (int)strtol(page, &end, 10) : 1;
    if (page && (*end != '\0' || sq->page < 1 || sq->page > 10000))
        req_field_error(
            r, "page",
            i18n_format(r->arena, r->lang, "field.number", "min", "1", "max", "10000", NULL));
    sq->as_of = as_of ? strtoll(as_of, &end, 10) : 0;
    if (as_of && (*end != '\0' || sq->as_of < 0))
        req_field_error(r, "as_of", T(r, "field.not_text"));
    return input_has_errors(r) ? ERR_INVALID : ERR_NONE;
}

static void hits_fill(struct req *r, PGresult *res, struct search_result *out)
{
    struct arena *a = r->arena;
    out->n_hits = PQntuples(res);
    out->hits = arena_calloc(a, (size_t)out->n_hits + 1, sizeof *out->hits);
    for (int i = 0; i < out->n_hits; i++) {
        struct search_hit *h = &out->hits[i];
        h->id = db_int(res, i, "listing_id");
        h->org_id = db_int(res, i, "org_id");
        h->region = arena_strdup(a, db_value(res, i, "region"));
        h->org_name = arena_strdup(a, db_value(res, i, "org_name"));
        h->kind = arena_strdup(a, db_value(res, i, "kind"));
        h->lang = arena_strdup(a, db_value(res, i, "lang"));
        h->title = arena_strdup(a, db_value(res, i, "title"));
        h->summary = arena_strdup(a, db_value(res, i, "summary"));
        h->price_basis = arena_strdup(a, db_value(res, i, "price_basis"));
        h->published_at = arena_strdup(a, db_value(res, i, "published_at"));
        h->has_price = !db_is_null(res, i, "price_minor");
        h->price_minor = db_int(res, i, "price_minor");
        h->sectors = db_array_value(a, res, i, "sectors", &h->n_sectors);
        h->languages = db_array_value(a, res, i, "languages", &h->n_languages);
    }
}

static void facets_fill(struct req *r, PGresult *res, struct search_result *out)
{
    int rows = PQntuples(res);
    for (int k = 0; k < FACET__COUNT; k++)
        out->facets[k] = arena_calloc(r->arena, (size_t)rows + 1, sizeof *out->facets[k]);
    for (int i = 0; i < rows; i++) {
        const char *facet = db_value(res, i, "facet");
        if (strcmp(facet, "total") == 0) {
            out->total = db_int(res, i, "n");
            continue;
        }
        for (int k = 0; k < FACET__COUNT; k++)
            if (strcmp(facet, facet_name((enum facet_kind)k)) == 0) {
                struct facet_value *f = &out->facets[k][out->n_facets[k]++];
                f->value = arena_strdup(r->arena, db_value(res, i, "value"));
                f->count = db_int(res, i, "n");
            }
    }
}

enum err_code listing_search(struct req *r, const struct search_query *sq,
                             struct search_result *out)
{
    if (search_index_ready(r))
        return search_index_query(r, sq, out);
    return listing_search_in_database(r, sq, out);
}

enum err_code listing_search_in_database(struct req *r, const struct search_query *sq,
                                         struct search_result *out)
{
    memset(out, 0, sizeof *out);
    out->as_of = sq->as_of;
    if (out->as_of == 0) {
        PGresult *now = db_exec(r->arena, &search_now, 0, NULL);
        if (now == NULL)
            return db_error_code();
        out->as_of = db_int(now, 0, "seq");
    }
    char per_page[8], offset[16], as_of[24];
    snprintf(per_page, sizeof per_page, "%d", SEARCH_PER_PAGE);
    snprintf(offset, sizeof offset, "%d", (sq->page - 1) * SEARCH_PER_PAGE);
    snprintf(as_of, sizeof as_of, "%lld", out->as_of);
    const char *params[] = {
        sq->q,    sq->region, sq->sector, sq->kind, sq->lang, as_of, plugin_slugs_literal(r->arena),
        per_page, offset};
    PGresult *hits =
        db_exec(r->arena, sq->newest ? &search_by_newest : &search_by_relevance, 9, params);
    PGresult *facets = hits ? db_exec(r->arena, &search_facets, 7, params) : NULL;
    if (facets == NULL)
        return db_error_code();
    hits_fill(r, hits, out);
    facets_fill(r, facets, out);
    return ERR_NONE;
}

static void call_hits_fill(struct req *r, PGresult *res, struct search_result *out)
{
    struct arena *a = r->arena;
    out->n_hits = PQntuples(res);
    out->hits = arena_calloc(a, (size_t)out->n_hits + 1, sizeof *out->hits);
    for (int i = 0; i < out->n_hits; i++) {
        struct search_hit *h = &out->hits[i];
        h->id = db_int(res, i, "id");
        h->org_id = db_int(res, i, "org_id");
        h->region = arena_strdup(a, db_value(res, i, "region"));
        h->org_name = arena_strdup(a, db_value(res, i, "org_name"));
        h->lang = arena_strdup(a, db_value(res, i, "lang"));
        h->title = arena_strdup(a, db_value(res, i, "title"));
        h->summary = arena_strdup(a, db_value(res, i, "summary"));
        h->state = arena_strdup(a, db_value(res, i, "state"));
        h->published_at = arena_strdup(a, db_value(res, i, "deadline_local"));
        h->sectors = db_array_value(a, res, i, "sectors", &h->n_sectors);
        h->languages = db_array_value(a, res, i, "languages", &h->n_languages);
    }
}

enum err_code call_search(struct req *r, const struct search_query *sq, struct search_result *out)
{
    memset(out, 0, sizeof *out);
    char per_page[8], offset[16];
    snprintf(per_page, sizeof per_page, "%d", SEARCH_PER_PAGE);
    snprintf(offset, sizeof offset, "%d", (sq->page - 1) * SEARCH_PER_PAGE);
    const char *params[] = {sq->q,
                            sq->region,
                            sq->sector,
                            sq->status,
                            plugin_slugs_literal(r->arena),
                            per_page,
                            offset,
                            plugin_zones_literal(r->arena)};
    PGresult *hits = db_exec(r->arena, &call_search_hits, 8, params);
    PGresult *facets = hits ? db_exec(r->arena, &call_search_facets, 5, params) : NULL;
    if (facets == NULL)
        return db_error_code();
    call_hits_fill(r, hits, out);
    facets_fill(r, facets, out); /* the status facet comes in the kind slot */
    return ERR_NONE;
}
