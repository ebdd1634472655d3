/*
 * search_index.c — the in-memory listing index; see search_index.h and docs/search.md.
 *
 * Layout (all of it owned by this file, freed by search_index_free):
 *   docs[]      one slot per indexed listing version, append-only; a replaced or removed
 *               listing's slot is marked dead (compacted by a rebuild when too many are);
 *   lexemes     a hash table from lexeme text to its posting list: ascending doc slots, and
 *               for each an offset into one pool of 16-bit positions (weight in the top 2 bits);
 *   by_seq[]    live and dead slots ordered by publication sequence (the "newest" order);
 *   strings     one pool for the display texts of every doc;
 *   cache       the last results, keyed by the normalised query, emptied at every change.
 *
 * Cost of a search: one pass over the posting lists of the query's lexemes to build a bitmap
 * of matches (plus a position check per candidate of a phrase), then one pass over the matches
 * for ranking, totals and facets; repeated queries are answered from the cache.
 */
#include "search_index.h"

#include "arena.h"
#include "buf.h"
#include "db.h"
#include "http.h"
#include "log.h"
#include "plugin.h"
#include "settings.h"
#include "shared_state.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SECTORS 64
#define MAX_LANGS   192
#define MAX_REGIONS 32
#define LOAD_CHUNK  "2000"
#define POLL_US     1000000LL
#define CACHE_SLOTS 512

struct doc {
    long long listing_id, version_id, org_id, seq, price_minor;
    uint64_t sectors;
    uint64_t langs[MAX_LANGS / 64];
    uint32_t title, summary, org_name, price_basis, published_at; /* string pool offsets */
    uint16_t text_lang;
    uint8_t region, kind;
    bool alive, has_price;
};

struct lexeme {
    uint32_t name; /* string pool offset */
    uint32_t n, cap;
    uint32_t *docs; /* ascending doc slots */
    uint32_t *pos;  /* per posting: offset << 6 | count (count capped at 63) */
};

/* A cached result: the page's doc slots (valid while the generation is the same), the total
 * and the facets (whose values point into the index's name tables). */
struct cached {
    char *key;
    long long generation, total, as_of;
    uint32_t *slots;
    int n_slots;
    struct facet_value *facets[FACET__COUNT];
    int n_facets[FACET__COUNT];
};

static struct {
    bool loaded;
    struct doc *docs;
    uint32_t n_docs, cap_docs, n_dead;
    struct lexeme *lex; /* hash table, open addressing, cap_lex a power of two */
    uint32_t n_lex, cap_lex;
    uint16_t *positions;
    size_t n_positions, cap_positions;
    struct buf strings;
    uint32_t *by_seq; /* doc slots by ascending seq */
    uint32_t n_by_seq, cap_by_seq;
    long long *map_keys; /* listing id -> doc slot, open addressing */
    uint32_t *map_vals;
    uint32_t cap_map, n_map;
    char sector_names[MAX_SECTORS][64];
    int n_sector_names;
    char lang_names[MAX_LANGS][4];
    int n_lang_names;
    char region_names[MAX_REGIONS][48];
    int n_region_names;
    long long generation;
    long long last_poll_us, last_checksum_us;
    uint64_t writes_seen; /* shared_writes() when changes were last applied */
    float *scores;        /* per doc slot, reused */
    uint64_t *bits;       /* scratch bitmaps */
    uint32_t cap_bits;
    long long applied[1024]; /* recently applied generations (the 15-second window repeats) */
    unsigned n_applied;
    struct cached cache[CACHE_SLOTS];
    unsigned cache_next;
    long rebuilds, changes_applied, cache_hits, cache_misses;
    long long version; /* counts the changes of content (search_index_version) */
} ix;

static const char kind_names[5][12] = {"service", "product", "venue", "skill", "partnership"};

DB_STMT(six_load,
        "SELECT li.listing_id, li.version_id, li.seq, li.region, li.org_id, li.kind, li.lang, "
        "li.sectors, "
        "li.languages, li.price_minor, to_char(li.published_at, 'YYYY-MM-DD') AS published_at, "
        "v.title, v.summary, coalesce(v.price_basis, '') AS price_basis, o.name AS org_name, "
        "li.document::text AS document FROM listing_index li "
        "JOIN listing_versions v ON v.id = li.version_id JOIN organisations o ON o.id = li.org_id "
        "WHERE li.listing_id > $1 ORDER BY li.listing_id LIMIT " LOAD_CHUNK);
DB_STMT(six_load_one,
        "SELECT li.listing_id, li.version_id, li.seq, li.region, li.org_id, li.kind, li.lang, "
        "li.sectors, "
        "li.languages, li.price_minor, to_char(li.published_at, 'YYYY-MM-DD') AS published_at, "
        "v.title, v.summary, coalesce(v.price_basis, '') AS price_basis, o.name AS org_name, "
        "li.document::text AS document FROM listing_index li "
        "JOIN listing_versions v ON v.id = li.version_id JOIN organisations o ON o.id = li.org_id "
        "WHERE li.listing_id = $1");
DB_STMT(six_generation, "SELECT coalesce(max(gen), 0) AS gen FROM listing_changes");
DB_STMT(six_changes,
        "SELECT gen, listing_id, (SELECT min(gen) FROM listing_changes) AS oldest "
        "FROM listing_changes WHERE gen > $1 OR at > now() - interval '15 seconds' ORDER BY gen");
DB_STMT(six_checksum, "SELECT listing_index_checksum() AS sum");
DB_STMT(six_tsquery, "SELECT search_tsquery($1)::text AS q");

/* --- small containers --- */

static void *grow(void *p, uint32_t *cap, size_t elem, uint32_t need)
{
    if (need <= *cap)
        return p;
    uint32_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(p, (size_t)c * elem);
    if (q == NULL) {
        log_error("search index: out of memory");
        abort();
    }
    *cap = c;
    return q;
}

static uint32_t string_add(const char *s)
{
    uint32_t off = (uint32_t)ix.strings.len;
    buf_append(&ix.strings, s ? s : "", strlen(s ? s : "") + 1);
    return off;
}

static const char *string_at(uint32_t off)
{
    return ix.strings.data + off;
}

