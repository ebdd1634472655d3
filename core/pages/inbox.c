/*
 * inbox.c — the in-app inbox: GET /inbox (newest first, drawn in the reader's language),
 * POST /inbox/read (mark everything read) and GET /api/v1/notifications.
 */
#include "pages.h"

#include "../arena.h"
#include "../auth.h"
#include "../db.h"
#include "../format.h"
#include "../http.h"
#include "../i18n.h"
#include "../notify.h"
#include "../tpl.h"

DB_STMT(inbox_list, "SELECT id, kind, params::text AS params, link, read_at IS NULL AS unread, "
                    "to_char(created_at, 'YYYY-MM-DD HH24:MI') AS at FROM notifications "
                    "WHERE person_id = $1 ORDER BY created_at DESC, id DESC LIMIT 100");
DB_STMT(inbox_mark_read,
        "UPDATE notifications SET read_at = now() WHERE person_id = $1 AND read_at IS NULL");

static PGresult *inbox_load(struct req *r)
{
    const char *params[] = {r->session->person_id_text};
    return db_exec(r->arena, &inbox_list, 1, params);
}

enum err_code page_inbox(struct req *r)
{
    PGresult *res = inbox_load(r);
    if (res == NULL)
        return db_error_code();
    struct tpl_dict *d = page_dict(r);
    page_title(r, T(r, "inbox.title"));
    for (int i = 0; i < PQntuples(res); i++) {
        struct tpl_dict *n = tpl_section(d, "NOTE");
        tpl_set(n, "NOTE_TEXT",
                notify_text(r, db_value(res, i, "kind"), db_value(res, i, "params")));
        tpl_set(n, "NOTE_LINK", db_value(res, i, "link"));
        tpl_set(n, "NOTE_AT", format_datetime(r->arena, r->lang, db_value(res, i, "at")));
        if (db_bool(res, i, "unread"))
            tpl_show(n, "UNREAD");
    }
    if (PQntuples(res) == 0)
        tpl_show(d, "EMPTY");
    if (r->session->unread > 0)
        tpl_show(d, "HAS_UNREAD");
    return resp_page(r, 200, "inbox.tpl", d);
}

enum err_code page_inbox_read(struct req *r)
{
    const char *params[] = {r->session->person_id_text};
    return db_exec(r->arena, &inbox_mark_read, 1, params) ? resp_redirect(r, "/inbox")
                                                          : db_error_code();
}

enum err_code api_notifications(struct req *r)
{
    PGresult *res = inbox_load(r);
    if (res == NULL)
        return db_error_code();
    json_t *items = json_array();
    for (int i = 0; i < PQntuples(res); i++) {
        json_t *params = json_loads(db_value(res, i, "params"), 0, NULL);
        json_array_append_new(
            items,
            json_pack("{s:I, s:s, s:s, s:o, s:s, s:b, s:s}", "id", (json_int_t)db_int(res, i, "id"),
                      "kind", db_value(res, i, "kind"), "text",
                      notify_text(r, db_value(res, i, "kind"), db_value(res, i, "params")),
                      "params", params ? params : json_object(), "link", db_value(res, i, "link"),
                      "unread", db_bool(res, i, "unread"), "at", db_value(res, i, "at")));
    }
    return resp_json(r, 200,
                     json_pack("{s:o, s:i, s:I}", "items", items, "total", PQntuples(res), "unread",
                               (json_int_t)r->session->unread));
}
