/*
 * moderation.c — the regional moderation queues: GET /moderation (the queues an admin may
 * work, with counts), GET /r/{region}/moderation (one region's queue, oldest first, with a
 * decision form per item, and again with the problem marked when a decision taken from it is
 * refused) and GET /api/v1/regions/{region}/moderation (the same as JSON).
 */
#include "pages.h"
#include "view.h"

#include "../access.h"
#include "../arena.h"
#include "../auth.h"
#include "../db.h"
#include "../form.h"
#include "../format.h"
#include "../http.h"
#include "../i18n.h"
#include "../plugin.h"
#include "../tpl.h"

#include <string.h>

/* Pending items of a region, oldest first: listings and calls in one list. */
DB_STMT(moderation_queue,
        "SELECT 'listing' AS type, l.id, v.title, v.lang, v.summary, o.name AS org_name, "
        "to_char(l.submitted_at, 'YYYY-MM-DD HH24:MI') AS submitted_at, "
        "l.live_version IS NOT NULL AS is_edit, l.submitted_at AS t "
        "FROM listings l JOIN listing_versions v ON v.id = l.latest_version "
        "JOIN organisations o ON o.id = l.org_id WHERE l.region = $1 AND l.status = 'pending' "
        "UNION ALL SELECT 'call', c.id, c.title, c.lang, c.summary, o.name, "
        "to_char(c.submitted_at, 'YYYY-MM-DD HH24:MI'), false, c.submitted_at "
        "FROM calls c JOIN organisations o ON o.id = c.org_id "
        "WHERE c.region = $1 AND c.status = 'pending' ORDER BY t, id");
DB_STMT(moderation_counts,
        "SELECT r.region, (SELECT count(*) FROM listings l WHERE l.region = r.region "
        "AND l.status = 'pending') + (SELECT count(*) FROM calls c WHERE c.region = r.region "
        "AND c.status = 'pending') AS listings FROM unnest($1::text[]) AS r(region) "
        "ORDER BY r.region");

enum err_code page_moderation_overview(struct req *r)
{
    const char *params[] = {moderated_regions(r)};
    PGresult *res = db_exec(r->arena, &moderation_counts, 1, params);
    if (res == NULL)
        return db_error_code();
    struct tpl_dict *d = page_dict(r);
    page_title(r, T(r, "moderation.title"));
    for (int i = 0; i < PQntuples(res); i++) {
        struct tpl_dict *q = tpl_section(d, "QUEUE");
        tpl_set(q, "REGION_SLUG_Q", db_value(res, i, "region"));
        tpl_set(q, "REGION_NAME_Q", region_name(db_value(res, i, "region")));
        tpl_set(q, "PENDING",
                i18n_format(r->arena, r->lang, "moderation.pending_count", "count",
                            db_value(res, i, "listings"), NULL));
    }
    return resp_page(r, 200, "moderation_overview.tpl", d);
}

static PGresult *queue_load(struct req *r)
{
    const char *params[] = {r->region->desc->slug};
    return db_exec(r->arena, &moderation_queue, 1, params);
}

/* One item of the queue with its decision form; `refused`: the decision just refused on it. */
static void queue_item(struct req *r, struct tpl_dict *d, const PGresult *res, int i, bool refused)
{
    struct tpl_dict *it = tpl_section(d, "ITEM");
    const char *type = db_value(res, i, "type");
    tpl_set(it, "ITEM_KEY", arena_printf(r->arena, "%s-%s", type, db_value(res, i, "id")));
    tpl_set(it, "ITEM_URL", arena_printf(r->arena, "/%ss/%s", type, db_value(res, i, "id")));
    tpl_set(it, "ITEM_ACTION",
            arena_printf(r->arena, "/%ss/%s/moderation", type, db_value(res, i, "id")));
    tpl_set(it, "ITEM_TYPE", T(r, arena_printf(r->arena, "moderation.type.%s", type)));
    tpl_set(it, "ITEM_TITLE", db_value(res, i, "title"));
    tpl_set(it, "ITEM_LANG", db_value(res, i, "lang"));
    tpl_set(it, "ITEM_SUMMARY", db_value(res, i, "summary"));
    tpl_set(it, "ITEM_ORG", db_value(res, i, "org_name"));
    tpl_set(it, "ITEM_SUBMITTED",
            format_datetime(r->arena, r->lang, db_value(res, i, "submitted_at")));
    if (db_bool(res, i, "is_edit"))
        tpl_show(it, "IS_EDIT");
    if (refused)
        moderation_form_errors(r, it);
}

