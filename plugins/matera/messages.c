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
    {"bizid.it.empty", "Please enter your partita IVA: 11 digits, e.g. 00743110157."},
    {"bizid.it.format", "A partita IVA is made of digits only: 11 of them, e.g. 00743110157. You "
                        "may put IT in front."},
    {"bizid.it.length", "A partita IVA has exactly 11 digits, e.g. 00743110157. Please check that "
                        "no digit is missing or extra."},
    {"bizid.it.check", "These 11 digits are not a valid partita IVA (the last one is a check "
                       "digit): please check each digit."},
    {"bizid.it.internal",
     "We could not save this number because of a fault on our side. Please try again later."},
    {"matera.rule.venue_capacity",
     "A venue in the Ancient Futures strand must say how many people it holds."},
    {"matera.match.cocreation", "a partnership: co-creation, the Open Future way"},
    {"matera.home.intro", "Matera 2019 made co-creation with its citizens its way of working: the "
                          "Open Future goes on in the Sassi, the Murgia and the villages of "
                          "Basilicata. Find partners to create with, not only suppliers."},
    {"matera.home.cocreate", "Partnerships for co-creation"},
    {"matera.home.rural", "Food, crafts and rural culture of Lucania."},
    {NULL, NULL},
};

const struct portal_message matera_messages_it[] = {
    {"language.name", "Italiano"},
    {"matera.programme", "Matera 2019 — Open Future (futuro aperto)"},
    {"matera.instrument", "Programma Operativo Regionale Basilicata"},
    {"sector.matera-ancient-futures", "Futuro remoto"},
    {"sector.matera-roots-and-routes", "Radici e percorsi"},
    {"sector.matera-gastronomy", "Gastronomia lucana e cultura rurale"},
    {"bizid.it.empty", "Inserisci la partita IVA: 11 cifre, ad esempio 00743110157."},
    {"bizid.it.format", "La partita IVA è composta solo da cifre: 11 in tutto, ad esempio "
                        "00743110157. Puoi anteporre IT."},
    {"bizid.it.length", "La partita IVA ha esattamente 11 cifre, ad esempio 00743110157. Controlla "
                        "che non ne manchi nessuna e che non ce ne sia una di troppo."},
    {"bizid.it.check", "Queste 11 cifre non formano una partita IVA valida (l'ultima è una cifra "
                       "di controllo): controlla ogni cifra."},
    {"bizid.it.internal",
     "Non è stato possibile salvare il numero per un errore da parte nostra. Riprova più tardi."},
    {"matera.rule.venue_capacity",
     "Uno spazio del filone Futuro remoto deve indicare quante persone può accogliere."},
    {"matera.match.cocreation", "una partnership: co-creazione, nello spirito di Open Future"},
    {"matera.home.intro", "Matera 2019 ha fatto della co-creazione con i cittadini il suo metodo: "
                          "l'Open Future continua nei Sassi, nella Murgia e nei borghi della "
                          "Basilicata. Trova partner con cui creare, non solo fornitori."},
    {"matera.home.cocreate", "Partnership per co-creare"},
    {"matera.home.rural", "Cibo, artigianato e cultura rurale della Lucania."},
    {NULL, NULL},
};