static uint32_t hash_str(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static uint32_t hash_id(long long id)
{
    uint64_t x = (uint64_t)id * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(x >> 32);
}

/* The index of `s` among the `*n` names of `stride` bytes at `names`, added when new; -1 when
 * the table is full. */
static int intern(char *names, size_t stride, int *n, int max, const char *s)
{
    for (int i = 0; i < *n; i++)
        if (strcmp(names + (size_t)i * stride, s) == 0)
            return i;
    if (*n == max)
        return -1;
    snprintf(names + (size_t)*n * stride, stride, "%s", s);
    return (*n)++;
}

static int lang_id(const char *code)
{
    return intern(&ix.lang_names[0][0], sizeof ix.lang_names[0], &ix.n_lang_names, MAX_LANGS, code);
}

static int region_id(const char *slug)
{
    return intern(&ix.region_names[0][0], sizeof ix.region_names[0], &ix.n_region_names,
                  MAX_REGIONS, slug);
}

static int kind_id(const char *k)
{
    for (int i = 0; i < 5; i++)
        if (strcmp(kind_names[i], k) == 0)
            return i;
    return 0;
}

/* --- the listing id map --- */

static void map_put(long long id, uint32_t slot);

static void map_grow(void)
{
    uint32_t old_cap = ix.cap_map;
    long long *old_keys = ix.map_keys;
    uint32_t *old_vals = ix.map_vals;
    ix.cap_map = old_cap ? old_cap * 2 : 1024;
    ix.map_keys = calloc(ix.cap_map, sizeof *ix.map_keys);
    ix.map_vals = calloc(ix.cap_map, sizeof *ix.map_vals);
    if (ix.map_keys == NULL || ix.map_vals == NULL) {
        log_error("search index: out of memory");
        abort();
    }
    ix.n_map = 0;
    for (uint32_t i = 0; i < old_cap; i++)
        if (old_keys[i] > 0)
            map_put(old_keys[i], old_vals[i]);
    free(old_keys);
    free(old_vals);
}

/* Slot of a listing id, or UINT32_MAX.  Keys are positive; 0 is empty, -1 a removed entry. */
static uint32_t *map_find(long long id)
{
    if (ix.cap_map == 0)
        return NULL;
    uint32_t mask = ix.cap_map - 1;
    for (uint32_t i = hash_id(id) & mask;; i = (i + 1) & mask) {
        if (ix.map_keys[i] == id)
            return &ix.map_vals[i];
        if (ix.map_keys[i] == 0)
            return NULL;
    }
}

static void map_put(long long id, uint32_t slot)
{
    uint32_t *found = map_find(id);
    if (found != NULL) {
        *found = slot;
        return;
    }
    if ((ix.n_map + 1) * 2 > ix.cap_map)
        map_grow();
    uint32_t mask = ix.cap_map - 1;
    uint32_t i = hash_id(id) & mask;
    while (ix.map_keys[i] > 0)
        i = (i + 1) & mask;
    ix.map_keys[i] = id;
    ix.map_vals[i] = slot;
    ix.n_map++;
}

static void map_remove(long long id)
{
    if (ix.cap_map == 0)
        return;
    uint32_t mask = ix.cap_map - 1;
    for (uint32_t i = hash_id(id) & mask; ix.map_keys[i] != 0; i = (i + 1) & mask)
        if (ix.map_keys[i] == id) {
            ix.map_keys[i] = -1; /* a tombstone keeps the probe chains intact */
            return;
        }
}

/* --- lexemes --- */

static struct lexeme *lexeme_find(const char *s, size_t n)
{
    if (ix.cap_lex == 0)
        return NULL;
    uint32_t mask = ix.cap_lex - 1;
    for (uint32_t i = hash_str(s, n) & mask; ix.lex[i].docs != NULL; i = (i + 1) & mask) {
        const char *name = string_at(ix.lex[i].name);
        if (strncmp(name, s, n) == 0 && name[n] == '\0')
            return &ix.lex[i];
    }
    return NULL;
}

static void lexeme_table_grow(void)
{
    struct lexeme *old = ix.lex;
    uint32_t old_cap = ix.cap_lex;
    ix.cap_lex = old_cap ? old_cap * 2 : 4096;
    ix.lex = calloc(ix.cap_lex, sizeof *ix.lex);
    if (ix.lex == NULL) {
        log_error("search index: out of memory");
        abort();
    }
    uint32_t mask = ix.cap_lex - 1;
    for (uint32_t i = 0; i < old_cap; i++) {
        if (old[i].docs == NULL)
            continue;
        const char *name = string_at(old[i].name);
        uint32_t j = hash_str(name, strlen(name)) & mask;
        while (ix.lex[j].docs != NULL)
            j = (j + 1) & mask;
        ix.lex[j] = old[i];
    }
    free(old);
}

static struct lexeme *lexeme_get(const char *s, size_t n)
{
    struct lexeme *l = lexeme_find(s, n);
    if (l != NULL)
        return l;
    if ((ix.n_lex + 1) * 2 > ix.cap_lex)
        lexeme_table_grow();
    uint32_t mask = ix.cap_lex - 1;
    uint32_t i = hash_str(s, n) & mask;
    while (ix.lex[i].docs != NULL)
        i = (i + 1) & mask;
    l = &ix.lex[i];
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)(n < 255 ? n : 255), s);
    l->name = string_add(name);
    l->n = 0;
    l->cap = 0;
    l->docs = grow(NULL, &l->cap, sizeof *l->docs, 1);
    uint32_t pcap = 0;
    l->pos = grow(NULL, &pcap, sizeof *l->pos, l->cap);
    ix.n_lex++;
    return l;
}

static void posting_add(struct lexeme *l, uint32_t slot, const uint16_t *pos, uint32_t count)
{
    if (l->n == l->cap) {
        uint32_t cap = l->cap, pcap = l->cap;
        l->docs = grow(l->docs, &cap, sizeof *l->docs, l->n + 1);
        l->pos = grow(l->pos, &pcap, sizeof *l->pos, l->n + 1);
        l->cap = cap;
    }
    if (count > 63)
        count = 63;
    if (ix.n_positions + count > ix.cap_positions) {
        size_t cap = ix.cap_positions ? ix.cap_positions * 2 : 1 << 16;
        while (cap < ix.n_positions + count)
            cap *= 2;
        uint16_t *p = realloc(ix.positions, cap * sizeof *p);
        if (p == NULL) {
            log_error("search index: out of memory");
            abort();
        }
        ix.positions = p;
        ix.cap_positions = cap;
    }
    memcpy(ix.positions + ix.n_positions, pos, count * sizeof *pos);
    l->docs[l->n] = slot;
    l->pos[l->n] = (uint32_t)(ix.n_positions << 6) | count;
    ix.n_positions += count;
    l->n++;
}

/* Positions of lexeme l in doc slot, or NULL (binary search in the ascending posting list). */
static const uint16_t *posting_positions(const struct lexeme *l, uint32_t slot, uint32_t *count)
{
    uint32_t lo = 0, hi = l->n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (l->docs[mid] < slot)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == l->n || l->docs[lo] != slot)
        return NULL;
    *count = l->pos[lo] & 63;
    return ix.positions + (l->pos[lo] >> 6);
}

/* --- parsing PostgreSQL's text forms --- */

