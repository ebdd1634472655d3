/*
 * view.c — helpers shared by the pages; see view.h.
 */
#include "view.h"

#include "../access.h"
#include "../arena.h"
#include "../buf.h"
#include "../db.h"
#include "../form.h"
#include "../format.h"
#include "../http.h"
#include "../i18n.h"
#include "../languages.h"
#include "../listing.h"
#include "../plugin.h"
#include "../taxonomy.h"
#include "../tpl.h"

#include <stdio.h>
#include <string.h>

/* Who acted: the person, or for entries without one (the demo loader's, or a person since
 * deleted) the organisation the entry is about, or NULL (shown as the portal itself). */
DB_STMT(audit_trail,
        "SELECT to_char(a.at, 'YYYY-MM-DD HH24:MI') AS at, a.action, a.from_state, a.to_state, "
        "a.reason, coalesce(p.name, o.name) AS who FROM audit_log a "
        "LEFT JOIN persons p ON p.id = a.person_id "
        "LEFT JOIN organisations o ON o.id = a.org_id "
        "WHERE a.entity = $1 AND a.entity_id = $2 ORDER BY a.at, a.id");

const char *region_name(const char *slug)
{
    const struct plugin *p = plugin_find(slug);
    return p ? p->desc->name : slug;
}

const char *region_currency(const char *slug)
{
    const struct plugin *p = plugin_find(slug);
    return p ? p->desc->currency : "EUR";
}

static const char *joined(struct req *r, const char *const *items, int n,
                          const char *(*name)(struct req *, const char *))
{
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < n; i++) {
        if (i > 0)
            buf_puts(&b, ", ");
        buf_puts(&b, name(r, items[i]));
    }
    const char *out = arena_strdup(r->arena, b.data ? b.data : "");
    buf_free(&b);
    return out;
}

static const char *sector_name(struct req *r, const char *slug)
{
    return T(r, arena_printf(r->arena, "sector.%s", slug));
}

static const char *language_label(struct req *r, const char *code)
{
    (void)r;
    const char *name = language_name(code);
    return name ? name : code;
}

const char *sector_names(struct req *r, const char *const *slugs, int n)
{
    return joined(r, slugs, n, sector_name);
}

const char *language_names(struct req *r, const char *const *codes, int n)
{
    return joined(r, codes, n, language_label);
}

const char *facet_label(struct req *r, enum facet_kind kind, const char *value)
{
    switch (kind) {
    case FACET_SECTOR:
        return sector_name(r, value);
    case FACET_KIND:
        return T(r, arena_printf(r->arena, "kind.%s", value));
    case FACET_LANGUAGE:
        return language_label(r, value);
    case FACET_REGION:
        return region_name(value);
    default:
        return value;
    }
}

const char *price_text(struct req *r, const char *region, long long minor, const char *basis)
{
    const char *amount = format_money(r->arena, r->lang, region_currency(region), minor);
    if (basis == NULL || *basis == '\0')
        return amount;
    return i18n_format(r->arena, r->lang, arena_printf(r->arena, "basis.%s", basis), "amount",
                       amount, NULL);
}

static void url_param(struct buf *b, const char *name, const char *value)
{
    static const char hex[] = "0123456789ABCDEF";
    buf_putc(b, b->len && strchr(b->data, '?') ? '&' : '?');
    buf_puts(b, name);
    buf_putc(b, '=');
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.') {
            buf_putc(b, (char)*p);
        } else {
            buf_putc(b, '%');
            buf_putc(b, hex[*p >> 4]);
            buf_putc(b, hex[*p & 15]);
        }
    }
}

const char *search_url(struct req *r, const char *what, const struct search_query *sq,
                       const char *name, const char *value, int page, long long as_of)
{
    struct buf b;
    buf_init(&b);
    bool region_page = kv_get(&r->params, "region") != NULL;
    buf_puts(&b, region_page ? arena_printf(r->arena, "/r/%s/%s", sq->region, what)
                             : arena_printf(r->arena, "/%s", what));
    struct {
        const char *name, *value;
    } params[] = {{"q", sq->q},           {"region", region_page ? NULL : sq->region},
                  {"sector", sq->sector}, {"kind", sq->kind},
                  {"lang", sq->lang},     {"status", sq->status}};
    for (size_t i = 0; i < sizeof params / sizeof params[0]; i++) {
        const char *v = params[i].value;
        if (name != NULL && strcmp(name, params[i].name) == 0)
            v = value;
        if (v != NULL && *v != '\0')
            url_param(&b, params[i].name, v);
    }
    if (sq->newest && *sq->q != '\0')
        url_param(&b, "sort", "newest");
    if (page > 1)
        url_param(&b, "page", arena_printf(r->arena, "%d", page));
    if (as_of > 0)
        url_param(&b, "as_of", arena_printf(r->arena, "%lld", as_of));
    const char *out = arena_strdup(r->arena, b.data);
    buf_free(&b);
    return out;
}

