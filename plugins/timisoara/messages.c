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
    {"bizid.ro.empty", "Please enter your company's CUI (CIF): 2 to 10 digits, e.g. 18547290. You "
                       "may put RO in front."},
    {"bizid.ro.format",
     "A CUI (CIF) is made of digits only and does not start with 0, e.g. 18547290 or RO 18547290."},
    {"bizid.ro.length", "A CUI (CIF) has 2 to 10 digits, e.g. 18547290. Please check that no digit "
                        "is missing or extra."},
    {"bizid.ro.check",
     "This CUI's check digit (the last one) does not match: please check each digit."},
    {"bizid.ro.internal",
     "We could not save this number because of a fault on our side. Please try again later."},
    {"timisoara.rule.call_language", "A call in Timișoara works in Romanian or English: please add "
                                     "one of them to the working languages."},
    {"timisoara.match.banat", "speaks a language of the Banat's communities"},
    {"timisoara.home.tagline", "Shine your light! Light up your city!"},
    {"timisoara.home.intro", "Timișoara 2023 lit up the Banat's squares, its rivers and its many "
                             "communities. Find the studios, technicians and venues who did it, in "
                             "Romanian, Hungarian, Serbian, German and English."},
    {"timisoara.home.light", "Light design, projections and public space."},
    {NULL, NULL},
};

const struct portal_message timisoara_messages_ro[] = {
    {"language.name", "Română"},
    {"timisoara.programme", "Timișoara 2023 — Luminează orașul prin tine!"},
    {"timisoara.instrument", "Programul Operațional Regional Vest"},
    {"sector.timisoara-light", "Lumină și spațiu public"},
    {"sector.timisoara-multiculturalism", "Patrimoniul multicultural al Banatului"},
    {"sector.timisoara-civic-engagement", "Implicare civică"},
    {"bizid.ro.empty", "Introduceți codul unic de înregistrare (CUI/CIF) al firmei: între 2 și 10 "
                       "cifre, de exemplu 18547290. Puteți adăuga RO în față."},
    {"bizid.ro.format",
     "CUI-ul (CIF-ul) conține doar cifre și nu începe cu 0, de exemplu 18547290 sau RO 18547290."},
    {"bizid.ro.length", "CUI-ul (CIF-ul) are între 2 și 10 cifre, de exemplu 18547290. Verificați "
                        "să nu lipsească nicio cifră și să nu fie vreuna în plus."},
    {"bizid.ro.check",
     "Cifra de control a acestui CUI (ultima cifră) nu se potrivește: verificați fiecare cifră."},
    {"bizid.ro.internal", "Nu am putut salva numărul din cauza unei erori de partea noastră. "
                          "Încercați din nou mai târziu."},
    {"timisoara.rule.call_language", "Un apel din Timișoara se desfășoară în română sau în "
                                     "engleză: adăugați una dintre ele la limbile de lucru."},
    {"timisoara.match.banat", "vorbește o limbă a comunităților din Banat"},
    {"timisoara.home.tagline", "Luminează orașul prin tine!"},
    {"timisoara.home.intro", "Timișoara 2023 a luminat piețele Banatului, râurile și multele sale "
                             "comunități. Găsiți aici studiourile, tehnicienii și spațiile care au "
                             "făcut-o, în română, maghiară, sârbă, germană și engleză."},
    {"timisoara.home.light", "Design de lumină, proiecții și spațiu public."},
    {NULL, NULL},
};
