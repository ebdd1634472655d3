/*
 * plugin.c — the plugin loader and the host API; see plugin.h and portal_plugin.h.
 */
#include "plugin.h"

#include "arena.h"
#include "db.h"
#include "http.h"
#include "i18n.h"
#include "log.h"
#include "router.h"
#include "tpl.h"

#include <ctype.h>
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PLUGINS 32

static struct plugin plugins[MAX_PLUGINS];
static int n_plugins;
/* The plugin whose add_routes is running, so route_add knows the owner. */
static const struct plugin *adding_routes_for;
static char route_error[256];

/* --- the host API --- */

static void host_log(enum portal_log_level level, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    enum log_level l = level == PORTAL_LOG_ERROR  ? LOG_ERROR
                       : level == PORTAL_LOG_WARN ? LOG_WARN
                                                  : LOG_INFO;
    log_msg(l, "plugin: %s", line);
}

static void host_field_error(void *errors, const char *field, const char *message_key)
{
    struct req *r = errors;
    req_field_error(r, field, i18n_text(r->lang, message_key));
}

static int host_route_add(const char *method, const char *pattern, portal_handler_fn handler)
{
    if (adding_routes_for == NULL || handler == NULL) {
        log_error("plugin route %s %s: routes may only be added from add_routes", method, pattern);
        return -1;
    }
    struct route r = {
        .method = method,
        .pattern = pattern,
        .handler = NULL,
        .action = "public.read",
        .plugin_handler = handler,
        .owner = adding_routes_for->desc->slug,
    };
    if (strcmp(method, "GET") != 0) {
        /* Plugin routes are pages: the core's access rules and CSRF cover only GET for them. */
        snprintf(route_error, sizeof route_error,
                 "plugin %s: route %s %s: plugins may add GET routes only", r.owner, method,
                 pattern);
        return -1;
    }
    if (router_add(&r, route_error, sizeof route_error) != 0)
        return -1;
    return 0;
}

static const char *host_req_path_param(struct portal_req *req, const char *name)
{
    return kv_get(&((struct req *)req)->params, name);
}

static const char *host_req_query(struct portal_req *req, const char *name)
{
    return req_query((struct req *)req, name);
}

static const char *host_req_lang(struct portal_req *req)
{
    return ((struct req *)req)->lang;
}

static struct tpl_dict *host_req_dict(struct portal_req *req)
{
    return page_dict((struct req *)req);
}

static int host_respond_page(struct portal_req *req, int status, const char *template_name,
                             struct tpl_dict *dict)
{
    return resp_page((struct req *)req, status, template_name, dict) == ERR_NONE ? 0 : -1;
}

const struct portal_host plugin_host = {
    .abi_version = PORTAL_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(struct portal_host),
    .log = host_log,
    .message = i18n_text,
    .field_error = host_field_error,
    .route_add = host_route_add,
    .req_path_param = host_req_path_param,
    .req_query = host_req_query,
    .req_lang = host_req_lang,
    .req_dict = host_req_dict,
    .dict_set = tpl_set,
    .dict_add_section = tpl_section,
    .respond_page = host_respond_page,
};

/* --- loading --- */

static int metadata_problem(const struct portal_plugin *d, char *what, size_t cap)
{
    const char *missing = !d->slug             ? "slug"
                          : !d->name           ? "name"
                          : !d->country        ? "country"
                          : !d->languages      ? "languages"
                          : !d->languages[0]   ? "languages (empty)"
                          : !d->timezone       ? "timezone"
                          : !d->currency       ? "currency"
                          : !d->programme_key  ? "programme_key"
                          : !d->instrument_key ? "instrument_key"
                                               : NULL;
    if (missing != NULL) {
        snprintf(what, cap, "its descriptor lacks %s", missing);
        return -1;
    }
    for (const char *s = d->slug; *s; s++)
        if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '-') {
            snprintf(what, cap, "its slug \"%s\" must be lower-case letters, digits and -",
                     d->slug);
            return -1;
        }
    if (strlen(d->country) != 2 || strlen(d->currency) != 3) {
        snprintf(what, cap, "country \"%s\" must be ISO 3166 alpha-2 and currency \"%s\" ISO 4217",
                 d->country, d->currency);
        return -1;
    }
    return 0;
}

