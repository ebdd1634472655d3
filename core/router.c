/*
 * router.c — pattern compilation and matching; see router.h.
 *
 * Patterns are split into segments once at start-up.  Matching splits and decodes the request
 * path once and then compares segment arrays: O(routes × segments) string compares, a few
 * microseconds for the portal's hundred-odd routes, which is why there is no trie.
 */
#include "router.h"

#include "arena.h"
#include "http_parse.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SEGMENTS 12

struct compiled {
    struct route route;
    int n;                        /* segments */
    char *segments[MAX_SEGMENTS]; /* literal text, or the capture name */
    bool capture[MAX_SEGMENTS];
    char *storage; /* one allocation holding the segment strings */
};

static struct compiled *routes;
static size_t n_routes, cap_routes;

static int compile(const struct route *src, struct compiled *c, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    c->route = *src;
    const char *p = src->pattern;
    if (p == NULL || p[0] != '/') {
        snprintf(err, errlen, "route pattern \"%s\" must start with /", p ? p : "(null)");
        return -1;
    }
    c->storage = strdup(p + 1);
    if (c->storage == NULL) {
        snprintf(err, errlen, "out of memory compiling routes");
        return -1;
    }
    if (*c->storage == '\0')
        return 0; /* "/" has no segments */
    for (char *s = c->storage, *next; s != NULL; s = next) {
        next = strchr(s, '/');
        if (next != NULL)
            *next++ = '\0';
        size_t len = strlen(s);
        if (len == 0 || c->n == MAX_SEGMENTS) {
            snprintf(err, errlen, "route pattern \"%s\" has an empty segment or more than %d",
                     src->pattern, MAX_SEGMENTS);
            free(c->storage);
            return -1;
        }
        if (s[0] == '{') {
            if (len < 3 || s[len - 1] != '}') {
                snprintf(err, errlen, "route pattern \"%s\": capture \"%s\" must be {name}",
                         src->pattern, s);
                free(c->storage);
                return -1;
            }
            s[len - 1] = '\0';
            s++;
            c->capture[c->n] = true;
        }
        c->segments[c->n++] = s;
    }
    return 0;
}

int router_add(const struct route *route, char *err, size_t errlen)
{
    for (size_t i = 0; i < n_routes; i++)
        if (strcmp(routes[i].route.method, route->method) == 0 &&
            strcmp(routes[i].route.pattern, route->pattern) == 0) {
            snprintf(err, errlen, "route %s %s is already taken by %s", route->method,
                     route->pattern, routes[i].route.owner ? routes[i].route.owner : "core");
            return -1;
        }
    if (n_routes == cap_routes) {
        size_t cap = cap_routes ? cap_routes * 2 : 128;
        struct compiled *r = realloc(routes, cap * sizeof *r);
        if (r == NULL) {
            snprintf(err, errlen, "out of memory adding routes");
            return -1;
        }
        routes = r;
        cap_routes = cap;
    }
    if (compile(route, &routes[n_routes], err, errlen) != 0)
        return -1;
    n_routes++;
    return 0;
}

void router_free(void)
{
    for (size_t i = 0; i < n_routes; i++)
        free(routes[i].storage);
    free(routes);
    routes = NULL;
    n_routes = cap_routes = 0;
}

int router_init(char *err, size_t errlen)
{
    router_free();
    for (size_t i = 0; i < core_route_count; i++)
        if (router_add(&core_routes[i], err, errlen) != 0)
            return -1;
    return 0;
}

size_t router_count(void)
{
    return n_routes;
}

const struct route *router_at(size_t i)
{
    return i < n_routes ? &routes[i].route : NULL;
}

/* Splits and decodes the request path.  Returns the number of segments, -1 when the path is
 * badly encoded, -2 when it has too many segments (no route can match). */
static int split_path(struct arena *a, const char *path, char **seg)
{
    int n = 0;
    const char *p = path + 1;
    if (*p == '\0')
        return 0;
    while (p != NULL) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        if (n == MAX_SEGMENTS)
            return -2;
        enum parse_status st;
        seg[n] = http_percent_decode(a, p, len, false, &st);
        if (seg[n] == NULL)
            return -1;
        n++;
        p = slash ? slash + 1 : NULL;
    }
    return n;
}

static bool segments_match(const struct compiled *c, char **seg, int n)
{
    if (c->n != n)
        return false;
    for (int i = 0; i < n; i++) {
        if (c->capture[i] ? seg[i][0] == '\0' || strchr(seg[i], '/') != NULL
                          : strcmp(c->segments[i], seg[i]) != 0)
            return false;
    }
    return true;
}

static bool method_matches(const char *route_method, const char *method)
{
    return strcmp(route_method, method) == 0 ||
           (strcmp(method, "HEAD") == 0 && strcmp(route_method, "GET") == 0);
}

/* How specific a route is: its number of literal segments.  "/listings/new" beats
 * "/listings/{id}" whatever their order in the table. */
static int literal_count(const struct compiled *c)
{
    int n = 0;
    for (int i = 0; i < c->n; i++)
        n += !c->capture[i];
    return n;
}

static void allow_add(char *allowed, size_t cap, const char *method)
{
    if (strstr(allowed, method) != NULL || strlen(allowed) + strlen(method) + 8 >= cap)
        return;
    if (allowed[0])
        strcat(allowed, ", ");
    strcat(allowed, method);
    if (strcmp(method, "GET") == 0)
        strcat(allowed, ", HEAD");
}

enum err_code router_match(struct arena *a, const char *method, const char *path,
                           const struct route **route, struct kv_list *params, const char **allow)
{
    char *seg[MAX_SEGMENTS];
    int n = split_path(a, path, seg);
    if (n == -1)
        return ERR_BAD_REQUEST;
    if (n < 0)
        return ERR_NOT_FOUND;
    char allowed[128] = "";
    const struct compiled *best = NULL;
    for (size_t i = 0; i < n_routes; i++) {
        const struct compiled *c = &routes[i];
        if (!segments_match(c, seg, n))
            continue;
        if (!method_matches(c->route.method, method))
            allow_add(allowed, sizeof allowed, c->route.method);
        else if (best == NULL || literal_count(c) > literal_count(best))
            best = c;
    }
    if (best != NULL) {
        for (int k = 0; k < n; k++)
            if (best->capture[k])
                kv_add(a, params, best->segments[k], seg[k]);
        *route = &best->route;
        return ERR_NONE;
    }
    if (allowed[0] == '\0')
        return ERR_NOT_FOUND;
    *allow = arena_strdup(a, allowed);
    return ERR_METHOD_NOT_ALLOWED;
}
