/*
 * messages.c — the Matera plugin's catalogues: English for its own keys, and the whole
 * interface in it.
 */
#include "messages.h"

const struct portal_message matera_messages_en[] = {
    {"matera.programme", "Matera 2019 — Open Future"},
    {"matera.instrument", "Regional Operational Programme Basilicata"},
    {"sector.matera-ancient-futures", "Ancient Futures"},
    {"sector.matera-roots-and-routes", "Roots and Routes"},
    {"sector.matera-gastronomy", "Lucanian gastronomy and rural culture"},
    {NULL, NULL},
};

const struct portal_message matera_messages_it[] = {
    {"language.name", "Italiano"},
    {"matera.programme", "Matera 2019 — Open Future (futuro aperto)"},
    {"matera.instrument", "Programma Operativo Regionale Basilicata"},
    {"sector.matera-ancient-futures", "Futuro remoto"},
    {"sector.matera-roots-and-routes", "Radici e percorsi"},
    {"sector.matera-gastronomy", "Gastronomia lucana e cultura rurale"},
    {NULL, NULL},
};
