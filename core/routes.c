/*
 * routes.c — the core's route table: every URL the portal answers, its handler and the access
 * action checked before the handler runs.  Find a page's code from its URL here in one step.
 * docs/openapi.yaml describes every /api/v1 route; tests/e2e/test_openapi.py keeps them equal.
 */
#include "pages/pages.h"
#include "router.h"

#define R(method, pattern, handler, action) {method, pattern, handler, action, NULL, "core"}

const struct route core_routes[] = {
    R("GET", "/", page_home, "public.read"),
    R("GET", "/healthz", page_health, "public.read"),
    R("GET", "/r/{region}", page_region_home, "public.read"),
    R("GET", "/api/v1/regions", api_regions, "public.read"),
};

const size_t core_route_count = sizeof core_routes / sizeof core_routes[0];