/* Reads a quoted lexeme ('it''s') into out; returns the character after it, or NULL. */
static const char *read_quoted(const char *p, char *out, size_t cap, size_t *len)
{
    if (*p != '\'')
        return NULL;
    size_t n = 0;
    for (p++; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
        } else if (*p == '\'') {
            if (p[1] != '\'') {
                out[n < cap ? n : cap - 1] = '\0';
                *len = n < cap ? n : cap - 1;
                return p + 1;
            }
            p++;
        }
        if (n + 1 < cap)
            out[n++] = *p;
    }
    return NULL;
}

/* Weight letters: A=3, B=2, C=1, D (or none)=0, in the top two bits of a position. */
static uint16_t weight_bits(char c)
{
    return c == 'A' ? 3 : c == 'B' ? 2 : c == 'C' ? 1 : 0;
}

/* Adds a doc slot's postings from a tsvector's text: 'lex':1A,5 'other':2 ... */
static void document_index(uint32_t slot, const char *tsv)
{
    char word[512];
    uint16_t pos[256];
    const char *p = tsv;
    while (p && *p) {
        while (*p == ' ')
            p++;
        size_t len;
        const char *q = read_quoted(p, word, sizeof word, &len);
        if (q == NULL)
            break;
        p = q;
        uint32_t count = 0;
        if (*p == ':') {
            p++;
            while (*p >= '0' && *p <= '9') {
                char *end;
                long v = strtol(p, &end, 10);
                p = end;
                uint16_t w = 0;
                if (*p >= 'A' && *p <= 'D')
                    w = weight_bits(*p++);
                if (count < 256)
                    pos[count++] = (uint16_t)((v & 0x3FFF) | (w << 14));
                if (*p == ',')
                    p++;
            }
        }
        posting_add(lexeme_get(word, len), slot, pos, count);
    }
}

/* --- documents --- */

static uint64_t sectors_mask(struct arena *a, const char *text)
{
    int n;
    const char **items = db_array(a, text, &n);
    uint64_t mask = 0;
    for (int i = 0; i < n; i++) {
        int id = intern(&ix.sector_names[0][0], sizeof ix.sector_names[0], &ix.n_sector_names,
                        MAX_SECTORS, items[i]);
        if (id >= 0)
            mask |= 1ull << id;
    }
    return mask;
}

static void langs_mask(struct arena *a, const char *text, uint64_t *mask)
{
    int n;
    const char **items = db_array(a, text, &n);
    memset(mask, 0, sizeof(uint64_t) * (MAX_LANGS / 64));
    for (int i = 0; i < n; i++) {
        int id = lang_id(items[i]);
        if (id >= 0)
            mask[id / 64] |= 1ull << (id % 64);
    }
}

static void by_seq_insert(uint32_t slot)
{
    long long seq = ix.docs[slot].seq;
    uint32_t lo = 0, hi = ix.n_by_seq;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (ix.docs[ix.by_seq[mid]].seq < seq)
            lo = mid + 1;
        else
            hi = mid;
    }
    ix.by_seq = grow(ix.by_seq, &ix.cap_by_seq, sizeof *ix.by_seq, ix.n_by_seq + 1);
    memmove(ix.by_seq + lo + 1, ix.by_seq + lo, (ix.n_by_seq - lo) * sizeof *ix.by_seq);
    ix.by_seq[lo] = slot;
    ix.n_by_seq++;
}

static void doc_kill(long long listing_id)
{
    uint32_t *slot = map_find(listing_id);
    if (slot == NULL)
        return;
    ix.docs[*slot].alive = false;
    ix.n_dead++;
    map_remove(listing_id);
}

/* Adds row `i` of a six_load result as a new doc slot (replacing the listing's old one). */
static void doc_add(struct arena *a, const PGresult *res, int i)
{
    long long id = db_int(res, i, "listing_id");
    doc_kill(id);
    ix.docs = grow(ix.docs, &ix.cap_docs, sizeof *ix.docs, ix.n_docs + 1);
    uint32_t slot = ix.n_docs++;
    struct doc *d = &ix.docs[slot];
    memset(d, 0, sizeof *d);
    d->listing_id = id;
    d->version_id = db_int(res, i, "version_id");
    d->org_id = db_int(res, i, "org_id");
    d->seq = db_int(res, i, "seq");
    d->has_price = !db_is_null(res, i, "price_minor");
    d->price_minor = db_int(res, i, "price_minor");
    d->sectors = sectors_mask(a, db_value(res, i, "sectors"));
    langs_mask(a, db_value(res, i, "languages"), d->langs);
    int r = region_id(db_value(res, i, "region"));
    d->region = (uint8_t)(r < 0 ? 0 : r);
    d->kind = (uint8_t)kind_id(db_value(res, i, "kind"));
    int tl = lang_id(db_value(res, i, "lang"));
    d->text_lang = (uint16_t)(tl < 0 ? 0 : tl);
    d->title = string_add(db_value(res, i, "title"));
    d->summary = string_add(db_value(res, i, "summary"));
    d->org_name = string_add(db_value(res, i, "org_name"));
    d->price_basis = string_add(db_value(res, i, "price_basis"));
    d->published_at = string_add(db_value(res, i, "published_at"));
    d->alive = true;
    document_index(slot, db_value(res, i, "document"));
    map_put(id, slot);
    by_seq_insert(slot);
}

static void cache_clear(void)
{
    ix.version++; /* whatever was computed from the index before is out of date */
    for (int i = 0; i < CACHE_SLOTS; i++) {
        struct cached *c = &ix.cache[i];
        free(c->key);
        free(c->slots);
        for (int k = 0; k < FACET__COUNT; k++)
            free(c->facets[k]);
        memset(c, 0, sizeof *c);
    }
}

static void queries_free(void);

void search_index_free(void)
{
    cache_clear();
    for (uint32_t i = 0; i < ix.cap_lex; i++) {
        free(ix.lex[i].docs);
        free(ix.lex[i].pos);
    }
    free(ix.lex);
    free(ix.docs);
    free(ix.positions);
    free(ix.by_seq);
    free(ix.map_keys);
    free(ix.map_vals);
    free(ix.scores);
    free(ix.bits);
    buf_free(&ix.strings);
    long rebuilds = ix.rebuilds;
    long long version = ix.version; /* never repeats: a page cached before must not match */
    memset(&ix, 0, sizeof ix);
    ix.rebuilds = rebuilds;
    ix.version = version;
}

void search_index_shutdown(void)
{
    search_index_free();
    queries_free();
}

/* Loads every public listing, a chunk at a time, with a scratch arena of its own (never the
 * request's: a build can happen in the middle of a request, whose memory must stay). */
