/*
 * kaunas.c — the Kaunas region plugin: Kaunas, Lithuania: European Capital of Culture 2022 ("Kaunas
 * 2022 — Contemporary Capital").
 *
 * Kaunas 2022 turned the city's interwar modernist architecture (UNESCO World Heritage since
 * 2023) into a shared project.  Rules: an offer in the "modernism" sub-sector must belong to
 * architecture, heritage or design.  Matchmaking: calls of Kaunas give +6 to offers of the
 * modernism sub-sector when the call seeks architecture or heritage.
 *
 * Owns the region's metadata, its business-ID rule (bizid.c), its catalogues (messages.c,
 * ui_<lang>.c), its sub-sectors, its rules and its matchmaking adjustment.  Talks to the core only
 * through the host API it receives in init(). plugins/kaunas/README.md explains the region's
 * choices.
 */
#include "bizid.h"
#include "messages.h"
#include "portal_plugin.h"

#include <string.h>

static const struct portal_host *host;

static const char *const languages[] = {"lt", NULL};

static const struct portal_sector subsectors[] = {
    {"kaunas-modernism"},
    {"kaunas-contemporary-capital"},
    {"kaunas-design-innovation"},
    {NULL},
};

static int kaunas_init(const struct portal_host *h)
{
    if (h->abi_version != PORTAL_PLUGIN_ABI_VERSION)
        return -1;
    host = h;
    return 0;
}

static int kaunas_validate_listing(const struct portal_listing_view *l, void *errors)
{
    if (portal_list_has(l->subsectors, "kaunas-modernism") &&
        !portal_list_has(l->sectors, "architecture") && !portal_list_has(l->sectors, "heritage") &&
        !portal_list_has(l->sectors, "design")) {
        host->field_error(errors, "sectors", "kaunas.rule.modernism_sectors");
        return 1;
    }
    return 0;
}

static int kaunas_adjust_match(const struct portal_match_view *m, struct portal_adjustment *out)
{
    out->delta = 0;
    if (portal_list_has(m->listing->subsectors, "kaunas-modernism") &&
        (portal_list_has(m->call->sectors, "architecture") ||
         portal_list_has(m->call->sectors, "heritage"))) {
        out->delta = 6;
        out->reason_key = "kaunas.match.modernism";
    }
    return 0;
}

static const struct portal_message *const en_tables[] = {kaunas_messages_en, NULL};
static const struct portal_message *const lt_tables[] = {kaunas_messages_lt, kaunas_ui_lt, NULL};

static const struct portal_message *const *kaunas_messages(const char *lang)
{
    if (strcmp(lang, "en") == 0)
        return en_tables;
    if (strcmp(lang, "lt") == 0)
        return lt_tables;
    return NULL;
}

static const struct portal_plugin descriptor = {
    .abi_version = PORTAL_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(struct portal_plugin),
    .slug = "kaunas",
    .name = "Kaunas",
    .country = "LT",
    .languages = languages,
    .timezone = "Europe/Vilnius",
    .currency = "EUR",
    .ecoc_year = 2022,
    .programme_key = "kaunas.programme",
    .instrument_key = "kaunas.instrument",
    .subsectors = subsectors,
    .init = kaunas_init,
    .validate_business_id = kaunas_validate_business_id,
    .validate_listing = kaunas_validate_listing,
    .adjust_match = kaunas_adjust_match,
    .messages = kaunas_messages,
};

const struct portal_plugin *portal_plugin_descriptor(void)
{
    return &descriptor;
}
