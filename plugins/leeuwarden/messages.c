/*
 * messages.c — the Leeuwarden-Fryslân plugin's catalogues: English for its own keys, and the whole
 * interface in nl, fy.
 */
#include "messages.h"

const struct portal_message leeuwarden_messages_en[] = {
    {"leeuwarden.programme", "Leeuwarden-Fryslân 2018 — Iepen Mienskip (open community)"},
    {"leeuwarden.instrument", "Operational Programme Northern Netherlands"},
    {"sector.leeuwarden-frisian-language", "Frisian language and culture"},
    {"sector.leeuwarden-iepen-mienskip", "Iepen Mienskip: community initiatives"},
    {"sector.leeuwarden-water-and-land", "Water and landscape"},
    {NULL, NULL},
};

const struct portal_message leeuwarden_messages_nl[] = {
    {"language.name", "Nederlands"},
    {"leeuwarden.programme", "Leeuwarden-Fryslân 2018 — Iepen Mienskip (open gemeenschap)"},
    {"leeuwarden.instrument", "Operationeel Programma Noord-Nederland"},
    {"sector.leeuwarden-frisian-language", "Friese taal en cultuur"},
    {"sector.leeuwarden-iepen-mienskip", "Iepen Mienskip: gemeenschapsinitiatieven"},
    {"sector.leeuwarden-water-and-land", "Water en landschap"},
    {NULL, NULL},
};

const struct portal_message leeuwarden_messages_fy[] = {
    {"language.name", "Frysk"},
    {"leeuwarden.programme", "Ljouwert-Fryslân 2018 — Iepen Mienskip"},
    {"leeuwarden.instrument", "Operasjoneel Programma Noard-Nederlân"},
    {"sector.leeuwarden-frisian-language", "Fryske taal en kultuer"},
    {"sector.leeuwarden-iepen-mienskip", "Iepen Mienskip: inisjativen út de mienskip"},
    {"sector.leeuwarden-water-and-land", "Wetter en lânskip"},
    {NULL, NULL},
};
