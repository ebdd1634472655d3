/*
 * taxonomy.h — the shared cultural-and-creative-industries sectors (the same list as the
 * sectors table of sql/002_listings.sql; a test keeps them equal) and the regions' own
 * sub-sectors from their plugins.  Names come from the catalogues: "sector.<slug>".
 */
#ifndef TAXONOMY_H
#define TAXONOMY_H

#include <stdbool.h>

int taxonomy_sector_count(void);
const char *taxonomy_sector_at(int i);
bool taxonomy_is_sector(const char *slug);
/* true when `slug` is a sub-sector of `region`'s plugin. */
bool taxonomy_is_subsector_of(const char *slug, const char *region);

#endif
