/*
 * match.c — matchmaking between calls and listings; see match.h and docs/matchmaking.md.
 *
 * A question (the matches of a call, or of a listing) takes three statements: the subject (with
 * its key terms); its candidates, read through the windows of sql/004 (bounded index range
 * scans that apply the hard filters), the best SCORED of them by the windows' estimate, with
 * the features scoring needs; and the details (texts, names) of the matches on the requested
 * page.  When the call's region's plugin has an adjust_match hook, the texts of the candidates
 * it judges are read before scoring, to build the views the hook is given.  The scores, the
 * plugin's adjustment, the order (score, then id) and the page are computed here.  Answers are
 * kept per worker while no listing or call has changed (the cache at the end of the file).
 */
#include "match.h"

#include "arena.h"
#include "db.h"
#include "i18n.h"
#include "languages.h"
#include "plugin.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How many index entries the windows of one question read (about), and the least per window:
 * a call reads its sectors', their pairs' and its keywords' windows; a listing its sectors'. */
#define SINGLE_BUDGET 600
#define PAIR_BUDGET   6000
#define TAG_BUDGET    600
#define CALL_BUDGET   8000
#define WINDOW_MIN    20
#define PAIR_MIN      50
/* How many of the candidates found are scored in full (the best by the windows' estimate). */
#define SCORED 300
/* Shared key terms that give the whole text weight (each is worth MATCH_W_TEXT / TEXT_TERMS). */
#define TEXT_TERMS 10
/* Tags that give the whole tag weight (or all of the call's, when it has fewer). */
#define TAGS_FULL 3

#define LISTING_COLUMNS                                                                            \
    "li.listing_id, li.region, li.org_id, li.sectors AS slugs, v.kind, v.lang, v.title, "          \
    "v.summary, v.description, v.sectors, v.subsectors, v.tags, "                                  \
    "ARRAY(SELECT lower(t) FROM unnest(v.tags) t) AS tags_folded, v.languages, v.capacity, "       \
    "li.price_minor, v.price_basis, o.name AS org_name, "                                          \
    "to_char(li.available_from, 'YYYY-MM-DD') AS available_from, "                                 \
    "to_char(li.available_until, 'YYYY-MM-DD') AS available_until"

/* What scoring needs of a candidate listing or call (m: match_listings, match_calls), under the
 * names listing_side and call_side read. */
#define LISTING_FEATURES                                                                           \
    "m.listing_id, m.region, m.org_id, m.slugs, m.languages, m.tags AS tags_folded"
#define CALL_FEATURES                                                                              \
    "m.call_id AS id, m.region, m.org_id, m.sectors, m.subsectors, m.languages, "                  \
    "m.tags AS tags_folded"

/* `zones` is the parameter holding the regions' timezones as "slug=zone" pairs. */
#define CALL_COLUMNS(zones)                                                                        \
    "c.id, c.region, c.org_id, c.lang, c.title, c.summary, c.description, c.event_title, "         \
    "c.sectors, c.subsectors, c.tags, ARRAY(SELECT lower(t) FROM unnest(c.tags) t) AS "            \
    "tags_folded, c.languages, c.cross_region, c.partners_sought, c.budget_min_minor, "            \
    "c.budget_max_minor, to_char(coalesce(c.event_start, c.event_end), 'YYYY-MM-DD') AS "          \
    "event_from, to_char(coalesce(c.event_end, c.event_start), 'YYYY-MM-DD') AS event_until, "     \
    "to_char(c.deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS deadline_utc, "   \
    "to_char(c.deadline AT TIME ZONE coalesce((SELECT split_part(z, '=', 2) FROM unnest(" zones    \
    "::text[]) z WHERE split_part(z, '=', 1) = c.region), 'UTC'), 'YYYY-MM-DD HH24:MI') AS "       \
    "deadline_local, o.name AS org_name"

DB_STMT(match_call_subject,
        "SELECT " CALL_COLUMNS(
            "$2") ", match_key_terms(c.document) AS terms, "
                  "(c.status = 'open' AND c.deadline > now()) AS open "
                  "FROM calls c JOIN organisations o ON o.id = c.org_id WHERE c.id = $1");

DB_STMT(match_listing_subject,
        "SELECT " LISTING_COLUMNS ", match_key_terms(li.document) AS terms "
        "FROM listing_index li JOIN listing_versions v ON v.id = li.version_id "
        "JOIN organisations o ON o.id = li.org_id WHERE li.listing_id = $1");

/* The hard filters of a listing window (p: match_listing_keys).  $4 the organisations left
 * out, $5 the call's budget maximum (NULL: unknown), $6 the regions with the call's currency,
 * $7 and $8 its event's first and last day (NULL: unknown). */
#define LISTING_WINDOW_FILTERS                                                                     \
    " AND p.org_id <> ALL ($4::bigint[]) "                                                         \
    " AND ($5::bigint IS NULL OR p.price_minor IS NULL "                                           \
    "      OR p.region <> ALL ($6::text[]) OR p.price_minor <= $5) "                               \
    " AND ($7::date IS NULL OR p.available_until IS NULL OR p.available_until >= $7) "             \
    " AND ($8::date IS NULL OR p.available_from IS NULL OR p.available_from <= $8) "

/* A call's candidates.  The windows: its sought slugs ($1, $3 entries each) and their pairs
 * ($10, $11 each) in each region it accepts ($2), and its keywords ($12, $13 each) among the
 * listings sharing a sought slug.  Of what they hold, the $17 with the best estimate are
 * scored: the sector, keyword and region points the windows show (coverage out of $15 sought,
 * from the pairs a listing appears under when more than one; keywords out of $16; the call's
 * region $14), in integers scaled by $15 * max($16, 1).  $9 are the call's key terms. */
