/*
 * demo_bulk.h — `portal demo-data --listings N --calls N [--seed S]`: a large, generated data
 * set for the benchmark (make bench-data) and for trying the portal at scale.
 *
 * Deterministic: the same seed, sizes and starting database give byte-identical content (dates
 * are relative to the day of loading, as in the hand-written demo).  Across the five regions in
 * proportion it creates a few thousand SMEs and some hundred organisers with business IDs their
 * region's plugin accepts, approved listings (live version set, listing_index filled) written in
 * the region's language or English from real vocabulary (en, lt, hr, ro, it, nl, fy) so that
 * word frequencies run from most listings ("festival") to well under one in a hundred, open
 * calls with future deadlines, some answers to them, and two accounts for the benchmark:
 * bench-organiser@bench.example (owner of an organiser that has calls) and
 * bench-sme@bench.example (owner of an SME that has listings), with the password in
 * DEMO_PASSWORD (default ecoc-demo-password).
 *
 * Everything is loaded with COPY and set-based INSERT ... SELECT inside the caller's open
 * transaction, as the owner role (admin_database_url).
 */
#ifndef DEMO_BULK_H
#define DEMO_BULK_H

#include <stddef.h>

struct arena;

/* Generates and loads the data.  Call with the owner connection open (db_open), the plugins
 * loaded, password_init done, and inside db_request_start(NULL, true) ... db_request_finish():
 * everything or nothing.  Returns 0, or -1 with a message in err. */
int demo_bulk(struct arena *a, long listings, long calls, unsigned long seed, char *err,
              size_t errlen);

#endif
