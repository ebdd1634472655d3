/*
 * home.c — the portal's home page (GET /) and each region's home page (GET /r/{region}), which
 * a region may override with its own templates/region.tpl.
 */
#include "pages.h"

#include "../arena.h"
#include "../http.h"
#include "../plugin.h"
#include "../tpl.h"

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
    return resp_page(r, 200, "region.tpl", d);
}
