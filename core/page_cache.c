/*
 * page_cache.c — whole answers to anonymous searches, per worker; see page_cache.h.
 *
 * A direct-mapped table: a key's hash picks its slot, a newer answer for another key in the
 * same slot replaces the older one.  Bounded twice: SLOTS entries, and BYTES_MAX of bodies in
 * all (past it the table is emptied and fills again).  Entries of an older index version are
 * never answered from and are replaced as their slots are reused.
 */
#include "page_cache.h"

#include "arena.h"
#include "auth.h"
#include "buf.h"
#include "http.h"
#include "search_index.h"

#include <stdlib.h>
#include <string.h>

#define SLOTS      512
#define BODY_MAX   (256 * 1024)
#define BYTES_MAX  (32 * 1024 * 1024)
#define TOKENS_MAX 4
#define TOKEN_LEN  43 /* auth_new_token(): 32 bytes, base64url */

struct entry {
    char *key;
    uint64_t hash;
    long long version;
    char *content_type;
    char *body;
    size_t len;
    size_t token_at[TOKENS_MAX]; /* where the visitor's CSRF token goes */
    int n_tokens;
};

static struct entry table[SLOTS];
static size_t bytes;
static long hits, misses;

static uint64_t hash_text(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void entry_clear(struct entry *e)
{
    bytes -= e->len;
    free(e->key);
    free(e->content_type);
    free(e->body);
    memset(e, 0, sizeof *e);
}

bool page_cache_answer(struct req *r, struct page_cache_key *key)
{
    memset(key, 0, sizeof *key);
    if (strcmp(r->method, "GET") != 0 || r->session != NULL)
        return false;
    if ((key->version = search_index_version(r)) < 0)
        return false; /* the answer comes from PostgreSQL: nothing to keep it by */
    key->text = arena_printf(r->arena, "%s\x1f%s?%s", r->lang, r->path, r->query_string);
    key->hash = hash_text(key->text);
    const struct entry *e = &table[key->hash % SLOTS];
    if (e->key == NULL || e->hash != key->hash || e->version != key->version ||
        strcmp(e->key, key->text) != 0) {
        misses++;
        return false;
    }
    hits++;
    buf_clear(r->out);
    buf_append(r->out, e->body, e->len);
    if (e->n_tokens > 0) {
        const char *token = auth_csrf_token(r);
        for (int i = 0; i < e->n_tokens && strlen(token) == TOKEN_LEN; i++)
            memcpy(r->out->data + e->token_at[i], token, TOKEN_LEN);
    }
    r->status = 200;
    r->content_type_out = arena_strdup(r->arena, e->content_type);
    r->answered = true;
    return true;
}

/* True when r's extra headers are at most the visitor's CSRF cookie (spliced on a hit). */
static bool only_csrf_cookie(const struct req *r)
{
    static const char prefix[] = "Set-Cookie: csrf=";
    const char *p = r->head->data ? r->head->data : "";
    while (*p) {
        if (strncmp(p, prefix, sizeof prefix - 1) != 0)
            return false;
        const char *end = strstr(p, "\r\n");
        if (end == NULL)
            return false;
        p = end + 2;
    }
    return true;
}

void page_cache_keep(struct req *r, const struct page_cache_key *key)
{
    if (key->text == NULL || !r->answered || r->status != 200 || r->out->len > BODY_MAX ||
        r->content_type_out == NULL || !only_csrf_cookie(r))
        return;
    struct entry fresh = {0};
    const char *token = r->visitor_csrf;
    if (token != NULL && strlen(token) == TOKEN_LEN) {
        for (const char *p = r->out->data; p != NULL && (p = strstr(p, token)) != NULL;
             p += TOKEN_LEN) {
            if (fresh.n_tokens == TOKENS_MAX)
                return; /* not a page this cache knows how to personalise */
            fresh.token_at[fresh.n_tokens++] = (size_t)(p - r->out->data);
        }
    }
    struct entry *e = &table[key->hash % SLOTS];
    entry_clear(e);
    if (bytes + r->out->len > BYTES_MAX)
        page_cache_free();
    fresh.key = strdup(key->text);
    fresh.content_type = strdup(r->content_type_out);
    fresh.body = malloc(r->out->len + 1);
    if (fresh.key == NULL || fresh.content_type == NULL || fresh.body == NULL) {
        free(fresh.key);
        free(fresh.content_type);
        free(fresh.body);
        return;
    }
    memcpy(fresh.body, r->out->data, r->out->len);
    fresh.len = r->out->len;
    fresh.hash = key->hash;
    fresh.version = key->version;
    *e = fresh;
    bytes += fresh.len;
}

void page_cache_stats(long *hit_count, long *miss_count, long *entries)
{
    *hit_count = hits;
    *miss_count = misses;
    *entries = 0;
    for (int i = 0; i < SLOTS; i++)
        *entries += table[i].key != NULL;
}

void page_cache_free(void)
{
    for (int i = 0; i < SLOTS; i++)
        entry_clear(&table[i]);
    bytes = 0;
}