const char *list_text(struct req *r, const char *const *items, int n)
{
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < n; i++) {
        if (i > 0)
            buf_puts(&b, ", ");
        buf_puts(&b, items[i]);
    }
    const char *out = arena_strdup(r->arena, b.data ? b.data : "");
    buf_free(&b);
    return out;
}

void listing_form_fields(struct req *r, struct tpl_dict *d, const char *region,
                         const struct listing_view *v, const char *const *kinds, int n_kinds,
                         const char *const *bases, int n_bases)
{
    static const struct field_view kind = {"kind", "field.kind", "select", NULL, NULL, true, 0};
    static const struct field_view lang = {
        "lang", "field.text_lang", "select", "listing.text_lang_hint", NULL, true, 0};
    static const struct field_view title = {"title", "field.title", "text", NULL, NULL, true, 120};
    static const struct field_view summary = {
        "summary", "field.summary", "textarea", "listing.summary_hint", NULL, true, 300};
    static const struct field_view description = {
        "description", "field.description", "textarea", NULL, NULL, true, 4000};
    static const struct field_view sectors = {
        "sectors", "field.sectors", "checkboxes", "listing.sectors_hint", NULL, true, 0};
    static const struct field_view subsectors = {
        "subsectors", "field.subsectors", "checkboxes", NULL, NULL, false, 0};
    static const struct field_view tags = {"tags", "field.tags", "text", "listing.tags_hint",
                                           NULL,   false,        500};
    static const struct field_view languages = {
        "languages", "field.languages", "text", "listing.languages_hint", NULL, true, 60};
    static const struct field_view capacity = {
        "capacity", "field.capacity", "number", "listing.capacity_hint", NULL, false, 0};
    static const struct field_view price = {"price", "field.price", "text", "listing.price_hint",
                                            NULL,    false,         24};
    static const struct field_view basis = {
        "price_basis", "field.price_basis", "select", NULL, NULL, false, 0};
    static const struct field_view from = {
        "available_from", "field.available_from", "date", NULL, NULL, false, 0};
    static const struct field_view until = {
        "available_until", "field.available_until", "date", NULL, NULL, false, 0};
    static const struct field_view email = {
        "contact_email", "field.contact_email", "email", NULL, "email", true, 254};
    static const struct field_view phone = {
        "contact_phone", "field.contact_phone", "tel", NULL, "tel", false, 40};
    struct arena *a = r->arena;
    struct choice *c = arena_calloc(a, 32, sizeof *c);
    for (int i = 0; i < n_kinds; i++)
        c[i] = (struct choice){kinds[i], T(r, arena_printf(a, "kind.%s", kinds[i]))};
    form_select(r, d, "F_KIND", &kind, c, n_kinds, v->kind);
    struct choice *langs = arena_calloc(a, language_count(), sizeof *langs);
    for (size_t i = 0; i < language_count(); i++)
        langs[i] = (struct choice){language_at(i)->code, language_at(i)->name};
    form_select(r, d, "F_LANG", &lang, langs, (int)language_count(), v->lang);
    form_field(r, d, "F_TITLE", &title, v->title);
    form_field(r, d, "F_SUMMARY", &summary, v->summary);
    form_field(r, d, "F_DESCRIPTION", &description, v->description);
    struct choice *sc = arena_calloc(a, (size_t)taxonomy_sector_count(), sizeof *sc);
    for (int i = 0; i < taxonomy_sector_count(); i++)
        sc[i] = (struct choice){taxonomy_sector_at(i), sector_name(r, taxonomy_sector_at(i))};
    form_checkboxes(r, d, "F_SECTORS", &sectors, sc, taxonomy_sector_count(), v->sectors);
    const struct plugin *p = region ? plugin_find(region) : NULL;
    int n_sub = 0;
    struct choice *sub = arena_calloc(a, 32, sizeof *sub);
    for (int i = 0; p == NULL && i < plugin_count(); i++)
        for (const struct portal_sector *s = plugin_at(i)->desc->subsectors;
             s && s->slug && n_sub < 31; s++)
            sub[n_sub++] = (struct choice){s->slug, sector_name(r, s->slug)};
    for (const struct portal_sector *s = p ? p->desc->subsectors : NULL; s && s->slug && n_sub < 31;
         s++)
        sub[n_sub++] = (struct choice){s->slug, sector_name(r, s->slug)};
    form_checkboxes(r, d, "F_SUBSECTORS", &subsectors, sub, n_sub, v->subsectors);
    form_field(r, d, "F_TAGS", &tags, list_text(r, v->tags, v->n_tags));
    form_field(r, d, "F_LANGUAGES", &languages, list_text(r, v->languages, v->n_languages));
    form_field(r, d, "F_CAPACITY", &capacity,
               v->has_capacity ? arena_printf(a, "%lld", v->capacity) : form_value(r, "capacity"));
    form_field(r, d, "F_PRICE", &price,
               v->has_price
                   ? arena_printf(a, "%lld.%02lld", v->price_minor / 100, v->price_minor % 100)
                   : form_value(r, "price"));
    struct choice *bc = arena_calloc(a, (size_t)n_bases, sizeof *bc);
    for (int i = 0; i < n_bases; i++)
        bc[i] = (struct choice){bases[i], T(r, arena_printf(a, "basis_label.%s", bases[i]))};
    form_select(r, d, "F_PRICE_BASIS", &basis, bc, n_bases, v->price_basis);
    form_field(r, d, "F_FROM", &from, v->available_from);
    form_field(r, d, "F_UNTIL", &until, v->available_until);
    form_field(r, d, "F_EMAIL", &email, v->contact_email);
    form_field(r, d, "F_PHONE", &phone, v->contact_phone);
}

