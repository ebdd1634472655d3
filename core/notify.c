/*
 * notify.c — inbox rows and outbox e-mails; see notify.h.
 */
#include "notify.h"

#include "arena.h"
#include "auth.h"
#include "buf.h"
#include "db.h"
#include "http.h"
#include "i18n.h"
#include "plugin.h"
#include "settings.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* Members of an organisation with the language each reads: their setting, else the region's. */
DB_STMT(notify_members,
        "SELECT p.id, p.email, coalesce(p.lang, '') AS lang, o.region FROM memberships m "
        "JOIN persons p ON p.id = m.person_id JOIN organisations o ON o.id = m.org_id "
        "WHERE m.org_id = $1 AND p.disabled_at IS NULL AND p.id IS DISTINCT FROM $2::bigint "
        "ORDER BY p.id");
DB_STMT(notify_admins,
        "SELECT p.id, p.email, coalesce(p.lang, '') AS lang, a.region FROM region_admins a "
        "JOIN persons p ON p.id = a.person_id WHERE a.region = $1 AND p.disabled_at IS NULL "
        "AND p.id IS DISTINCT FROM $2::bigint ORDER BY p.id");
DB_STMT(notify_insert,
        "INSERT INTO notifications (person_id, kind, params, link) VALUES ($1, $2, $3::jsonb, $4)");
DB_STMT(notify_mail, "INSERT INTO outbox (person_id, to_address, subject, body, lang, kind) "
                     "VALUES ($1, $2, $3, $4, $5, $6)");

static const char *reader_language(const char *setting, const char *region)
{
    if (setting && *setting && i18n_supported(setting))
        return setting;
    const struct plugin *p = plugin_find(region);
    return p ? p->desc->languages[0] : "en";
}

static const char *params_json(struct req *r, const struct notice *n)
{
    json_t *o = json_object();
    for (int i = 0; i < n->n; i++)
        json_object_set_new(o, n->names[i], json_string(n->values[i] ? n->values[i] : ""));
    char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    const char *out = arena_strdup(r->arena, text ? text : "{}");
    free(text);
    return out;
}

static const char *mail_body(struct req *r, const char *lang, const struct notice *n)
{
    const char *body = i18n_format_list(
        r->arena, lang, arena_printf(r->arena, "mail.%s.body", n->kind), n->names, n->values, n->n);
    size_t base = strlen(settings.public_url);
    while (base > 0 && settings.public_url[base - 1] == '/')
        base--; /* "https://x.org/" + "/calls/1" must not give "//" */
    const char *url = arena_printf(r->arena, "%.*s%s", (int)base, settings.public_url, n->link);
    const char *account = arena_printf(r->arena, "%.*s/account", (int)base, settings.public_url);
    const char *footer =
        i18n_format(r->arena, lang, "mail.footer", "url", url, "account", account, NULL);
    return arena_printf(r->arena, "%s\n\n%s\n", body, footer);
}

/* One inbox row and one e-mail for each person of `res`. */
static enum err_code notify_rows(struct req *r, PGresult *res, const struct notice *n)
{
    const char *params = params_json(r, n);
    for (int i = 0; i < PQntuples(res); i++) {
        const char *lang = reader_language(db_value(res, i, "lang"), db_value(res, i, "region"));
        const char *row[] = {db_value(res, i, "id"), n->kind, params, n->link};
        const char *subject =
            i18n_format_list(r->arena, lang, arena_printf(r->arena, "mail.%s.subject", n->kind),
                             n->names, n->values, n->n);
        const char *mail[] = {db_value(res, i, "id"),
                              db_value(res, i, "email"),
                              subject,
                              mail_body(r, lang, n),
                              lang,
                              n->kind};
        if (db_exec(r->arena, &notify_insert, 4, row) == NULL ||
            db_exec(r->arena, &notify_mail, 6, mail) == NULL)
            return db_error_code();
    }
    return ERR_NONE;
}

enum err_code notify_org(struct req *r, long long org_id, const struct notice *n)
{
    const char *params[] = {arena_printf(r->arena, "%lld", org_id),
                            r->session ? r->session->person_id_text : NULL};
    PGresult *res = db_exec(r->arena, &notify_members, 2, params);
    return res ? notify_rows(r, res, n) : db_error_code();
}

enum err_code notify_region_admins(struct req *r, const char *region, const struct notice *n)
{
    const char *params[] = {region, r->session ? r->session->person_id_text : NULL};
    PGresult *res = db_exec(r->arena, &notify_admins, 2, params);
    return res ? notify_rows(r, res, n) : db_error_code();
}

const char *notify_text(struct req *r, const char *kind, const char *params)
{
    json_t *o = json_loads(params ? params : "{}", 0, NULL);
    const char *names[16], *values[16];
    int n = 0;
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v)
    {
        if (n < 16 && json_is_string(v)) {
            names[n] = arena_strdup(r->arena, k);
            values[n++] = arena_strdup(r->arena, json_string_value(v));
        }
    }
    json_decref(o);
    return i18n_format_list(r->arena, r->lang, arena_printf(r->arena, "notify.%s", kind), names,
                            values, n);
}
