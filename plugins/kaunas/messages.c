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
    {"bizid.lt.empty", "Please enter your company code (9 digits, e.g. 110053842) or your VAT code "
                       "(LT followed by 9 or 12 digits, e.g. LT119511515)."},
    {"bizid.lt.format", "A company code is made of digits only, e.g. 110053842; a VAT code is LT "
                        "followed by digits only, e.g. LT119511515."},
    {"bizid.lt.length",
     "A company code has exactly 9 digits (e.g. 110053842); a VAT code is LT followed by 9 or 12 "
     "digits (e.g. LT119511515). Please check that no digit is missing or extra."},
    {"bizid.lt.vat", "This is not a Lithuanian VAT code: in a 9-digit VAT code the 8th digit is 1, "
                     "in a 12-digit one the 11th digit is 1. Please check the digits, or enter "
                     "your 9-digit company code without LT."},
    {"bizid.lt.check",
     "This code's check digit (the last one) does not match: please check each digit."},
    {"bizid.lt.internal",
     "We could not save this number because of a fault on our side. Please try again later."},
    {"kaunas.rule.modernism_sectors", "An offer about interwar modernism belongs to architecture, "
                                      "heritage or design: please choose one of them."},
    {"kaunas.match.modernism", "modernist heritage, a Kaunas priority"},
    {"kaunas.home.tagline", "From temporary capital to contemporary capital."},
    {"kaunas.home.intro",
     "Kaunas 2022 brought the city's modernist heritage, its courtyards and its communities into "
     "one programme. Its cultural and creative businesses carry that work on: find them here, or "
     "post a call for the next edition."},
    {"kaunas.home.modernism", "Designers, architects and guides of the city's interwar modernism."},
    {NULL, NULL},
};

const struct portal_message kaunas_messages_lt[] = {
    {"language.name", "Lietuvių"},
    {"kaunas.programme", "Kaunas 2022 — šiuolaikinė sostinė"},
    {"kaunas.instrument", "Kauno miesto vietos plėtros strategija"},
    {"sector.kaunas-modernism", "Tarpukario modernizmo architektūra"},
    {"sector.kaunas-contemporary-capital", "Bendruomenių kūryba (šiuolaikinė sostinė)"},
    {"sector.kaunas-design-innovation", "Dizainas ir inovacijos"},
    {"bizid.lt.empty", "Įveskite įmonės kodą (9 skaitmenys, pvz., 110053842) arba PVM mokėtojo "
                       "kodą (LT ir 9 arba 12 skaitmenų, pvz., LT119511515)."},
    {"bizid.lt.format", "Įmonės kodą sudaro tik skaitmenys, pvz., 110053842; PVM mokėtojo kodą – "
                        "raidės LT ir tik skaitmenys, pvz., LT119511515."},
    {"bizid.lt.length", "Įmonės kodas turi lygiai 9 skaitmenis (pvz., 110053842), o PVM mokėtojo "
                        "kodas – LT ir 9 arba 12 skaitmenų (pvz., LT119511515). Patikrinkite, ar "
                        "nė vieno skaitmens netrūksta ir nėra per daug."},
    {"bizid.lt.vat",
     "Tai ne PVM mokėtojo kodas: 9 skaitmenų kode aštuntasis skaitmuo turi būti 1, o 12 skaitmenų "
     "kode – vienuoliktasis. Patikrinkite skaitmenis arba įveskite 9 skaitmenų įmonės kodą be LT."},
    {"bizid.lt.check",
     "Šio kodo kontrolinis (paskutinis) skaitmuo nesutampa: patikrinkite kiekvieną skaitmenį."},
    {"bizid.lt.internal",
     "Dėl klaidos mūsų pusėje numerio išsaugoti nepavyko. Bandykite dar kartą vėliau."},
    {"kaunas.rule.modernism_sectors",
     "Pasiūlymas apie tarpukario modernizmą priklauso architektūros, paveldo arba dizaino "
     "sektoriui: pasirinkite bent vieną iš jų."},
    {"kaunas.match.modernism", "modernizmo paveldas – Kauno prioritetas"},
    {"kaunas.home.tagline", "Iš laikinosios – į šiuolaikinę sostinę."},
    {"kaunas.home.intro", "„Kaunas 2022“ sujungė miesto modernizmo paveldą, kiemus ir bendruomenes "
                          "į vieną programą. Jos darbą tęsia kultūros ir kūrybinio sektoriaus "
                          "įmonės: raskite jas čia arba paskelbkite kvietimą kitam leidimui."},
    {"kaunas.home.modernism", "Tarpukario modernizmo dizaineriai, architektai ir gidai."},
    {NULL, NULL},
};
