/*
 * messages.c — the Timișoara plugin's catalogues: English for its own keys, and the whole
 * interface in ro.
 */
#include "messages.h"

const struct portal_message timisoara_messages_en[] = {
    {"timisoara.programme", "Timișoara 2023 — Shine your light! Light up your city!"},
    {"timisoara.instrument", "Regional Operational Programme West Romania"},
    {"sector.timisoara-light", "Light and public space"},
    {"sector.timisoara-multiculturalism", "Multicultural Banat heritage"},
    {"sector.timisoara-civic-engagement", "Civic engagement"},
    {NULL, NULL},
};

const struct portal_message timisoara_messages_ro[] = {
    {"language.name", "Română"},
    {"timisoara.programme", "Timișoara 2023 — Luminează orașul prin tine!"},
    {"timisoara.instrument", "Programul Operațional Regional Vest"},
    {"sector.timisoara-light", "Lumină și spațiu public"},
    {"sector.timisoara-multiculturalism", "Patrimoniul multicultural al Banatului"},
    {"sector.timisoara-civic-engagement", "Implicare civică"},
    {NULL, NULL},
};
