/*
 * home.c — the portal's home page (GET /) and each region's home page (GET /r/{region}), which
 * a region may override with its own templates/region.tpl.
 */
#include "pages.h"

#include "../arena.h"
#include "../http.h"
#include "../plugin.h"
#include "../db.h"
#include "../format.h"
#include "../tpl.h"

DB_STMT(region_counts,
        "SELECT (SELECT count(*) FROM listing_index WHERE region = $1) AS listings, "
        "(SELECT count(*) FROM calls WHERE region = $1 AND status = 'open' AND deadline > now()) "
        "AS calls");

static void add_region_cards(struct req *r, struct tpl_dict *d)
{
    for (int i = 0; i < plugin_count(); i++) {
        const struct portal_plugin *p = plugin_at(i)->desc;
        struct tpl_dict *card = tpl_section(d, "REGION_CARD");
        tpl_set(card, "SLUG", p->slug);
        tpl_set(card, "NAME", p->name);
        tpl_set(card, "COUNTRY", T(r, arena_printf(r->arena, "country.%s", p->country)));
        tpl_set_int(card, "YEAR", p->ecoc_year);
        tpl_set(card, "PROGRAMME", T(r, p->programme_key));
    }
}

enum err_code page_home(struct req *r)
{
    struct tpl_dict *d = page_dict(r);
    page_title(r, T(r, "home.title"));
    add_region_cards(r, d);
    return resp_page(r, 200, "home.tpl", d);
}

enum err_code page_region_home(struct req *r)
{
    const struct portal_plugin *p = r->region->desc;
    struct tpl_dict *d = page_dict(r);
    page_title(r, p->name);
    tpl_set(d, "NAME", p->name);
    tpl_set_int(d, "YEAR", p->ecoc_year);
    tpl_set(d, "PROGRAMME", T(r, p->programme_key));
    tpl_set(d, "INSTRUMENT", T(r, p->instrument_key));
    tpl_set(d, "COUNTRY", T(r, arena_printf(r->arena, "country.%s", p->country)));
    tpl_set(d, "SLUG", p->slug);
    const char *params[] = {p->slug};
    PGresult *res = db_exec(r->arena, &region_counts, 1, params);
    if (res == NULL)
        return db_error_code();
    tpl_set(d, "LISTINGS_COUNT", format_number(r->arena, r->lang, db_int(res, 0, "listings")));
    tpl_set(d, "CALLS_COUNT", format_number(r->arena, r->lang, db_int(res, 0, "calls")));
    struct tpl_dict *feed = tpl_section(r->page_root, "FEED");
    tpl_set(feed, "FEED_URL", arena_printf(r->arena, "/r/%s/calls.atom", p->slug));
    tpl_set(feed, "FEED_TITLE", p->name);
    return resp_page(r, 200, "region.tpl", d);
}
