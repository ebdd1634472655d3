/*
 * tpl.h — HTML (and other text) through Google ctemplate, from C.
 *
 * The only C++ in the project is tpl_shim.cc, which implements the tpl_dict_* and tpl_cache_*
 * functions below over ctemplate::TemplateDictionary and the default template cache.  tpl.c
 * loads the template files: it refuses any template that does not start with an AUTOESCAPE
 * pragma, substitutes the message catalogue ("[[key]]") once per language, and stores each
 * language's copy in the cache under "<lang>/<name>" (or "<lang>/<region>/<name>" for a region's
 * override).  Rendering never reads files.
 *
 * Values set in a dictionary are escaped by the template's auto-escaping; no function here
 * writes a value into HTML unescaped.
 */
#ifndef TPL_H
#define TPL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct arena;
struct buf;
struct tpl_dict;

/* --- the shim (tpl_shim.cc) --- */

/* A root dictionary; deleted when the arena is reset. */
struct tpl_dict *tpl_dict_new(struct arena *a);
void tpl_set(struct tpl_dict *d, const char *key, const char *value);
void tpl_set_int(struct tpl_dict *d, const char *key, long long value);
/* A value visible in this template, its sections and all its includes. */
void tpl_set_global(struct tpl_dict *d, const char *key, const char *value);
/* Names the cached template an include dictionary expands (see tpl_include). */
void tpl_set_filename(struct tpl_dict *d, const char *key);
/* Shows section `name` once, with the values of `d` (for {{#FLAG}}…{{/FLAG}}). */
void tpl_show(struct tpl_dict *d, const char *section);
/* Adds one repetition of section `name` and returns its dictionary (owned by `d`). */
struct tpl_dict *tpl_section(struct tpl_dict *d, const char *section);
/* Fills include marker {{>name}} with the cached template `key`; returns its dictionary. */
struct tpl_dict *tpl_include(struct tpl_dict *d, const char *name, const char *key);

/* Parses `content` and stores it under `key`.  Returns 0, or -1 with a message in err. */
int tpl_cache_put(const char *key, const char *content, size_t len, char *err, size_t errlen);
/* Marks the cache complete: lookups get cheaper and nothing is ever read from disk again. */
void tpl_cache_freeze(void);
/* Empties the cache (before loading a new set of templates). */
void tpl_cache_clear(void);
/* Expands cached template `key` with `d`, calling emit for each piece; never loads from disk.
 * Returns 0, or -1 when `key` is not cached or expansion failed. */
int tpl_expand(const char *key, struct tpl_dict *d,
               void (*emit)(void *ctx, const char *s, size_t n), void *ctx);

/* --- the loader (tpl.c) --- */

/* Loads every *.tpl of the core's template_dir, and every region override under
 * plugin_template_dir/<slug>/templates, for each language the i18n catalogue knows.
 * Returns 0, or -1 with a message naming the file and the problem. */
int tpl_load_all(char *err, size_t errlen);

/* Renders template `name` ("listing.tpl") in `lang`, preferring region `region`'s override
 * (NULL for none), appending to `out`.  Returns 0, or -1 when the template is missing. */
int tpl_render(const char *name, const char *lang, const char *region, struct tpl_dict *d,
               struct buf *out);

/* The cache key tpl_render would use (for tpl_include); arena-owned. */
const char *tpl_key(struct arena *a, const char *name, const char *lang, const char *region);

/* Checks one template text: it must begin with an AUTOESCAPE pragma and must not use modifiers
 * that switch escaping off.  Returns NULL when fine, else a static description. */
const char *tpl_check_escaping(const char *text, size_t len);

#ifdef __cplusplus
}
#endif
#endif
