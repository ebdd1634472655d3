/*
 * tpl.c — loads the templates once per worker, one copy per language; see tpl.h.
 *
 * Loading cost is paid at start-up (a few milliseconds for all languages); rendering is a cache
 * lookup and ctemplate's expansion.  Message markers "[[key]]" are replaced by the catalogue
 * text, HTML-escaped, with its "{name}" placeholders turned into template variables "{{name}}"
 * so that values are escaped by AUTOESCAPE like any other.
 */
#include "tpl.h"

#include "arena.h"
#include "buf.h"
#include "i18n.h"
#include "plugin.h"
#include "settings.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Region overrides present: "<slug>/<name>" strings. */
static char **overrides;
static int n_overrides;

static void overrides_free(void)
{
    for (int i = 0; i < n_overrides; i++)
        free(overrides[i]);
    free(overrides);
    overrides = NULL;
    n_overrides = 0;
}

static bool override_exists(const char *region, const char *name)
{
    size_t rl = strlen(region);
    for (int i = 0; i < n_overrides; i++)
        if (strncmp(overrides[i], region, rl) == 0 && overrides[i][rl] == '/' &&
            strcmp(overrides[i] + rl + 1, name) == 0)
            return true;
    return false;
}

const char *tpl_check_escaping(const char *text, size_t len)
{
    static const char pragma[] = "{{%AUTOESCAPE context=\"";
    if (len < sizeof pragma - 1 || strncmp(text, pragma, sizeof pragma - 1) != 0)
        return "it does not begin with {{%AUTOESCAPE context=\"...\"}}";
    const char *ctx = text + sizeof pragma - 1;
    if (strncmp(ctx, "HTML\"", 5) != 0 && strncmp(ctx, "XML\"", 4) != 0 &&
        strncmp(ctx, "JSON\"", 5) != 0)
        return "its AUTOESCAPE context must be HTML, XML or JSON";
    /* Modifiers that switch escaping off, or claim a value is already safe. */
    static const char *const unsafe[] = {":none", ":x-", ":H=snippet", ":h=snippet"};
    for (size_t i = 0; i < sizeof unsafe / sizeof unsafe[0]; i++) {
        size_t ul = strlen(unsafe[i]);
        for (size_t k = 0; k + ul <= len; k++)
            if (memcmp(text + k, unsafe[i], ul) == 0)
                return "it uses a modifier that turns escaping off (:none, :x-..., snippet)";
    }
    return NULL;
}

static bool is_key_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

/* Appends a catalogue text, HTML-escaped, placeholders turned into variables. */
static void append_message(struct buf *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        if (*p == '{') {
            const char *e = p + 1;
            while ((*e >= 'a' && *e <= 'z') || *e == '_')
                e++;
            if (*e == '}' && e > p + 1) {
                buf_puts(out, "{{");
                buf_append(out, p + 1, (size_t)(e - p - 1));
                buf_puts(out, "}}");
                p = e;
                continue;
            }
        }
        switch (*p) {
        case '&':
            buf_puts(out, "&amp;");
            break;
        case '<':
            buf_puts(out, "&lt;");
            break;
        case '>':
            buf_puts(out, "&gt;");
            break;
        case '"':
            buf_puts(out, "&quot;");
            break;
        case '\'':
            buf_puts(out, "&#39;");
            break;
        case '{':
            buf_puts(out, "&#123;");
            break;
        default:
            buf_putc(out, *p);
        }
    }
}

