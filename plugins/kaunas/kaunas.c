/*
 * kaunas.c — the Kaunas region plugin: Kaunas, Lithuania: European Capital of Culture 2022 ("Kaunas 2022 — Contemporary Capital").
 *
 * Owns the region's metadata, its business-ID rule (bizid.c), its catalogues (messages.c) and
 * its sub-sectors.  Talks to the core only through the host API it receives in init().
 * plugins/kaunas/README.md explains the region's choices.
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
    .messages = kaunas_messages,
};

const struct portal_plugin *portal_plugin_descriptor(void)
{
    return &descriptor;
}
