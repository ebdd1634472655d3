/*
 * form.c — input checking and field drawing; see form.h.
 *
 * All messages come from the catalogue in the request's language ("field.required" …), so the
 * same checks speak every language in HTML and JSON alike.
 */
#include "form.h"

#include "arena.h"
#include "http.h"
#include "i18n.h"
#include "tpl.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void field_error_key(struct req *r, const char *name, const char *key)
{
    req_field_error(r, name, T(r, key));
}

static json_t *json_lookup(json_t *root, const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "%s", name);
    json_t *node = root;
    char *save = NULL;
    for (char *part = strtok_r(path, ".", &save); part && node; part = strtok_r(NULL, ".", &save))
        node = json_is_object(node) ? json_object_get(node, part) : NULL;
    return node;
}

const char *input_raw(struct req *r, const char *name)
{
    if (r->json == NULL)
        return kv_get(&r->form, name);
    json_t *v = json_lookup(r->json, name);
    if (v == NULL || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v))
        return arena_printf(r->arena, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    if (json_is_real(v))
        return arena_printf(r->arena, "%.2f", json_real_value(v));
    if (json_is_boolean(v))
        return json_is_true(v) ? "true" : "false";
    field_error_key(r, name, "field.not_text");
    return NULL;
}

const char *form_value(struct req *r, const char *name)
{
    const char *v = r->json ? NULL : kv_get(&r->form, name);
    return v ? v : "";
}

bool input_has_errors(const struct req *r)
{
    return r->field_errors.count > 0;
}

static bool has_control_chars(const char *s, bool multiline)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 && !(multiline && (c == '\n' || c == '\t' || c == '\r')))
            return true;
        if (c == 0x7f)
            return true;
    }
    return false;
}

const char *input_text(struct req *r, const char *name, size_t max_chars, bool required,
                       bool multiline)
{
    const char *raw = input_raw(r, name);
    if (raw == NULL)
        raw = "";
    while (isspace((unsigned char)*raw))
        raw++;
    size_t len = strlen(raw);
    while (len > 0 && isspace((unsigned char)raw[len - 1]))
        len--;
    char *v = arena_strndup(r->arena, raw, len);
    if (len == 0) {
        if (required)
            field_error_key(r, name, "field.required");
        return "";
    }
    if (has_control_chars(v, multiline)) {
        field_error_key(r, name, "field.control_chars");
        return v;
    }
    if (utf8_length(v) > max_chars) {
        char max[24];
        snprintf(max, sizeof max, "%zu", max_chars);
        req_field_error(r, name,
                        i18n_format(r->arena, r->lang, "field.too_long", "max", max, NULL));
    }
    return v;
}

bool input_int(struct req *r, const char *name, long long min, long long max, bool required,
               long long *out)
{
    const char *v = input_text(r, name, 24, required, false);
    if (*v == '\0')
        return false;
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (errno != 0 || *end != '\0' || n < min || n > max) {
        char lo[24], hi[24];
        snprintf(lo, sizeof lo, "%lld", min);
        snprintf(hi, sizeof hi, "%lld", max);
        req_field_error(r, name,
                        i18n_format(r->arena, r->lang, "field.number", "min", lo, "max", hi, NULL));
        return false;
    }
    *out = n;
    return true;
}

/* Parses "1 250,50", "1.250,50", "1250.5", "1,250.50" into minor units; -1 when unreadable. */
static long long parse_amount(const char *s)
{
    char digits[32];
    size_t n = 0;
    int decimals = -1;
    const char *last_sep = NULL;
    for (const char *p = s; *p; p++)
        if (*p == '.' || *p == ',')
            last_sep = p;
    /* The last separator is the decimal one when one or two digits follow it. */
    size_t after = last_sep ? strlen(last_sep + 1) : 0;
    bool decimal_sep = last_sep && after >= 1 && after <= 2;
    for (const char *p = s; *p && n < sizeof digits - 1; p++) {
        if (*p >= '0' && *p <= '9') {
            digits[n++] = *p;
            if (decimals >= 0)
                decimals++;
        } else if (p == last_sep && decimal_sep) {
            decimals = 0;
        } else if (*p == ' ' || *p == '.' || *p == ',' || *p == '\'') {
            continue; /* thousands separators */
        } else {
            return -1;
        }
    }
    if (n == 0 || n > 15)
        return -1;
    digits[n] = '\0';
    long long v = strtoll(digits, NULL, 10);
    if (decimals <= 0)
        return v * 100;
    return decimals == 1 ? v * 10 : v;
}

