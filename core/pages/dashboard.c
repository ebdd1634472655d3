/*
 * dashboard.c — GET /dashboard: a logged-in person's starting point — their organisations and
 * what to do next; for region admins (and the super admin) the moderation queues of their
 * regions with what waits in each.  (Listings, calls and matches add their own sections.)
 */
#include "pages.h"
#include "view.h"

#include "../arena.h"
#include "../auth.h"
#include "../db.h"
#include "../format.h"
#include "../http.h"
#include "../i18n.h"
#include "../tpl.h"

#include <string.h>

DB_STMT(dashboard_listings,
        "SELECT l.id, l.status, l.reason, v.title, v.lang, l.live_version IS NOT NULL AS public "
        "FROM listings l JOIN listing_versions v ON v.id = l.latest_version "
        "WHERE l.org_id = ANY ($1::bigint[]) ORDER BY l.status = 'archived', l.updated_at DESC "
        "LIMIT 100");
DB_STMT(dashboard_calls,
        "SELECT c.id, call_state(c.status, c.deadline) AS state, c.title, c.lang, c.reason, "
        "(SELECT count(*) FROM interests i WHERE i.call_id = c.id AND i.status <> 'withdrawn') "
        "AS answers FROM calls c WHERE c.org_id = ANY ($1::bigint[]) "
        "ORDER BY c.updated_at DESC LIMIT 100");
DB_STMT(dashboard_answers,
        "SELECT i.id, i.status, c.title FROM interests i JOIN calls c ON c.id = i.call_id "
        "WHERE i.org_id = ANY ($1::bigint[]) ORDER BY i.updated_at DESC LIMIT 100");
DB_STMT(dashboard_queues,
        "SELECT r.region, (SELECT count(*) FROM listings l WHERE l.region = r.region "
        "AND l.status = 'pending') AS listings, (SELECT count(*) FROM calls c "
        "WHERE c.region = r.region AND c.status = 'pending') AS calls "
        "FROM unnest($1::text[]) AS r(region) ORDER BY r.region");
DB_STMT(dashboard_orgs,
        "SELECT o.id, o.kind, o.name, o.region FROM memberships m "
        "JOIN organisations o ON o.id = m.org_id WHERE m.person_id = $1 ORDER BY o.name");

/* The person's offers, calls and answers, each with its state. */
static enum err_code dashboard_work(struct req *r, struct tpl_dict *d)
{
    const struct auth_session *s = r->session;
    const char *smes[] = {s->sme_org_ids}, *orgs[] = {s->organiser_org_ids};
    PGresult *listings = db_exec(r->arena, &dashboard_listings, 1, smes);
    PGresult *calls = listings ? db_exec(r->arena, &dashboard_calls, 1, orgs) : NULL;
    PGresult *answers = calls ? db_exec(r->arena, &dashboard_answers, 1, smes) : NULL;
    if (answers == NULL)
        return db_error_code();
    if (strcmp(s->sme_org_ids, "{}") != 0)
        tpl_show(d, "HAS_SME");
    if (strcmp(s->organiser_org_ids, "{}") != 0)
        tpl_show(d, "HAS_ORGANISER");
    for (int i = 0; i < PQntuples(listings); i++) {
        struct tpl_dict *l = tpl_section(d, "MY_LISTING");
        tpl_set(l, "L_URL", arena_printf(r->arena, "/listings/%s", db_value(listings, i, "id")));
        tpl_set(l, "L_TITLE", db_value(listings, i, "title"));
        tpl_set(l, "L_LANG", db_value(listings, i, "lang"));
        tpl_set(l, "L_STATUS_CLASS", db_value(listings, i, "status"));
        tpl_set(l, "L_STATUS",
                T(r, arena_printf(r->arena, "status.%s", db_value(listings, i, "status"))));
        if (!db_is_null(listings, i, "reason"))
            tpl_set(tpl_section(l, "L_REASON"), "L_REASON_TEXT", db_value(listings, i, "reason"));
    }
    if (PQntuples(listings) == 0)
        tpl_show(d, "NO_LISTINGS");
    for (int i = 0; i < PQntuples(calls); i++) {
        struct tpl_dict *c = tpl_section(d, "MY_CALL");
        tpl_set(c, "C_URL", arena_printf(r->arena, "/calls/%s", db_value(calls, i, "id")));
        tpl_set(c, "C_TITLE", db_value(calls, i, "title"));
        tpl_set(c, "C_LANG", db_value(calls, i, "lang"));
        tpl_set(c, "C_STATUS_CLASS", db_value(calls, i, "state"));
        tpl_set(c, "C_STATUS",
                T(r, arena_printf(r->arena, "status.%s", db_value(calls, i, "state"))));
        tpl_set(c, "C_ANSWERS",
                i18n_format(r->arena, r->lang, "dashboard.answers", "count",
                            db_value(calls, i, "answers"), NULL));
        if (!db_is_null(calls, i, "reason"))
            tpl_set(tpl_section(c, "C_REASON"), "C_REASON_TEXT", db_value(calls, i, "reason"));
    }
    if (PQntuples(calls) == 0)
        tpl_show(d, "NO_CALLS");
    for (int i = 0; i < PQntuples(answers); i++) {
        struct tpl_dict *a = tpl_section(d, "MY_ANSWER");
        tpl_set(a, "A_URL", arena_printf(r->arena, "/interests/%s", db_value(answers, i, "id")));
        tpl_set(a, "A_TITLE", db_value(answers, i, "title"));
        tpl_set(a, "A_STATUS",
                T(r, arena_printf(r->arena, "interest.status.%s", db_value(answers, i, "status"))));
        tpl_set(a, "A_STATUS_CLASS", db_value(answers, i, "status"));
    }
    tpl_show(d, PQntuples(answers) == 0 ? "NO_ANSWERS" : "HAS_ANSWERS");
    return ERR_NONE;
}