DB_STMT(match_call_candidates,
        "WITH k AS (SELECT key, 1 AS kind, $3::int AS n FROM unnest($1::text[]) key "
        "  UNION ALL SELECT key, 2, $11::int FROM unnest($10::text[]) key), "
        "w AS (SELECT k.kind, p.listing_id, p.region, p.seq FROM k "
        "  CROSS JOIN unnest($2::text[]) g(region) CROSS JOIN LATERAL ("
        "    SELECT p.listing_id, p.region, p.seq FROM match_listing_keys p "
        "     WHERE p.key = k.key AND p.region = g.region" LISTING_WINDOW_FILTERS
        "     ORDER BY p.seq DESC LIMIT k.n) p "
        "  UNION ALL SELECT 3, p.listing_id, p.region, p.seq FROM unnest($12::text[]) t(key) "
        "  CROSS JOIN unnest($2::text[]) g(region) CROSS JOIN LATERAL ("
        "    SELECT p.listing_id, p.region, p.seq FROM match_listing_keys p "
        "     WHERE p.key = t.key AND p.region = g.region "
        "       AND p.sectors && $1::text[]" LISTING_WINDOW_FILTERS
        "     ORDER BY p.seq DESC LIMIT $13) p), "
        "a AS (SELECT listing_id, count(*) FILTER (WHERE kind = 1) AS singles, "
        "  count(*) FILTER (WHERE kind = 2) AS pairs, count(*) FILTER (WHERE kind = 3) AS tags, "
        "  bool_or(region = $14) AS same, max(seq) AS seq FROM w GROUP BY listing_id), "
        "best AS (SELECT listing_id FROM a ORDER BY 40 * greatest(singles, CASE WHEN pairs = 0 "
        "  THEN 0 WHEN pairs < 3 THEN 2 WHEN pairs < 6 THEN 3 WHEN pairs < 10 THEN 4 "
        "  WHEN pairs < 15 THEN 5 ELSE 6 END) * greatest($16::int, 1) "
        "  + 15 * least(tags, $16::int) * $15::int "
        "  + CASE WHEN same THEN 15 * $15::int * greatest($16::int, 1) ELSE 0 END DESC, "
        "  seq DESC LIMIT $17) "
        "SELECT " LISTING_FEATURES ", match_shared_terms(m.terms, $9::text[]) AS shared_terms "
        "FROM best JOIN match_listings m ON m.listing_id = best.listing_id "
        "WHERE m.slugs && $1::text[]");

/* The hard filters of a call window (p: match_call_sectors).  $2 the listing's region, $5 the
 * organisations left out, $6 its price (NULL: none given), $7 the regions with its currency,
 * $8 and $9 its availability (NULL: open-ended), $11 calls opened after (NULL: any). */
#define CALL_WINDOW_FILTERS                                                                        \
    " AND p.deadline > now() AND p.org_id <> ALL ($5::bigint[]) "                                  \
    " AND ($6::bigint IS NULL OR p.budget_max_minor IS NULL "                                      \
    "      OR p.region <> ALL ($7::text[]) OR $6 <= p.budget_max_minor) "                          \
    " AND ($8::date IS NULL OR coalesce(p.event_end, p.event_start) IS NULL "                      \
    "      OR $8 <= coalesce(p.event_end, p.event_start)) "                                        \
    " AND ($9::date IS NULL OR coalesce(p.event_start, p.event_end) IS NULL "                      \
    "      OR $9 >= coalesce(p.event_start, p.event_end)) "                                        \
    " AND ($11::timestamptz IS NULL OR p.opened_at > $11) "

/* A listing's candidates: for each of its slugs ($1), the newest calls of its own region ($2)
 * and the newest cross-region calls of the other enabled regions ($3), $4 per window.  Of
 * those, the $12 with the best estimate (the share of each call's sought slugs the listing
 * covers, and the same region) are scored; $10 are its key terms. */
DB_STMT(match_listing_candidates,
        "WITH w AS (SELECT p.call_id, p.region, p.sought, p.opened_at "
        "FROM unnest($1::text[]) s(slug) CROSS JOIN LATERAL ("
        "  (SELECT p.call_id, p.region, p.sought, p.opened_at FROM match_call_sectors p "
        "    WHERE p.slug = s.slug AND p.region = $2" CALL_WINDOW_FILTERS
        "    ORDER BY p.opened_at DESC, p.call_id DESC LIMIT $4) "
        "  UNION ALL "
        "  (SELECT p.call_id, p.region, p.sought, p.opened_at FROM match_call_sectors p "
        "    WHERE p.slug = s.slug AND p.cross_region AND p.region <> $2 "
        "      AND p.region = ANY ($3::text[])" CALL_WINDOW_FILTERS
        "    ORDER BY p.opened_at DESC, p.call_id DESC LIMIT $4)) p), "
        "a AS (SELECT call_id, count(*) AS hits, min(sought) AS sought, bool_or(region = $2) AS "
        "  same, max(opened_at) AS opened FROM w GROUP BY call_id), "
        "best AS (SELECT call_id FROM a ORDER BY 40.0 * hits / sought "
        "  + CASE WHEN same THEN 15 ELSE 0 END DESC, opened DESC, call_id DESC LIMIT $12) "
        "SELECT " CALL_FEATURES ", match_shared_terms(m.terms, $10::text[]) AS shared_terms "
        "FROM best JOIN match_calls m ON m.call_id = best.call_id");