static int load_all(void)
{
    struct arena *a = arena_new(1 << 20);
    int rc = -1;
    PGresult *g = db_exec(a, &six_generation, 0, NULL);
    if (g == NULL)
        goto out;
    long long generation = db_int(g, 0, "gen");
    char after[24] = "0";
    for (;;) {
        const char *params[] = {after};
        PGresult *res = db_exec(a, &six_load, 1, params);
        if (res == NULL)
            goto out;
        int rows = PQntuples(res);
        for (int i = 0; i < rows; i++)
            doc_add(a, res, i);
        if (rows == 0)
            break;
        snprintf(after, sizeof after, "%s", db_value(res, rows - 1, "listing_id"));
        arena_reset(a); /* bounded memory while loading */
    }
    ix.generation = generation;
    rc = 0;
out:
    arena_free(a);
    return rc;
}

int search_index_build(void)
{
    search_index_free();
    ix.rebuilds++;
    db_listen("listing_index");
    if (load_all() != 0) {
        search_index_free();
        return -1;
    }
    ix.last_poll_us = ix.last_checksum_us = now_us();
    ix.loaded = true;
    log_info("search index: %u listings, %u lexemes, %zu positions", ix.n_docs, ix.n_lex,
             ix.n_positions);
    return 0;
}

/* Re-reads one listing from listing_index (it may have gone). */
static int doc_reload(struct arena *a, long long id)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", id);
    const char *params[] = {text};
    PGresult *res = db_exec(a, &six_load_one, 1, params);
    if (res == NULL)
        return -1;
    if (PQntuples(res) == 1)
        doc_add(a, res, 0);
    else
        doc_kill(id);
    ix.changes_applied++;
    return 0;
}

/* Applies logged changes; rebuilds when the log no longer reaches back far enough. */
static int apply_changes(struct req *r)
{
    char gen[24];
    snprintf(gen, sizeof gen, "%lld", ix.generation);
    const char *params[] = {gen};
    PGresult *res = db_exec(r->arena, &six_changes, 1, params);
    if (res == NULL)
        return -1;
    int rows = PQntuples(res);
    if (rows == 0)
        return 0;
    if (db_int(res, 0, "oldest") > ix.generation + 1 && ix.generation > 0)
        return search_index_build();
    long long last = ix.generation;
    long long *reload = arena_alloc(r->arena, (size_t)rows * sizeof *reload);
    int n_reload = 0;
    for (int i = 0; i < rows; i++) {
        long long id = db_int(res, i, "listing_id"), change = db_int(res, i, "gen");
        bool applied = false;
        for (unsigned k = 0; k < 1024 && !applied; k++)
            applied = ix.applied[k] == change;
        if (!applied) {
            ix.applied[ix.n_applied++ % 1024] = change;
            bool listed = false;
            for (int k = 0; k < n_reload && !listed; k++)
                listed = reload[k] == id;
            if (!listed)
                reload[n_reload++] = id;
        }
        if (change > last)
            last = change;
    }
    for (int i = 0; i < n_reload; i++)
        if (doc_reload(r->arena, reload[i]) != 0)
            return -1;
    bool changed = n_reload > 0;
    ix.generation = last;
    if (changed)
        cache_clear();
    return 0;
}

/* The same fingerprint as listing_index_checksum(), over the live docs. */
static void memory_checksum(char *out, size_t cap)
{
    long long count = 0, sum = 0;
    for (uint32_t i = 0; i < ix.n_docs; i++)
        if (ix.docs[i].alive) {
            count++;
            sum += ix.docs[i].listing_id * 7 + ix.docs[i].version_id * 13 + ix.docs[i].seq;
        }
    snprintf(out, cap, "%lld:%lld", count, sum);
}

/* Rebuilds when the index and listing_index differ: the last wall against a missed change. */
static int check_checksum(struct req *r)
{
    PGresult *res = db_exec(r->arena, &six_checksum, 0, NULL);
    if (res == NULL)
        return -1;
    char mine[64];
    memory_checksum(mine, sizeof mine);
    if (strcmp(db_value(res, 0, "sum"), mine) == 0)
        return 0;
    log_warn("search index: out of step with listing_index (%s here, %s there); rebuilding", mine,
             db_value(res, 0, "sum"));
    return search_index_build();
}

bool search_index_ready(struct req *r)
{
    if (!db_available())
        return false;
    if (!ix.loaded)
        return search_index_build() == 0;
    long long now = now_us();
    bool announced = db_notifications() > 0;
    uint64_t writes = shared_writes(); /* read first: a write meanwhile counts next time */
    if (announced || writes != ix.writes_seen || now - ix.last_poll_us >= POLL_US) {
        ix.last_poll_us = now;
        if (apply_changes(r) != 0)
            return false;
        ix.writes_seen = writes;
    }
    if (now - ix.last_checksum_us >= (long long)settings.search_check_seconds * 1000000LL) {
        ix.last_checksum_us = now;
        if (check_checksum(r) != 0)
            return false;
    }
    /* Compaction: rebuild when a quarter of the slots are dead. */
    if (ix.n_dead > 1000 && ix.n_dead * 4 > ix.n_docs)
        return search_index_build() == 0;
    return ix.loaded;
}

/* --- queries: PostgreSQL's tsquery text, parsed once per distinct query --- */

enum qkind { Q_LEX, Q_NOT, Q_AND, Q_OR, Q_PHRASE };

struct qnode {
    enum qkind kind;
    int left, right;    /* node indexes; NOT uses left */
    int distance;       /* PHRASE: <N> */
    const char *lexeme; /* LEX: owned by the parsed query */
    uint8_t weights;    /* LEX: bit per weight allowed (0: any) */
    bool prefix;        /* LEX: 'abc':* */
};

#define MAX_QNODES 512

struct parsed {
    char *text; /* the query as typed: the cache key */
    struct qnode *nodes;
    int n, root;   /* root -1: the query has no lexemes (matches nothing) */
    char *strings; /* the lexemes */
};

#define QUERY_SLOTS 256
static struct parsed queries[QUERY_SLOTS];
static unsigned query_next;

struct qparser {
    const char *p;
    struct parsed *q;
    size_t strings_used, strings_cap;
    bool failed;
};

static int qnode_new(struct qparser *ps, enum qkind kind)
{
    if (ps->q->n == MAX_QNODES) {
        ps->failed = true;
        return 0;
    }
    struct qnode *n = &ps->q->nodes[ps->q->n];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->left = n->right = -1;
    return ps->q->n++;
}

static void skip_spaces(struct qparser *ps)
{
    while (*ps->p == ' ')
        ps->p++;
}

static int parse_or(struct qparser *ps);

