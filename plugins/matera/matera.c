/*
 * matera.c — the Matera region plugin: Matera, Italy: European Capital of Culture 2019 ("Matera 2019 — Open Future").
 *
 * Owns the region's metadata, its business-ID rule (bizid.c), its catalogues (messages.c) and
 * its sub-sectors.  Talks to the core only through the host API it receives in init().
 * plugins/matera/README.md explains the region's choices.
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
    .messages = matera_messages,
};

const struct portal_plugin *portal_plugin_descriptor(void)
{
    return &descriptor;
}