/* The moderation queues of the regions the person administers, with what waits in each.
 * Returns whether there are any (the person is an admin). */
static enum err_code dashboard_moderation(struct req *r, struct tpl_dict *d, bool *admin)
{
    const char *regions[] = {moderated_regions(r)};
    *admin = strcmp(regions[0], "{}") != 0;
    if (!*admin)
        return ERR_NONE;
    PGresult *res = db_exec(r->arena, &dashboard_queues, 1, regions);
    if (res == NULL)
        return db_error_code();
    struct tpl_dict *m = tpl_section(d, "MODERATION");
    for (int i = 0; i < PQntuples(res); i++) {
        struct tpl_dict *q = tpl_section(m, "QUEUE");
        const char *slug = db_value(res, i, "region");
        long long listings = db_int(res, i, "listings"), calls = db_int(res, i, "calls");
        tpl_set(q, "Q_URL", arena_printf(r->arena, "/r/%s/moderation", slug));
        tpl_set(q, "Q_REGION", region_name(slug));
        tpl_set(q, "Q_LISTINGS",
                i18n_format(r->arena, r->lang, "dashboard.pending_listings", "count",
                            format_number(r->arena, r->lang, listings), NULL));
        tpl_set(q, "Q_CALLS",
                i18n_format(r->arena, r->lang, "dashboard.pending_calls", "count",
                            format_number(r->arena, r->lang, calls), NULL));
        tpl_show(q, listings + calls > 0 ? "Q_WAITING" : "Q_EMPTY");
    }
    return ERR_NONE;
}

/* The person's organisations, each with what it can start (section ORGS). */
static void dashboard_orgs_fill(struct req *r, struct tpl_dict *d, const PGresult *orgs)
{
    struct tpl_dict *od = tpl_section(d, "ORGS");
    for (int i = 0; i < PQntuples(orgs); i++) {
        struct tpl_dict *o = tpl_section(od, "ORG");
        const char *kind = db_value(orgs, i, "kind");
        tpl_set(o, "ORG_ID", db_value(orgs, i, "id"));
        tpl_set(o, "ORG_NAME", db_value(orgs, i, "name"));
        tpl_set(o, "ORG_KIND", T(r, arena_printf(r->arena, "org.kind.%s", kind)));
        tpl_set(o, "ORG_REGION", region_name(db_value(orgs, i, "region")));
        tpl_set(o, "ORG_REGION_SLUG", db_value(orgs, i, "region"));
        tpl_show(o, kind[0] == 's' ? "IS_SME" : "IS_ORGANISER");
    }
    if (PQntuples(orgs) == 0)
        tpl_show(od, "NO_ORGS");
}

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
    bool admin = false;
    enum err_code rc = dashboard_moderation(r, d, &admin);
    /* An admin who belongs to no organisation is not told so: the queues come first. */
    if (rc == ERR_NONE && (PQntuples(orgs) > 0 || !admin))
        dashboard_orgs_fill(r, d, orgs);
    if (rc == ERR_NONE)
        rc = dashboard_work(r, d);
    if (rc == ERR_NONE)
        rc = dashboard_calls_for_you(r, d);
    return rc != ERR_NONE ? rc : resp_page(r, 200, "dashboard.tpl", d);
}