bool input_amount(struct req *r, const char *name, long long max_minor, bool required,
                  long long *out)
{
    const char *v = input_text(r, name, 24, required, false);
    if (*v == '\0')
        return false;
    if (*v == '-') {
        field_error_key(r, name, "field.negative");
        return false;
    }
    long long minor = parse_amount(v);
    if (minor < 0 || minor > max_minor) {
        field_error_key(r, name, "field.amount");
        return false;
    }
    *out = minor;
    return true;
}

bool input_bool(struct req *r, const char *name)
{
    const char *v = input_raw(r, name);
    return v != NULL && (strcmp(v, "on") == 0 || strcmp(v, "true") == 0 || strcmp(v, "1") == 0 ||
                         strcmp(v, "yes") == 0);
}

static bool valid_date(int y, int m, int d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

bool input_date(struct req *r, const char *name, bool required, char out[11])
{
    const char *v = input_text(r, name, 10, required, false);
    if (*v == '\0')
        return false;
    int y, m, d, used = 0;
    if (strlen(v) != 10 || sscanf(v, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 ||
        !valid_date(y, m, d)) {
        field_error_key(r, name, "field.date");
        return false;
    }
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return true;
}

bool input_datetime(struct req *r, const char *name, bool required, char out[17])
{
    const char *v = input_text(r, name, 19, required, false);
    if (*v == '\0')
        return false;
    int y, mo, d, h, mi, used = 0;
    if (sscanf(v, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &used) != 5 ||
        (v[used] != '\0' && strcmp(v + used, ":00") != 0) || !valid_date(y, mo, d) || h > 23 ||
        mi > 59 || h < 0 || mi < 0) {
        field_error_key(r, name, "field.datetime");
        return false;
    }
    snprintf(out, 17, "%04d-%02d-%02dT%02d:%02d", y, mo, d, h, mi);
    return true;
}

const char *input_email(struct req *r, const char *name, bool required)
{
    const char *v = input_text(r, name, 254, required, false);
    if (*v == '\0' || input_has_errors(r))
        return v;
    const char *at = strchr(v, '@');
    bool ok = at != NULL && at != v && strchr(at + 1, '@') == NULL && strchr(at, '.') != NULL &&
              at[1] != '.' && v[strlen(v) - 1] != '.' && strpbrk(v, " ,;<>()[]\\\"") == NULL;
    if (!ok)
        field_error_key(r, name, "field.email");
    return v;
}

static void list_add_unique(struct req *r, const char **items, int *n, int max_items,
                            const char *item, size_t max_chars, const char *name)
{
    while (isspace((unsigned char)*item))
        item++;
    size_t len = strlen(item);
    while (len > 0 && isspace((unsigned char)item[len - 1]))
        len--;
    if (len == 0)
        return;
    char *v = arena_strndup(r->arena, item, len);
    for (int i = 0; i < *n; i++)
        if (strcmp(items[i], v) == 0)
            return;
    if (*n >= max_items) {
        char max[16];
        snprintf(max, sizeof max, "%d", max_items);
        req_field_error(r, name,
                        i18n_format(r->arena, r->lang, "field.too_many", "max", max, NULL));
        return;
    }
    if (utf8_length(v) > max_chars || has_control_chars(v, false)) {
        char max[24];
        snprintf(max, sizeof max, "%zu", max_chars);
        req_field_error(r, name,
                        i18n_format(r->arena, r->lang, "field.item_too_long", "max", max, NULL));
        return;
    }
    items[(*n)++] = v;
}

/* Splits a comma-separated value into the list. */
static void list_add_split(struct req *r, const char **items, int *n, int max_items,
                           const char *value, size_t max_chars, const char *name)
{
    char *copy = arena_strdup(r->arena, value), *save = NULL;
    for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save))
        list_add_unique(r, items, n, max_items, p, max_chars, name);
}

const char **input_list(struct req *r, const char *name, int max_items, size_t max_chars,
                        int *count)
{
    const char **items = arena_calloc(r->arena, (size_t)max_items + 1, sizeof *items);
    int n = 0;
    if (r->json != NULL) {
        json_t *v = json_lookup(r->json, name);
        if (json_is_array(v)) {
            size_t i;
            json_t *item;
            json_array_foreach(v, i, item)
            {
                if (!json_is_string(item)) {
                    field_error_key(r, name, "field.not_list");
                    break;
                }
                list_add_unique(r, items, &n, max_items, json_string_value(item), max_chars, name);
            }
        } else if (json_is_string(v)) {
            list_add_split(r, items, &n, max_items, json_string_value(v), max_chars, name);
        } else if (v != NULL && !json_is_null(v)) {
            field_error_key(r, name, "field.not_list");
        }
    } else {
        for (int i = 0; i < r->form.count; i++)
            if (strcmp(r->form.items[i].name, name) == 0)
                list_add_split(r, items, &n, max_items, r->form.items[i].value, max_chars, name);
    }
    items[n] = NULL;
    *count = n;
    return items;
}

