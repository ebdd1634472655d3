/*
 * dashboard.c — GET /dashboard: a logged-in person's starting point — their organisations and
 * what to do next.  (Listings, calls and matches add their own sections.)
 */
#include "pages.h"

#include "../arena.h"
#include "../auth.h"
#include "../db.h"
#include "../http.h"
#include "../plugin.h"
#include "../tpl.h"

DB_STMT(dashboard_orgs,
        "SELECT o.id, o.kind, o.name, o.region FROM memberships m "
        "JOIN organisations o ON o.id = m.org_id WHERE m.person_id = $1 ORDER BY o.name");

enum err_code page_dashboard(struct req *r)
{
    const char *who[] = {r->session->person_id_text};
    PGresult *orgs = db_exec(r->arena, &dashboard_orgs, 1, who);
    if (orgs == NULL)
        return db_error_code();
    struct tpl_dict *d = page_dict(r);
    page_title(r, T(r, "dashboard.title"));
    tpl_set(d, "NAME", r->session->name);
    if (req_query(r, "welcome") != NULL)
        tpl_show(d, "WELCOME");
    for (int i = 0; i < PQntuples(orgs); i++) {
        struct tpl_dict *o = tpl_section(d, "ORG");
        const char *kind = db_value(orgs, i, "kind");
        tpl_set(o, "ORG_ID", db_value(orgs, i, "id"));
        tpl_set(o, "ORG_NAME", db_value(orgs, i, "name"));
        tpl_set(o, "ORG_KIND", T(r, arena_printf(r->arena, "org.kind.%s", kind)));
        const struct plugin *p = plugin_find(db_value(orgs, i, "region"));
        tpl_set(o, "ORG_REGION", p ? p->desc->name : db_value(orgs, i, "region"));
        tpl_set(o, "ORG_REGION_SLUG", db_value(orgs, i, "region"));
        tpl_show(o, kind[0] == 's' ? "IS_SME" : "IS_ORGANISER");
    }
    if (PQntuples(orgs) == 0)
        tpl_show(d, "NO_ORGS");
    return resp_page(r, 200, "dashboard.tpl", d);
}
