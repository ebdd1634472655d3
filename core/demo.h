/*
 * demo.h — `portal demo-data`: the demo content of `make run` and the tests.
 *
 * Reads deploy/demo/<region>.json for each loaded region (organisations, listings, calls and
 * answers, written by people who know the regions) and creates the demo accounts listed in
 * README.md, all with the password in DEMO_PASSWORD.  Everything is checked as the portal
 * would check it (business IDs through the region's plugin) and loaded in one transaction:
 * all or nothing.  Relative dates ("deadline_days": 21) are counted from the day of loading,
 * so the demo never goes stale.  Nothing but `make run` and the tests runs this.
 */
#ifndef DEMO_H
#define DEMO_H

#include <jansson.h>

struct arena;

/* Loads one region's file into the open transaction.  `password_hash` is used for the demo
 * accounts.  Returns 0, or -1 with a message naming the file and the item. */
int demo_region(struct arena *a, const char *slug, json_t *doc, const char *password_hash,
                char *err, size_t errlen);

#endif