/* The details of listings $1 (display, plugin views), in the order given. */
DB_STMT(match_listing_details,
        "SELECT " LISTING_COLUMNS " FROM unnest($1::bigint[]) WITH ORDINALITY d(id, n) "
        "JOIN listing_index li ON li.listing_id = d.id "
        "JOIN listing_versions v ON v.id = li.version_id "
        "JOIN organisations o ON o.id = li.org_id ORDER BY d.n");

/* The details of calls $1, in the order given; $2 the regions' timezones. */
DB_STMT(
    match_call_details,
    "SELECT " CALL_COLUMNS(
        "$2") " FROM unnest($1::bigint[]) WITH ORDINALITY d(id, n) "
              "JOIN calls c ON c.id = d.id JOIN organisations o ON o.id = c.org_id ORDER BY d.n");

/* What the plugin views need of listings $1 and of calls $1 (listing_view, call_view), in the
 * order given. */
DB_STMT(match_listing_views,
        "SELECT li.listing_id, li.region, v.kind, v.title, v.summary, v.description, v.sectors, "
        "v.subsectors, v.tags, v.languages, v.capacity, v.price_minor "
        "FROM unnest($1::bigint[]) WITH ORDINALITY d(id, n) "
        "JOIN listing_index li ON li.listing_id = d.id "
        "JOIN listing_versions v ON v.id = li.version_id ORDER BY d.n");
DB_STMT(match_call_views,
        "SELECT c.id, c.region, c.title, c.summary, c.description, c.event_title, c.sectors, "
        "c.subsectors, c.tags, c.languages, c.cross_region, c.partners_sought, "
        "c.budget_min_minor, c.budget_max_minor "
        "FROM unnest($1::bigint[]) WITH ORDINALITY d(id, n) JOIN calls c ON c.id = d.id "
        "ORDER BY d.n");

/* What scoring compares of one side of a pair. */
struct side {
    const char *region;
    const char **slugs; /* a call's: sought, distinct; a listing's: its sectors and sub-sectors */
    const char **tags;  /* lower-cased; a call's distinct */
    const char **languages;
    int n_slugs, n_tags, n_languages;
};

/* The contributions of a pair, in points. */
struct points {
    int sectors, text, tags, languages, region, plugin;
    int shared_terms;
    const char *plugin_key;
};

/* A candidate being scored: its row in the candidates' result. */
struct cand {
    int row;
    long long id;
    int score;
    struct points p;
};

/* --- small helpers --- */

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* weight * part / whole, rounded half up; 0 when whole is 0. */
static int share_points(int weight, int part, int whole)
{
    return whole > 0 ? (2 * weight * part + whole) / (2 * whole) : 0;
}

static bool contains(const char *const *items, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (strcmp(items[i], s) == 0)
            return true;
    return false;
}

/* Keeps the first of equal strings, in order; returns the new count. */
static int distinct(const char **items, int n)
{
    int out = 0;
    for (int i = 0; i < n; i++)
        if (!contains(items, out, items[i]))
            items[out++] = items[i];
    items[out] = NULL;
    return out;
}

static const char *num(struct arena *a, long long v)
{
    return arena_printf(a, "%lld", v);
}

static const char *enabled_regions(struct arena *a, int *count)
{
    const char *slugs[64];
    int n = 0;
    for (int i = 0; i < plugin_count() && n < 64; i++)
        slugs[n++] = plugin_at(i)->desc->slug;
    *count = n;
    return db_array_literal(a, slugs, n);
}

/* The enabled regions whose currency is the one of `region`. */
static const char *same_currency_regions(struct arena *a, const char *region)
{
    const struct plugin *own = plugin_find(region);
    const char *slugs[64];
    int n = 0;
    for (int i = 0; own && i < plugin_count() && n < 64; i++)
        if (strcmp(plugin_at(i)->desc->currency, own->desc->currency) == 0)
            slugs[n++] = plugin_at(i)->desc->slug;
    return db_array_literal(a, slugs, n);
}

/* The caller's organisations and the subject's own, as a bigint[] literal. */
static const char *excluded_orgs(struct arena *a, const char *caller_orgs, long long own)
{
    int n = 0;
    const char **ids = db_array(a, caller_orgs, &n);
    const char **all = arena_calloc(a, (size_t)n + 2, sizeof *all);
    memcpy(all, ids, (size_t)n * sizeof *all);
    all[n] = num(a, own);
    return db_array_literal(a, all, n + 1);
}

/* --- sides and views --- */

static void listing_side(struct arena *a, PGresult *res, int row, struct side *s)
{
    s->region = db_value(res, row, "region");
    s->slugs = db_array_value(a, res, row, "slugs", &s->n_slugs);
    s->tags = db_array_value(a, res, row, "tags_folded", &s->n_tags);
    s->languages = db_array_value(a, res, row, "languages", &s->n_languages);
}

static void call_side(struct arena *a, PGresult *res, int row, struct side *s)
{
    int n_sectors, n_sub;
    const char **sectors = db_array_value(a, res, row, "sectors", &n_sectors);
    const char **sub = db_array_value(a, res, row, "subsectors", &n_sub);
    s->region = db_value(res, row, "region");
    s->slugs = arena_calloc(a, (size_t)(n_sectors + n_sub) + 1, sizeof *s->slugs);
    memcpy(s->slugs, sectors, (size_t)n_sectors * sizeof *s->slugs);
    memcpy(s->slugs + n_sectors, sub, (size_t)n_sub * sizeof *s->slugs);
    s->n_slugs = distinct(s->slugs, n_sectors + n_sub);
    s->tags = db_array_value(a, res, row, "tags_folded", &s->n_tags);
    s->n_tags = distinct(s->tags, s->n_tags);
    s->languages = db_array_value(a, res, row, "languages", &s->n_languages);
    s->n_languages = distinct(s->languages, s->n_languages);
}

