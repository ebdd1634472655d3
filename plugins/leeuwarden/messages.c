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
    {"bizid.nl.empty",
     "Please enter your KvK number (8 digits, e.g. 69599084) or your VAT identification number "
     "(NL, 9 digits, B and 2 digits, e.g. NL004495445B01)."},
    {"bizid.nl.format",
     "A KvK number is made of digits only (8 of them, e.g. 69599084). A VAT identification number "
     "is NL, 9 digits, the letter B and 2 digits (not 00), e.g. NL004495445B01."},
    {"bizid.nl.length", "A KvK number has exactly 8 digits (e.g. 69599084); a VAT identification "
                        "number has 9 digits between NL and B and 2 after the B (e.g. "
                        "NL004495445B01). Please check that no digit is missing or extra."},
    {"bizid.nl.check",
     "This is not a valid KvK number or VAT identification number: please check each digit."},
    {"bizid.nl.internal",
     "We could not save this number because of a fault on our side. Please try again later."},
    {"leeuwarden.rule.frisian",
     "An offer about the Frisian language and culture lists Frisian (fy) among its languages."},
    {"leeuwarden.match.frisian", "works in Frisian, a Leeuwarden-Fryslân priority"},
    {"leeuwarden.home.intro", "Leeuwarden-Fryslân 2018 was built by the Mienskip, the community: "
                              "villages, makers and organisers working together, in Frisian, Dutch "
                              "and many more languages. The makers are here."},
    {"leeuwarden.home.frisian", "Offers in Frisian"},
    {"leeuwarden.home.frisian_text", "Businesses that work in Frysk, the province's own language."},
    {NULL, NULL},
};

const struct portal_message leeuwarden_messages_nl[] = {
    {"language.name", "Nederlands"},
    {"leeuwarden.programme", "Leeuwarden-Fryslân 2018 — Iepen Mienskip (open gemeenschap)"},
    {"leeuwarden.instrument", "Operationeel Programma Noord-Nederland"},
    {"sector.leeuwarden-frisian-language", "Friese taal en cultuur"},
    {"sector.leeuwarden-iepen-mienskip", "Iepen Mienskip: gemeenschapsinitiatieven"},
    {"sector.leeuwarden-water-and-land", "Water en landschap"},
    {"bizid.nl.empty",
     "Vul uw KvK-nummer in (8 cijfers, bijvoorbeeld 69599084) of uw btw-identificatienummer (NL, 9 "
     "cijfers, B en 2 cijfers, bijvoorbeeld NL004495445B01)."},
    {"bizid.nl.format", "Een KvK-nummer bestaat alleen uit cijfers (8, bijvoorbeeld 69599084). Een "
                        "btw-identificatienummer bestaat uit NL, 9 cijfers, de letter B en 2 "
                        "cijfers (niet 00), bijvoorbeeld NL004495445B01."},
    {"bizid.nl.length",
     "Een KvK-nummer heeft precies 8 cijfers (bijvoorbeeld 69599084); een btw-identificatienummer "
     "heeft 9 cijfers tussen NL en B en 2 cijfers na de B (bijvoorbeeld NL004495445B01). "
     "Controleer of er geen cijfer ontbreekt of te veel is."},
    {"bizid.nl.check",
     "Dit is geen geldig KvK-nummer of btw-identificatienummer: controleer elk cijfer."},
    {"bizid.nl.internal",
     "Door een fout aan onze kant konden we dit nummer niet opslaan. Probeer het later opnieuw."},
    {"leeuwarden.rule.frisian",
     "Een aanbod over de Friese taal en cultuur noemt Fries (fy) bij de talen."},
    {"leeuwarden.match.frisian", "werkt in het Fries, een prioriteit van Leeuwarden-Fryslân"},
    {"leeuwarden.home.intro", "Leeuwarden-Fryslân 2018 werd gemaakt door de Mienskip, de "
                              "gemeenschap: dorpen, makers en organisatoren samen, in het Fries, "
                              "het Nederlands en veel meer talen. De makers vindt u hier."},
    {"leeuwarden.home.frisian", "Aanbod in het Fries"},
    {"leeuwarden.home.frisian_text",
     "Bedrijven die in het Frysk werken, de eigen taal van de provincie."},
    {NULL, NULL},
};

const struct portal_message leeuwarden_messages_fy[] = {
    {"language.name", "Frysk"},
    {"leeuwarden.programme", "Ljouwert-Fryslân 2018 — Iepen Mienskip"},
    {"leeuwarden.instrument", "Operasjoneel Programma Noard-Nederlân"},
    {"sector.leeuwarden-frisian-language", "Fryske taal en kultuer"},
    {"sector.leeuwarden-iepen-mienskip", "Iepen Mienskip: inisjativen út de mienskip"},
    {"sector.leeuwarden-water-and-land", "Wetter en lânskip"},
    {"bizid.nl.empty",
     "Fier jo KvK-nûmer yn (8 sifers, bygelyks 69599084) of jo btw-identifikaasjenûmer (NL, 9 "
     "sifers, B en 2 sifers, bygelyks NL004495445B01)."},
    {"bizid.nl.format",
     "In KvK-nûmer bestiet allinnich út sifers (8, bygelyks 69599084). In btw-identifikaasjenûmer "
     "bestiet út NL, 9 sifers, de letter B en 2 sifers (net 00), bygelyks NL004495445B01."},
    {"bizid.nl.length",
     "In KvK-nûmer hat krekt 8 sifers (bygelyks 69599084); in btw-identifikaasjenûmer hat 9 sifers "
     "tusken NL en B en 2 sifers nei de B (bygelyks NL004495445B01). Kontrolearje oft der gjin "
     "sifer mist of te folle is."},
    {"bizid.nl.check",
     "Dit is gjin jildich KvK-nûmer of btw-identifikaasjenûmer: kontrolearje elk sifer."},
    {"bizid.nl.internal",
     "Troch in flater oan ús kant koene wy dit nûmer net bewarje. Besykje it letter nochris."},
    {"leeuwarden.rule.frisian",
     "In oanbod oer de Fryske taal en kultuer neamt Frysk (fy) by de talen."},
    {"leeuwarden.match.frisian", "wurket yn it Frysk, in prioriteit fan Ljouwert-Fryslân"},
    {"leeuwarden.home.intro",
     "Ljouwert-Fryslân 2018 is makke troch de Mienskip: doarpen, makkers en organisatoaren "
     "tegearre, yn it Frysk, it Nederlânsk en noch folle mear talen. De makkers fine jo hjir."},
    {"leeuwarden.home.frisian", "Oanbod yn it Frysk"},
    {"leeuwarden.home.frisian_text",
     "Bedriuwen dy't yn it Frysk wurkje, de eigen taal fan de provinsje."},
    {NULL, NULL},
};