static int plugin_open(const char *name, const char *dir, char *err, size_t errlen)
{
    char path[1024];
    if (strchr(name, '/') != NULL)
        snprintf(path, sizeof path, "%s", name);
    else
        snprintf(path, sizeof path, "%s/%s.so", dir, name);
    if (n_plugins == MAX_PLUGINS) {
        snprintf(err, errlen, "plugin %s: more than %d plugins", path, MAX_PLUGINS);
        return -1;
    }
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) {
        snprintf(err, errlen, "cannot load plugin %s: %s (check setting plugins and plugin_dir)",
                 path, dlerror());
        return -1;
    }
    char what[256] = "";
    portal_plugin_descriptor_fn fn;
    *(void **)&fn = dlsym(h, PORTAL_PLUGIN_SYMBOL);
    const struct portal_plugin *d = fn ? fn() : NULL;
    if (fn == NULL)
        snprintf(what, sizeof what, "it does not export %s(): is it a portal plugin?",
                 PORTAL_PLUGIN_SYMBOL);
    else if (d == NULL)
        snprintf(what, sizeof what, "%s() returned NULL", PORTAL_PLUGIN_SYMBOL);
    else if (d->abi_version != PORTAL_PLUGIN_ABI_VERSION)
        snprintf(what, sizeof what,
                 "it was built for plugin ABI version %u, this portal speaks version %u: rebuild "
                 "it against core/portal_plugin.h",
                 d->abi_version, PORTAL_PLUGIN_ABI_VERSION);
    else if (d->struct_size != sizeof(struct portal_plugin))
        snprintf(what, sizeof what,
                 "its descriptor is %u bytes, this portal expects %zu: rebuild it against "
                 "core/portal_plugin.h",
                 d->struct_size, sizeof(struct portal_plugin));
    else if (metadata_problem(d, what, sizeof what) == 0) {
        if (strchr(name, '/') == NULL && strcmp(name, d->slug) != 0)
            snprintf(what, sizeof what, "it calls itself \"%s\", but was loaded as \"%s\"", d->slug,
                     name);
        else if (plugin_find(d->slug) != NULL)
            snprintf(what, sizeof what, "region \"%s\" is already loaded", d->slug);
        else if (d->init != NULL && d->init(&plugin_host) != 0)
            snprintf(what, sizeof what, "its init() failed (see the plugin's message above)");
    }
    if (what[0] != '\0') {
        snprintf(err, errlen, "plugin %s: %s", path, what);
        dlclose(h);
        return -1;
    }
    plugins[n_plugins].desc = d;
    plugins[n_plugins].handle = h;
    plugins[n_plugins].path = strdup(path);
    n_plugins++;
    return 0;
}

int plugins_load(const char *list, const char *dir, char *err, size_t errlen)
{
    plugins_unload();
    char *copy = strdup(list ? list : "");
    if (copy == NULL) {
        snprintf(err, errlen, "out of memory loading plugins");
        return -1;
    }
    int rc = 0;
    char *save = NULL;
    for (char *name = strtok_r(copy, " ,\t", &save); name != NULL && rc == 0;
         name = strtok_r(NULL, " ,\t", &save))
        rc = plugin_open(name, dir, err, errlen);
    free(copy);
    if (rc != 0)
        plugins_unload();
    return rc;
}

int plugins_add_routes(char *err, size_t errlen)
{
    for (int i = 0; i < n_plugins; i++) {
        if (plugins[i].desc->add_routes == NULL)
            continue;
        adding_routes_for = &plugins[i];
        route_error[0] = '\0';
        int rc = plugins[i].desc->add_routes(&plugin_host);
        adding_routes_for = NULL;
        if (rc != 0 || route_error[0] != '\0') {
            snprintf(err, errlen, "plugin %s: add_routes failed: %s", plugins[i].path,
                     route_error[0] ? route_error : "it returned an error");
            return -1;
        }
    }
    return 0;
}

void plugins_unload(void)
{
    for (int i = 0; i < n_plugins; i++) {
        dlclose(plugins[i].handle);
        free(plugins[i].path);
    }
    n_plugins = 0;
}

int plugin_count(void)
{
    return n_plugins;
}

const struct plugin *plugin_at(int i)
{
    return i >= 0 && i < n_plugins ? &plugins[i] : NULL;
}

const struct plugin *plugin_find(const char *slug)
{
    if (slug == NULL)
        return NULL;
    for (int i = 0; i < n_plugins; i++)
        if (strcmp(plugins[i].desc->slug, slug) == 0)
            return &plugins[i];
    return NULL;
}

const struct plugin *plugin_for_subsector(const char *slug)
{
    for (int i = 0; i < n_plugins; i++)
        for (const struct portal_sector *s = plugins[i].desc->subsectors; s && s->slug; s++)
            if (strcmp(s->slug, slug) == 0)
                return &plugins[i];
    return NULL;
}

const char *plugin_slugs_literal(struct arena *a)
{
    const char *slugs[64];
    int n = 0;
    for (int i = 0; i < plugin_count() && n < 64; i++)
        slugs[n++] = plugin_at(i)->desc->slug;
    return db_array_literal(a, slugs, n);
}

const char *plugin_zones_literal(struct arena *a)
{
    const char *pairs[64];
    int n = 0;
    for (int i = 0; i < plugin_count() && n < 64; i++)
        pairs[n++] =
            arena_printf(a, "%s=%s", plugin_at(i)->desc->slug, plugin_at(i)->desc->timezone);
    return db_array_literal(a, pairs, n);
}
