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
    {"bizid.hr.format", "An OIB is made of digits only: 11 of them, the last one a check digit, "
                        "e.g. 69435151530. You may put HR in front."},
    {"bizid.hr.length", "An OIB has exactly 11 digits, e.g. 69435151530. Please check that no "
                        "digit is missing or extra."},
    {"bizid.hr.check", "This OIB's check digit does not match: please check each digit."},
    {"bizid.hr.internal",
     "We could not save this number because of a fault on our side. Please try again later."},
    {"rijeka.rule.cross_region_english",
     "A call open to the other ECoC regions needs English among its working languages, so partners "
     "from abroad can answer."},
    {"rijeka.match.diversity", "works in three languages or more: Port of Diversity"},
    {"rijeka.home.intro",
     "Rijeka 2020, the Port of Diversity, opened the city's factories, its waterfront and its 27 "
     "neighbourhoods to culture. The people who made it work are here: offer what you do, or find "
     "partners for what comes next."},
    {"rijeka.home.now", "In Rijeka now"},
    {"rijeka.home.heritage",
     "The Benčić complex, the port and the paper mill: industrial heritage, made into culture."},
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
    {"bizid.hr.format", "OIB se sastoji samo od znamenaka: ima ih 11, a posljednja je kontrolna, "
                        "npr. 69435151530. Ispred smijete dodati HR."},
    {"bizid.hr.length", "OIB ima točno 11 znamenaka, npr. 69435151530. Provjerite nedostaje li "
                        "koja znamenka ili ima li koja suvišna."},
    {"bizid.hr.check", "Kontrolna znamenka ovog OIB-a ne odgovara: provjerite svaku znamenku."},
    {"bizid.hr.internal",
     "Broj nismo mogli spremiti zbog pogreške na našoj strani. Pokušajte ponovno kasnije."},
    {"rijeka.rule.cross_region_english",
     "Poziv otvoren ostalim europskim prijestolnicama kulture mora među radnim jezicima imati "
     "engleski kako bi se mogli javiti i partneri iz inozemstva."},
    {"rijeka.match.diversity", "radi na tri ili više jezika: Luka različitosti"},
    {"rijeka.home.intro", "Rijeka 2020, Luka različitosti, otvorila je kulturi gradske tvornice, "
                          "obalu i 27 susjedstava. Ljudi koji su to ostvarili ovdje su: ponudite "
                          "što radite ili pronađite partnere za ono što slijedi."},
    {"rijeka.home.now", "U Rijeci sada"},
    {"rijeka.home.heritage",
     "Kompleks Benčić, luka i tvornica papira: industrijska baština pretvorena u kulturu."},
    {NULL, NULL},
};
