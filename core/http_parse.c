/*
 * http_parse.c — parsers of untrusted request text; see http_parse.h.
 *
 * Each parser makes one pass over its input and allocates its output from the request's arena;
 * none keeps state between calls.
 */
#include "http_parse.h"

#include "arena.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void kv_add(struct arena *a, struct kv_list *list, const char *name, const char *value)
{
    if (list->count == list->cap) {
        int cap = list->cap ? list->cap * 2 : 16;
        struct kv *items = arena_alloc(a, (size_t)cap * sizeof *items);
        if (list->count > 0)
            memcpy(items, list->items, (size_t)list->count * sizeof *items);
        list->items = items;
        list->cap = cap;
    }
    list->items[list->count].name = name;
    list->items[list->count].value = value;
    list->count++;
}

const char *kv_get(const struct kv_list *list, const char *name)
{
    for (int i = 0; i < list->count; i++)
        if (strcmp(list->items[i].name, name) == 0)
            return list->items[i].value;
    return NULL;
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned int cp, min;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1, cp = c & 0x1Fu, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2, cp = c & 0x0Fu, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3, cp = c & 0x07u, min = 0x10000;
        } else {
            return false;
        }
        if (len - i <= need)
            return false;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += need + 1;
    }
    return true;
}

size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

char *http_percent_decode(struct arena *a, const char *s, size_t len, bool plus_is_space,
                          enum parse_status *status)
{
    char *out = arena_alloc(a, len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            int hi = i + 1 < len ? hex_value((unsigned char)s[i + 1]) : -1;
            int lo = i + 2 < len ? hex_value((unsigned char)s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                *status = PARSE_BAD_ENCODING;
                return NULL;
            }
            out[n++] = (char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out[n++] = ' ';
        } else if (c == '\0') {
            *status = PARSE_BAD_ENCODING;
            return NULL;
        } else {
            out[n++] = (char)c;
        }
    }
    out[n] = '\0';
    if (!utf8_valid(out, n)) {
        *status = PARSE_BAD_UTF8;
        return NULL;
    }
    *status = PARSE_OK;
    return out;
}

int http_parse_urlencoded(struct arena *a, const char *s, size_t len, struct kv_list *out,
                          int max_fields, struct parse_error *err)
{
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && s[i] != '&')
            i++;
        size_t end = i++;
        if (end == start)
            continue; /* "a=1&&b=2" */
        if (out->count >= max_fields) {
            err->status = PARSE_TOO_MANY;
            err->field = NULL;
            return -1;
        }
        const char *eq = memchr(s + start, '=', end - start);
        size_t name_len = eq ? (size_t)(eq - (s + start)) : end - start;
        enum parse_status st;
        char *name = http_percent_decode(a, s + start, name_len, true, &st);
        if (name == NULL) {
            err->status = st;
            err->field = NULL;
            return -1;
        }
        const char *vs = eq ? eq + 1 : s + end;
        char *value = http_percent_decode(a, vs, (size_t)(s + end - vs), true, &st);
        if (value == NULL) {
            err->status = st;
            err->field = name;
            return -1;
        }
        kv_add(a, out, name, value);
    }
    err->status = PARSE_OK;
    err->field = NULL;
    return 0;
}

void http_parse_cookies(struct arena *a, const char *header, struct kv_list *out, int max_cookies)
{
    const char *p = header;
    while (p != NULL && *p != '\0' && out->count < max_cookies) {
        while (*p == ' ' || *p == '\t' || *p == ';')
            p++;
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        if (eq != NULL && eq > p) {
            size_t nlen = (size_t)(eq - p);
            while (nlen > 0 && (p[nlen - 1] == ' ' || p[nlen - 1] == '\t'))
                nlen--;
            const char *v = eq + 1;
            size_t vlen = len - (size_t)(v - p);
            while (vlen > 0 && (*v == ' ' || *v == '\t'))
                v++, vlen--;
            while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
                vlen--;
            if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"')
                v++, vlen -= 2;
            if (nlen > 0 && utf8_valid(p, nlen) && utf8_valid(v, vlen))
                kv_add(a, out, arena_strndup(a, p, nlen), arena_strndup(a, v, vlen));
        }
        p = end ? end + 1 : NULL;
    }
}

