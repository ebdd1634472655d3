/*
 * timisoara.c — the Timișoara region plugin: Timișoara, Romania: European Capital of Culture 2023
 * ("Shine your light! Light up your city!").
 *
 * Timișoara 2023 celebrated the Banat's many communities — Romanian, Hungarian, Serbian,
 * German and more.  Rules: a Timișoara call must work in Romanian or English.  Matchmaking:
 * calls of Timișoara give +6 to SMEs that work in a language of the Banat's communities
 * (Hungarian, Serbian or German).
 *
 * Owns the region's metadata, its business-ID rule (bizid.c), its catalogues (messages.c,
 * ui_<lang>.c), its sub-sectors, its rules and its matchmaking adjustment.  Talks to the core only
 * through the host API it receives in init(). plugins/timisoara/README.md explains the region's
 * choices.
 */
#include "bizid.h"
#include "messages.h"
#include "portal_plugin.h"

#include <string.h>

static const struct portal_host *host;

static const char *const languages[] = {"ro", NULL};

static const struct portal_sector subsectors[] = {
    {"timisoara-light"},
    {"timisoara-multiculturalism"},
    {"timisoara-civic-engagement"},
    {NULL},
};

static int timisoara_init(const struct portal_host *h)
{
    if (h->abi_version != PORTAL_PLUGIN_ABI_VERSION)
        return -1;
    host = h;
    return 0;
}

static int timisoara_validate_call(const struct portal_call_view *c, void *errors)
{
    if (!portal_list_has(c->languages, "ro") && !portal_list_has(c->languages, "en")) {
        host->field_error(errors, "languages", "timisoara.rule.call_language");
        return 1;
    }
    return 0;
}

static int timisoara_adjust_match(const struct portal_match_view *m, struct portal_adjustment *out)
{
    out->delta = 0;
    if (portal_list_has(m->listing->languages, "hu") ||
        portal_list_has(m->listing->languages, "sr") ||
        portal_list_has(m->listing->languages, "de")) {
        out->delta = 6;
        out->reason_key = "timisoara.match.banat";
    }
    return 0;
}

static const struct portal_message *const en_tables[] = {timisoara_messages_en, NULL};
static const struct portal_message *const ro_tables[] = {timisoara_messages_ro, timisoara_ui_ro,
                                                         NULL};

static const struct portal_message *const *timisoara_messages(const char *lang)
{
    if (strcmp(lang, "en") == 0)
        return en_tables;
    if (strcmp(lang, "ro") == 0)
        return ro_tables;
    return NULL;
}

static const struct portal_plugin descriptor = {
    .abi_version = PORTAL_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(struct portal_plugin),
    .slug = "timisoara",
    .name = "Timișoara",
    .country = "RO",
    .languages = languages,
    .timezone = "Europe/Bucharest",
    .currency = "RON",
    .ecoc_year = 2023,
    .programme_key = "timisoara.programme",
    .instrument_key = "timisoara.instrument",
    .subsectors = subsectors,
    .init = timisoara_init,
    .validate_business_id = timisoara_validate_business_id,
    .validate_call = timisoara_validate_call,
    .adjust_match = timisoara_adjust_match,
    .messages = timisoara_messages,
};

const struct portal_plugin *portal_plugin_descriptor(void)
{
    return &descriptor;
}