bool input_one_of(struct req *r, const char *name, const char *value, const char *const *allowed)
{
    for (const char *const *a = allowed; *a; a++)
        if (strcmp(*a, value) == 0)
            return true;
    field_error_key(r, name, "field.choice");
    return false;
}

/* --- drawing fields --- */

static const char *field_id(struct req *r, const char *name)
{
    char *id = arena_printf(r->arena, "f-%s", name);
    for (char *p = id; *p; p++)
        if (*p == '.' || *p == '[' || *p == ']')
            *p = '-';
    return id;
}

/* The include dictionary with what every kind of field shows. */
static struct tpl_dict *field_base(struct req *r, struct tpl_dict *d, const char *marker,
                                   const struct field_view *f, const char *template_name)
{
    struct tpl_dict *fd = tpl_include(d, marker, tpl_key(r->arena, template_name, r->lang, NULL));
    tpl_set(fd, "ID", field_id(r, f->name));
    tpl_set(fd, "NAME", f->name);
    tpl_set(fd, "LABEL", T(r, f->label_key));
    if (f->hint_key != NULL) {
        struct tpl_dict *h = tpl_section(fd, "HINT");
        tpl_set(h, "HINT_TEXT", T(r, f->hint_key));
    }
    if (f->required)
        tpl_show(fd, "REQUIRED");
    const char *error = kv_get(&r->field_errors, f->name);
    if (error != NULL) {
        struct tpl_dict *e = tpl_section(fd, "ERROR");
        tpl_set(e, "ERROR_TEXT", error);
        tpl_show(fd, "INVALID");
    }
    if (f->hint_key != NULL || error != NULL)
        tpl_show(fd, "DESCRIBED");
    return fd;
}

void form_field(struct req *r, struct tpl_dict *d, const char *marker, const struct field_view *f,
                const char *value)
{
    bool textarea = strcmp(f->type, "textarea") == 0;
    struct tpl_dict *fd =
        field_base(r, d, marker, f, textarea ? "field_textarea.tpl" : "field.tpl");
    tpl_set(fd, "TYPE", f->type);
    /* Passwords are never sent back to the browser. */
    tpl_set(fd, "VALUE", strcmp(f->type, "password") == 0 ? "" : (value ? value : ""));
    if (f->autocomplete != NULL) {
        struct tpl_dict *a = tpl_section(fd, "AUTOCOMPLETE");
        tpl_set(a, "AUTOCOMPLETE_VALUE", f->autocomplete);
    }
    if (f->max_chars > 0) {
        struct tpl_dict *m = tpl_section(fd, "MAXLENGTH");
        tpl_set_int(m, "MAXLENGTH_VALUE", f->max_chars);
    }
}

void form_select(struct req *r, struct tpl_dict *d, const char *marker, const struct field_view *f,
                 const struct choice *choices, int n, const char *selected)
{
    struct tpl_dict *fd = field_base(r, d, marker, f, "field_select.tpl");
    for (int i = 0; i < n; i++) {
        struct tpl_dict *o = tpl_section(fd, "OPTION");
        tpl_set(o, "OPTION_VALUE", choices[i].value);
        tpl_set(o, "OPTION_LABEL", choices[i].label);
        if (selected != NULL && strcmp(selected, choices[i].value) == 0)
            tpl_show(o, "SELECTED");
    }
}

void form_checkboxes(struct req *r, struct tpl_dict *d, const char *marker,
                     const struct field_view *f, const struct choice *choices, int n,
                     const char *const *checked)
{
    struct tpl_dict *fd = field_base(r, d, marker, f, "field_checkboxes.tpl");
    for (int i = 0; i < n; i++) {
        struct tpl_dict *o = tpl_section(fd, "OPTION");
        tpl_set(o, "OPTION_VALUE", choices[i].value);
        tpl_set(o, "OPTION_LABEL", choices[i].label);
        tpl_set(o, "OPTION_ID", arena_printf(r->arena, "%s-%d", field_id(r, f->name), i));
        for (const char *const *c = checked; c && *c; c++)
            if (strcmp(*c, choices[i].value) == 0)
                tpl_show(o, "CHECKED");
    }
}