static int parse_unary(struct qparser *ps)
{
    skip_spaces(ps);
    if (*ps->p == '!') {
        ps->p++;
        int n = qnode_new(ps, Q_NOT);
        ps->q->nodes[n].left = parse_unary(ps);
        return n;
    }
    if (*ps->p == '(') {
        ps->p++;
        int n = parse_or(ps);
        skip_spaces(ps);
        if (*ps->p == ')')
            ps->p++;
        else
            ps->failed = true;
        return n;
    }
    char word[512];
    size_t len;
    const char *after = read_quoted(ps->p, word, sizeof word, &len);
    if (after == NULL || ps->strings_used + len + 1 > ps->strings_cap) {
        ps->failed = true;
        return qnode_new(ps, Q_LEX);
    }
    ps->p = after;
    int n = qnode_new(ps, Q_LEX);
    struct qnode *node = &ps->q->nodes[n];
    node->lexeme = ps->q->strings + ps->strings_used;
    memcpy(ps->q->strings + ps->strings_used, word, len + 1);
    ps->strings_used += len + 1;
    if (*ps->p == ':') {
        for (ps->p++; *ps->p == '*' || (*ps->p >= 'A' && *ps->p <= 'D'); ps->p++) {
            if (*ps->p == '*')
                node->prefix = true;
            else
                node->weights |= (uint8_t)(1u << weight_bits(*ps->p));
        }
    }
    return n;
}

/* '<->' or '<N>': the distance, or -1 when the text is not a phrase operator. */
static int phrase_operator(struct qparser *ps)
{
    skip_spaces(ps);
    if (ps->p[0] != '<')
        return -1;
    if (ps->p[1] == '-' && ps->p[2] == '>') {
        ps->p += 3;
        return 1;
    }
    char *end;
    long d = strtol(ps->p + 1, &end, 10);
    if (end == ps->p + 1 || *end != '>')
        return -1;
    ps->p = end + 1;
    return (int)d;
}

static int parse_phrase(struct qparser *ps)
{
    int left = parse_unary(ps);
    for (int d; !ps->failed && (d = phrase_operator(ps)) >= 0;) {
        int n = qnode_new(ps, Q_PHRASE);
        ps->q->nodes[n].left = left;
        ps->q->nodes[n].distance = d;
        ps->q->nodes[n].right = parse_unary(ps);
        left = n;
    }
    return left;
}

static int parse_binary(struct qparser *ps, char op, int (*operand)(struct qparser *))
{
    int left = operand(ps);
    for (;;) {
        skip_spaces(ps);
        if (ps->failed || *ps->p != op)
            return left;
        ps->p++;
        int n = qnode_new(ps, op == '&' ? Q_AND : Q_OR);
        ps->q->nodes[n].left = left;
        ps->q->nodes[n].right = operand(ps);
        left = n;
    }
}

static int parse_and(struct qparser *ps)
{
    return parse_binary(ps, '&', parse_phrase);
}

static int parse_or(struct qparser *ps)
{
    return parse_binary(ps, '|', parse_and);
}

static void parsed_free(struct parsed *q)
{
    free(q->text);
    free(q->nodes);
    free(q->strings);
    memset(q, 0, sizeof *q);
}

/* The parsed tsquery of `text` (asking PostgreSQL the first time), or NULL on a database
 * error.  Owned by the query cache. */
static const struct parsed *query_get(struct req *r, const char *text)
{
    for (int i = 0; i < QUERY_SLOTS; i++)
        if (queries[i].text != NULL && strcmp(queries[i].text, text) == 0)
            return &queries[i];
    const char *params[] = {text};
    PGresult *res = db_exec(r->arena, &six_tsquery, 1, params);
    if (res == NULL)
        return NULL;
    const char *tsq = db_value(res, 0, "q");
    struct parsed *q = &queries[query_next++ % QUERY_SLOTS];
    parsed_free(q);
    q->text = strdup(text);
    q->nodes = calloc(MAX_QNODES, sizeof *q->nodes);
    size_t cap = strlen(tsq ? tsq : "") + 1;
    q->strings = malloc(cap);
    if (q->text == NULL || q->nodes == NULL || q->strings == NULL) {
        parsed_free(q);
        return NULL;
    }
    struct qparser ps = {tsq ? tsq : "", q, 0, cap, false};
    skip_spaces(&ps);
    q->root = *ps.p ? parse_or(&ps) : -1;
    if (ps.failed) {
        log_warn("search index: cannot read the tsquery \"%s\"; the query matches nothing", tsq);
        q->root = -1;
    }
    return q;
}

static void queries_free(void)
{
    for (int i = 0; i < QUERY_SLOTS; i++)
        parsed_free(&queries[i]);
}

/* --- evaluation --- */

static uint32_t words_per_map(void)
{
    return (ix.n_docs + 63) / 64;
}

/* Scratch bitmaps: `count` maps of the current size, reused across requests. */
static uint64_t *scratch_maps(int count)
{
    uint32_t need = words_per_map() * (uint32_t)count;
    ix.bits = grow(ix.bits, &ix.cap_bits, sizeof *ix.bits, need ? need : 1);
    return ix.bits;
}

static bool weight_allowed(uint16_t pos, uint8_t weights)
{
    return weights == 0 || (weights & (1u << (pos >> 14)));
}

static void lexeme_into_map(const struct lexeme *l, uint8_t weights, uint64_t *map)
{
    for (uint32_t i = 0; i < l->n; i++) {
        uint32_t slot = l->docs[i];
        bool ok = weights == 0;
        uint32_t count = l->pos[i] & 63;
        const uint16_t *pos = ix.positions + (l->pos[i] >> 6);
        for (uint32_t k = 0; !ok && k < count; k++)
            ok = weight_allowed(pos[k], weights);
        if (ok)
            map[slot / 64] |= 1ull << (slot % 64);
    }
}

/* Calls fn for every lexeme a query lexeme stands for (one, or all sharing a prefix). */
static void each_lexeme(const struct qnode *n, void (*fn)(const struct lexeme *, void *), void *ctx)
{
    if (!n->prefix) {
        const struct lexeme *l = lexeme_find(n->lexeme, strlen(n->lexeme));
        if (l != NULL)
            fn(l, ctx);
        return;
    }
    size_t len = strlen(n->lexeme);
    for (uint32_t i = 0; i < ix.cap_lex; i++)
        if (ix.lex[i].docs != NULL && strncmp(string_at(ix.lex[i].name), n->lexeme, len) == 0)
            fn(&ix.lex[i], ctx);
}

struct into_map {
    uint8_t weights;
    uint64_t *map;
};

static void lexeme_into_map_cb(const struct lexeme *l, void *ctx)
{
    struct into_map *m = ctx;
    lexeme_into_map(l, m->weights, m->map);
}

/* Positions (14-bit) at which node matches in doc slot; *n = 0 when it does not. */
static void node_positions(const struct parsed *q, int node, uint32_t slot, uint16_t *out,
                           uint32_t *n, uint32_t cap);

struct pos_collect {
    uint32_t slot;
    uint8_t weights;
    uint16_t *out;
    uint32_t *n, cap;
};

