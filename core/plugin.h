/*
 * plugin.h — loading the region plugins named in the settings and handing them the host API.
 *
 * Each worker loads the plugins itself at start-up (so SIGHUP, which starts new workers, picks
 * up rebuilt plugin files).  Loading checks, in this order, and stops start-up with a message
 * naming the file and the reason: the file opens (dlopen, RTLD_NOW | RTLD_LOCAL), it exports
 * portal_plugin_descriptor, the ABI version and struct size match, the metadata is complete, the
 * slug is not already loaded, and the plugin's init() succeeds.
 */
#ifndef PLUGIN_H
#define PLUGIN_H

#include "portal_plugin.h"

#include <stddef.h>

struct arena;

struct plugin {
    const struct portal_plugin *desc;
    void *handle;
    char *path;
};

/* Loads the plugins of `list` (slugs or paths, separated by spaces or commas) from `dir`.
 * Returns 0, or -1 with err naming the file and the problem. */
int plugins_load(const char *list, const char *dir, char *err, size_t errlen);
/* Calls every plugin's add_routes (after router_init). */
int plugins_add_routes(char *err, size_t errlen);
void plugins_unload(void);

int plugin_count(void);
const struct plugin *plugin_at(int i);
/* The loaded plugin with this slug, or NULL (a region switched off is not loaded). */
const struct plugin *plugin_find(const char *slug);
/* The plugin owning a sub-sector slug, or NULL. */
const struct plugin *plugin_for_subsector(const char *slug);

/* The loaded regions as PostgreSQL array literals (arena-owned), for statements that take
 * them as parameters: their slugs, and "slug=timezone" pairs. */
const char *plugin_slugs_literal(struct arena *a);
const char *plugin_zones_literal(struct arena *a);

/* The host API handed to plugins (for tests that call hooks directly). */
extern const struct portal_host plugin_host;

#endif
