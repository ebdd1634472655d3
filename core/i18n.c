/*
 * i18n.c — catalogue tables and lookups; see i18n.h.
 *
 * One open-addressing hash table per language maps a key to its text.  The strings themselves
 * are the static arrays of the core and the plugins: nothing is copied.
 */
#include "i18n.h"

#include "arena.h"
#include "plugin.h"
#include "portal_plugin.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LANGUAGES 16

struct table {
    char lang[8];
    const struct portal_message **slots; /* capacity is a power of two */
    size_t cap, count;
};

static struct table tables[MAX_LANGUAGES];
static int n_tables;
/* English keys in the order they were added, for the completeness check. */
static const char **english_keys;
static const char **english_origin; /* NULL: the core's; else the plugin's slug */
static int n_english_keys, cap_english_keys;
/* The origin of English messages being added (table_add_messages). */
static const char *adding_origin;

static uint32_t hash_key(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static const struct portal_message **table_slot(const struct table *t, const char *key)
{
    size_t mask = t->cap - 1, i = hash_key(key) & mask;
    while (t->slots[i] != NULL && strcmp(t->slots[i]->key, key) != 0)
        i = (i + 1) & mask;
    return &t->slots[i];
}

static int table_grow(struct table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 512;
    const struct portal_message **old = t->slots;
    size_t old_cap = t->cap;
    t->slots = calloc(cap, sizeof *t->slots);
    if (t->slots == NULL) {
        t->slots = old;
        return -1;
    }
    t->cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i] != NULL)
            *table_slot(t, old[i]->key) = old[i];
    free(old);
    return 0;
}

static struct table *table_for(const char *lang)
{
    for (int i = 0; i < n_tables; i++)
        if (strcmp(tables[i].lang, lang) == 0)
            return &tables[i];
    return NULL;
}

static struct table *table_add(const char *lang)
{
    struct table *t = table_for(lang);
    if (t != NULL || n_tables == MAX_LANGUAGES || strlen(lang) >= sizeof t->lang)
        return t;
    t = &tables[n_tables++];
    memset(t, 0, sizeof *t);
    snprintf(t->lang, sizeof t->lang, "%s", lang);
    return t;
}

static int remember_english_key(const char *key)
{
    if (n_english_keys == cap_english_keys) {
        int cap = cap_english_keys ? cap_english_keys * 2 : 512;
        const char **k = realloc(english_keys, (size_t)cap * sizeof *k);
        if (k == NULL)
            return -1;
        english_keys = k;
        const char **o = realloc(english_origin, (size_t)cap * sizeof *o);
        if (o == NULL)
            return -1;
        english_origin = o;
        cap_english_keys = cap;
    }
    english_origin[n_english_keys] = adding_origin;
    english_keys[n_english_keys++] = key;
    return 0;
}

/* Adds entries; a key given twice for one language is an error naming both the key and origin. */
static int table_add_messages(struct table *t, const struct portal_message *m, size_t count,
                              const char *origin, char *err, size_t errlen)
{
    for (size_t i = 0; i < count && m[i].key != NULL; i++) {
        if ((t->count + 1) * 2 > t->cap && table_grow(t) != 0) {
            snprintf(err, errlen, "out of memory building the %s catalogue", t->lang);
            return -1;
        }
        const struct portal_message **slot = table_slot(t, m[i].key);
        if (*slot != NULL) {
            snprintf(err, errlen, "%s: message key \"%s\" is defined twice for language %s", origin,
                     m[i].key, t->lang);
            return -1;
        }
        if (m[i].text == NULL || strstr(m[i].text, "{{") != NULL) {
            snprintf(err, errlen, "%s: message \"%s\" (%s) is empty or contains \"{{\"", origin,
                     m[i].key, t->lang);
            return -1;
        }
        *slot = &m[i];
        t->count++;
        if (strcmp(t->lang, "en") == 0 && remember_english_key(m[i].key) != 0) {
            snprintf(err, errlen, "out of memory building the English catalogue");
            return -1;
        }
    }
    return 0;
}

void i18n_free(void)
{
    for (int i = 0; i < n_tables; i++)
        free(tables[i].slots);
    n_tables = 0;
    free(english_keys);
    free(english_origin);
    english_keys = NULL;
    english_origin = NULL;
    n_english_keys = cap_english_keys = 0;
}

