/*
 * portal_plugin.h — the region plugin ABI, version 1.
 *
 * A region plugin is a shared object under plugins/<region>/ that exports exactly one symbol,
 * `portal_plugin_descriptor`, returning a pointer to a static `struct portal_plugin`.  The core
 * calls it first, checks `abi_version` and `struct_size` before touching anything else, and refuses
 * to start (naming the file and the mismatch) when they differ from what it was built with.
 *
 * The plugin talks to the core only through the `struct portal_host` it receives in `init`.  Both
 * structs are append-only: new members go at the end (into the spare slots), existing members never
 * change meaning, so a plugin built against version 1 keeps loading while the version stays 1.
 *
 * Rules for hooks (the core relies on them):
 *   - hooks are called from a single thread per worker process and must not block or do I/O;
 *   - strings returned by hooks are static (owned by the plugin, never freed by the core);
 *   - any hook may be NULL, which means "no opinion": the core's own behaviour applies.
 *
 * docs/plugins.md is the guide for writing a plugin for a new region.
 */
#ifndef PORTAL_PLUGIN_H
#define PORTAL_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PORTAL_PLUGIN_ABI_VERSION 1u
#define PORTAL_PLUGIN_SYMBOL      "portal_plugin_descriptor"

/* Exported with default visibility even when the plugin is built with -fvisibility=hidden. */
#define PORTAL_PLUGIN_EXPORT __attribute__((visibility("default")))

/* One entry of a message catalogue: a key (e.g. "nav.home") and its text in one language. */
struct portal_message {
    const char *key;
    const char *text;
};

/* A regional sub-sector added to the shared taxonomy.  `slug` is globally unique and starts with
 * the region's slug ("kaunas-modernism"); its display name is the catalogue entry "sector.<slug>".
 */
struct portal_sector {
    const char *slug;
};

/* A read-only view of a listing, as the core hands it to plugin hooks.  String arrays are
 * NULL-terminated; absent optional numbers are flagged by has_* = 0. */
struct portal_listing_view {
    const char *region; /* region slug of the listing's organisation */
    const char *kind;   /* service, product, venue, skill, partnership */
    const char *title;
    const char *summary;
    const char *description;
    const char *const *sectors;    /* shared taxonomy slugs */
    const char *const *subsectors; /* regional sub-sector slugs */
    const char *const *tags;
    const char *const *languages; /* ISO 639-1 */
    int has_capacity;
    long long capacity;
    int has_price;
    long long price_minor; /* in the region's currency, minor units (cents, bani) */
};

/* A read-only view of a collaboration call. */
struct portal_call_view {
    const char *region;
    const char *title;
    const char *summary;
    const char *description;
    const char *event_title;
    const char *const *sectors;
    const char *const *subsectors;
    const char *const *tags;
    const char *const *languages;
    int cross_region; /* 1: SMEs from the other regions may answer */
    long long partners_sought;
    int has_budget;
    long long budget_min_minor, budget_max_minor;
};

/* What the core has computed for a (call, listing) pair before the plugin speaks. */
struct portal_match_view {
    const struct portal_call_view *call;
    const struct portal_listing_view *listing;
    int score; /* 0..100, the core's score before adjustment */
};

/* A plugin's adjustment of a match score: `delta` points (clamped by the core to -20..+20 and the
 * result to 0..100) and the catalogue key of the reason shown next to it. */
struct portal_adjustment {
    int delta;
    const char *reason_key;
};

struct portal_req; /* a request, opaque to plugins */
struct tpl_dict;   /* a template dictionary, opaque to plugins */

/* A route handler added by a plugin: returns 0 when it has answered, -1 on an internal error
 * (the core then answers 500). */
typedef int (*portal_handler_fn)(struct portal_req *req);

/* Log levels for host->log. */
enum portal_log_level { PORTAL_LOG_ERROR = 0, PORTAL_LOG_WARN = 1, PORTAL_LOG_INFO = 2 };

/*
 * The core's API handed to the plugin in init().  Append-only; check struct_size before using a
 * member added after the version you were written for.
 */
struct portal_host {
    uint32_t abi_version;
    uint32_t struct_size;

