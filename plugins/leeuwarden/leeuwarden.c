/*
 * leeuwarden.c — the Leeuwarden-Fryslân region plugin: Leeuwarden-Fryslân, the Netherlands:
 * European Capital of Culture 2018 ("Iepen Mienskip").
 *
 * Leeuwarden-Fryslân 2018 put Frisian, the province's own language, at the heart of its
 * programme ("Lân fan taal").  Rules: an offer in the Frisian language and culture sub-sector
 * must list Frisian (fy) among its languages.  Matchmaking: calls of Leeuwarden give +8 to
 * offers in which the SME works in Frisian.
 *
 * Owns the region's metadata, its business-ID rule (bizid.c), its catalogues (messages.c,
 * ui_<lang>.c), its sub-sectors, its rules and its matchmaking adjustment.  Talks to the core only
 * through the host API it receives in init(). plugins/leeuwarden/README.md explains the region's
 * choices.
 */
#include "bizid.h"
#include "messages.h"
#include "portal_plugin.h"

#include <string.h>

static const struct portal_host *host;

static const char *const languages[] = {"nl", "fy", NULL};

static const struct portal_sector subsectors[] = {
    {"leeuwarden-frisian-language"},
    {"leeuwarden-iepen-mienskip"},
    {"leeuwarden-water-and-land"},
    {NULL},
};

static int leeuwarden_init(const struct portal_host *h)
{
    if (h->abi_version != PORTAL_PLUGIN_ABI_VERSION)
        return -1;
    host = h;
    return 0;
}

static int leeuwarden_validate_listing(const struct portal_listing_view *l, void *errors)
{
    if (portal_list_has(l->subsectors, "leeuwarden-frisian-language") &&
        !portal_list_has(l->languages, "fy")) {
        host->field_error(errors, "languages", "leeuwarden.rule.frisian");
        return 1;
    }
    return 0;
}

static int leeuwarden_adjust_match(const struct portal_match_view *m, struct portal_adjustment *out)
{
    out->delta = 0;
    if (portal_list_has(m->listing->languages, "fy")) {
        out->delta = 8;
        out->reason_key = "leeuwarden.match.frisian";
    }
    return 0;
}

static const struct portal_message *const en_tables[] = {leeuwarden_messages_en, NULL};
static const struct portal_message *const nl_tables[] = {leeuwarden_messages_nl, leeuwarden_ui_nl,
                                                         NULL};
static const struct portal_message *const fy_tables[] = {leeuwarden_messages_fy, leeuwarden_ui_fy,
                                                         NULL};

static const struct portal_message *const *leeuwarden_messages(const char *lang)
{
    if (strcmp(lang, "en") == 0)
        return en_tables;
    if (strcmp(lang, "nl") == 0)
        return nl_tables;
    if (strcmp(lang, "fy") == 0)
        return fy_tables;
    return NULL;
}

static const struct portal_plugin descriptor = {
    .abi_version = PORTAL_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(struct portal_plugin),
    .slug = "leeuwarden",
    .name = "Leeuwarden-Fryslân",
    .country = "NL",
    .languages = languages,
    .timezone = "Europe/Amsterdam",
    .currency = "EUR",
    .ecoc_year = 2018,
    .programme_key = "leeuwarden.programme",
    .instrument_key = "leeuwarden.instrument",
    .subsectors = subsectors,
    .init = leeuwarden_init,
    .validate_business_id = leeuwarden_validate_business_id,
    .validate_listing = leeuwarden_validate_listing,
    .adjust_match = leeuwarden_adjust_match,
    .messages = leeuwarden_messages,
};

const struct portal_plugin *portal_plugin_descriptor(void)
{
    return &descriptor;
}
