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
    {"bizid.hr.empty", "Please enter the OIB of your business: 11 digits, e.g. 69435151530."},
    {"bizid.hr.format", "An OIB is made of digits only: 11 of them, the last one a check digit, e.g. 69435151530. You may put HR in front."},
    {"bizid.hr.length", "An OIB has exactly 11 digits, e.g. 69435151530. Please check that no digit is missing or extra."},
    {"bizid.hr.check", "This OIB's check digit does not match: please check each digit."},
    {"bizid.hr.internal", "We could not save this number because of a fault on our side. Please try again later."},
    {NULL, NULL},
};

const struct portal_message rijeka_messages_hr[] = {
    {"language.name", "Hrvatski"},
    {"rijeka.programme", "Rijeka 2020 — Luka različitosti"},
    {"rijeka.instrument", "Lokalna razvojna strategija Grada Rijeke"},
    {"sector.rijeka-industrial-heritage", "Industrijska baština"},
    {"sector.rijeka-port-of-diversity", "Luka različitosti: migracije i manjine"},
    {"sector.rijeka-sweet-and-salt", "Slatko i slano: obala"},
    {"bizid.hr.empty", "Upišite OIB tvrtke ili obrta: 11 znamenaka, npr. 69435151530."},
    {"bizid.hr.format", "OIB se sastoji samo od znamenaka: ima ih 11, a posljednja je kontrolna, npr. 69435151530. Ispred smijete dodati HR."},
    {"bizid.hr.length", "OIB ima točno 11 znamenaka, npr. 69435151530. Provjerite nedostaje li koja znamenka ili ima li koja suvišna."},
    {"bizid.hr.check", "Kontrolna znamenka ovog OIB-a ne odgovara: provjerite svaku znamenku."},
    {"bizid.hr.internal", "Broj nismo mogli spremiti zbog pogreške na našoj strani. Pokušajte ponovno kasnije."},
    {NULL, NULL},
};
