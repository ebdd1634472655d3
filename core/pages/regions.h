/*
 * regions.h — a region's metadata as JSON, shared by the regions API and pages that embed it.
 */
#ifndef PAGES_REGIONS_H
#define PAGES_REGIONS_H

#include <jansson.h>

struct req;
struct portal_plugin;

/* The region's metadata in the request's language; a new reference. */
json_t *region_json(const struct req *r, const struct portal_plugin *p);

#endif