static void collect_positions(const struct lexeme *l, void *ctx)
{
    struct pos_collect *c = ctx;
    uint32_t count = 0;
    const uint16_t *pos = posting_positions(l, c->slot, &count);
    for (uint32_t k = 0; pos && k < count && *c->n < c->cap; k++)
        if (weight_allowed(pos[k], c->weights))
            c->out[(*c->n)++] = pos[k] & 0x3FFF;
}

static void node_positions(const struct parsed *q, int node, uint32_t slot, uint16_t *out,
                           uint32_t *n, uint32_t cap)
{
    const struct qnode *nd = &q->nodes[node];
    *n = 0;
    if (nd->kind == Q_LEX) {
        struct pos_collect c = {slot, nd->weights, out, n, cap};
        each_lexeme(nd, collect_positions, &c);
        return;
    }
    if (nd->kind == Q_NOT)
        return; /* a negation inside a phrase: websearch_to_tsquery never writes one */
    uint16_t left[256], right[256];
    uint32_t nl = 0, nr = 0;
    node_positions(q, nd->left, slot, left, &nl, 256);
    node_positions(q, nd->right, slot, right, &nr, 256);
    if (nd->kind == Q_PHRASE) {
        /* right-hand positions that follow a left-hand one at exactly the distance */
        for (uint32_t i = 0; i < nr; i++)
            for (uint32_t k = 0; k < nl; k++)
                if (right[i] - left[k] == nd->distance && *n < cap) {
                    out[(*n)++] = right[i];
                    break;
                }
        return;
    }
    if (nd->kind == Q_AND && (nl == 0 || nr == 0))
        return;
    for (uint32_t i = 0; i < nl && *n < cap; i++)
        out[(*n)++] = left[i];
    for (uint32_t i = 0; i < nr && *n < cap; i++)
        out[(*n)++] = right[i];
}

/* The bitmap of docs matching `node`, in scratch map number `depth` (children use deeper). */
static uint64_t *eval_node(const struct parsed *q, int node, uint64_t *maps, int depth)
{
    uint32_t words = words_per_map();
    uint64_t *map = maps + (size_t)depth * words;
    const struct qnode *nd = &q->nodes[node];
    memset(map, 0, words * sizeof *map);
    if (nd->kind == Q_LEX) {
        struct into_map m = {nd->weights, map};
        each_lexeme(nd, lexeme_into_map_cb, &m);
        return map;
    }
    if (nd->kind == Q_NOT) {
        uint64_t *child = eval_node(q, nd->left, maps, depth + 1);
        for (uint32_t w = 0; w < words; w++)
            map[w] = ~child[w];
        return map;
    }
    uint64_t *a = eval_node(q, nd->left, maps, depth + 1);
    memcpy(map, a, words * sizeof *map);
    uint64_t *b = eval_node(q, nd->right, maps, depth + 1);
    for (uint32_t w = 0; w < words; w++)
        map[w] = nd->kind == Q_OR ? map[w] | b[w] : map[w] & b[w];
    if (nd->kind == Q_PHRASE) /* both lexemes are there: now check where */
        for (uint32_t w = 0; w < words; w++)
            for (uint64_t bits = map[w]; bits; bits &= bits - 1) {
                uint32_t slot = w * 64 + (uint32_t)__builtin_ctzll(bits);
                uint16_t pos[256];
                uint32_t n = 0;
                node_positions(q, node, slot, pos, &n, 256);
                if (n == 0)
                    map[w] &= ~(1ull << (slot % 64));
            }
    return map;
}

static int tree_depth(const struct parsed *q, int node)
{
    if (node < 0)
        return 0;
    int l = tree_depth(q, q->nodes[node].left), r = tree_depth(q, q->nodes[node].right);
    return 1 + (l > r ? l : r);
}

/* --- ranking --- */

static float weight_value(uint16_t pos)
{
    static const float values[] = {0.1f, 0.2f, 0.4f, 1.0f}; /* D C B A, PostgreSQL's defaults */
    return values[pos >> 14];
}

struct rank_ctx {
    const uint64_t *matches;
    float idf;
};

static void rank_lexeme(const struct lexeme *l, void *ctx)
{
    struct rank_ctx *rc = ctx;
    for (uint32_t i = 0; i < l->n; i++) {
        uint32_t slot = l->docs[i];
        if (!(rc->matches[slot / 64] & (1ull << (slot % 64))))
            continue;
        uint32_t count = l->pos[i] & 63;
        const uint16_t *pos = ix.positions + (l->pos[i] >> 6);
        float best = 0;
        for (uint32_t k = 0; k < count; k++)
            if (weight_value(pos[k]) > best)
                best = weight_value(pos[k]);
        float repeat = 1.0f + 0.1f * (float)(count > 6 ? 5 : count ? count - 1 : 0);
        ix.scores[slot] += best * rc->idf * repeat;
    }
}

/* Adds every positive lexeme's contribution (those not under a NOT). */
static void rank_node(const struct parsed *q, int node, const uint64_t *matches, long alive)
{
    const struct qnode *nd = &q->nodes[node];
    if (nd->kind == Q_NOT)
        return;
    if (nd->kind != Q_LEX) {
        rank_node(q, nd->left, matches, alive);
        rank_node(q, nd->right, matches, alive);
        return;
    }
    const struct lexeme *l = nd->prefix ? NULL : lexeme_find(nd->lexeme, strlen(nd->lexeme));
    /* Document frequency over live documents only, so that every worker, whatever dead slots
     * its history left, ranks alike. */
    long df = 0;
    for (uint32_t i = 0; l != NULL && i < l->n; i++)
        df += ix.docs[l->docs[i]].alive;
    struct rank_ctx rc = {matches, l ? logf(1.0f + (float)alive / (float)(df ? df : 1)) : 1};
    each_lexeme(nd, rank_lexeme, &rc);
}

/* --- answering --- */

struct filters {
    int region, kind, lang, sector; /* -1: any; -2: a value the index never saw (no match) */
    long long as_of;
};

static int find_name(const char *value, const char *names, size_t stride, int n)
{
    if (value == NULL)
        return -1;
    for (int i = 0; i < n; i++)
        if (strcmp(names + (size_t)i * stride, value) == 0)
            return i;
    return -2;
}

static bool doc_passes(const struct doc *d, const struct filters *f)
{
    if (!d->alive || d->seq > f->as_of || plugin_find(ix.region_names[d->region]) == NULL)
        return false;
    if (f->region == -2 || f->kind == -2 || f->lang == -2 || f->sector == -2)
        return false;
    return (f->region < 0 || d->region == f->region) && (f->kind < 0 || d->kind == f->kind) &&
           (f->lang < 0 || (d->langs[f->lang / 64] & (1ull << (f->lang % 64)))) &&
           (f->sector < 0 || (d->sectors & (1ull << f->sector)));
}

