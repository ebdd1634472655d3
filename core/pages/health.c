/*
 * health.c — GET /healthz: is this worker able to serve, and is PostgreSQL reachable?
 * Monitoring polls it; it must stay cheap (one prepared SELECT) and never need a login.
 */
#include "pages.h"

#include "../db.h"
#include "../http.h"
#include "../plugin.h"
#include "../page_cache.h"
#include "../search_index.h"

DB_STMT(health_ping, "SELECT 1");

enum err_code page_health(struct req *r)
{
    bool db_up = db_exec(r->arena, &health_ping, 0, NULL) != NULL;
    json_t *plugins = json_array();
    for (int i = 0; i < plugin_count(); i++)
        json_array_append_new(plugins, json_string(plugin_at(i)->desc->slug));
    struct search_index_stats st;
    search_index_stats(&st);
    long hits, misses, entries;
    page_cache_stats(&hits, &misses, &entries);
    /* The figures are the answering worker's own: each worker has its index and caches. */
    json_t *body = json_pack(
        "{s:s, s:s, s:o, s:{s:I, s:I, s:I, s:I, s:I}, s:{s:I, s:I, s:I}}", "status",
        db_up ? "ok" : "degraded", "db", db_up ? "ok" : "down", "plugins", plugins, "search_index",
        "documents", (json_int_t)st.documents, "bytes", (json_int_t)st.bytes, "generation",
        (json_int_t)st.generation, "cache_hits", (json_int_t)st.cache_hits, "cache_misses",
        (json_int_t)st.cache_misses, "page_cache", "hits", (json_int_t)hits, "misses",
        (json_int_t)misses, "entries", (json_int_t)entries);
    if (!db_up)
        resp_header(r, "Retry-After", "5");
    resp_header(r, "Cache-Control", "no-store");
    return resp_json(r, db_up ? 200 : 503, body);
}
