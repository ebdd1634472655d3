/*
 * messages.c — the Kaunas plugin's catalogues: English for its own keys, and the whole
 * interface in lt.
 */
#include "messages.h"

const struct portal_message kaunas_messages_en[] = {
    {"kaunas.programme", "Kaunas 2022 — Contemporary Capital"},
    {"kaunas.instrument", "Local development strategy of Kaunas"},
    {"sector.kaunas-modernism", "Interwar modernist architecture"},
    {"sector.kaunas-contemporary-capital", "Community co-creation (Contemporary Capital)"},
    {"sector.kaunas-design-innovation", "Design and innovation"},
    {NULL, NULL},
};

const struct portal_message kaunas_messages_lt[] = {
    {"language.name", "Lietuvių"},
    {"kaunas.programme", "Kaunas 2022 — šiuolaikinė sostinė"},
    {"kaunas.instrument", "Kauno miesto vietos plėtros strategija"},
    {"sector.kaunas-modernism", "Tarpukario modernizmo architektūra"},
    {"sector.kaunas-contemporary-capital", "Bendruomenių kūryba (šiuolaikinė sostinė)"},
    {"sector.kaunas-design-innovation", "Dizainas ir inovacijos"},
    {NULL, NULL},
};