static void listing_view(struct arena *a, PGresult *res, int row, struct portal_listing_view *v)
{
    memset(v, 0, sizeof *v);
    v->region = db_value(res, row, "region");
    v->kind = db_value(res, row, "kind");
    v->title = db_value(res, row, "title");
    v->summary = db_value(res, row, "summary");
    v->description = db_value(res, row, "description");
    v->sectors = db_array_value(a, res, row, "sectors", NULL);
    v->subsectors = db_array_value(a, res, row, "subsectors", NULL);
    v->tags = db_array_value(a, res, row, "tags", NULL);
    v->languages = db_array_value(a, res, row, "languages", NULL);
    v->has_capacity = !db_is_null(res, row, "capacity");
    v->capacity = db_int(res, row, "capacity");
    v->has_price = !db_is_null(res, row, "price_minor");
    v->price_minor = db_int(res, row, "price_minor");
}

static void call_view(struct arena *a, PGresult *res, int row, struct portal_call_view *v)
{
    memset(v, 0, sizeof *v);
    v->region = db_value(res, row, "region");
    v->title = db_value(res, row, "title");
    v->summary = db_value(res, row, "summary");
    v->description = db_value(res, row, "description");
    v->event_title = db_value(res, row, "event_title");
    v->sectors = db_array_value(a, res, row, "sectors", NULL);
    v->subsectors = db_array_value(a, res, row, "subsectors", NULL);
    v->tags = db_array_value(a, res, row, "tags", NULL);
    v->languages = db_array_value(a, res, row, "languages", NULL);
    v->cross_region = db_bool(res, row, "cross_region");
    v->partners_sought = db_int(res, row, "partners_sought");
    v->has_budget =
        !db_is_null(res, row, "budget_min_minor") || !db_is_null(res, row, "budget_max_minor");
    v->budget_min_minor = db_int(res, row, "budget_min_minor");
    v->budget_max_minor = db_int(res, row, "budget_max_minor");
}

/* --- scoring --- */

/* The three lists of a side that scoring compares. */
enum list { SLUGS, TAGS, LANGUAGES };

static const char *const *list_of(const struct side *s, enum list which, int *n)
{
    *n = which == SLUGS ? s->n_slugs : which == TAGS ? s->n_tags : s->n_languages;
    return which == SLUGS ? s->slugs : which == TAGS ? s->tags : s->languages;
}

/* How many items of the call's list `which` the listing's has too. */
static int shared(const struct side *call, const struct side *listing, enum list which)
{
    int n, n_in, k = 0;
    const char *const *items = list_of(call, which, &n);
    const char *const *in = list_of(listing, which, &n_in);
    for (int i = 0; i < n; i++)
        k += contains(in, n_in, items[i]);
    return k;
}

/* The core's features of a pair (docs/matchmaking.md, "Weighted features"). */
static void score_core(const struct side *call, const struct side *listing, int shared_terms,
                       struct points *p)
{
    memset(p, 0, sizeof *p);
    int covered = shared(call, listing, SLUGS);
    int tags = shared(call, listing, TAGS);
    int langs = shared(call, listing, LANGUAGES);
    int full_tags = call->n_tags < TAGS_FULL ? call->n_tags : TAGS_FULL;
    p->sectors = share_points(MATCH_W_SECTORS, covered, call->n_slugs);
    p->tags = share_points(MATCH_W_TAGS, tags < full_tags ? tags : full_tags, full_tags);
    p->languages = share_points(MATCH_W_LANGUAGES, langs, call->n_languages);
    p->region = strcmp(call->region, listing->region) == 0 ? MATCH_W_REGION : 0;
    p->shared_terms = shared_terms;
    p->text = MATCH_W_TEXT * (shared_terms < TEXT_TERMS ? shared_terms : TEXT_TERMS) / TEXT_TERMS;
}

static int core_total(const struct points *p)
{
    return p->sectors + p->text + p->tags + p->languages + p->region;
}

/* The call's region's plugin speaks last: its delta is clamped to ±MATCH_PLUGIN_BOUND and the
 * result to 0..100; what is actually applied is recorded with the plugin's reason. */
static void plugin_adjust(const struct plugin *pl, const struct portal_call_view *cv,
                          const struct portal_listing_view *lv, struct points *p)
{
    int core = core_total(p);
    struct portal_match_view m = {cv, lv, core};
    struct portal_adjustment adj = {0, NULL};
    if (pl->desc->adjust_match(&m, &adj) != 0 || adj.delta == 0)
        return;
    int delta = clamp(adj.delta, -MATCH_PLUGIN_BOUND, MATCH_PLUGIN_BOUND);
    p->plugin = clamp(core + delta, 0, 100) - core;
    p->plugin_key = adj.reason_key;
}