/* The template text for one language.  Fails on a marker whose key English does not know. */
static int translate(const char *text, size_t len, const char *lang, struct buf *out,
                     const char *path, char *err, size_t errlen)
{
    buf_clear(out);
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '[' && i + 1 < len && text[i + 1] == '[') {
            size_t k = i + 2;
            while (k < len && is_key_char(text[k]))
                k++;
            if (k + 1 < len && text[k] == ']' && text[k + 1] == ']' && k > i + 2) {
                char key[128];
                snprintf(key, sizeof key, "%.*s", (int)(k - i - 2), text + i + 2);
                if (!i18n_has("en", key)) {
                    snprintf(err, errlen,
                             "%s: message [[%s]] is not in the English catalogue "
                             "(core/i18n_en.c or the plugin's)",
                             path, key);
                    return -1;
                }
                append_message(out, i18n_text(lang, key));
                i = k + 1;
                continue;
            }
        }
        buf_putc(out, text[i]);
    }
    return 0;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    struct buf b;
    buf_init(&b);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    if (b.data == NULL)
        buf_append(&b, "", 0);
    return b.data;
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Loads one file in every language under "<lang>/<prefix><name>". */
static int load_file(const char *dir, const char *name, const char *prefix, char *err,
                     size_t errlen)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t len;
    char *text = read_file(path, &len);
    if (text == NULL) {
        snprintf(err, errlen, "cannot read template %s: %s", path, strerror(errno));
        return -1;
    }
    const char *problem = tpl_check_escaping(text, len);
    if (problem != NULL) {
        snprintf(err, errlen, "template %s refused: %s", path, problem);
        free(text);
        return -1;
    }
    struct buf out;
    buf_init(&out);
    int rc = 0;
    for (int i = 0; rc == 0 && i < i18n_language_count(); i++) {
        const char *lang = i18n_language_at(i);
        char key[512];
        snprintf(key, sizeof key, "%s/%s%s", lang, prefix, name);
        rc = translate(text, len, lang, &out, path, err, errlen);
        if (rc == 0)
            rc = tpl_cache_put(key, out.data ? out.data : "", out.len, err, errlen);
        if (rc != 0 && strstr(err, path) == NULL) {
            char inner[512];
            snprintf(inner, sizeof inner, "%s", err);
            snprintf(err, errlen, "%s: %s", path, inner);
        }
    }
    buf_free(&out);
    free(text);
    return rc;
}

/* Loads every *.tpl of dir.  A missing directory is fine when `optional`. */
static int load_dir(const char *dir, const char *prefix, const char *region, bool optional,
                    char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        if (optional && errno == ENOENT)
            return 0;
        snprintf(err, errlen, "cannot open template directory %s (setting template_dir): %s", dir,
                 strerror(errno));
        return -1;
    }
    int rc = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.' || !has_suffix(e->d_name, ".tpl"))
            continue;
        rc = load_file(dir, e->d_name, prefix, err, errlen);
        if (rc == 0 && region != NULL) {
            char **grown = realloc(overrides, (size_t)(n_overrides + 1) * sizeof *grown);
            if (grown == NULL)
                rc = -1;
            else {
                overrides = grown;
                size_t n = strlen(region) + strlen(e->d_name) + 2;
                overrides[n_overrides] = malloc(n);
                if (overrides[n_overrides] == NULL)
                    rc = -1;
                else
                    snprintf(overrides[n_overrides++], n, "%s/%s", region, e->d_name);
            }
        }
    }
    closedir(d);
    return rc;
}

int tpl_load_all(char *err, size_t errlen)
{
    overrides_free();
    tpl_cache_clear();
    if (load_dir(settings.template_dir, "", NULL, false, err, errlen) != 0)
        return -1;
    /* plugin_template_dir may name several directories, separated by spaces. */
    char roots[1024];
    snprintf(roots, sizeof roots, "%s", settings.plugin_template_dir);
    char *save = NULL;
    for (char *root = strtok_r(roots, " ", &save); root; root = strtok_r(NULL, " ", &save))
        for (int i = 0; i < plugin_count(); i++) {
            const char *slug = plugin_at(i)->desc->slug;
            char dir[1024], prefix[128];
            snprintf(dir, sizeof dir, "%s/%s/templates", root, slug);
            snprintf(prefix, sizeof prefix, "%s/", slug);
            if (load_dir(dir, prefix, slug, true, err, errlen) != 0)
                return -1;
        }
    tpl_cache_freeze();
    return 0;
}

/* "<lang>/<name>", or "<lang>/<region>/<name>" when the region overrides the template. */
static void key_for(char *key, size_t cap, const char *name, const char *lang, const char *region)
{
    if (!i18n_supported(lang))
        lang = "en";
    if (region != NULL && override_exists(region, name))
        snprintf(key, cap, "%s/%s/%s", lang, region, name);
    else
        snprintf(key, cap, "%s/%s", lang, name);
}

const char *tpl_key(struct arena *a, const char *name, const char *lang, const char *region)
{
    char key[512];
    key_for(key, sizeof key, name, lang, region);
    return arena_strdup(a, key);
}

static void emit_to_buf(void *ctx, const char *s, size_t n)
{
    buf_append(ctx, s, n);
}

int tpl_render(const char *name, const char *lang, const char *region, struct tpl_dict *d,
               struct buf *out)
{
    char key[512];
    key_for(key, sizeof key, name, lang, region);
    return tpl_expand(key, d, emit_to_buf, out);
}
