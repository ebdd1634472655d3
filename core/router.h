/*
 * router.h — method + path patterns to handlers.
 *
 * The core's routes are one static table (routes.c); plugins append theirs at start-up through
 * the host API.  A pattern is a path whose "{name}" segments capture one decoded segment each:
 * "/r/{region}/listings/{id}".  A path that matches no pattern is 404; one that matches with
 * another method is 405 with the allowed methods.  HEAD is answered by GET routes.
 */
#ifndef ROUTER_H
#define ROUTER_H

#include "errors.h"
#include "portal_plugin.h"

#include <stddef.h>

struct req;
struct arena;
struct kv_list;

typedef enum err_code (*route_handler_fn)(struct req *r);

struct route {
    const char *method;       /* GET, POST, PUT, PATCH, DELETE */
    const char *pattern;      /* "/api/v1/listings/{id}" */
    route_handler_fn handler; /* a core handler, or NULL for a plugin's */
    const char *action;       /* the access rule it is checked against (access.c) */
    portal_handler_fn plugin_handler;
    const char *owner; /* "core" or the plugin's slug */
};

/* The core's table (routes.c). */
extern const struct route core_routes[];
extern const size_t core_route_count;

/* Compiles the core table; plugins' routes are added afterwards.  Returns 0, or -1 with err. */
int router_init(char *err, size_t errlen);
void router_free(void);

/* Adds a route (copied).  Fails, with a message in err, on a malformed pattern or when the same
 * method and pattern are taken. */
int router_add(const struct route *route, char *err, size_t errlen);

/* Finds the route for method + path.  On success stores the decoded path parameters in
 * `params` and returns ERR_NONE; otherwise ERR_NOT_FOUND, ERR_METHOD_NOT_ALLOWED (with the
 * Allow header value in *allow, arena-owned) or ERR_BAD_REQUEST (path badly encoded). */
enum err_code router_match(struct arena *a, const char *method, const char *path,
                           const struct route **route, struct kv_list *params, const char **allow);

/* All routes, for `portal routes`, the OpenAPI check and the authorisation tests. */
size_t router_count(void);
const struct route *router_at(size_t i);

#endif
