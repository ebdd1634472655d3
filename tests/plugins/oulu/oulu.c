/*
 * oulu.c — a sixth region, Oulu (Finland), European Capital of Culture 2026: a test plugin that
 * lives under tests/ and is never shipped.  It proves that a new region can be added by
 * following docs/plugins.md alone, without touching core/: it has its metadata, a business-ID
 * rule (the Finnish Y-tunnus), a catalogue, a sub-sector, a listing rule, a matchmaking
 * adjustment, a page of its own (a plugin route) and a template override.
 */
#include "portal_plugin.h"

#include <stddef.h>
#include <string.h>

static const struct portal_host *host;

static const char *const languages[] = {"fi", NULL};

static const struct portal_sector subsectors[] = {
    {"oulu-cultural-climate-change"},
    {NULL},
};

static const struct portal_message messages_en[] = {
    {"oulu.programme", "Oulu2026 — Cultural Climate Change"},
    {"oulu.instrument", "Regional development programme of North Ostrobothnia"},
    {"sector.oulu-cultural-climate-change", "Cultural climate change"},
    {"oulu.bizid.format",
     "A Finnish business ID (Y-tunnus) is 7 digits, a dash and a check digit, e.g. 0112038-9."},
    {"oulu.bizid.check", "This business ID's check digit does not match: please check each digit."},
    {"oulu.rule.winter", "A winter venue must say how many people it holds."},
    {"oulu.match.arctic", "works in Finnish, an Oulu priority"},
    {"oulu.about.title", "About Oulu2026"},
    {"oulu.about.text",
     "Oulu and 32 municipalities of Northern Finland are the European Capital of Culture in 2026."},
    {NULL, NULL},
};

static const struct portal_message messages_fi[] = {
    {"language.name", "Suomi"},
    {"oulu.programme", "Oulu2026 — Kulttuuri-ilmastonmuutos"},
    {"oulu.instrument", "Pohjois-Pohjanmaan maakuntaohjelma"},
    {"sector.oulu-cultural-climate-change", "Kulttuuri-ilmastonmuutos"},
    {"oulu.bizid.format",
     "Y-tunnuksessa on 7 numeroa, väliviiva ja tarkistusnumero, esim. 0112038-9."},
    {"oulu.bizid.check", "Y-tunnuksen tarkistusnumero ei täsmää: tarkista numerot."},
    {"oulu.rule.winter", "Talvitapahtumapaikan on kerrottava, montako ihmistä sinne mahtuu."},
    {"oulu.match.arctic", "toimii suomeksi, Oulun painopiste"},
    {"oulu.about.title", "Tietoa Oulu2026:sta"},
    {"oulu.about.text",
     "Oulu ja 32 Pohjois-Suomen kuntaa ovat Euroopan kulttuuripääkaupunki vuonna 2026."},
    {NULL, NULL},
};

static const struct portal_message *const en_tables[] = {messages_en, NULL};
static const struct portal_message *const fi_tables[] = {messages_fi, NULL};

static const struct portal_message *const *oulu_messages(const char *lang)
{
    if (strcmp(lang, "en") == 0)
        return en_tables;
    if (strcmp(lang, "fi") == 0)
        return fi_tables;
    return NULL;
}

/* Y-tunnus: digits d1..d7 weighted 7 9 10 5 8 4 2; remainder 0 → 0, 1 → never valid,
 * otherwise 11 − remainder.  Accepts "0112038-9" or "01120389". */
static int oulu_validate_business_id(const char *input, char *out, size_t cap, const char **key)
{
    static const int weights[] = {7, 9, 10, 5, 8, 4, 2};
    char digits[9];
    int n = 0;
    *key = "oulu.bizid.format";
    for (const char *p = input ? input : ""; *p; p++) {
        if (*p >= '0' && *p <= '9' && n < 8)
            digits[n++] = *p;
        else if (*p == '-' && n == 7)
            continue;
        else if (*p != ' ')
            return -1;
    }
    if (n != 8 || cap < 10)
        return -1;
    int sum = 0;
    for (int i = 0; i < 7; i++)
        sum += (digits[i] - '0') * weights[i];
    int rest = sum % 11, check = rest == 0 ? 0 : 11 - rest;
    if (rest == 1 || check != digits[7] - '0') {
        *key = "oulu.bizid.check";
        return -1;
    }
    memcpy(out, digits, 7);
    out[7] = '-';
    out[8] = digits[7];
    out[9] = '\0';
    return 0;
}

static int oulu_validate_listing(const struct portal_listing_view *l, void *errors)
{
    if (portal_list_has(l->subsectors, "oulu-cultural-climate-change") && l->kind &&
        strcmp(l->kind, "venue") == 0 && !l->has_capacity) {
        host->field_error(errors, "capacity", "oulu.rule.winter");
        return 1;
    }
    return 0;
}

static int oulu_adjust_match(const struct portal_match_view *m, struct portal_adjustment *out)
{
    out->delta = portal_list_has(m->listing->languages, "fi") ? 7 : 0;
    out->reason_key = "oulu.match.arctic";
    return 0;
}

/* GET /r/oulu/about: a page of the plugin's own, drawn with its own template. */
static int oulu_about(struct portal_req *req)
{
    struct tpl_dict *d = host->req_dict(req);
    host->dict_set(d, "TITLE", host->message(host->req_lang(req), "oulu.about.title"));
    return host->respond_page(req, 200, "about.tpl", d);
}

static int oulu_add_routes(const struct portal_host *h)
{
    return h->route_add("GET", "/r/oulu/about", oulu_about);
}

static int oulu_init(const struct portal_host *h)
{
    if (h->abi_version != PORTAL_PLUGIN_ABI_VERSION || h->struct_size < sizeof *h)
        return -1;
    host = h;
    return 0;
}

static const struct portal_plugin descriptor = {
    .abi_version = PORTAL_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(struct portal_plugin),
    .slug = "oulu",
    .name = "Oulu",
    .country = "FI",
    .languages = languages,
    .timezone = "Europe/Helsinki",
    .currency = "EUR",
    .ecoc_year = 2026,
    .programme_key = "oulu.programme",
    .instrument_key = "oulu.instrument",
    .subsectors = subsectors,
    .init = oulu_init,
    .validate_business_id = oulu_validate_business_id,
    .validate_listing = oulu_validate_listing,
    .adjust_match = oulu_adjust_match,
    .add_routes = oulu_add_routes,
    .messages = oulu_messages,
};

const struct portal_plugin *portal_plugin_descriptor(void)
{
    return &descriptor;
}
