/*
 * matera.c — the Matera region plugin: Matera, Italy: European Capital of Culture 2019 ("Matera
 * 2019 — Open Future").
 *
 * Matera 2019, "Open Future", made co-creation with citizens its method, and its venues are
 * often in the Sassi, the ancient cave dwellings.  Rules: a venue offered in the "Ancient
 * Futures" sub-sector must state its capacity (the Sassi's spaces are small and regulated).
 * Matchmaking: calls of Matera give +5 to partnership offers (co-creation).
 *
 * Owns the region's metadata, its business-ID rule (bizid.c), its catalogues (messages.c,
 * ui_<lang>.c), its sub-sectors, its rules and its matchmaking adjustment.  Talks to the core only
 * through the host API it receives in init(). plugins/matera/README.md explains the region's
 * choices.
 */
#include "bizid.h"
#include "messages.h"
#include "portal_plugin.h"

#include <string.h>

static const struct portal_host *host;

static const char *const languages[] = {"it", NULL};

static const struct portal_sector subsectors[] = {
    {"matera-ancient-futures"},
    {"matera-roots-and-routes"},
    {"matera-gastronomy"},
    {NULL},
};

static int matera_init(const struct portal_host *h)
{
    if (h->abi_version != PORTAL_PLUGIN_ABI_VERSION)
        return -1;
    host = h;
    return 0;
}

static int matera_validate_listing(const struct portal_listing_view *l, void *errors)
{
    const char *k = l->kind ? l->kind : "";
    if (portal_list_has(l->subsectors, "matera-ancient-futures") && k[0] == 'v' &&
        !l->has_capacity) {
        host->field_error(errors, "capacity", "matera.rule.venue_capacity");
        return 1;
    }
    return 0;
}

static int matera_adjust_match(const struct portal_match_view *m, struct portal_adjustment *out)
{
    const char *k = m->listing->kind ? m->listing->kind : "";
    out->delta = 0;
    if (k[0] == 'p' && k[1] == 'a') { /* "partnership" */
        out->delta = 5;
        out->reason_key = "matera.match.cocreation";
    }
    return 0;
}

static const struct portal_message *const en_tables[] = {matera_messages_en, NULL};
static const struct portal_message *const it_tables[] = {matera_messages_it, matera_ui_it, NULL};

static const struct portal_message *const *matera_messages(const char *lang)
{
    if (strcmp(lang, "en") == 0)
        return en_tables;
    if (strcmp(lang, "it") == 0)
        return it_tables;
    return NULL;
}

static const struct portal_plugin descriptor = {
    .abi_version = PORTAL_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(struct portal_plugin),
    .slug = "matera",
    .name = "Matera",
    .country = "IT",
    .languages = languages,
    .timezone = "Europe/Rome",
    .currency = "EUR",
    .ecoc_year = 2019,
    .programme_key = "matera.programme",
    .instrument_key = "matera.instrument",
    .subsectors = subsectors,
    .init = matera_init,
    .validate_business_id = matera_validate_business_id,
    .validate_listing = matera_validate_listing,
    .adjust_match = matera_adjust_match,
    .messages = matera_messages,
};

const struct portal_plugin *portal_plugin_descriptor(void)
{
    return &descriptor;
}