static int add_plugin_language(const struct portal_plugin *p, const char *lang, char *err,
                               size_t errlen)
{
    struct table *t = table_add(lang);
    if (t == NULL) {
        snprintf(err, errlen,
                 "plugin %s: language \"%s\" is not a valid code or too many "
                 "languages",
                 p->slug, lang);
        return -1;
    }
    if (p->messages == NULL)
        return 0;
    const struct portal_message *const *parts = p->messages(lang);
    adding_origin = p->slug;
    char origin[96];
    snprintf(origin, sizeof origin, "plugin %s", p->slug);
    for (; parts != NULL && *parts != NULL; parts++) {
        size_t count = 0;
        while ((*parts)[count].key != NULL)
            count++;
        if (table_add_messages(t, *parts, count, origin, err, errlen) != 0)
            return -1;
    }
    return 0;
}

int i18n_init(char *err, size_t errlen)
{
    i18n_free();
    struct table *en = table_add("en");
    adding_origin = NULL;
    for (const struct portal_message *const *part = i18n_en_parts; *part != NULL; part++) {
        size_t n = 0;
        while ((*part)[n].key != NULL)
            n++;
        if (table_add_messages(en, *part, n, "core/i18n_en*.c", err, errlen) != 0)
            return -1;
    }
    for (int i = 0; i < plugin_count(); i++) {
        const struct portal_plugin *p = plugin_at(i)->desc;
        if (add_plugin_language(p, "en", err, errlen) != 0)
            return -1;
        for (const char *const *l = p->languages; *l != NULL; l++)
            if (strcmp(*l, "en") != 0 && add_plugin_language(p, *l, err, errlen) != 0)
                return -1;
    }
    return 0;
}

static const char *table_lookup(const struct table *t, const char *key)
{
    if (t == NULL || t->cap == 0)
        return NULL;
    const struct portal_message *m = *table_slot(t, key);
    return m ? m->text : NULL;
}

const char *i18n_text(const char *lang, const char *key)
{
    const char *s = lang ? table_lookup(table_for(lang), key) : NULL;
    if (s == NULL && n_tables > 0)
        s = table_lookup(&tables[0], key);
    return s ? s : key;
}

bool i18n_has(const char *lang, const char *key)
{
    return table_lookup(table_for(lang), key) != NULL;
}

/* Index of the placeholder "{name}" starting at p, or -1. */
static int placeholder_at(const char *p, const char *const *names, int n)
{
    if (*p != '{')
        return -1;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(names[i]);
        if (strncmp(p + 1, names[i], len) == 0 && p[1 + len] == '}')
            return i;
    }
    return -1;
}

/* Fills the placeholders of `text`; with out == NULL only counts.  Returns the length. */
static size_t fill_placeholders(const char *text, const char *const *names,
                                const char *const *values, int n, char *out)
{
    size_t len = 0;
    for (const char *p = text; *p;) {
        int i = placeholder_at(p, names, n);
        if (i >= 0) {
            size_t vlen = strlen(values[i]);
            if (out)
                memcpy(out + len, values[i], vlen);
            len += vlen;
            p += strlen(names[i]) + 2;
        } else {
            if (out)
                out[len] = *p;
            len++;
            p++;
        }
    }
    return len;
}

char *i18n_format_list(struct arena *a, const char *lang, const char *key, const char *const *names,
                       const char *const *values, int n)
{
    const char *text = i18n_text(lang, key);
    size_t len = fill_placeholders(text, names, values, n, NULL);
    char *out = arena_alloc(a, len + 1);
    fill_placeholders(text, names, values, n, out);
    out[len] = '\0';
    return out;
}

char *i18n_format(struct arena *a, const char *lang, const char *key, ...)
{
    const char *names[16], *values[16];
    int n = 0;
    va_list ap;
    va_start(ap, key);
    for (const char *name; n < 16 && (name = va_arg(ap, const char *)) != NULL; n++) {
        const char *value = va_arg(ap, const char *);
        names[n] = name;
        values[n] = value ? value : "";
    }
    va_end(ap);
    return i18n_format_list(a, lang, key, names, values, n);
}

int i18n_language_count(void)
{
    return n_tables;
}

const char *i18n_language_at(int i)
{
    return tables[i].lang;
}

bool i18n_supported(const char *lang)
{
    return lang != NULL && table_for(lang) != NULL;
}

int i18n_key_count(void)
{
    return n_english_keys;
}

const char *i18n_key_at(int i)
{
    return english_keys[i];
}

bool i18n_key_required(const char *lang, int i)
{
    if (english_origin[i] == NULL)
        return true; /* the core's texts: every language */
    const struct plugin *p = plugin_find(english_origin[i]);
    for (const char *const *l = p ? p->desc->languages : NULL; l && *l; l++)
        if (strcmp(*l, lang) == 0)
            return true; /* a plugin's own texts: its own languages */
    return false;
}
