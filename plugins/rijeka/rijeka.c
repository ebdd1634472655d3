/*
 * rijeka.c — the Rijeka region plugin: Rijeka, Croatia: European Capital of Culture 2020 ("Rijeka
 * 2020 — Port of Diversity").
 *
 * Rijeka 2020, "Port of Diversity", worked in many languages with partners from everywhere.
 * Rules: a call open to the other regions must list English among its working languages, so
 * partners from abroad can answer.  Matchmaking: calls of Rijeka give +6 to SMEs that work in
 * three languages or more.
 *
 * Owns the region's metadata, its business-ID rule (bizid.c), its catalogues (messages.c,
 * ui_<lang>.c), its sub-sectors, its rules and its matchmaking adjustment.  Talks to the core only
 * through the host API it receives in init(). plugins/rijeka/README.md explains the region's
 * choices.
 */
#include "bizid.h"
#include "messages.h"
#include "portal_plugin.h"

#include <string.h>

static const struct portal_host *host;

static const char *const languages[] = {"hr", NULL};

static const struct portal_sector subsectors[] = {
    {"rijeka-industrial-heritage"},
    {"rijeka-port-of-diversity"},
    {"rijeka-sweet-and-salt"},
    {NULL},
};

static int rijeka_init(const struct portal_host *h)
{
    if (h->abi_version != PORTAL_PLUGIN_ABI_VERSION)
        return -1;
    host = h;
    return 0;
}

static int rijeka_validate_call(const struct portal_call_view *c, void *errors)
{
    if (c->cross_region && !portal_list_has(c->languages, "en")) {
        host->field_error(errors, "languages", "rijeka.rule.cross_region_english");
        return 1;
    }
    return 0;
}

static int rijeka_adjust_match(const struct portal_match_view *m, struct portal_adjustment *out)
{
    out->delta = 0;
    if (portal_list_count(m->listing->languages) >= 3) {
        out->delta = 6;
        out->reason_key = "rijeka.match.diversity";
    }
    return 0;
}

static const struct portal_message *const en_tables[] = {rijeka_messages_en, NULL};
static const struct portal_message *const hr_tables[] = {rijeka_messages_hr, rijeka_ui_hr, NULL};

static const struct portal_message *const *rijeka_messages(const char *lang)
{
    if (strcmp(lang, "en") == 0)
        return en_tables;
    if (strcmp(lang, "hr") == 0)
        return hr_tables;
    return NULL;
}

static const struct portal_plugin descriptor = {
    .abi_version = PORTAL_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(struct portal_plugin),
    .slug = "rijeka",
    .name = "Rijeka",
    .country = "HR",
    .languages = languages,
    .timezone = "Europe/Zagreb",
    .currency = "EUR",
    .ecoc_year = 2020,
    .programme_key = "rijeka.programme",
    .instrument_key = "rijeka.instrument",
    .subsectors = subsectors,
    .init = rijeka_init,
    .validate_business_id = rijeka_validate_business_id,
    .validate_call = rijeka_validate_call,
    .adjust_match = rijeka_adjust_match,
    .messages = rijeka_messages,
};

const struct portal_plugin *portal_plugin_descriptor(void)
{
    return &descriptor;
}