/* Best first; equal scores by id, so the order is total and the same every time. */
static int cand_order(const void *x, const void *y)
{
    const struct cand *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* --- reasons --- */

/* "a", "a and b", "a, b and c" in the reader's language. */
static const char *names_text(struct arena *a, const char *lang, const char **names, int n)
{
    if (n == 1)
        return names[0];
    size_t len = 1;
    for (int i = 0; i < n - 1; i++)
        len += strlen(names[i]) + 2;
    char *head = arena_alloc(a, len);
    head[0] = '\0';
    for (int i = 0; i < n - 1; i++) {
        if (i > 0)
            strcat(head, ", ");
        strcat(head, names[i]);
    }
    return i18n_format(a, lang, "match.list_and", "list", head, "last", names[n - 1], NULL);
}

/* The names of the items of the call's list `which` that the listing's has too: sectors by
 * their catalogue name, languages by their autonym, keywords as they are. */
static const char *shared_names(struct arena *a, const char *lang, const struct side *call,
                                const struct side *listing, enum list which, int *count)
{
    int n, n_in;
    const char *const *items = list_of(call, which, &n);
    const char *const *in = list_of(listing, which, &n_in);
    const char **names = arena_calloc(a, (size_t)n + 1, sizeof *names);
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (!contains(in, n_in, items[i]))
            continue;
        const char *name = items[i];
        if (which == SLUGS)
            name = i18n_text(lang, arena_printf(a, "sector.%s", items[i]));
        else if (which == LANGUAGES && language_name(items[i]) != NULL)
            name = language_name(items[i]);
        names[k++] = name;
    }
    *count = k;
    return k ? names_text(a, lang, names, k) : "";
}

static void reason_add(struct match_item *it, const char *text, int points)
{
    if (points != 0 && it->n_reasons < MATCH_MAX_REASONS)
        it->reasons[it->n_reasons++] = (struct match_reason){text, points};
}

static void reasons_fill(struct arena *a, const char *lang, const struct side *call,
                         const struct side *listing, const struct points *p, struct match_item *it)
{
    int n;
    const char *names = shared_names(a, lang, call, listing, SLUGS, &n);
    reason_add(it,
               i18n_format(a, lang, n == 1 ? "match.reason.sector" : "match.reason.sectors",
                           "names", names, NULL),
               p->sectors);
    reason_add(it,
               i18n_format(a, lang, "match.reason.terms", "count", num(a, p->shared_terms), NULL),
               p->text);
    names = shared_names(a, lang, call, listing, TAGS, &n);
    reason_add(it,
               i18n_format(a, lang, n == 1 ? "match.reason.tag" : "match.reason.tags", "names",
                           names, NULL),
               p->tags);
    names = shared_names(a, lang, call, listing, LANGUAGES, &n);
    reason_add(it, i18n_format(a, lang, "match.reason.languages", "names", names, NULL),
               p->languages);
    const struct plugin *pl = plugin_find(call->region);
    reason_add(it,
               i18n_format(a, lang, "match.reason.region", "region",
                           pl ? pl->desc->name : call->region, NULL),
               p->region);
    reason_add(it, i18n_text(lang, p->plugin_key ? p->plugin_key : "match.reason.plugin"),
               p->plugin);
}

/* --- one question --- */

/* The matches of a call (of_call: the candidates are listings) or of a listing (calls). */
struct question {
    struct arena *a;
    const struct match_options *o;
    bool of_call;
    PGresult *subject; /* its row: CALL_COLUMNS or LISTING_COLUMNS, with its key terms */
    PGresult *found;   /* the candidates' features */
    struct side side;  /* the subject's */
    struct cand *c;
    int n;
};

static void other_side(const struct question *q, int row, struct side *s)
{
    if (q->of_call)
        listing_side(q->a, q->found, row, s);
    else
        call_side(q->a, q->found, row, s);
}

static void score_all(struct question *q)
{
    q->n = PQntuples(q->found);
    q->c = arena_calloc(q->a, (size_t)q->n + 1, sizeof *q->c);
    for (int i = 0; i < q->n; i++) {
        struct side other;
        other_side(q, i, &other);
        q->c[i].row = i;
        q->c[i].id = db_int(q->found, i, q->of_call ? "listing_id" : "id");
        score_core(q->of_call ? &q->side : &other, q->of_call ? &other : &q->side,
                   (int)db_int(q->found, i, "shared_terms"), &q->c[i].p);
    }
}

/* The details of candidates c[0..n), in that order (views: only what the plugin views need):
 * *rows receives, for each, its row in the result or -1 when it is gone (archived or closed
 * since the candidates were read). */
static PGresult *details(struct question *q, const struct cand *c, int n, bool views, int **rows)
{
    const char **ids = arena_calloc(q->a, (size_t)n + 1, sizeof *ids);
    for (int i = 0; i < n; i++)
        ids[i] = num(q->a, c[i].id);
    const char *params[] = {db_array_literal(q->a, ids, n), plugin_zones_literal(q->a)};
    struct db_stmt *st = q->of_call ? (views ? &match_listing_views : &match_listing_details)
                                    : (views ? &match_call_views : &match_call_details);
    PGresult *res = db_exec(q->a, st, q->of_call || views ? 1 : 2, params);
    if (res == NULL)
        return NULL;
    *rows = arena_calloc(q->a, (size_t)n + 1, sizeof **rows);
    const char *column = q->of_call ? "listing_id" : "id";
    for (int i = 0, k = 0; i < n; i++) {
        bool here = k < PQntuples(res) && db_int(res, k, column) == c[i].id;
        (*rows)[i] = here ? k++ : -1;
    }
    return res;
}

/* The plugin of the call's region, if it has an adjust_match hook. */
static const struct plugin *hook_of(const struct question *q, int row)
{
    const char *region = q->of_call ? q->side.region : db_value(q->found, row, "region");
    const struct plugin *pl = plugin_find(region);
    return pl != NULL && pl->desc->adjust_match != NULL ? pl : NULL;
}