/* The queue of r->region; `refused_key` ("listing-12") names the item whose decision was just
 * refused, NULL when none. */
static enum err_code queue_page(struct req *r, int status, const char *refused_key)
{
    PGresult *res = queue_load(r);
    if (res == NULL)
        return db_error_code();
    struct tpl_dict *d = page_dict(r);
    const char *slug = r->region->desc->slug;
    const char *title = i18n_format(r->arena, r->lang, "moderation.queue_title", "region",
                                    r->region->desc->name, NULL);
    page_title(r, title);
    tpl_set(d, "HEADING", title);
    tpl_set(d, "COUNT",
            i18n_format(r->arena, r->lang, "moderation.pending_count", "count",
                        format_number(r->arena, r->lang, PQntuples(res)), NULL));
    tpl_set(d, "BACK", arena_printf(r->arena, "/r/%s/moderation", slug));
    const char *refused_title = NULL;
    for (int i = 0; i < PQntuples(res); i++) {
        bool refused = refused_key != NULL &&
                       strcmp(refused_key, arena_printf(r->arena, "%s-%s", db_value(res, i, "type"),
                                                        db_value(res, i, "id"))) == 0;
        if (refused)
            refused_title = db_value(res, i, "title");
        queue_item(r, d, res, i, refused);
    }
    if (refused_key != NULL) {
        struct tpl_dict *e = tpl_section(d, "FORM_ERROR");
        if (r->error_message == NULL && refused_title != NULL) {
            struct tpl_dict *link = tpl_section(e, "FORM_ERROR_LINK");
            tpl_set(link, "FORM_ERROR_KEY", refused_key);
            tpl_set(link, "FORM_ERROR_LINK_TEXT",
                    i18n_format(r->arena, r->lang, "moderation.not_decided", "title", refused_title,
                                NULL));
        } else {
            tpl_set(tpl_section(e, "FORM_ERROR_PLAIN"), "FORM_ERROR_TEXT",
                    r->error_message ? r->error_message : T(r, "error.invalid.text"));
        }
    }
    if (PQntuples(res) == 0)
        tpl_show(d, "EMPTY");
    return resp_page(r, status, "moderation.tpl", d);
}

enum err_code page_moderation_queue(struct req *r)
{
    return queue_page(r, 200, NULL);
}

bool moderation_from_queue(struct req *r, const char *region)
{
    const char *back = input_text(r, "back", 300, false, false);
    return plugin_find(region) != NULL && access_admin_of(r, region) &&
           strcmp(back, arena_printf(r->arena, "/r/%s/moderation", region)) == 0;
}

enum err_code moderation_queue_again(struct req *r, const char *region, const char *type,
                                     long long id, int status)
{
    r->region = plugin_find(region);
    if (r->region == NULL)
        return ERR_NOT_FOUND;
    return queue_page(r, status, arena_printf(r->arena, "%s-%lld", type, id));
}

enum err_code api_moderation_queue(struct req *r)
{
    PGresult *res = queue_load(r);
    if (res == NULL)
        return db_error_code();
    json_t *items = json_array();
    long long listings = 0, calls = 0;
    for (int i = 0; i < PQntuples(res); i++) {
        const char *type = db_value(res, i, "type");
        if (strcmp(type, "listing") == 0)
            listings++;
        else
            calls++;
        json_array_append_new(items, json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:b}", "type", type,
                                               "id", (json_int_t)db_int(res, i, "id"), "title",
                                               db_value(res, i, "title"), "summary",
                                               db_value(res, i, "summary"), "organisation",
                                               db_value(res, i, "org_name"), "submitted_at",
                                               db_value(res, i, "submitted_at"), "is_edit",
                                               db_bool(res, i, "is_edit")));
    }
    return resp_json(r, 200,
                     json_pack("{s:s, s:o, s:i, s:{s:I, s:I}}", "region", r->region->desc->slug,
                               "items", items, "total", PQntuples(res), "counts", "listings",
                               (json_int_t)listings, "calls", (json_int_t)calls));
}
