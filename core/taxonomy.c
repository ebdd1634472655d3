/*
 * taxonomy.c — see taxonomy.h.
 */
#include "taxonomy.h"

#include "plugin.h"

#include <string.h>

static const char *const sectors[] = {
    "advertising",
    "architecture",
    "audiovisual",
    "crafts",
    "cultural-education",
    "cultural-tourism",
    "design",
    "digital-culture",
    "fashion",
    "festivals",
    "games",
    "heritage",
    "music",
    "performing-arts",
    "publishing",
    "visual-arts",
};

#define N_SECTORS (int)(sizeof sectors / sizeof sectors[0])

int taxonomy_sector_count(void)
{
    return N_SECTORS;
}

const char *taxonomy_sector_at(int i)
{
    return i >= 0 && i < N_SECTORS ? sectors[i] : NULL;
}

bool taxonomy_is_sector(const char *slug)
{
    for (int i = 0; i < N_SECTORS; i++)
        if (strcmp(sectors[i], slug) == 0)
            return true;
    return false;
}

bool taxonomy_is_subsector_of(const char *slug, const char *region)
{
    const struct plugin *p = plugin_for_subsector(slug);
    return p != NULL && strcmp(p->desc->slug, region) == 0;
}