struct facet_counts {
    long long sector[MAX_SECTORS], kind[5], lang[MAX_LANGS], region[MAX_REGIONS];
};

static void count_facets(const struct doc *d, struct facet_counts *c)
{
    for (uint64_t b = d->sectors; b; b &= b - 1)
        c->sector[__builtin_ctzll(b)]++;
    c->kind[d->kind]++;
    for (int w = 0; w < MAX_LANGS / 64; w++)
        for (uint64_t b = d->langs[w]; b; b &= b - 1)
            c->lang[w * 64 + __builtin_ctzll(b)]++;
    c->region[d->region]++;
}

static int facet_order(const void *a, const void *b)
{
    const struct facet_value *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->value, y->value);
}

static struct facet_value *facets_from(const long long *counts, int n, const char *names,
                                       size_t stride, int *out_n)
{
    struct facet_value *f = calloc((size_t)n + 1, sizeof *f);
    int k = 0;
    for (int i = 0; f && i < n; i++)
        if (counts[i] > 0)
            f[k++] = (struct facet_value){names + (size_t)i * stride, counts[i]};
    if (f)
        qsort(f, (size_t)k, sizeof *f, facet_order);
    *out_n = k;
    return f;
}

/* Orders slots: higher score first, then newer publication. */
static bool ranks_before(uint32_t a, uint32_t b)
{
    if (ix.scores[a] != ix.scores[b])
        return ix.scores[a] > ix.scores[b];
    return ix.docs[a].seq > ix.docs[b].seq;
}

/* The best `k` of `slots` in order, with a bounded heap: O(n log k). */
static uint32_t top_k(uint32_t *slots, uint32_t n, uint32_t k, uint32_t *out)
{
    uint32_t size = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t s = slots[i];
        if (size < k) {
            uint32_t j = size++;
            out[j] = s;
            while (j > 0 && ranks_before(out[(j - 1) / 2], out[j])) { /* min-heap of the best */
                uint32_t p = (j - 1) / 2, t = out[p];
                out[p] = out[j];
                out[j] = t;
                j = p;
            }
        } else if (ranks_before(s, out[0])) {
            out[0] = s;
            for (uint32_t j = 0;;) {
                uint32_t l = 2 * j + 1, r = l + 1, m = j;
                if (l < size && ranks_before(out[m], out[l]))
                    m = l;
                if (r < size && ranks_before(out[m], out[r]))
                    m = r;
                if (m == j)
                    break;
                uint32_t t = out[m];
                out[m] = out[j];
                out[j] = t;
                j = m;
            }
        }
    }
    /* Heap sort into best-first order: the root (the worst kept) goes to the end, repeatedly. */
    for (uint32_t end = size; end > 1; end--) {
        uint32_t t = out[0];
        out[0] = out[end - 1];
        out[end - 1] = t;
        for (uint32_t j = 0;;) {
            uint32_t l = 2 * j + 1, r = l + 1, m = j;
            if (l < end - 1 && ranks_before(out[m], out[l]))
                m = l;
            if (r < end - 1 && ranks_before(out[m], out[r]))
                m = r;
            if (m == j)
                break;
            uint32_t tt = out[m];
            out[m] = out[j];
            out[j] = tt;
            j = m;
        }
    }
    return size; /* each round moved the worst kept to the end: best first now */
}

static const char *cache_key(struct req *r, const struct search_query *sq, long long as_of)
{
    return arena_printf(r->arena, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%d\x1f%d\x1f%lld", sq->q,
                        sq->region ? sq->region : "", sq->sector ? sq->sector : "",
                        sq->kind ? sq->kind : "", sq->lang ? sq->lang : "", sq->newest, sq->page,
                        as_of);
}

static struct cached *cache_find(const char *key)
{
    for (int i = 0; i < CACHE_SLOTS; i++)
        if (ix.cache[i].key && ix.cache[i].generation == ix.generation &&
            strcmp(ix.cache[i].key, key) == 0)
            return &ix.cache[i];
    return NULL;
}

static void hit_fill(struct req *r, struct search_hit *h, const struct doc *d)
{
    h->id = d->listing_id;
    h->org_id = d->org_id;
    h->has_price = d->has_price;
    h->price_minor = d->price_minor;
    h->region = ix.region_names[d->region];
    h->org_name = string_at(d->org_name);
    h->kind = kind_names[d->kind];
    h->lang = ix.lang_names[d->text_lang];
    h->title = string_at(d->title);
    h->summary = string_at(d->summary);
    h->price_basis = *string_at(d->price_basis) ? string_at(d->price_basis) : NULL;
    h->published_at = string_at(d->published_at);
    int ns = __builtin_popcountll(d->sectors), nl = 0;
    for (int w = 0; w < MAX_LANGS / 64; w++)
        nl += __builtin_popcountll(d->langs[w]);
    const char **sectors = arena_calloc(r->arena, (size_t)ns + 1, sizeof *sectors);
    const char **langs = arena_calloc(r->arena, (size_t)nl + 1, sizeof *langs);
    h->n_sectors = h->n_languages = 0;
    for (uint64_t b = d->sectors; b; b &= b - 1)
        sectors[h->n_sectors++] = ix.sector_names[__builtin_ctzll(b)];
    for (int w = 0; w < MAX_LANGS / 64; w++)
        for (uint64_t b = d->langs[w]; b; b &= b - 1)
            langs[h->n_languages++] = ix.lang_names[w * 64 + __builtin_ctzll(b)];
    h->sectors = sectors;
    h->languages = langs;
}

/* Stores a result in the cache, taking over the facet arrays. */
static void cache_store(const char *key, const uint32_t *slots, int n, long long total,
                        long long as_of, struct facet_value **facets, const int *n_facets)
{
    struct cached *c = &ix.cache[ix.cache_next++ % CACHE_SLOTS];
    free(c->key);
    free(c->slots);
    for (int k = 0; k < FACET__COUNT; k++)
        free(c->facets[k]);
    memset(c, 0, sizeof *c);
    c->key = strdup(key);
    c->slots = malloc(((size_t)n + 1) * sizeof *c->slots);
    if (c->key == NULL || c->slots == NULL) {
        free(c->key);
        free(c->slots);
        c->key = NULL;
        c->slots = NULL;
        for (int k = 0; k < FACET__COUNT; k++)
            free(facets[k]);
        return;
    }
    memcpy(c->slots, slots, (size_t)n * sizeof *slots);
    c->n_slots = n;
    c->generation = ix.generation;
    c->total = total;
    c->as_of = as_of;
    for (int k = 0; k < FACET__COUNT; k++) {
        c->facets[k] = facets[k];
        c->n_facets[k] = n_facets[k];
    }
}