/* Lets the regions' plugins adjust the candidates of calls in their region. */
static enum err_code adjust_all(struct question *q)
{
    struct cand *judged = arena_calloc(q->a, (size_t)q->n + 1, sizeof *judged);
    int k = 0;
    for (int i = 0; i < q->n; i++)
        if (hook_of(q, i) != NULL)
            judged[k++] = q->c[i];
    if (k == 0)
        return ERR_NONE;
    int *rows;
    PGresult *d = details(q, judged, k, true, &rows);
    if (d == NULL)
        return db_error_code();
    struct portal_call_view cv;
    struct portal_listing_view lv;
    if (q->of_call)
        call_view(q->a, q->subject, 0, &cv);
    else
        listing_view(q->a, q->subject, 0, &lv);
    for (int j = 0; j < k; j++) {
        if (rows[j] < 0)
            continue;
        if (q->of_call)
            listing_view(q->a, d, rows[j], &lv);
        else
            call_view(q->a, d, rows[j], &cv);
        plugin_adjust(hook_of(q, judged[j].row), &cv, &lv, &q->c[judged[j].row].p);
    }
    return ERR_NONE;
}

static void item_fill(PGresult *res, int row, const char *id_column, struct match_item *it)
{
    it->id = db_int(res, row, id_column);
    it->org_id = db_int(res, row, "org_id");
    it->region = db_value(res, row, "region");
    it->lang = db_value(res, row, "lang");
    it->title = db_value(res, row, "title");
    it->summary = db_value(res, row, "summary");
    it->org_name = db_value(res, row, "org_name");
    it->kind = db_value(res, row, "kind");
    it->price_basis = db_value(res, row, "price_basis");
    it->has_price = !db_is_null(res, row, "price_minor");
    it->price_minor = db_int(res, row, "price_minor");
    it->deadline_utc = db_value(res, row, "deadline_utc");
    it->deadline_local = db_value(res, row, "deadline_local");
}

/* Orders the candidates, keeps those reaching min_score; returns where the page starts and
 * sets *count to its length. */
static int page_of(struct question *q, struct match_result *out, int *count)
{
    int kept = 0;
    for (int i = 0; i < q->n; i++) {
        q->c[i].score = core_total(&q->c[i].p) + q->c[i].p.plugin;
        if (q->c[i].score >= q->o->min_score)
            q->c[kept++] = q->c[i];
    }
    qsort(q->c, (size_t)kept, sizeof *q->c, cand_order);
    out->total = kept;
    int from = q->o->offset < 0 ? 0 : q->o->offset < kept ? q->o->offset : kept;
    *count = kept - from < q->o->limit ? kept - from : q->o->limit;
    if (*count < 0)
        *count = 0;
    return from;
}

/* Scores, adjusts, orders, and fills the requested page with details and reasons. */
static enum err_code answer(struct question *q, struct match_result *out)
{
    score_all(q);
    enum err_code rc = adjust_all(q);
    if (rc != ERR_NONE)
        return rc;
    int count, from = page_of(q, out, &count);
    out->items = arena_calloc(q->a, (size_t)count + 1, sizeof *out->items);
    int *rows;
    PGresult *d = count > 0 ? details(q, q->c + from, count, false, &rows) : NULL;
    if (count > 0 && d == NULL)
        return db_error_code();
    for (int i = 0; i < count; i++) {
        const struct cand *c = &q->c[from + i];
        if (rows[i] < 0)
            continue;
        struct match_item *it = &out->items[out->n_items++];
        struct side other;
        other_side(q, c->row, &other);
        item_fill(d, rows[i], q->of_call ? "listing_id" : "id", it);
        it->score = c->score;
        reasons_fill(q->a, q->o->lang, q->of_call ? &q->side : &other,
                     q->of_call ? &other : &q->side, &c->p, it);
    }
    return ERR_NONE;
}

/* The window size: `budget` entries shared by `windows` windows, at least `least` each. */
static const char *window_size(struct arena *a, int budget, int windows, int least)
{
    int size = windows > 0 ? (budget + windows - 1) / windows : budget;
    return num(a, size < least ? least : size);
}

/* --- a call's listings --- */

/* The call's single windows: a shared sector in every accepted region, a sub-sector in its
 * own. */
static int call_windows(const struct side *call, bool cross, int n_regions)
{
    int windows = 0;
    for (int i = 0; i < call->n_slugs; i++) {
        const struct plugin *owner = plugin_for_subsector(call->slugs[i]);
        windows += owner == NULL                                           ? (cross ? n_regions : 1)
                   : cross || strcmp(owner->desc->slug, call->region) == 0 ? 1
                                                                           : 0;
    }
    return windows;
}

/* The keys of the pairs of the call's slugs: "a+b", the two in byte order (sql/004). */
static const char *pair_keys(struct arena *a, const struct side *call, int *count)
{
    int n = call->n_slugs, k = 0;
    const char **keys = arena_calloc(a, (size_t)(n * (n - 1) / 2) + 1, sizeof *keys);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            const char *x = call->slugs[i], *y = call->slugs[j];
            keys[k++] =
                strcmp(x, y) < 0 ? arena_printf(a, "%s+%s", x, y) : arena_printf(a, "%s+%s", y, x);
        }
    *count = k;
    return db_array_literal(a, keys, k);
}

