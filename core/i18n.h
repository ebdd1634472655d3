/*
 * i18n.h — message catalogues: the core's English, and each region plugin's languages.
 *
 * English is the core's own (i18n_en.c) and the fallback for every key; plugins provide the rest
 * through their `messages` hook.  Texts may hold named placeholders, "{count}", filled by
 * i18n_format() in C or turned into template variables when a template is compiled (tpl.c).
 * Built once per worker at start-up; lookups are a hash probe.
 */
#ifndef I18N_H
#define I18N_H

#include "portal_plugin.h"

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* The core's English catalogue, in parts (one file per concern, each terminated by
 * {NULL, NULL}); i18n_en_parts lists them, NULL-terminated. */
extern const struct portal_message i18n_en[];
extern const struct portal_message i18n_en_matchmaking[];
extern const struct portal_message i18n_en_feeds[];
extern const struct portal_message *const i18n_en_parts[];

/* Builds the catalogues from the core and the loaded plugins.  Returns 0, or -1 with err. */
int i18n_init(char *err, size_t errlen);
void i18n_free(void);

/* The text of `key` in `lang`, else in English, else the key itself.  Never NULL. */
const char *i18n_text(const char *lang, const char *key);
/* true when `lang` has its own catalogue entry for `key` (English counts for "en"). */
bool i18n_has(const char *lang, const char *key);

/* i18n_text with placeholders filled: pass name/value pairs, then NULL.  Arena-owned. */
char *i18n_format(struct arena *a, const char *lang, const char *key, ...)
    __attribute__((sentinel));

/* As i18n_format, with the placeholders as two arrays of n names and values. */
char *i18n_format_list(struct arena *a, const char *lang, const char *key, const char *const *names,
                       const char *const *values, int n);

/* The languages with a catalogue: "en" first, then the plugins' in load order, no repeats. */
int i18n_language_count(void);
const char *i18n_language_at(int i);
bool i18n_supported(const char *lang);

/* Every key of the English catalogue (core and plugins), for the completeness check. */
int i18n_key_count(void);
const char *i18n_key_at(int i);
/* Must `lang` have its own text for key i?  The core's keys: in every language; a plugin's own
 * keys: in that plugin's languages (other languages fall back to English). */
bool i18n_key_required(const char *lang, int i);

#endif