/* The request's result from a cache entry: hits drawn from the docs, facets copied. */
static void result_from_cache(struct req *r, const struct cached *c, struct search_result *out)
{
    memset(out, 0, sizeof *out);
    out->total = c->total;
    out->as_of = c->as_of;
    out->n_hits = c->n_slots;
    out->hits = arena_calloc(r->arena, (size_t)c->n_slots + 1, sizeof *out->hits);
    for (int i = 0; i < c->n_slots; i++)
        hit_fill(r, &out->hits[i], &ix.docs[c->slots[i]]);
    for (int k = 0; k < FACET__COUNT; k++) {
        out->n_facets[k] = c->n_facets[k];
        out->facets[k] =
            arena_alloc(r->arena, ((size_t)c->n_facets[k] + 1) * sizeof *out->facets[k]);
        memcpy(out->facets[k], c->facets[k], (size_t)c->n_facets[k] * sizeof *out->facets[k]);
    }
}

enum err_code search_index_query(struct req *r, const struct search_query *sq,
                                 struct search_result *out)
{
    memset(out, 0, sizeof *out);
    long long as_of = sq->as_of;
    if (as_of == 0)
        as_of = ix.n_by_seq ? ix.docs[ix.by_seq[ix.n_by_seq - 1]].seq : 0;
    const char *key = cache_key(r, sq, as_of);
    struct cached *hit = cache_find(key);
    if (hit != NULL) {
        ix.cache_hits++;
        result_from_cache(r, hit, out);
        return ERR_NONE;
    }
    ix.cache_misses++;
    const struct parsed *q = NULL;
    if (*sq->q != '\0' && (q = query_get(r, sq->q)) == NULL)
        return db_error_code();
    uint32_t words = words_per_map();
    int depth = q && q->root >= 0 ? tree_depth(q, q->root) : 0;
    uint64_t *maps = scratch_maps(depth + 2);
    uint64_t *final = maps + (size_t)(depth + 1) * words;
    if (q == NULL) {
        memset(final, 0xff, words * sizeof *final);
    } else if (q->root < 0) {
        memset(final, 0, words * sizeof *final);
    } else {
        memcpy(final, eval_node(q, q->root, maps, 0), words * sizeof *final);
    }
    struct filters f = {
        find_name(sq->region, &ix.region_names[0][0], sizeof ix.region_names[0], ix.n_region_names),
        find_name(sq->kind, &kind_names[0][0], sizeof kind_names[0], 5),
        find_name(sq->lang, &ix.lang_names[0][0], sizeof ix.lang_names[0], ix.n_lang_names),
        find_name(sq->sector, &ix.sector_names[0][0], sizeof ix.sector_names[0], ix.n_sector_names),
        as_of};
    uint32_t cap_slots = 0;
    uint32_t *slots = grow(NULL, &cap_slots, sizeof *slots, ix.n_docs + 1);
    struct facet_counts *counts = calloc(1, sizeof *counts);
    uint32_t n = 0;
    for (uint32_t w = 0; w < words; w++)
        for (uint64_t bits = final[w]; bits; bits &= bits - 1) {
            uint32_t slot = w * 64 + (uint32_t)__builtin_ctzll(bits);
            if (slot < ix.n_docs && doc_passes(&ix.docs[slot], &f)) {
                slots[n++] = slot;
                count_facets(&ix.docs[slot], counts);
            } else {
                final[w] &= ~(1ull << (slot % 64));
            }
        }
    uint32_t want = (uint32_t)sq->page * SEARCH_PER_PAGE, got = 0;
    uint32_t *best = calloc((size_t)want + 1, sizeof *best);
    if (sq->newest || q == NULL) {
        for (uint32_t i = ix.n_by_seq; i-- > 0 && got < want;) {
            uint32_t slot = ix.by_seq[i];
            if (final[slot / 64] & (1ull << (slot % 64)))
                best[got++] = slot;
        }
    } else {
        ix.scores = realloc(ix.scores, ((size_t)ix.n_docs + 1) * sizeof *ix.scores);
        for (uint32_t i = 0; i < n; i++)
            ix.scores[slots[i]] = 0;
        rank_node(q, q->root, final, (long)(ix.n_docs - ix.n_dead));
        got = top_k(slots, n, want, best);
    }
    uint32_t first = (uint32_t)(sq->page - 1) * SEARCH_PER_PAGE;
    int n_page = got > first ? (int)(got - first) : 0;
    struct facet_value *facets[FACET__COUNT];
    int n_facets[FACET__COUNT];
    facets[FACET_SECTOR] = facets_from(counts->sector, ix.n_sector_names, &ix.sector_names[0][0],
                                       sizeof ix.sector_names[0], &n_facets[FACET_SECTOR]);
    facets[FACET_KIND] = facets_from(counts->kind, 5, &kind_names[0][0], sizeof kind_names[0],
                                     &n_facets[FACET_KIND]);
    facets[FACET_LANGUAGE] = facets_from(counts->lang, ix.n_lang_names, &ix.lang_names[0][0],
                                         sizeof ix.lang_names[0], &n_facets[FACET_LANGUAGE]);
    facets[FACET_REGION] = facets_from(counts->region, ix.n_region_names, &ix.region_names[0][0],
                                       sizeof ix.region_names[0], &n_facets[FACET_REGION]);
    cache_store(key, best + first, n_page, n, as_of, facets, n_facets);
    free(slots);
    free(best);
    free(counts);
    const struct cached *stored = cache_find(key);
    if (stored == NULL)
        return req_fail(r, ERR_UNAVAILABLE, "out of memory in the search index");
    result_from_cache(r, stored, out);
    return ERR_NONE;
}

long long search_index_version(struct req *r)
{
    return search_index_ready(r) ? ix.version : -1;
}

void search_index_stats(struct search_index_stats *s)
{
    memset(s, 0, sizeof *s);
    s->documents = (long)(ix.n_docs - ix.n_dead);
    s->lexemes = ix.n_lex;
    s->postings = 0;
    size_t bytes = (size_t)ix.cap_docs * sizeof(struct doc) + ix.cap_positions * 2 +
                   ix.strings.cap + (size_t)ix.cap_by_seq * 4 +
                   (size_t)ix.cap_map * (sizeof(long long) + 4) +
                   (size_t)ix.cap_lex * sizeof(struct lexeme);
    for (uint32_t i = 0; i < ix.cap_lex; i++) {
        s->postings += ix.lex[i].n;
        bytes += (size_t)ix.lex[i].cap * 8;
    }
    s->bytes = bytes;
    s->generation = ix.generation;
    s->rebuilds = ix.rebuilds;
    s->changes_applied = ix.changes_applied;
    s->cache_hits = ix.cache_hits;
    s->cache_misses = ix.cache_misses;
}