/* Parses the q parameter of one Accept or Accept-Language item: 0..1000 (thousandths). */
static int item_quality(const char *params, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        if ((params[i] == 'q' || params[i] == 'Q') && params[i + 1] == '=' &&
            (i == 0 || params[i - 1] == ';' || params[i - 1] == ' ')) {
            const char *v = params + i + 2;
            size_t vl = len - i - 2;
            int q = 0, scale = 1000, seen_dot = 0, digits = 0;
            for (size_t k = 0; k < vl; k++) {
                char c = v[k];
                if (c == '.' && !seen_dot) {
                    seen_dot = 1;
                } else if (c >= '0' && c <= '9' && digits < 4) {
                    if (!seen_dot)
                        q = (c - '0') * 1000;
                    else if (scale > 1)
                        q += (c - '0') * (scale /= 10);
                    digits++;
                } else {
                    break;
                }
            }
            return q > 1000 ? 1000 : q;
        }
    }
    return 1000;
}

/* Calls fn for each comma-separated item of an Accept-style header with its value and quality. */
static void each_weighted_item(const char *header, void (*fn)(const char *, size_t, int, void *),
                               void *ctx)
{
    const char *p = header;
    while (p != NULL && *p != '\0') {
        while (*p == ' ' || *p == ',')
            p++;
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *semi = memchr(p, ';', len);
        size_t vlen = semi ? (size_t)(semi - p) : len;
        while (vlen > 0 && p[vlen - 1] == ' ')
            vlen--;
        int q = semi ? item_quality(semi + 1, len - (size_t)(semi + 1 - p)) : 1000;
        if (vlen > 0)
            fn(p, vlen, q, ctx);
        p = end ? end + 1 : NULL;
    }
}

struct language_pick {
    const char *const *supported;
    int n;
    int best, best_q;
};

static void consider_language(const char *tag, size_t len, int q, void *ctx)
{
    struct language_pick *pick = ctx;
    size_t primary = 0;
    while (primary < len && tag[primary] != '-' && tag[primary] != '_')
        primary++;
    for (int i = 0; i < pick->n; i++) {
        const char *s = pick->supported[i];
        if (strlen(s) == primary && strncasecmp(s, tag, primary) == 0 && q > pick->best_q) {
            pick->best = i;
            pick->best_q = q;
        }
    }
}

int http_pick_language(const char *header, const char *const *supported, int n_supported)
{
    struct language_pick pick = {supported, n_supported, -1, 0};
    if (header != NULL)
        each_weighted_item(header, consider_language, &pick);
    return pick.best;
}

struct media_pick {
    int json_q, html_q, any_q;
    bool json_seen, html_seen;
};

static void consider_media(const char *type, size_t len, int q, void *ctx)
{
    struct media_pick *m = ctx;
    if (len == 16 && strncasecmp(type, "application/json", 16) == 0)
        m->json_q = q, m->json_seen = true;
    else if (len == 9 && strncasecmp(type, "text/html", 9) == 0)
        m->html_q = q, m->html_seen = true;
    else if (len == 3 && strncmp(type, "*/*", 3) == 0)
        m->any_q = q;
}

bool http_accept_prefers_json(const char *header)
{
    if (header == NULL)
        return false;
    struct media_pick m = {0, 0, 0, false, false};
    each_weighted_item(header, consider_media, &m);
    int json = m.json_seen ? m.json_q : m.any_q;
    int html = m.html_seen ? m.html_q : m.any_q;
    return m.json_seen && json > html;
}

int json_nesting_depth(const char *s, size_t len, int limit)
{
    int depth = 0, max = 0;
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max && (max = depth) > limit)
                return max;
        } else if (c == ']' || c == '}') {
            depth--;
        }
    }
    return max;
}