void listing_view_from_form(struct req *r, struct listing_view *v)
{
    memset(v, 0, sizeof *v);
    v->kind = form_value(r, "kind");
    v->lang = form_value(r, "lang");
    v->title = form_value(r, "title");
    v->summary = form_value(r, "summary");
    v->description = form_value(r, "description");
    v->sectors = input_list(r, "sectors", 64, 1000, &v->n_sectors);
    v->subsectors = input_list(r, "subsectors", 64, 1000, &v->n_subsectors);
    v->tags = input_list(r, "tags", 64, 1000, &v->n_tags);
    v->languages = input_list(r, "languages", 64, 1000, &v->n_languages);
    v->price_basis = form_value(r, "price_basis");
    v->available_from = form_value(r, "available_from");
    v->available_until = form_value(r, "available_until");
    v->contact_email = form_value(r, "contact_email");
    v->contact_phone = form_value(r, "contact_phone");
}

static const char *audit_who(struct req *r, const PGresult *res, int row)
{
    const char *who = db_value(res, row, "who");
    return who != NULL && *who != '\0' ? who : T(r, "audit.who_portal");
}

enum err_code audit_trail_fill(struct req *r, struct tpl_dict *d, const char *entity, long long id)
{
    const char *params[] = {entity, arena_printf(r->arena, "%lld", id)};
    PGresult *res = db_exec(r->arena, &audit_trail, 2, params);
    if (res == NULL)
        return db_error_code();
    for (int i = 0; i < PQntuples(res); i++) {
        struct tpl_dict *e = tpl_section(d, "AUDIT");
        tpl_set(e, "AUDIT_AT", format_datetime(r->arena, r->lang, db_value(res, i, "at")));
        tpl_set(e, "AUDIT_WHO", audit_who(r, res, i));
        tpl_set(e, "AUDIT_ACTION",
                T(r, arena_printf(r->arena, "audit.%s", db_value(res, i, "action"))));
        const char *to = db_value(res, i, "to_state");
        tpl_set(e, "AUDIT_TO", to ? T(r, arena_printf(r->arena, "status.%s", to)) : "");
        const char *reason = db_value(res, i, "reason");
        if (reason != NULL)
            tpl_set(tpl_section(e, "AUDIT_REASON"), "AUDIT_REASON_TEXT", reason);
    }
    return ERR_NONE;
}

enum err_code audit_trail_json(struct req *r, const char *entity, long long id, json_t **out)
{
    const char *params[] = {entity, arena_printf(r->arena, "%lld", id)};
    PGresult *res = db_exec(r->arena, &audit_trail, 2, params);
    if (res == NULL)
        return db_error_code();
    *out = json_array();
    for (int i = 0; i < PQntuples(res); i++)
        json_array_append_new(
            *out, json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?}", "at", db_value(res, i, "at"),
                            "who", audit_who(r, res, i), "action", db_value(res, i, "action"),
                            "from", db_value(res, i, "from_state"), "to",
                            db_value(res, i, "to_state"), "reason", db_value(res, i, "reason")));
    return ERR_NONE;
}

void moderation_form_errors(struct req *r, struct tpl_dict *d)
{
    for (int i = 0; i < r->field_errors.count; i++) {
        const char *field = r->field_errors.items[i].name;
        if (strcmp(field, "reason") != 0 && strcmp(field, "action") != 0)
            continue; /* another form's problem (an answer to a call, say) */
        struct tpl_dict *e = tpl_section(d, "MODERATION_ERROR");
        tpl_set(e, "MODERATION_ERROR_TEXT", r->field_errors.items[i].value);
        break; /* one message: the field's error element has one id */
    }
    tpl_set(d, "MODERATION_REASON", form_value(r, "reason"));
}

const char *moderated_regions(struct req *r)
{
    const char *slugs[64];
    int n = 0;
    for (int i = 0; i < plugin_count() && n < 64; i++)
        if (access_admin_of(r, plugin_at(i)->desc->slug))
            slugs[n++] = plugin_at(i)->desc->slug;
    return db_array_literal(r->arena, slugs, n);
}
