/*
 * messages.c — the Rijeka plugin's catalogues: English for its own keys, and the whole
 * interface in hr.
 */
#include "messages.h"

const struct portal_message rijeka_messages_en[] = {
    {"rijeka.programme", "Rijeka 2020 — Port of Diversity"},
    {"rijeka.instrument", "Local development strategy of Rijeka"},
    {"sector.rijeka-industrial-heritage", "Industrial heritage"},
    {"sector.rijeka-port-of-diversity", "Port of Diversity: migration and minorities"},
    {"sector.rijeka-sweet-and-salt", "Sweet and Salt: the waterfront"},
    {NULL, NULL},
};

const struct portal_message rijeka_messages_hr[] = {
    {"language.name", "Hrvatski"},
    {"rijeka.programme", "Rijeka 2020 — Luka različitosti"},
    {"rijeka.instrument", "Lokalna razvojna strategija Grada Rijeke"},
    {"sector.rijeka-industrial-heritage", "Industrijska baština"},
    {"sector.rijeka-port-of-diversity", "Luka različitosti: migracije i manjine"},
    {"sector.rijeka-sweet-and-salt", "Slatko i slano: obala"},
    {NULL, NULL},
};