    /* Log a line to the portal's log, prefixed with the plugin's slug. */
    void (*log)(enum portal_log_level level, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

    /* The catalogue text for `key` in language `lang` (falling back to English, then to the key
     * itself).  Never NULL; owned by the core. */
    const char *(*message)(const char *lang, const char *key);

    /* Record a validation error on `field` (a form field name) with the catalogue key of its
     * message.  `errors` is the opaque argument the core passed to the validating hook. */
    void (*field_error)(void *errors, const char *field, const char *message_key);

    /* Add a route (only from add_routes).  `pattern` is a path such as "/r/kaunas/modernism";
     * "{name}" segments capture one path segment.  Returns 0, or -1 when the pattern is invalid
     * or already taken (the core logs why). */
    int (*route_add)(const char *method, const char *pattern, portal_handler_fn handler);

    /* Request accessors for plugin route handlers.  Returned strings live until the request ends.
     */
    const char *(*req_path_param)(struct portal_req *req, const char *name);
    const char *(*req_query)(struct portal_req *req, const char *name);
    const char *(*req_lang)(struct portal_req *req);

    /* A template dictionary for this request, freed with the request.  Values set here are escaped
     * by the template's auto-escaping when rendered. */
    struct tpl_dict *(*req_dict)(struct portal_req *req);
    void (*dict_set)(struct tpl_dict *dict, const char *key, const char *value);
    struct tpl_dict *(*dict_add_section)(struct tpl_dict *dict, const char *section);

    /* Answer with a page: the core adds the header, footer, language and security headers.
     * `template_name` is looked up in the plugin's templates first, then the core's. */
    int (*respond_page)(struct portal_req *req, int status, const char *template_name,
                        struct tpl_dict *dict);

    void *spare[16];
};

/*
 * The descriptor.  Every pointer member may be NULL except the metadata strings.
 */
struct portal_plugin {
    uint32_t abi_version; /* PORTAL_PLUGIN_ABI_VERSION */
    uint32_t struct_size; /* sizeof(struct portal_plugin) */

    /* Metadata. */
    const char *slug;             /* "kaunas": URL segment and settings name */
    const char *name;             /* "Kaunas" */
    const char *country;          /* ISO 3166-1 alpha-2, "LT" */
    const char *const *languages; /* ISO 639-1, NULL-terminated, first = the region's own */
    const char *timezone;         /* IANA, "Europe/Vilnius" */
    const char *currency;         /* ISO 4217, "EUR" */
    int ecoc_year;                /* 2022 */
    const char *programme_key;    /* catalogue key of the ECoC programme's title */
    const char *instrument_key;   /* catalogue key of the regional policy instrument */
    const struct portal_sector *subsectors; /* terminated by an entry with slug NULL */

    /* Called once per worker after loading; non-zero stops start-up. */
    int (*init)(const struct portal_host *host);

    /* Check a business registration ID.  On success return 0 and write the canonical form
     * (e.g. without spaces, with its prefix) into `normalised` (capacity `cap`, NUL-terminated).
     * On failure return -1 and set *error_key to the catalogue key of a message that says what
     * the number should look like. */
    int (*validate_business_id)(const char *input, char *normalised, size_t cap,
                                const char **error_key);

    /* Region rules for listings and calls: report each problem with host->field_error(errors,
     * field, key) and return the number of problems (0 = fine). */
    int (*validate_listing)(const struct portal_listing_view *listing, void *errors);
    int (*validate_call)(const struct portal_call_view *call, void *errors);

    /* Adjust a match score for a call of this region; return 0 with out->delta = 0 for none. */
    int (*adjust_match)(const struct portal_match_view *match, struct portal_adjustment *out);

    /* Add the region's own routes with host->route_add. */
    int (*add_routes)(const struct portal_host *host);

    /* The plugin's catalogues for `lang`, or NULL: a NULL-terminated list of tables, each
     * terminated by {NULL, NULL} (so a plugin may keep its interface translation and its own
     * keys in separate files).  For each of the region's own languages they hold the whole
     * interface; for "en" the English texts of the plugin's own keys (sub-sectors, programme,
     * business-ID messages, match reasons). */
    const struct portal_message *const *(*messages)(const char *lang);

    void *spare[16];
};

/* A small helper for hooks: is `item` in the NULL-terminated `list`?  (Header-only, so plugins
 * need not link anything of the core.) */
static inline int portal_list_has(const char *const *list, const char *item)
{
    for (; list != NULL && *list != NULL; list++) {
        const char *a = *list, *b = item;
        while (*a != '\0' && *a == *b)
            a++, b++;
        if (*a == *b)
            return 1;
    }
    return 0;
}

/* The number of entries of a NULL-terminated list. */
static inline int portal_list_count(const char *const *list)
{
    int n = 0;
    while (list != NULL && list[n] != NULL)
        n++;
    return n;
}

/* The one symbol a plugin exports. */
typedef const struct portal_plugin *(*portal_plugin_descriptor_fn)(void);
PORTAL_PLUGIN_EXPORT const struct portal_plugin *portal_plugin_descriptor(void);

#ifdef __cplusplus
}
#endif
#endif
