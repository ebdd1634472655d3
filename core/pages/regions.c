/*
 * regions.c — GET /api/v1/regions: the regions this portal serves, from their plugins.
 */
#include "pages.h"

#include "../http.h"
#include "../i18n.h"
#include "../plugin.h"
#include "regions.h"

json_t *region_json(const struct req *r, const struct portal_plugin *p)
{
    json_t *langs = json_array();
    for (const char *const *l = p->languages; *l != NULL; l++)
        json_array_append_new(langs, json_string(*l));
    return json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:i, s:s, s:s}", "slug", p->slug, "name",
                     p->name, "country", p->country, "languages", langs, "timezone", p->timezone,
                     "currency", p->currency, "ecoc_year", p->ecoc_year, "programme",
                     T(r, p->programme_key), "instrument", T(r, p->instrument_key));
}

enum err_code api_regions(struct req *r)
{
    json_t *items = json_array();
    for (int i = 0; i < plugin_count(); i++)
        json_array_append_new(items, region_json(r, plugin_at(i)->desc));
    return resp_json(r, 200, json_pack("{s:o, s:i}", "items", items, "total", plugin_count()));
}