/* The keys of the call's keywords: "#" and the lower-cased keyword. */
static const char *tag_keys(struct arena *a, const struct side *call)
{
    const char **keys = arena_calloc(a, (size_t)call->n_tags + 1, sizeof *keys);
    for (int i = 0; i < call->n_tags; i++)
        keys[i] = arena_printf(a, "#%s", call->tags[i]);
    return db_array_literal(a, keys, call->n_tags);
}

static PGresult *call_candidates(struct question *q)
{
    struct arena *a = q->a;
    const struct side *call = &q->side;
    int n_regions, n_pairs;
    const char *enabled = enabled_regions(a, &n_regions);
    bool cross = db_bool(q->subject, 0, "cross_region");
    int regions = cross ? n_regions : 1;
    const char *own[] = {call->region};
    const char *pairs = pair_keys(a, call, &n_pairs);
    const char *params[] = {
        db_array_literal(a, call->slugs, call->n_slugs),
        cross ? enabled : db_array_literal(a, own, 1),
        window_size(a, SINGLE_BUDGET, call_windows(call, cross, n_regions), WINDOW_MIN),
        excluded_orgs(a, q->o->exclude_orgs, db_int(q->subject, 0, "org_id")),
        db_value(q->subject, 0, "budget_max_minor"),
        same_currency_regions(a, call->region),
        db_value(q->subject, 0, "event_from"),
        db_value(q->subject, 0, "event_until"),
        db_value(q->subject, 0, "terms"),
        pairs,
        window_size(a, PAIR_BUDGET, n_pairs * regions, PAIR_MIN),
        tag_keys(a, call),
        window_size(a, TAG_BUDGET, call->n_tags * regions, WINDOW_MIN),
        call->region,
        num(a, call->n_slugs),
        num(a, call->n_tags < TAGS_FULL ? call->n_tags : TAGS_FULL),
        num(a, SCORED)};
    return db_exec(a, &match_call_candidates, 17, params);
}

static enum err_code compute_call_listings(struct arena *a, long long call_id,
                                           const struct match_options *o, struct match_result *out)
{
    memset(out, 0, sizeof *out);
    struct question q = {a, o, true, NULL, NULL, {0}, NULL, 0};
    const char *id[] = {num(a, call_id), plugin_zones_literal(a)};
    if ((q.subject = db_exec(a, &match_call_subject, 2, id)) == NULL)
        return db_error_code();
    if (PQntuples(q.subject) != 1 || !db_bool(q.subject, 0, "open") ||
        plugin_find(db_value(q.subject, 0, "region")) == NULL)
        return ERR_NONE;
    out->matchable = true;
    call_side(a, q.subject, 0, &q.side);
    if ((q.found = call_candidates(&q)) == NULL)
        return db_error_code();
    return answer(&q, out);
}

/* --- a listing's calls --- */

static PGresult *listing_candidates(struct question *q)
{
    struct arena *a = q->a;
    const struct side *listing = &q->side;
    int n_regions;
    const char *enabled = enabled_regions(a, &n_regions);
    const char *params[] = {db_array_literal(a, listing->slugs, listing->n_slugs),
                            listing->region,
                            enabled,
                            window_size(a, CALL_BUDGET, 2 * listing->n_slugs, PAIR_MIN),
                            excluded_orgs(a, q->o->exclude_orgs, db_int(q->subject, 0, "org_id")),
                            db_value(q->subject, 0, "price_minor"),
                            same_currency_regions(a, listing->region),
                            db_value(q->subject, 0, "available_from"),
                            db_value(q->subject, 0, "available_until"),
                            db_value(q->subject, 0, "terms"),
                            q->o->opened_after,
                            num(a, SCORED)};
    return db_exec(a, &match_listing_candidates, 12, params);
}

static enum err_code compute_listing_calls(struct arena *a, long long listing_id,
                                           const struct match_options *o, struct match_result *out)
{
    memset(out, 0, sizeof *out);
    struct question q = {a, o, false, NULL, NULL, {0}, NULL, 0};
    const char *id[] = {num(a, listing_id)};
    if ((q.subject = db_exec(a, &match_listing_subject, 1, id)) == NULL)
        return db_error_code();
    if (PQntuples(q.subject) != 1 || plugin_find(db_value(q.subject, 0, "region")) == NULL)
        return ERR_NONE;
    out->matchable = true;
    listing_side(a, q.subject, 0, &q.side);
    if ((q.found = listing_candidates(&q)) == NULL)
        return db_error_code();
    return answer(&q, out);
}

/* --- the worker's cache of answers --- */

/* An answer is kept for CACHE_TTL_US and while match_generation (bumped by the triggers of
 * sql/004 whenever a public listing or a call changes) has not moved: an organiser reopening a
 * call's matches, or an SME its dashboard, is answered without recomputing.  The TTL bounds what
 * the generation cannot see: a deadline passing, a renamed organisation, a change committed
 * while an answer was being computed. */
#define CACHE_SIZE   64
#define CACHE_TTL_US (60 * 1000000LL)

DB_STMT(match_generation_now, "SELECT last_value AS gen FROM match_generation");

struct cache_entry {
    bool used, of_call;
    long long id, gen, stored_us, used_us;
    int min_score, offset, limit;
    char *lang, *orgs, *after; /* the rest of the question; orgs and after may be NULL */
    struct match_result res;   /* a deep copy, malloc'd */
};

static struct cache_entry cache[CACHE_SIZE];

static long long mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static bool same_text(const char *x, const char *y)
{
    return x == NULL || y == NULL ? x == y : strcmp(x, y) == 0;
}

