/*
 * leeuwarden.c — the Leeuwarden-Fryslân region plugin: Leeuwarden-Fryslân, the Netherlands: European Capital of Culture 2018 ("Iepen Mienskip").
 *
 * Owns the region's metadata, its business-ID rule (bizid.c), its catalogues (messages.c) and
 * its sub-sectors.  Talks to the core only through the host API it receives in init().
 * plugins/leeuwarden/README.md explains the region's choices.
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

static const struct portal_message *const en_tables[] = {leeuwarden_messages_en, NULL};
static const struct portal_message *const nl_tables[] = {leeuwarden_messages_nl, leeuwarden_ui_nl, NULL};
static const struct portal_message *const fy_tables[] = {leeuwarden_messages_fy, leeuwarden_ui_fy, NULL};

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
    .messages = leeuwarden_messages,
};

const struct portal_plugin *portal_plugin_descriptor(void)
{
    return &descriptor;
}