/* Copies of strings and blocks, into the heap (the cache) or an arena (the request). */
struct copier {
    struct arena *a; /* NULL: the heap */
};

static void *copy_alloc(const struct copier *c, size_t n)
{
    if (c->a != NULL)
        return arena_calloc(c->a, n, 1);
    void *p = calloc(n, 1);
    if (p == NULL)
        abort(); /* as the arena does: a worker out of memory cannot serve */
    return p;
}

static char *copy_text(const struct copier *c, const char *s)
{
    if (s == NULL)
        return NULL;
    char *d = copy_alloc(c, strlen(s) + 1);
    return strcpy(d, s);
}

static void result_copy(const struct copier *c, struct match_result *to,
                        const struct match_result *from)
{
    *to = *from;
    to->items = copy_alloc(c, ((size_t)from->n_items + 1) * sizeof *to->items);
    for (int i = 0; i < from->n_items; i++) {
        struct match_item *t = &to->items[i];
        const struct match_item *f = &from->items[i];
        *t = *f;
        t->region = copy_text(c, f->region);
        t->lang = copy_text(c, f->lang);
        t->title = copy_text(c, f->title);
        t->summary = copy_text(c, f->summary);
        t->org_name = copy_text(c, f->org_name);
        t->kind = copy_text(c, f->kind);
        t->price_basis = copy_text(c, f->price_basis);
        t->deadline_utc = copy_text(c, f->deadline_utc);
        t->deadline_local = copy_text(c, f->deadline_local);
        for (int k = 0; k < f->n_reasons; k++)
            t->reasons[k].text = copy_text(c, f->reasons[k].text);
    }
}

/* Frees a heap copy (through uintptr_t: the items' texts are const for their readers). */
static void result_free(struct match_result *r)
{
    for (int i = 0; i < r->n_items; i++) {
        struct match_item *t = &r->items[i];
        const char *texts[] = {t->region,      t->lang,         t->title,
                               t->summary,     t->org_name,     t->kind,
                               t->price_basis, t->deadline_utc, t->deadline_local};
        for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
            free((void *)(uintptr_t)texts[k]);
        for (int k = 0; k < t->n_reasons; k++)
            free((void *)(uintptr_t)t->reasons[k].text);
    }
    free(r->items);
    memset(r, 0, sizeof *r);
}

static bool cache_key_is(const struct cache_entry *e, bool of_call, long long id,
                         const struct match_options *o)
{
    return e->used && e->of_call == of_call && e->id == id && e->min_score == o->min_score &&
           e->offset == o->offset && e->limit == o->limit && same_text(e->lang, o->lang) &&
           same_text(e->orgs, o->exclude_orgs) && same_text(e->after, o->opened_after);
}

static struct cache_entry *cache_find(bool of_call, long long id, const struct match_options *o)
{
    for (int i = 0; i < CACHE_SIZE; i++)
        if (cache_key_is(&cache[i], of_call, id, o))
            return &cache[i];
    return NULL;
}

static void cache_put(bool of_call, long long id, const struct match_options *o, long long gen,
                      const struct match_result *res)
{
    struct cache_entry *e = cache_find(of_call, id, o);
    for (int i = 0; e == NULL && i < CACHE_SIZE; i++)
        if (!cache[i].used)
            e = &cache[i];
    if (e == NULL) { /* full: the least recently used goes */
        e = &cache[0];
        for (int i = 1; i < CACHE_SIZE; i++)
            if (cache[i].used_us < e->used_us)
                e = &cache[i];
    }
    if (e->used) {
        result_free(&e->res);
        free(e->lang);
        free(e->orgs);
        free(e->after);
    }
    const struct copier heap = {NULL};
    *e = (struct cache_entry){true,      of_call,  id,   gen,  mono_us(), mono_us(), o->min_score,
                              o->offset, o->limit, NULL, NULL, NULL,      {0}};
    e->lang = copy_text(&heap, o->lang);
    e->orgs = copy_text(&heap, o->exclude_orgs);
    e->after = copy_text(&heap, o->opened_after);
    result_copy(&heap, &e->res, res);
}

typedef enum err_code (*compute_fn)(struct arena *, long long, const struct match_options *,
                                    struct match_result *);

/* The answer from the cache when it is still good, else computed (and kept). */
static enum err_code cached(struct arena *a, bool of_call, long long id,
                            const struct match_options *o, compute_fn compute,
                            struct match_result *out)
{
    long long gen = o->generation;
    if (!o->has_generation) {
        PGresult *g = db_exec(a, &match_generation_now, 0, NULL);
        if (g == NULL)
            return db_error_code();
        gen = db_int(g, 0, "gen");
    }
    long long now = mono_us();
    struct cache_entry *e = cache_find(of_call, id, o);
    if (e != NULL && e->gen == gen && now - e->stored_us < CACHE_TTL_US) {
        e->used_us = now;
        const struct copier arena = {a};
        result_copy(&arena, out, &e->res);
        return ERR_NONE;
    }
    enum err_code rc = compute(a, id, o, out);
    if (rc == ERR_NONE)
        cache_put(of_call, id, o, gen, out);
    return rc;
}

enum err_code match_call_listings(struct arena *a, long long call_id, const struct match_options *o,
                                  struct match_result *out)
{
    return cached(a, true, call_id, o, compute_call_listings, out);
}

enum err_code match_listing_calls(struct arena *a, long long listing_id,
                                  const struct match_options *o, struct match_result *out)
{
    return cached(a, false, listing_id, o, compute_listing_calls, out);
}
