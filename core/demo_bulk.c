/*
 * demo_bulk.c — the generated benchmark data set; see demo_bulk.h.
 *
 * Text is built from sentence templates per language whose slots ({s}, {o}, ...) are filled
 * with words drawn with skewed (Zipf-like) weights: the first word of a list is drawn often,
 * the last rarely, which gives the spread of term frequencies a real catalogue has.  The random
 * numbers come from our own xoshiro256** seeded by splitmix64(seed) and drawn in a fixed order,
 * with integer weights only, so a seed always yields the same bytes.
 */
#include "demo_bulk.h"

#include "arena.h"
#include "db.h"
#include "password.h"
#include "plugin.h"
#include "portal_plugin.h"
#include "taxonomy.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* --- random numbers ---------------------------------------------------------------------- */

struct rng {
    uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* 0 .. n-1 (n >= 1). */
static int rnd(struct rng *r, int n)
{
    return (int)((rng_next(r) >> 11) % (uint64_t)n);
}

/* true with probability pct/100. */
static int chance(struct rng *r, int pct)
{
    return rnd(r, 100) < pct;
}

/* An index 0..n-1 drawn with the integer weights w[0..n-1]. */
static int weighted(struct rng *r, const int *w, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += w[i];
    int x = rnd(r, total);
    for (int i = 0; i < n; i++) {
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return n - 1;
}

/* Roughly 1/(i+1): the general vocabulary. */
static const int zipf_w[] = {100, 50, 33, 25, 20, 17, 14, 12, 11, 10, 9, 8};
/* Much steeper: the words of a sector, from its everyday word to the specialist one. */
static const int steep_w[] = {100, 40, 20, 10, 5, 2};

static int count_of(const char *const *v, int max)
{
    int n = 0;
    while (n < max && v[n] != NULL)
        n++;
    return n;
}

/* --- vocabulary ---------------------------------------------------------------------------- */

enum { N_SECTORS = 16, SECTOR_WORDS = 6 };

/* How common each shared sector is among listings, in taxonomy.c's order (sql/002's); the
 * word tables below follow the same order.  demo_bulk refuses to run if the count differs. */
static const int sector_w[N_SECTORS] = {4, 5, 8, 7, 9, 8, 10, 6, 3, 14, 3, 9, 12, 11, 5, 11};

struct vocab {
    const char *code;
    const char *sector[N_SECTORS][SECTOR_WORDS]; /* everyday word first, specialist last */
    const char *adj[12];
    const char *aud[10];
    const char *occ[8]; /* occasions; festivals first */
    const char *title[6];
    const char *summary[4];
    const char *desc[12];
    const char *call_title[3];
    const char *call_summary[2];
    const char *call_desc[6];
    const char *event[2];
    const char *interest[3];
    const char *sme_word[6];
    const char *org_word[3];
};

static const struct vocab vocab_en = {
    .code = "en",
    .sector =
        {
            {"campaigns", "branding", "copywriting", "social media", "media planning",
             "billboards"},
            {"architecture", "interiors", "renovation", "urban design", "landscape",
             "timber construction"},
            {"video", "film", "photography", "documentary", "animation", "drone footage"},
            {"crafts", "woodwork", "textiles", "jewellery", "glassblowing", "ceramics"},
            {"workshops", "education", "training", "school programmes", "mentoring",
             "storytelling"},
            {"tours", "guided walks", "itineraries", "hospitality", "cycling routes", "boat trips"},
            {"design", "graphic design", "typography", "illustration", "wayfinding", "furniture"},
            {"digital content", "websites", "apps", "virtual reality", "interactive installations",
             "3D scanning"},
            {"fashion", "costumes", "tailoring", "upcycling", "knitwear", "millinery"},
            {"festival production", "stage management", "ticketing", "volunteers", "catering",
             "open air events"},
            {"games", "game design", "escape rooms", "board games", "gamification", "esports"},
            {"heritage", "restoration", "archives", "museums", "conservation", "oral history"},
            {"music", "concerts", "sound", "choir", "jazz", "folk music"},
            {"theatre", "dance", "circus", "puppetry", "street performance", "opera"},
            {"books", "translation", "printing", "magazines", "comics", "bookbinding"},
            {"exhibitions", "painting", "murals", "light art", "sculpture", "printmaking"},
        },
    .adj = {"creative", "local", "sustainable", "professional", "contemporary", "bespoke",
            "independent", "experienced", "innovative", "traditional", "bilingual",
            "award-winning"},
    .aud = {"families", "schools", "tourists", "young people", "museums", "event organisers",
            "municipalities", "companies", "communities", "senior citizens"},
    .occ = {"festivals", "concerts", "exhibitions", "conferences", "city events", "fairs",
            "openings", "residencies"},
    .title = {"{A} {s} for {o}", "{S} and {t} in {c}", "{S} for {u} and {o}",
              "{A} studio: {s} and {t}", "{S} on demand for {o}", "{S} team for {o} and {o}"},
    .summary = {"We offer {a} {s} and {t} for {o} in {c} and the wider region.",
                "{A} {s} for {u}: from the first idea to delivery, with {t} included.",
                "A {a} team working on {s}, {t} and {o} since {y}.",
                "{S} and {t} for {o}, tailored to {u} and to your budget."},
    .desc = {"We have worked on {s} for more than {n} years, for {o} across the region and "
             "abroad.",
             "Our team of {n} combines {s} with {t}, so clients get one partner instead of three.",
             "Every project starts with a workshop with your team to agree on the audience, the "
             "tone and the budget.",
             "Past clients include {u} in {c}, several festivals and two European Capitals of "
             "Culture.",
             "We work with local suppliers wherever we can and keep the production as sustainable "
             "as possible.",
             "The price covers preparation, one day on site and a short report with photos "
             "afterwards.",
             "For {o} we can also provide {t} and technical support on the day.",
             "We speak the local language and English, and are used to international teams.",
             "Culture is at the heart of what we do: we believe {s} should be open to everyone.",
             "Ask us for a quote: we answer within two working days.",
             "Accessibility matters to us: venues, texts and materials are checked for {u}.",
             "We adapt the format to festivals of any size, from a neighbourhood day to a "
             "city-wide programme."},
    .call_title = {"{p}: partners for {s} and {t}", "Call for {s} and {t} for {e}",
                   "{S} wanted for {o} of {p}"},
    .call_summary = {"We are looking for creative SMEs offering {s} and {t} for {e}, part of {p}.",
                     "{p} seeks partners for {s}: {o} in {c}, for visitors from all over "
                     "Europe."},
    .call_desc = {"{e} is part of {p}, the legacy programme of the European Capital of Culture.",
                  "We will select {n} partners who can deliver {s} and {t} for {u}.",
                  "Partners receive a fee, technical support and visibility in the festival's "
                  "communication.",
                  "Applications from other ECoC regions are welcome when they work with a local "
                  "SME.",
                  "Describe your proposal, the team, the languages you work in and an estimated "
                  "budget.",
                  "The programme takes place in {c} and nearby villages over several days."},
    .event = {"{O} of {c}", "{p} weekend"},
    .interest = {"We have delivered {s} for {o} before and can adapt our offer to your call.",
                 "Our team of {n} is available on your dates and works in English and the local "
                 "language.",
                 "We would like to propose {s} and {t}; a detailed quote can follow within a "
                 "week."},
    .sme_word = {"Studio", "Workshop", "Agency", "Lab", "Collective", "Press"},
    .org_word = {"Foundation", "Association", "Festival"},
};

static const struct vocab vocab_lt = {
    .code = "lt",
    .sector =
        {
            {"reklama", "prekės ženklas", "tekstų kūrimas", "socialiniai tinklai",
             "žiniasklaidos planavimas", "lauko reklama"},
            {"architektūra", "interjeras", "renovacija", "urbanistika", "kraštovaizdis",
             "medinė statyba"},
            {"vaizdo įrašai", "kinas", "fotografija", "dokumentika", "animacija",
             "filmavimas dronu"},
            {"amatai", "medžio drožyba", "tekstilė", "papuošalai", "stiklo pūtimas", "keramika"},
            {"edukacijos", "dirbtuvės", "mokymai", "mokyklų programos", "mentorystė",
             "pasakojimas"},
            {"ekskursijos", "pėsčiųjų turai", "maršrutai", "svetingumas", "dviračių maršrutai",
             "plaukimas laivu"},
            {"dizainas", "grafinis dizainas", "tipografija", "iliustracija", "navigacija",
             "baldai"},
            {"skaitmeninis turinys", "svetainės", "programėlės", "virtuali realybė",
             "interaktyvios instaliacijos", "3D skenavimas"},
            {"mada", "kostiumai", "siuvimas", "perdirbimas", "mezginiai", "skrybėlės"},
            {"festivalių organizavimas", "scenos valdymas", "bilietai", "savanoriai", "maitinimas",
             "renginiai po atviru dangumi"},
            {"žaidimai", "žaidimų dizainas", "pabėgimo kambariai", "stalo žaidimai", "žaidybinimas",
             "e. sportas"},
            {"paveldas", "restauravimas", "archyvai", "muziejai", "konservavimas",
             "sakytinė istorija"},
            {"muzika", "koncertai", "garsas", "choras", "džiazas", "folkloras"},
            {"teatras", "šokis", "cirkas", "lėlių teatras", "gatvės teatras", "opera"},
            {"knygos", "vertimai", "spauda", "žurnalai", "komiksai", "knygrišystė"},
            {"parodos", "tapyba", "sienų tapyba", "šviesos menas", "skulptūra", "grafika"},
        },
    .adj = {"kūrybiškas", "vietinis", "tvarus", "profesionalus", "šiuolaikinis", "individualus",
            "nepriklausomas", "patyręs", "inovatyvus", "tradicinis", "dvikalbis", "apdovanotas"},
    .aud = {"šeimos", "mokyklos", "turistai", "jaunimas", "muziejai", "renginių organizatoriai",
            "savivaldybės", "įmonės", "bendruomenės", "senjorai"},
    .occ = {"festivaliai", "koncertai", "parodos", "konferencijos", "miesto šventės", "mugės",
            "atidarymai", "rezidencijos"},
    .title = {"{A} {s} – {o}", "{S} ir {t} – {c}", "{S}: {u} ir {o}", "{A} studija: {s} ir {t}",
              "{S} pagal užsakymą: {o}", "{S} komanda: {o} ir {o}"},
    .summary = {"Siūlome {s} ir {t}: {o} {c} ir visame regione.",
                "{A} {s} – nuo pirmos idėjos iki įgyvendinimo, įskaitant {t}.",
                "Komanda, nuo {y} m. dirbanti šiose srityse: {s}, {t}, {o}.",
                "{S} ir {t} renginiams ({o}), pritaikome pagal jūsų biudžetą."},
    .desc = {"Daugiau nei {n} metų dirbame šioje srityje: {s}, {o} visame regione ir užsienyje.",
             "Mūsų {n} žmonių komanda derina {s} ir {t}, todėl užsakovai turi vieną partnerį "
             "vietoj trijų.",
             "Kiekvieną projektą pradedame dirbtuvėmis su jūsų komanda: aptariame auditoriją, "
             "toną ir biudžetą.",
             "Tarp mūsų klientų – {u} ({c}), keli festivaliai ir dvi Europos kultūros sostinės.",
             "Kur tik galime, dirbame su vietos tiekėjais ir stengiamės, kad gamyba būtų kuo "
             "tvaresnė.",
             "Į kainą įeina pasiruošimas, viena diena vietoje ir trumpa ataskaita su "
             "nuotraukomis.",
             "Renginiams ({o}) taip pat galime pasiūlyti {t} ir techninę pagalbą renginio dieną.",
             "Kalbame lietuviškai ir angliškai, esame įpratę dirbti tarptautinėse komandose.",
             "Kultūra yra mūsų darbo šerdis: tikime, kad {s} turi būti prieinama visiems.",
             "Parašykite mums dėl pasiūlymo – atsakome per dvi darbo dienas.",
             "Mums svarbus prieinamumas: erdves, tekstus ir medžiagą pritaikome auditorijai "
             "({u}).",
             "Formatą pritaikome bet kokio dydžio festivaliams – nuo kiemo šventės iki viso "
             "miesto programos."},
    .call_title = {"{p}: ieškome partnerių ({s}, {t})", "Kvietimas: {s} ir {t} – {e}",
                   "{S} – {o}, {p}"},
    .call_summary = {"Ieškome kūrybinių įmonių, siūlančių {s} ir {t} renginiui „{e}“ (programa "
                     "„{p}“).",
                     "Programa „{p}“ ieško partnerių: {s}, {o} {c}, lankytojams iš visos "
                     "Europos."},
    .call_desc = {"„{e}“ yra programos „{p}“, Europos kultūros sostinės tęstinumo programos, "
                  "dalis.",
                  "Atrinksime {n} partnerius, galinčius pasiūlyti {s} ir {t}. Auditorija: {u}.",
                  "Partneriams mokame honorarą, suteikiame techninę pagalbą ir matomumą "
                  "festivalio komunikacijoje.",
                  "Laukiame ir paraiškų iš kitų Europos kultūros sostinių regionų, jei dirbate "
                  "su vietos įmone.",
                  "Paraiškoje aprašykite pasiūlymą, komandą, darbo kalbas ir preliminarų "
                  "biudžetą.",
                  "Renginiai vyks kelias dienas: {c} ir apylinkės."},
    .event = {"{O}: {c}", "{p} savaitgalis"},
    .interest = {"Jau esame dirbę šioje srityje ({s}, {o}) ir mielai pritaikytume pasiūlymą "
                 "jūsų kvietimui.",
                 "Mūsų {n} žmonių komanda laisva jūsų datomis, dirbame lietuvių ir anglų "
                 "kalbomis.",
                 "Siūlome {s} ir {t}; išsamų pasiūlymą atsiųsime per savaitę."},
    .sme_word = {"studija", "dirbtuvės", "agentūra", "laboratorija", "kolektyvas", "leidykla"},
    .org_word = {"fondas", "asociacija", "festivalis"},
};

static const struct vocab vocab_hr = {
    .code = "hr",
    .sector =
        {
            {"oglašavanje", "brendiranje", "copywriting", "društvene mreže", "medijsko planiranje",
             "jumbo plakati"},
            {"arhitektura", "interijeri", "obnova", "urbanizam", "krajobraz", "drvena gradnja"},
            {"video", "film", "fotografija", "dokumentarni film", "animacija", "snimanje dronom"},
            {"obrt", "rezbarenje", "tekstil", "nakit", "puhanje stakla", "keramika"},
            {"radionice", "edukacija", "obuka", "školski programi", "mentorstvo", "pripovijedanje"},
            {"ture", "vođene šetnje", "itinerari", "ugostiteljstvo", "biciklističke rute",
             "izleti brodom"},
            {"dizajn", "grafički dizajn", "tipografija", "ilustracija", "signalizacija",
             "namještaj"},
            {"digitalni sadržaji", "web stranice", "aplikacije", "virtualna stvarnost",
             "interaktivne instalacije", "3D skeniranje"},
            {"moda", "kostimi", "krojenje", "upcycling", "pletiva", "šeširi"},
            {"produkcija festivala", "vođenje pozornice", "ulaznice", "volonteri", "catering",
             "događanja na otvorenom"},
            {"igre", "dizajn igara", "escape sobe", "društvene igre", "gamifikacija", "esport"},
            {"baština", "restauracija", "arhivi", "muzeji", "konzervacija", "usmena povijest"},
            {"glazba", "koncerti", "zvuk", "zbor", "jazz", "klapa"},
            {"kazalište", "ples", "cirkus", "lutkarstvo", "ulična izvedba", "opera"},
            {"knjige", "prijevodi", "tisak", "časopisi", "stripovi", "knjigoveštvo"},
            {"izložbe", "slikarstvo", "murali", "svjetlosna umjetnost", "skulptura", "grafika"},
        },
    .adj = {"kreativan", "lokalni", "održiv", "profesionalan", "suvremeni", "prilagođen",
            "neovisan", "iskusan", "inovativan", "tradicionalni", "dvojezični", "nagrađivan"},
    .aud = {"obitelji", "škole", "turisti", "mladi", "muzeji", "organizatori događanja", "općine",
            "tvrtke", "zajednice", "umirovljenici"},
    .occ = {"festivali", "koncerti", "izložbe", "konferencije", "gradska događanja", "sajmovi",
            "otvorenja", "rezidencije"},
    .title = {"{A} {s} za {o}", "{S} i {t} – {c}", "{S} za {u} i {o}", "{A} studio: {s} i {t}",
              "{S} po narudžbi za {o}", "Tim za {s}: {o} i {o}"},
    .summary = {"Nudimo {s} i {t} za {o} u gradu {c} i cijeloj regiji.",
                "{S} za {u}: od prve ideje do isporuke, uključujući {t}.",
                "Tim koji od {y}. radi na području: {s}, {t}, {o}.",
                "{S} i {t} za {o}, prilagođeno publici ({u}) i vašem budžetu."},
    .desc = {"Više od {n} godina radimo na području: {s}, za {o} u regiji i inozemstvu.",
             "Naš tim od {n} ljudi spaja {s} i {t}, pa naručitelji imaju jednog partnera umjesto "
             "tri.",
             "Svaki projekt počinjemo radionicom s vašim timom na kojoj dogovaramo publiku, ton i "
             "budžet.",
             "Među našim klijentima su {u} iz grada {c}, nekoliko festivala i dvije Europske "
             "prijestolnice kulture.",
             "Gdje god možemo, radimo s lokalnim dobavljačima i nastojimo da proizvodnja bude što "
             "održivija.",
             "Cijena uključuje pripremu, jedan dan na terenu i kratko izvješće s fotografijama.",
             "Za {o} možemo osigurati i {t} te tehničku podršku na dan događanja.",
             "Govorimo hrvatski, engleski i talijanski te smo navikli na međunarodne timove.",
             "Kultura je u središtu našeg rada: vjerujemo da {s} treba biti dostupna svima.",
             "Zatražite ponudu: odgovaramo u roku od dva radna dana.",
             "Pristupačnost nam je važna: prostore, tekstove i materijale prilagođavamo publici "
             "({u}).",
             "Format prilagođavamo festivalima svih veličina, od susjedske fešte do gradskog "
             "programa."},
    .call_title = {"{p}: partneri za {s} i {t}", "Poziv: {s} i {t} za {e}", "{S} za {o} – {p}"},
    .call_summary = {"Tražimo kreativne tvrtke koje nude {s} i {t} za {e}, dio programa {p}.",
                     "Program {p} traži partnere za {s}: {o} u gradu {c}, za posjetitelje iz "
                     "cijele Europe."},
    .call_desc = {"{e} dio je programa {p}, nasljeđa Europske prijestolnice kulture.",
                  "Odabrat ćemo {n} partnera koji mogu ponuditi {s} i {t} za publiku: {u}.",
                  "Partneri dobivaju honorar, tehničku podršku i vidljivost u komunikaciji "
                  "festivala.",
                  "Dobrodošle su i prijave iz drugih regija EPK-a u partnerstvu s lokalnom "
                  "tvrtkom.",
                  "U prijavi opišite prijedlog, tim, jezike na kojima radite i okvirni budžet.",
                  "Program se održava u gradu {c} i okolnim mjestima tijekom nekoliko dana."},
    .event = {"{O} – {c}", "Vikend programa {p}"},
    .interest = {"Već smo radili {s} za {o} i rado ćemo ponudu prilagoditi vašem pozivu.",
                 "Naš tim od {n} ljudi slobodan je u vašim terminima, radimo na hrvatskom i "
                 "engleskom.",
                 "Predlažemo {s} i {t}; detaljnu ponudu šaljemo u roku od tjedan dana."},
    .sme_word = {"studio", "radionica", "agencija", "laboratorij", "kolektiv", "naklada"},
    .org_word = {"zaklada", "udruga", "festival"},
};

static const struct vocab vocab_ro = {
    .code = "ro",
    .sector =
        {
            {"publicitate", "branding", "copywriting", "social media", "planificare media",
             "panouri publicitare"},
            {"arhitectură", "amenajări interioare", "renovare", "urbanism", "peisagistică",
             "construcții din lemn"},
            {"video", "film", "fotografie", "documentar", "animație", "filmări cu drona"},
            {"meșteșuguri", "sculptură în lemn", "textile", "bijuterii", "suflarea sticlei",
             "ceramică"},
            {"ateliere", "educație", "cursuri", "programe școlare", "mentorat", "povestire"},
            {"tururi", "plimbări ghidate", "itinerarii", "ospitalitate", "trasee cu bicicleta",
             "plimbări cu barca"},
            {"design", "design grafic", "tipografie", "ilustrație", "semnalistică", "mobilier"},
            {"conținut digital", "site-uri", "aplicații", "realitate virtuală",
             "instalații interactive", "scanare 3D"},
            {"modă", "costume", "croitorie", "upcycling", "tricotaje", "pălării"},
            {"producție de festival", "management de scenă", "ticketing", "voluntari", "catering",
             "evenimente în aer liber"},
            {"jocuri", "game design", "escape room", "jocuri de societate", "gamificare",
             "esports"},
            {"patrimoniu", "restaurare", "arhive", "muzee", "conservare", "istorie orală"},
            {"muzică", "concerte", "sunet", "cor", "jazz", "muzică populară"},
            {"teatru", "dans", "circ", "teatru de păpuși", "spectacole stradale", "operă"},
            {"cărți", "traduceri", "tipar", "reviste", "benzi desenate", "legătorie"},
            {"expoziții", "pictură", "murale", "artă luminoasă", "sculptură", "gravură"},
        },
    .adj = {"creativ", "local", "sustenabil", "profesionist", "contemporan", "personalizat",
            "independent", "experimentat", "inovator", "tradițional", "bilingv", "premiat"},
    .aud = {"familii", "școli", "turiști", "tineri", "muzee", "organizatori de evenimente",
            "primării", "companii", "comunități", "vârstnici"},
    .occ = {"festivaluri", "concerte", "expoziții", "conferințe", "evenimente urbane", "târguri",
            "vernisaje", "rezidențe"},
    .title = {"{S} {a} pentru {o}", "{S} și {t} în {c}", "{S} pentru {u} și {o}",
              "Studio {a}: {s} și {t}", "{S} la comandă pentru {o}",
              "Echipă de {s} pentru {o} și {o}"},
    .summary = {"Oferim {s} {a} și {t} pentru {o} din {c} și din toată regiunea.",
                "{S} pentru {u}: de la prima idee până la livrare, inclusiv {t}.",
                "O echipă {a} care lucrează din {y} în {s}, {t} și {o}.",
                "{S} și {t} pentru {o}, adaptate pentru {u} și pentru bugetul dumneavoastră."},
    .desc = {"Lucrăm de peste {n} ani în {s}, pentru {o} din regiune și din străinătate.",
             "Echipa noastră de {n} oameni combină {s} cu {t}, astfel încât clienții au un singur "
             "partener în loc de trei.",
             "Fiecare proiect începe cu un atelier cu echipa dumneavoastră, în care stabilim "
             "publicul, tonul și bugetul.",
             "Printre clienții noștri se numără {u} din {c}, mai multe festivaluri și două "
             "Capitale Europene ale Culturii.",
             "Lucrăm cu furnizori locali ori de câte ori putem și ne străduim ca producția să fie "
             "cât mai sustenabilă.",
             "Prețul include pregătirea, o zi la fața locului și un scurt raport cu fotografii.",
             "Pentru {o} putem asigura și {t} și suport tehnic în ziua evenimentului.",
             "Vorbim română, engleză și germană și suntem obișnuiți cu echipe internaționale.",
             "Cultura este în centrul activității noastre: credem că accesul la {s} trebuie să "
             "fie deschis tuturor.",
             "Cereți-ne o ofertă: răspundem în două zile lucrătoare.",
             "Accesibilitatea contează pentru noi: spațiile, textele și materialele sunt adaptate "
             "pentru {u}.",
             "Adaptăm formatul pentru festivaluri de orice dimensiune, de la o sărbătoare de "
             "cartier la un program la nivelul orașului."},
    .call_title = {"{p}: parteneri pentru {s} și {t}", "Apel: {s} și {t} pentru {e}",
                   "{S} pentru {o} – {p}"},
    .call_summary = {"Căutăm firme creative care oferă {s} și {t} pentru {e}, parte din "
                     "programul {p}.",
                     "Programul {p} caută parteneri pentru {s}: {o} în {c}, pentru vizitatori "
                     "din toată Europa."},
    .call_desc = {"{e} face parte din programul {p}, moștenirea Capitalei Europene a Culturii.",
                  "Vom selecta {n} parteneri care pot oferi {s} și {t} pentru {u}.",
                  "Partenerii primesc onorariu, suport tehnic și vizibilitate în comunicarea "
                  "festivalului.",
                  "Sunt binevenite și aplicațiile din alte regiuni CEC, în parteneriat cu un IMM "
                  "local.",
                  "În aplicație descrieți propunerea, echipa, limbile în care lucrați și un buget "
                  "estimativ.",
                  "Programul are loc în {c} și în localitățile din jur, pe parcursul mai multor "
                  "zile."},
    .event = {"{O} {c}", "Weekendul {p}"},
    .interest = {"Am mai realizat {s} pentru {o} și ne putem adapta oferta la apelul "
                 "dumneavoastră.",
                 "Echipa noastră de {n} oameni este disponibilă la datele propuse și lucrează în "
                 "română și engleză.",
                 "Propunem {s} și {t}; o ofertă detaliată poate urma într-o săptămână."},
    .sme_word = {"studio", "atelier", "agenție", "laborator", "colectiv", "editura"},
    .org_word = {"fundația", "asociația", "festivalul"},
};

static const struct vocab vocab_it = {
    .code = "it",
    .sector =
        {
            {"pubblicità", "branding", "copywriting", "social media", "pianificazione media",
             "affissioni"},
            {"architettura", "interni", "ristrutturazione", "urbanistica", "paesaggio",
             "costruzioni in legno"},
            {"video", "cinema", "fotografia", "documentari", "animazione", "riprese con drone"},
            {"artigianato", "intaglio del legno", "tessuti", "gioielli", "vetro soffiato",
             "ceramica"},
            {"laboratori", "didattica", "formazione", "percorsi scolastici", "tutoraggio",
             "narrazione"},
            {"visite guidate", "passeggiate", "itinerari", "ospitalità", "percorsi in bicicletta",
             "escursioni in barca"},
            {"design", "grafica", "tipografia", "illustrazione", "segnaletica", "arredo"},
            {"contenuti digitali", "siti web", "app", "realtà virtuale",
             "installazioni interattive", "scansione 3D"},
            {"moda", "costumi", "sartoria", "upcycling", "maglieria", "cappelli"},
            {"produzione di festival", "direzione di palco", "biglietteria", "volontari",
             "catering", "eventi all'aperto"},
            {"giochi", "game design", "escape room", "giochi da tavolo", "gamification", "esport"},
            {"patrimonio", "restauro", "archivi", "musei", "conservazione", "storia orale"},
            {"musica", "concerti", "suono", "coro", "jazz", "musica popolare"},
            {"teatro", "danza", "circo", "teatro di figura", "arte di strada", "opera"},
            {"libri", "traduzioni", "stampa", "riviste", "fumetti", "legatoria"},
            {"mostre", "pittura", "murales", "arte della luce", "scultura", "incisione"},
        },
    .adj = {"creativo", "locale", "sostenibile", "professionale", "contemporaneo", "su misura",
            "indipendente", "esperto", "innovativo", "tradizionale", "bilingue", "premiato"},
    .aud = {"famiglie", "scuole", "turisti", "giovani", "musei", "organizzatori di eventi",
            "comuni", "aziende", "comunità", "anziani"},
    .occ = {"festival", "concerti", "mostre", "convegni", "eventi cittadini", "fiere",
            "inaugurazioni", "residenze"},
    .title = {"{S} {a} per {o}", "{S} e {t} a {c}", "{S} per {u} e {o}", "Studio {a}: {s} e {t}",
              "{S} su richiesta per {o}", "Un team per {s}: {o} e {o}"},
    .summary = {"Offriamo {s} {a} e {t} per {o} a {c} e in tutta la regione.",
                "{S} per {u}: dalla prima idea alla consegna, {t} compreso.",
                "Un team {a} che dal {y} si occupa di {s}, {t} e {o}.",
                "{S} e {t} per {o}, su misura per {u} e per il vostro budget."},
    .desc = {"Da più di {n} anni ci occupiamo di {s}, per {o} in regione e all'estero.",
             "Il nostro team di {n} persone unisce {s} e {t}: un solo partner invece di tre.",
             "Ogni progetto comincia con un laboratorio con il vostro team per definire pubblico, "
             "tono e budget.",
             "Tra i nostri clienti ci sono {u} di {c}, diversi festival e due Capitali europee "
             "della cultura.",
             "Lavoriamo con fornitori locali ogni volta che possiamo e rendiamo la produzione il "
             "più possibile sostenibile.",
             "Il prezzo comprende la preparazione, una giornata sul posto e un breve resoconto "
             "con fotografie.",
             "Per {o} possiamo fornire anche {t} e assistenza tecnica durante l'evento.",
             "Parliamo italiano e inglese e siamo abituati a lavorare in gruppi internazionali.",
             "La cultura è al centro del nostro lavoro: crediamo che {s} debba essere aperto a "
             "tutti.",
             "Chiedeteci un preventivo: rispondiamo entro due giorni lavorativi.",
             "L'accessibilità per noi conta: spazi, testi e materiali sono pensati anche per "
             "{u}.",
             "Adattiamo il formato a festival di ogni dimensione, dalla festa di quartiere al "
             "programma cittadino."},
    .call_title = {"{p}: partner per {s} e {t}", "Bando: {s} e {t} per {e}", "{S} per {o} – {p}"},
    .call_summary = {"Cerchiamo imprese creative che offrano {s} e {t} per {e}, nell'ambito di "
                     "{p}.",
                     "{p} cerca partner per {s}: {o} a {c}, per visitatori da tutta Europa."},
    .call_desc = {"{e} fa parte di {p}, l'eredità della Capitale europea della cultura.",
                  "Selezioneremo {n} partner in grado di offrire {s} e {t} per {u}.",
                  "I partner ricevono un compenso, supporto tecnico e visibilità nella "
                  "comunicazione del festival.",
                  "Sono benvenute anche candidature da altre regioni ECoC, in partenariato con "
                  "un'impresa locale.",
                  "Nella candidatura descrivete la proposta, il team, le lingue di lavoro e un "
                  "budget indicativo.",
                  "Il programma si svolge a {c} e nei paesi vicini nell'arco di più giornate."},
    .event = {"{O} di {c}", "Weekend {p}"},
    .interest = {"Abbiamo già realizzato {s} per {o} e possiamo adattare la nostra offerta al "
                 "vostro bando.",
                 "Il nostro team di {n} persone è disponibile nelle vostre date e lavora in "
                 "italiano e inglese.",
                 "Proponiamo {s} e {t}; un preventivo dettagliato può seguire entro una "
                 "settimana."},
    .sme_word = {"Studio", "Bottega", "Agenzia", "Laboratorio", "Collettivo", "Edizioni"},
    .org_word = {"Fondazione", "Associazione", "Festival"},
};

static const struct vocab vocab_nl = {
    .code = "nl",
    .sector =
        {
            {"reclame", "branding", "copywriting", "sociale media", "mediaplanning", "billboards"},
            {"architectuur", "interieur", "renovatie", "stedenbouw", "landschap", "houtbouw"},
            {"video", "film", "fotografie", "documentaire", "animatie", "dronebeelden"},
            {"ambacht", "houtsnijwerk", "textiel", "sieraden", "glasblazen", "keramiek"},
            {"workshops", "educatie", "training", "schoolprogramma's", "coaching",
             "verhalen vertellen"},
            {"rondleidingen", "stadswandelingen", "routes", "gastvrijheid", "fietsroutes",
             "rondvaarten"},
            {"ontwerp", "grafisch ontwerp", "typografie", "illustratie", "bewegwijzering",
             "meubels"},
            {"digitale media", "websites", "apps", "virtual reality", "interactieve installaties",
             "3D-scans"},
            {"mode", "kostuums", "maatwerk", "upcycling", "breiwerk", "hoeden"},
            {"festivalproductie", "stagemanagement", "kaartverkoop", "vrijwilligers", "catering",
             "buitenevenementen"},
            {"games", "gameontwerp", "escaperooms", "bordspellen", "gamification", "esports"},
            {"erfgoed", "restauratie", "archieven", "musea", "conservering",
             "mondelinge geschiedenis"},
            {"muziek", "concerten", "geluid", "koor", "jazz", "volksmuziek"},
            {"theater", "dans", "circus", "poppenspel", "straattheater", "opera"},
            {"boeken", "vertalingen", "drukwerk", "tijdschriften", "strips", "boekbinden"},
            {"tentoonstellingen", "schilderkunst", "muurschilderingen", "lichtkunst",
             "beeldhouwkunst", "grafiek"},
        },
    .adj = {"creatief", "lokaal", "duurzaam", "professioneel", "hedendaags", "op maat",
            "onafhankelijk", "ervaren", "innovatief", "traditioneel", "tweetalig", "bekroond"},
    .aud = {"gezinnen", "scholen", "toeristen", "jongeren", "musea", "evenementenorganisatoren",
            "gemeenten", "bedrijven", "gemeenschappen", "ouderen"},
    .occ = {"festivals", "concerten", "tentoonstellingen", "congressen", "stadsevenementen",
            "beurzen", "openingen", "residenties"},
    .title = {"{A} {s} voor {o}", "{S} en {t} in {c}", "{S} voor {u} en {o}",
              "{A} studio: {s} en {t}", "{S} op aanvraag voor {o}", "Team voor {s}: {o} en {o}"},
    .summary = {"Wij bieden {a} {s} en {t} voor {o} in {c} en de rest van de regio.",
                "{A} {s} voor {u}: van het eerste idee tot de oplevering, inclusief {t}.",
                "Een {a} team dat sinds {y} werkt aan {s}, {t} en {o}.",
                "{S} en {t} voor {o}, afgestemd op {u} en op uw budget."},
    .desc = {"Al meer dan {n} jaar werken we aan {s}, voor {o} in de regio en daarbuiten.",
             "Ons team van {n} mensen combineert {s} met {t}, zodat u één partner hebt in plaats "
             "van drie.",
             "Elk project begint met een workshop met uw team over publiek, toon en budget.",
             "Tot onze opdrachtgevers horen {u} in {c}, verschillende festivals en twee Culturele "
             "Hoofdsteden van Europa.",
             "We werken waar het kan met lokale leveranciers en houden de productie zo duurzaam "
             "mogelijk.",
             "De prijs omvat voorbereiding, één dag op locatie en een kort verslag met foto's.",
             "Voor {o} kunnen we ook {t} en technische ondersteuning op de dag zelf verzorgen.",
             "We spreken Nederlands, Fries en Engels en zijn gewend aan internationale teams.",
             "Cultuur staat centraal in ons werk: we vinden dat {s} voor iedereen open moet "
             "staan.",
             "Vraag een offerte aan: we antwoorden binnen twee werkdagen.",
             "Toegankelijkheid vinden we belangrijk: ruimtes, teksten en materialen zijn geschikt "
             "voor {u}.",
             "We passen het format aan voor festivals van elke omvang, van een buurtfeest tot een "
             "stadsbreed programma."},
    .call_title = {"{p}: partners voor {s} en {t}", "Oproep: {s} en {t} voor {e}",
                   "{S} voor {o} – {p}"},
    .call_summary = {"We zoeken creatieve bedrijven die {s} en {t} leveren voor {e}, onderdeel "
                     "van {p}.",
                     "{p} zoekt partners voor {s}: {o} in {c}, voor bezoekers uit heel Europa."},
    .call_desc = {"{e} is onderdeel van {p}, de erfenis van de Culturele Hoofdstad van Europa.",
                  "We selecteren {n} partners die {s} en {t} kunnen leveren voor {u}.",
                  "Partners krijgen een honorarium, technische ondersteuning en zichtbaarheid in "
                  "de communicatie van het festival.",
                  "Aanvragen uit andere ECoC-regio's zijn welkom, in samenwerking met een lokaal "
                  "bedrijf.",
                  "Beschrijf in uw aanvraag het voorstel, het team, uw werktalen en een globale "
                  "begroting.",
                  "Het programma vindt plaats in {c} en de omliggende dorpen, verspreid over "
                  "meerdere dagen."},
    .event = {"{O} {c}", "{p}-weekend"},
    .interest = {"We hebben eerder {s} verzorgd voor {o} en passen ons aanbod graag aan uw "
                 "oproep aan.",
                 "Ons team van {n} mensen is beschikbaar op uw data en werkt in het Nederlands "
                 "en Engels.",
                 "We stellen {s} en {t} voor; een uitgebreide offerte volgt binnen een week."},
    .sme_word = {"studio", "atelier", "bureau", "lab", "collectief", "uitgeverij"},
    .org_word = {"Stichting", "Vereniging", "Festival"},
};

static const struct vocab vocab_fy = {
    .code = "fy",
    .sector =
        {
            {"reklame", "branding", "copywriting", "sosjale media", "mediaplanning",
             "reklamebuorden"},
            {"arsjitektuer", "ynterieur", "renovaasje", "stedebou", "lânskip", "houtbou"},
            {"fideo", "film", "fotografy", "dokumintêre", "animaasje", "droneopnamen"},
            {"ambacht", "houtsnijwurk", "tekstyl", "sieraden", "glêsblazen", "keramyk"},
            {"workshops", "edukaasje", "training", "skoalprogramma's", "begelieding",
             "ferhalen fertelle"},
            {"rûnliedingen", "kuiertochten", "rûtes", "gastfrijheid", "fytsrûtes", "farrûtes"},
            {"ûntwerp", "grafysk ûntwerp", "typografy", "yllustraasje", "bewegwizering", "meubels"},
            {"digitale media", "websiden", "apps", "firtuele realiteit",
             "ynteraktive ynstallaasjes", "3D-scans"},
            {"moade", "kostúms", "maatwurk", "upcycling", "breidwurk", "hoeden"},
            {"festivalproduksje", "poadiumbehear", "kaartferkeap", "frijwilligers", "catering",
             "iepenloft"},
            {"games", "game-ûntwerp", "escaperooms", "boerdspultsjes", "gamification", "esports"},
            {"erfguod", "restauraasje", "argiven", "musea", "konservearring", "mûnlinge skiednis"},
            {"muzyk", "konserten", "lûd", "koar", "jazz", "folksmuzyk"},
            {"teater", "dûns", "sirkus", "poppespul", "strjitteater", "opera"},
            {"boeken", "oersettingen", "printwurk", "tydskriften", "strips", "boekbinen"},
            {"tentoanstellingen", "skilderkeunst", "muorreskilderingen", "ljochtkeunst",
             "byldhoukeunst", "grafyk"},
        },
    .adj = {"kreatyf", "lokaal", "duorsum", "profesjoneel", "hjoeddeisk", "op maat", "ûnôfhinklik",
            "betûft", "ynnovatyf", "tradisjoneel", "twatalich", "bekroane"},
    .aud = {"húshâldings", "skoallen", "toeristen", "jongerein", "musea", "organisatoaren",
            "gemeenten", "bedriuwen", "mienskippen", "âlderein"},
    .occ = {"festivals", "konserten", "tentoanstellingen", "kongressen", "stedsevenementen",
            "merken", "iepeningen", "residinsjes"},
    .title = {"{A} {s} foar {o}", "{S} en {t} yn {c}", "{S} foar {u} en {o}",
              "{A} studio: {s} en {t}", "{S} op oanfraach foar {o}", "Team foar {s}: {o} en {o}"},
    .summary = {"Wy biede {a} {s} en {t} foar {o} yn {c} en de rest fan 'e regio.",
                "{A} {s} foar {u}: fan it earste idee oant de oplevering, ynklusyf {t}.",
                "In {a} team dat sûnt {y} wurket oan {s}, {t} en {o}.",
                "{S} en {t} foar {o}, ôfstimd op {u} en op jo budzjet."},
    .desc = {"Al mear as {n} jier wurkje wy oan {s}, foar {o} yn 'e regio en dêrbûten.",
             "Us team fan {n} minsken kombinearret {s} mei {t}, sadat jo ien partner hawwe yn "
             "plak fan trije.",
             "Elk projekt begjint mei in workshop mei jo team oer publyk, toan en budzjet.",
             "Ta ús opdrachtjouwers hearre {u} yn {c}, ferskate festivals en twa Kulturele "
             "Haadstêden fan Europa.",
             "Wy wurkje wêr't it kin mei lokale leveransiers en hâlde de produksje sa duorsum "
             "mooglik.",
             "De priis omfettet tarieding, ien dei op lokaasje en in koart ferslach mei foto's.",
             "Foar {o} kinne wy ek {t} en technyske stipe op 'e dei sels fersoargje.",
             "Wy prate Frysk, Nederlânsk en Ingelsk en binne wend oan ynternasjonale teams.",
             "Kultuer stiet sintraal yn ús wurk: wy fine dat {s} foar elkenien iepen stean moat.",
             "Freegje in offerte oan: wy antwurdzje binnen twa wurkdagen.",
             "Tagonklikens fine wy wichtich: romten, teksten en materialen binne geskikt foar "
             "{u}.",
             "Wy passe it formaat oan foar festivals fan elke grutte, fan in buertfeest oant in "
             "stedsbreed programma."},
    .call_title = {"{p}: partners foar {s} en {t}", "Oprop: {s} en {t} foar {e}",
                   "{S} foar {o} – {p}"},
    .call_summary = {"Wy sykje kreative bedriuwen dy't {s} en {t} leverje foar {e}, ûnderdiel "
                     "fan {p}.",
                     "{p} siket partners foar {s}: {o} yn {c}, foar besikers út hiel Europa."},
    .call_desc = {"{e} is ûnderdiel fan {p}, it erfskip fan 'e Kulturele Haadstêd fan Europa.",
                  "Wy selektearje {n} partners dy't {s} en {t} leverje kinne foar {u}.",
                  "Partners krije in honorarium, technyske stipe en sichtberens yn 'e "
                  "kommunikaasje fan it festival.",
                  "Oanfragen út oare ECoC-regio's binne wolkom, yn gearwurking mei in lokaal "
                  "bedriuw.",
                  "Beskriuw yn jo oanfraach it foarstel, it team, jo wurktalen en in globale "
                  "begrutting.",
                  "It programma fynt plak yn {c} en de doarpen deromhinne, ferspraat oer "
                  "meardere dagen."},
    .event = {"{O} {c}", "{p}-wykein"},
    .interest = {"Wy hawwe earder {s} fersoarge foar {o} en passe ús oanbod graach oan jo "
                 "oprop oan.",
                 "Us team fan {n} minsken is beskikber op jo data en wurket yn it Frysk, "
                 "Nederlânsk en Ingelsk.",
                 "Wy stelle {s} en {t} foar; in útwreide offerte folget binnen in wike."},
    .sme_word = {"studio", "atelier", "buro", "lab", "kollektyf", "útjouwerij"},
    .org_word = {"Stifting", "Feriening", "Festival"},
};

/* --- regions ------------------------------------------------------------------------------- */

struct region_def {
    const char *slug;
    int weight;                   /* share of organisations, listings and calls */
    const struct vocab *langs[3]; /* the region's languages and English */
    int lang_w[3];
    const char *cities[8]; /* the capital first (drawn most) */
    const char *phone;     /* country calling code and area */
    const char *legal;     /* legal form of an SME */
    const char *subsectors[3];
    const char *programmes[3];
    const char *roots[12];      /* words organisation names are made of */
    const char *extra_langs[3]; /* languages spoken some listings add */
    const char *tz;
};

static const struct region_def regions[] = {
    {.slug = "kaunas",
     .weight = 22,
     .langs = {&vocab_lt, &vocab_en},
     .lang_w = {65, 35},
     .cities = {"Kaunas", "Jonava", "Kėdainiai", "Birštonas", "Prienai", "Raseiniai", "Kaišiadorys",
                "Garliava"},
     .phone = "+370 37",
     .legal = "UAB",
     .subsectors = {"kaunas-modernism", "kaunas-contemporary-capital", "kaunas-design-innovation"},
     .programmes = {"Modernizmas ateičiai", "Kaunas – šiuolaikinė sostinė", "Atminties biuras"},
     .roots = {"Audra", "Gintaras", "Vėjas", "Ąžuolas", "Saulė", "Nemunas", "Neris", "Rūta",
               "Aušra", "Baltija", "Linas", "Giedra"},
     .extra_langs = {"ru", "pl", "de"},
     .tz = "Europe/Vilnius"},
    {.slug = "rijeka",
     .weight = 17,
     .langs = {&vocab_hr, &vocab_en},
     .lang_w = {65, 35},
     .cities = {"Rijeka", "Opatija", "Kastav", "Crikvenica", "Bakar", "Krk", "Mali Lošinj",
                "Delnice"},
     .phone = "+385 51",
     .legal = "d.o.o.",
     .subsectors = {"rijeka-industrial-heritage", "rijeka-port-of-diversity",
                    "rijeka-sweet-and-salt"},
     .programmes = {"27 susjedstava", "Slatko i slano", "Doba moći"},
     .roots = {"Bura", "Kvarner", "Rječina", "Trsat", "Molo", "Lungomare", "Galeb", "Jugo", "Učka",
               "Torpedo", "Karolina", "Sušak"},
     .extra_langs = {"it", "de", "sl"},
     .tz = "Europe/Zagreb"},
    {.slug = "timisoara",
     .weight = 24,
     .langs = {&vocab_ro, &vocab_en},
     .lang_w = {65, 35},
     .cities = {"Timișoara", "Lugoj", "Arad", "Reșița", "Jimbolia", "Deta", "Buziaș",
                "Sânnicolau Mare"},
     .phone = "+40 256",
     .legal = "SRL",
     .subsectors = {"timisoara-light", "timisoara-multiculturalism", "timisoara-civic-engagement"},
     .programmes = {"Lumina și spațiu public", "Oameni și locuri", "Moștenirea Timișoara 2023"},
     .roots = {"Lumina", "Bega", "Banat", "Fabric", "Iosefin", "Cetate", "Elisabetin", "Mehala",
               "Bastion", "Rozelor", "Dacia", "Prisma"},
     .extra_langs = {"hu", "de", "sr"},
     .tz = "Europe/Bucharest"},
    {.slug = "matera",
     .weight = 15,
     .langs = {&vocab_it, &vocab_en},
     .lang_w = {65, 35},
     .cities = {"Matera", "Potenza", "Pisticci", "Bernalda", "Montescaglioso", "Policoro",
                "Ferrandina", "Irsina"},
     .phone = "+39 0835",
     .legal = "S.r.l.",
     .subsectors = {"matera-ancient-futures", "matera-roots-and-routes", "matera-gastronomy"},
     .programmes = {"Ancient Futures", "Radici e percorsi", "Open Design School"},
     .roots = {"Tufo", "Sassi", "Murgia", "Gravina", "Civita", "Lucania", "Bradano", "Basento",
               "Pietra", "Sasso", "Ionio", "Sole"},
     .extra_langs = {"fr", "es", "de"},
     .tz = "Europe/Rome"},
    {.slug = "leeuwarden",
     .weight = 22,
     .langs = {&vocab_nl, &vocab_fy, &vocab_en},
     .lang_w = {45, 20, 35},
     .cities = {"Leeuwarden", "Sneek", "Harlingen", "Dokkum", "Franeker", "Heerenveen", "Drachten",
                "Bolsward"},
     .phone = "+31 58",
     .legal = "B.V.",
     .subsectors = {"leeuwarden-frisian-language", "leeuwarden-iepen-mienskip",
                    "leeuwarden-water-and-land"},
     .programmes = {"Iepen Mienskip", "Elf Fonteinen", "Lân fan taal"},
     .roots = {"Ljocht", "Wetter", "Terp", "Mienskip", "Elfstêden", "Oldehove", "Wâld", "Wyn",
               "Kwelder", "Skûtsje", "Greidhoeke", "Sted"},
     .extra_langs = {"de", "fr", "da"},
     .tz = "Europe/Amsterdam"},
};
enum { N_REGIONS = sizeof regions / sizeof regions[0] };

static int region_pick(struct rng *r)
{
    int w[N_REGIONS];
    for (int i = 0; i < N_REGIONS; i++)
        w[i] = regions[i].weight;
    return weighted(r, w, N_REGIONS);
}

static const struct vocab *lang_pick(struct rng *r, const struct region_def *reg)
{
    int n = reg->langs[2] ? 3 : 2;
    return reg->langs[weighted(r, reg->lang_w, n)];
}

static const char *city_pick(struct rng *r, const struct region_def *reg)
{
    /* The capital holds about half of the organisations. */
    return chance(r, 50) ? reg->cities[0] : reg->cities[rnd(r, 8)];
}

/* --- text ---------------------------------------------------------------------------------- */

/* What a template's slots are filled from. */
struct slots {
    const struct vocab *v;
    const struct region_def *reg;
    const int *sectors;
    int n_sectors;
    const char *city, *programme, *event;
};

static const char *zipf_word(struct rng *r, const char *const *list, int max)
{
    int n = count_of(list, max);
    return list[weighted(r, zipf_w, n)];
}

static const char *sector_word(struct rng *r, const struct vocab *v, int sector)
{
    return v->sector[sector][weighted(r, steep_w, SECTOR_WORDS)];
}

/* Appends s (capitalising its first letter when asked) to out[*len], never past cap - 1. */
static void put(char *out, size_t cap, size_t *len, const char *s, int capital)
{
    size_t n = strlen(s);
    if (*len + n >= cap)
        n = cap - 1 - *len;
    memcpy(out + *len, s, n);
    if (capital && n > 0) {
        unsigned char *p = (unsigned char *)out + *len;
        if (p[0] >= 'a' && p[0] <= 'z')
            p[0] = (unsigned char)(p[0] - 32);
        else if (n > 1 && p[0] == 0xC3 && p[1] >= 0xA0 && p[1] <= 0xBE && p[1] != 0xB7)
            p[1] = (unsigned char)(p[1] - 0x20); /* Latin-1: é → É */
        else if (n > 1 && (p[0] == 0xC4 || p[0] == 0xC5 || p[0] == 0xC8) && (p[1] & 1))
            p[1] = (unsigned char)(p[1] - 1); /* Latin Extended-A/B pairs: š → Š, ș → Ș */
    }
    *len += n;
    out[*len] = '\0';
}

/* Expands a template into out (cap bytes); returns out. */
static char *expand(struct rng *r, const struct slots *x, const char *tpl, char *out, size_t cap)
{
    size_t len = 0;
    char num[16];
    const char *last = NULL; /* the last sector word, not repeated right after */
    out[0] = '\0';
    for (const char *p = tpl; *p && len + 1 < cap; p++) {
        if (p[0] != '{' || p[1] == '\0' || p[2] != '}') {
            out[len++] = *p;
            out[len] = '\0';
            continue;
        }
        char c = p[1];
        int capital = c >= 'A' && c <= 'Z';
        const char *w = "";
        switch (capital ? c + 32 : c) {
        case 's':
        case 't':
            for (int tries = 0; tries < 4 && (tries == 0 || w == last); tries++)
                w = sector_word(r, x->v,
                                x->sectors[c == 's' || c == 'S' ? 0 : rnd(r, x->n_sectors)]);
            last = w;
            break;
        case 'a':
            w = zipf_word(r, x->v->adj, 12);
            break;
        case 'u':
            w = zipf_word(r, x->v->aud, 10);
            break;
        case 'o':
            w = zipf_word(r, x->v->occ, 8);
            break;
        case 'c':
            w = x->city;
            break;
        case 'n':
            snprintf(num, sizeof num, "%d", 3 + rnd(r, 20));
            w = num;
            break;
        case 'y':
            snprintf(num, sizeof num, "%d", 1995 + rnd(r, 27));
            w = num;
            break;
        case 'p':
            w = x->programme ? x->programme : "";
            break;
        case 'e':
            w = x->event ? x->event : "";
            break;
        default:
            break;
        }
        put(out, cap, &len, w, capital);
        p += 2;
    }
    return out;
}

/* Up to `k` distinct sentences of `list` (of n), joined by spaces, at most cap - 1 bytes. */
static char *sentences(struct rng *r, const struct slots *x, const char *const *list, int n, int k,
                       char *out, size_t cap)
{
    int order[16];
    for (int i = 0; i < n; i++)
        order[i] = i;
    for (int i = 0; i < k && i < n; i++) { /* partial Fisher-Yates */
        int j = i + rnd(r, n - i);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    size_t len = 0;
    out[0] = '\0';
    char one[1024];
    for (int i = 0; i < k && i < n; i++) {
        expand(r, x, list[order[i]], one, sizeof one);
        if (len + strlen(one) + 2 >= cap)
            break;
        if (len > 0)
            put(out, cap, &len, " ", 0);
        put(out, cap, &len, one, 0);
    }
    return out;
}

/* Cuts s at the last space at or before max bytes (for the length limits). */
static void clip(char *s, size_t max)
{
    if (strlen(s) <= max)
        return;
    size_t i = max;
    while (i > 0 && s[i] != ' ')
        i--;
    s[i > 0 ? i : max] = '\0';
}

/* --- COPY ---------------------------------------------------------------------------------- */

struct copy {
    PGconn *conn;
    char *buf;
    size_t len, cap;
    int fields; /* in the current row */
    int failed;
};

static void copy_reserve(struct copy *c, size_t more)
{
    if (c->len + more <= c->cap)
        return;
    size_t cap = c->cap ? c->cap : 1 << 20;
    while (cap < c->len + more)
        cap *= 2;
    char *b = realloc(c->buf, cap);
    if (b == NULL) {
        fprintf(stderr, "demo_bulk: out of memory\n");
        abort();
    }
    c->buf = b;
    c->cap = cap;
}

static void copy_flush(struct copy *c)
{
    if (c->len > 0 && !c->failed && PQputCopyData(c->conn, c->buf, (int)c->len) != 1)
        c->failed = 1;
    c->len = 0;
}

static void copy_sep(struct copy *c)
{
    copy_reserve(c, 1);
    if (c->fields++ > 0)
        c->buf[c->len++] = '\t';
}

/* Text escaped for COPY's text format. */
static void copy_raw_escaped(struct copy *c, const char *s)
{
    copy_reserve(c, 2 * strlen(s) + 1);
    for (; *s; s++) {
        switch (*s) {
        case '\\':
            c->buf[c->len++] = '\\';
            c->buf[c->len++] = '\\';
            break;
        case '\t':
            c->buf[c->len++] = '\\';
            c->buf[c->len++] = 't';
            break;
        case '\n':
            c->buf[c->len++] = '\\';
            c->buf[c->len++] = 'n';
            break;
        case '\r':
            c->buf[c->len++] = '\\';
            c->buf[c->len++] = 'r';
            break;
        default:
            c->buf[c->len++] = *s;
        }
    }
}

static void copy_text(struct copy *c, const char *s)
{
    copy_sep(c);
    if (s == NULL) {
        copy_reserve(c, 2);
        c->buf[c->len++] = '\\';
        c->buf[c->len++] = 'N';
        return;
    }
    copy_raw_escaped(c, s);
}

static void copy_int(struct copy *c, long long v)
{
    char n[24];
    snprintf(n, sizeof n, "%lld", v);
    copy_text(c, n);
}

/* A text[] as an array literal with every element quoted. */
static void copy_array(struct copy *c, const char *const *items, int n)
{
    char lit[2048];
    size_t len = 0;
    lit[len++] = '{';
    for (int i = 0; i < n; i++) {
        if (i > 0 && len < sizeof lit - 1)
            lit[len++] = ',';
        if (len < sizeof lit - 1)
            lit[len++] = '"';
        for (const char *p = items[i]; *p && len < sizeof lit - 4; p++) {
            if (*p == '"' || *p == '\\')
                lit[len++] = '\\';
            lit[len++] = *p;
        }
        if (len < sizeof lit - 2)
            lit[len++] = '"';
    }
    lit[len++] = '}';
    lit[len] = '\0';
    copy_text(c, lit);
}

static void copy_row_end(struct copy *c)
{
    copy_reserve(c, 1);
    c->buf[c->len++] = '\n';
    c->fields = 0;
    if (c->len > (1 << 20))
        copy_flush(c);
}

static int copy_begin(struct copy *c, const char *sql, char *err, size_t errlen)
{
    PGresult *res = PQexec(c->conn, sql);
    int ok = PQresultStatus(res) == PGRES_COPY_IN;
    if (!ok)
        snprintf(err, errlen, "%s: %s", sql, PQerrorMessage(c->conn));
    PQclear(res);
    c->len = 0;
    c->fields = 0;
    c->failed = 0;
    return ok ? 0 : -1;
}

static int copy_end(struct copy *c, const char *what, char *err, size_t errlen)
{
    copy_flush(c);
    int ok = !c->failed && PQputCopyEnd(c->conn, NULL) == 1;
    PGresult *res;
    while ((res = PQgetResult(c->conn)) != NULL) {
        if (PQresultStatus(res) != PGRES_COMMAND_OK)
            ok = 0;
        PQclear(res);
    }
    if (!ok)
        snprintf(err, errlen, "loading %s: %s", what, PQerrorMessage(c->conn));
    return ok ? 0 : -1;
}

/* Runs one statement of the load (no parameters); -1 with err on failure. */
static int run(PGconn *conn, const char *what, const char *sql, char *err, size_t errlen)
{
    PGresult *res = PQexec(conn, sql);
    ExecStatusType st = PQresultStatus(res);
    int ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    if (!ok)
        snprintf(err, errlen, "%s: %s", what, PQerrorMessage(conn));
    PQclear(res);
    return ok ? 0 : -1;
}

/* The first of n consecutive ids taken from table's id sequence, or -1. */
static long long reserve_ids(PGconn *conn, const char *table, long n, char *err, size_t errlen)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT setval(s, nextval(s) + %ld - 1) - %ld + 1 "
             "FROM pg_get_serial_sequence('%s', 'id') s",
             n, n, table);
    PGresult *res = PQexec(conn, sql);
    long long base = -1;
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
        base = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    else
        snprintf(err, errlen, "reserving %s ids: %s", table, PQerrorMessage(conn));
    PQclear(res);
    return base;
}

/* --- organisations ------------------------------------------------------------------------- */

struct org {
    long long id;
    int region, sme;
    const struct vocab *v;
    char slug[40];
};

/* The business IDs already used ("region:id"): those in the database and those generated, in
 * an open-addressing hash set. */
struct taken {
    char **slot;
    size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* Adds key; returns 1 when it was new, 0 when it was there already. */
static int taken_add(struct taken *t, const char *key)
{
    if (2 * (t->n + 1) > t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 1024;
        char **slot = calloc(cap, sizeof *slot);
        if (slot == NULL)
            abort();
        for (size_t i = 0; i < t->cap; i++) {
            if (t->slot[i] == NULL)
                continue;
            size_t j = hash_str(t->slot[i]) & (cap - 1);
            while (slot[j] != NULL)
                j = (j + 1) & (cap - 1);
            slot[j] = t->slot[i];
        }
        free(t->slot);
        t->slot = slot;
        t->cap = cap;
    }
    size_t j = hash_str(key) & (t->cap - 1);
    for (; t->slot[j] != NULL; j = (j + 1) & (t->cap - 1))
        if (strcmp(t->slot[j], key) == 0)
            return 0;
    t->slot[j] = strdup(key);
    t->n++;
    return 1;
}

static int taken_load(PGconn *conn, struct taken *t, char *err, size_t errlen)
{
    PGresult *res = PQexec(conn, "SELECT region || ':' || business_id FROM organisations");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        snprintf(err, errlen, "reading business ids: %s", PQerrorMessage(conn));
        PQclear(res);
        return -1;
    }
    for (int i = 0; i < PQntuples(res); i++)
        taken_add(t, PQgetvalue(res, i, 0));
    PQclear(res);
    return 0;
}

static void taken_free(struct taken *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->slot[i]);
    free(t->slot);
}

/* A business ID of region `ri` the region's plugin accepts, derived from serial number k (a
 * different k gives a different ID): the body digits come from k, the check digit is found by
 * asking the plugin.  Returns 0 with the canonical form in out. */
static int bizid_make(int ri, unsigned long k, struct taken *t, char *out, size_t cap)
{
    const struct plugin *p = plugin_find(regions[ri].slug);
    int (*check)(const char *, char *, size_t, const char **) =
        p ? p->desc->validate_business_id : NULL;
    for (unsigned long attempt = 0; attempt < 1000; attempt++) {
        unsigned long x = (k + attempt * 7919UL) * 48271UL % 999983UL; /* scattered, distinct */
        char body[32];
        switch (ri) {
        case 0: /* kaunas: company code, 9 digits */
            snprintf(body, sizeof body, "30%06lu", x % 1000000);
            break;
        case 1: /* rijeka: OIB, 11 digits */
            snprintf(body, sizeof body, "%u%03lu%06lu", 1 + (unsigned)(k % 9), (k / 9) % 1000,
                     x % 1000000);
            break;
        case 2: /* timisoara: CUI, 8 digits */
            snprintf(body, sizeof body, "3%06lu", x % 1000000);
            break;
        case 3: /* matera: partita IVA, serial + office 077 */
            snprintf(body, sizeof body, "%07lu077", 1 + (x % 9999998));
            break;
        default: /* leeuwarden: KvK, 8 digits */
            snprintf(body, sizeof body, "7%06lu", x % 1000000);
            break;
        }
        for (int d = 0; d < 10; d++) {
            char cand[40];
            snprintf(cand, sizeof cand, "%s%d", body, d);
            const char *why = NULL;
            if (check == NULL) {
                snprintf(out, cap, "%s", cand);
            } else if (check(cand, out, cap, &why) != 0) {
                continue;
            }
            char key[96];
            snprintf(key, sizeof key, "%s:%s", regions[ri].slug, out);
            if (taken_add(t, key))
                return 0;
            break; /* taken: next body */
        }
    }
    return -1;
}

/* --- the load ------------------------------------------------------------------------------ */

struct bulk {
    struct rng rng;
    PGconn *conn;
    struct copy copy;
    struct org *smes, *orgs; /* SMEs and organisers */
    long n_smes, n_orgs;
    long *region_smes[N_REGIONS], n_region_smes[N_REGIONS];
    long *region_orgs[N_REGIONS], n_region_orgs[N_REGIONS];
    long long listing_base, version_base, call_base;
    long n_listings, n_calls;
    unsigned char *listing_region; /* per listing */
    long *region_listings[N_REGIONS], n_region_listings[N_REGIONS];
    unsigned char *call_region;
    int *call_cross;
};

static int load_orgs(struct bulk *b, char *err, size_t errlen)
{
    struct taken t = {0};
    if (taken_load(b->conn, &t, err, errlen) != 0)
        return -1;
    long total = b->n_smes + b->n_orgs;
    long long base = reserve_ids(b->conn, "organisations", total, err, errlen);
    if (base < 0 || copy_begin(&b->copy,
                               "COPY organisations (id, kind, name, region, business_id, city, "
                               "website, about) FROM STDIN",
                               err, errlen) != 0) {
        taken_free(&t);
        return -1;
    }
    for (long i = 0; i < total; i++) {
        int sme = i < b->n_smes;
        long k = sme ? i : i - b->n_smes;
        struct org *o = sme ? &b->smes[k] : &b->orgs[k];
        /* The first of each kind in every region, then regions in proportion. */
        int ri = k < N_REGIONS ? (int)k : region_pick(&b->rng);
        const struct region_def *reg = &regions[ri];
        o->id = base + i;
        o->region = ri;
        o->sme = sme;
        o->v = reg->langs[0];
        if (ri == 4 && chance(&b->rng, 30))
            o->v = reg->langs[1]; /* Frisian */
        snprintf(o->slug, sizeof o->slug, "%s-%s-%05ld", sme ? "sme" : "org", reg->slug, k + 1);
        if (sme) {
            long *n = &b->n_region_smes[ri];
            b->region_smes[ri][(*n)++] = k;
        } else {
            long *n = &b->n_region_orgs[ri];
            b->region_orgs[ri][(*n)++] = k;
        }
        const char *root = reg->roots[rnd(&b->rng, 12)];
        const char *word = sme ? o->v->sme_word[rnd(&b->rng, 6)] : o->v->org_word[rnd(&b->rng, 3)];
        char name[160], bizid[48], website[96], about[1024];
        int sector = weighted(&b->rng, sector_w, N_SECTORS);
        const char *city = city_pick(&b->rng, reg);
        if (sme)
            snprintf(name, sizeof name, "%s %s %s", root, word, reg->legal);
        else
            snprintf(name, sizeof name, "%s %s %s", word, root, city);
        struct slots x = {.v = o->v, .reg = reg, .sectors = &sector, .n_sectors = 1, .city = city};
        expand(&b->rng, &x, o->v->summary[rnd(&b->rng, 4)], about, sizeof about);
        snprintf(website, sizeof website, "https://%s.example", o->slug);
        if (bizid_make(ri, (unsigned long)k + 1, &t, bizid, sizeof bizid) != 0) {
            snprintf(err, errlen, "no free business ID for %s", o->slug);
            taken_free(&t);
            return -1;
        }
        copy_int(&b->copy, o->id);
        copy_text(&b->copy, sme ? "sme" : "organiser");
        copy_text(&b->copy, name);
        copy_text(&b->copy, reg->slug);
        copy_text(&b->copy, bizid);
        copy_text(&b->copy, city);
        copy_text(&b->copy, website);
        copy_text(&b->copy, about);
        copy_row_end(&b->copy);
    }
    taken_free(&t);
    return copy_end(&b->copy, "organisations", err, errlen);
}

static const char *const kinds[] = {"service", "product", "venue", "skill", "partnership"};
static const int kind_w[] = {45, 20, 10, 15, 10};

/* 1-3 distinct sectors into s; returns how many. */
static int pick_sectors(struct rng *r, int *s, int max)
{
    static const int n_w[] = {40, 40, 20, 10};
    int n = 1 + weighted(r, n_w, max < 4 ? max : 4);
    for (int i = 0; i < n; i++) {
        int x, dup;
        do {
            x = weighted(r, sector_w, N_SECTORS);
            dup = 0;
            for (int j = 0; j < i; j++)
                dup |= s[j] == x;
        } while (dup);
        s[i] = x;
    }
    return n;
}

static int has_sector(const int *s, int n, const char *slug)
{
    for (int i = 0; i < n; i++)
        if (strcmp(taxonomy_sector_at(s[i]), slug) == 0)
            return 1;
    return 0;
}

/* The languages a listing or call says it works in: its own, the region's, English, others. */
static int pick_languages(struct rng *r, const struct region_def *reg, const struct vocab *v,
                          int english, const char **out)
{
    int n = 0;
    out[n++] = v->code;
    for (int i = 0; i < 2 && reg->langs[i] != NULL; i++) {
        const char *code = reg->langs[i]->code;
        int have = 0;
        for (int j = 0; j < n; j++)
            have |= strcmp(out[j], code) == 0;
        if (!have && strcmp(code, "en") != 0 && (i == 0 || chance(r, 50)))
            out[n++] = code;
    }
    if (strcmp(v->code, "en") != 0 && (english || chance(r, 85)))
        out[n++] = "en";
    for (int i = 0; i < 3; i++)
        if (chance(r, 12 - 3 * i))
            out[n++] = reg->extra_langs[i];
    return n;
}

static int load_listings(struct bulk *b, char *err, size_t errlen)
{
    if (run(b->conn, "staging table",
            "CREATE TEMP TABLE bulk_listing (lid bigint, vid bigint, org_id bigint, region text, "
            "hours int, kind text, lang text, title text, summary text, description text, "
            "sectors text[], subsectors text[], tags text[], languages text[], capacity int, "
            "price_minor bigint, price_basis text, from_days int, until_days int, "
            "contact_email text, contact_phone text) ON COMMIT DROP",
            err, errlen) != 0 ||
        copy_begin(&b->copy, "COPY bulk_listing FROM STDIN", err, errlen) != 0)
        return -1;
    long n = b->n_listings;
    for (long i = 0; i < n; i++) {
        struct rng *r = &b->rng;
        int ri = region_pick(r);
        const struct region_def *reg = &regions[ri];
        long sme = b->region_smes[ri][rnd(r, (int)b->n_region_smes[ri])];
        const struct org *o = &b->smes[sme];
        b->listing_region[i] = (unsigned char)ri;
        b->region_listings[ri][b->n_region_listings[ri]++] = i;
        const struct vocab *v = lang_pick(r, reg);
        const char *kind = kinds[weighted(r, kind_w, 5)];
        int sectors[4];
        int n_sectors = pick_sectors(r, sectors, 3);
        const char *sub[1];
        int n_sub = 0;
        if (chance(r, 25)) {
            int k = rnd(r, 3);
            if (ri == 0 && k == 0 && !has_sector(sectors, n_sectors, "architecture") &&
                !has_sector(sectors, n_sectors, "heritage") &&
                !has_sector(sectors, n_sectors, "design"))
                k = 1; /* Kaunas: modernism goes with architecture, heritage or design */
            sub[n_sub++] = reg->subsectors[k];
        }
        struct slots x = {.v = v,
                          .reg = reg,
                          .sectors = sectors,
                          .n_sectors = n_sectors,
                          .city = city_pick(r, reg)};
        char title[512], summary[1024], description[4096];
        expand(r, &x, v->title[rnd(r, 6)], title, sizeof title);
        clip(title, 120);
        expand(r, &x, v->summary[rnd(r, 4)], summary, sizeof summary);
        if (chance(r, 40)) {
            size_t len = strlen(summary);
            char more[1024];
            expand(r, &x, v->summary[rnd(r, 4)], more, sizeof more);
            if (len + 1 + strlen(more) <= 300)
                snprintf(summary + len, sizeof summary - len, " %s", more);
        }
        clip(summary, 300);
        sentences(r, &x, v->desc, 12, 4 + rnd(r, 5), description, sizeof description);
        const char *tags[8];
        int n_tags = 0, want = 2 + rnd(r, 4);
        for (int tries = 0; n_tags < want && tries < 12; tries++) {
            const char *w = tries == 0 && chance(r, 30)
                                ? zipf_word(r, v->occ, 8)
                                : sector_word(r, v, sectors[rnd(r, n_sectors)]);
            int dup = 0;
            for (int j = 0; j < n_tags; j++)
                dup |= strcmp(tags[j], w) == 0;
            if (!dup)
                tags[n_tags++] = w;
        }
        const char *langs[12];
        int n_langs = pick_languages(r, reg, v, 0, langs);
        const char *sector_names[4];
        for (int j = 0; j < n_sectors; j++)
            sector_names[j] = taxonomy_sector_at(sectors[j]);
        long long capacity = -1, price = -1;
        const char *basis = NULL;
        switch (kind[0]) {
        case 'v':
            capacity = 20 + rnd(r, 60) * 25;
            price = 30000 + (long long)rnd(r, 95) * 5000;
            basis = "day";
            break;
        case 'p':
            if (kind[1] == 'r') { /* product */
                price = 1000 + (long long)rnd(r, 200) * 500;
                basis = "item";
            } else if (chance(r, 20)) { /* partnership */
                price = 50000 + (long long)rnd(r, 100) * 10000;
                basis = "fixed";
            }
            break;
        default: /* service, skill */
            if (chance(r, 80)) {
                int hourly = chance(r, 50);
                price = hourly ? 2500 + (long long)rnd(r, 40) * 250
                               : 20000 + (long long)rnd(r, 130) * 1000;
                basis = hourly ? "hour" : (chance(r, 70) ? "day" : "fixed");
            }
            if (kind[1] == 'e' && chance(r, 20))
                capacity = 10 + rnd(r, 200);
        }
        int from = chance(r, 30) ? -1 : rnd(r, 30);
        int until = chance(r, 20) ? -1 : (from < 0 ? 0 : from) + 90 + rnd(r, 450);
        /* Newer ids were published more recently: spread over the past year. */
        long hours = 2 + (n - i) * (24L * 365) / n + rnd(r, 12);
        char email[96], phone[40];
        snprintf(email, sizeof email, "info@%s.example", o->slug);
        snprintf(phone, sizeof phone, "%s %03d %03d", reg->phone, rnd(r, 1000), rnd(r, 1000));

        struct copy *c = &b->copy;
        copy_int(c, b->listing_base + i);
        copy_int(c, b->version_base + i);
        copy_int(c, o->id);
        copy_text(c, reg->slug);
        copy_int(c, hours);
        copy_text(c, kind);
        copy_text(c, v->code);
        copy_text(c, title);
        copy_text(c, summary);
        copy_text(c, description);
        copy_array(c, sector_names, n_sectors);
        copy_array(c, sub, n_sub);
        copy_array(c, tags, n_tags);
        copy_array(c, langs, n_langs);
        if (capacity < 0)
            copy_text(c, NULL);
        else
            copy_int(c, capacity);
        if (price < 0)
            copy_text(c, NULL);
        else
            copy_int(c, price);
        copy_text(c, price < 0 ? NULL : basis);
        if (from < 0)
            copy_text(c, NULL);
        else
            copy_int(c, from);
        if (until < 0)
            copy_text(c, NULL);
        else
            copy_int(c, until);
        copy_text(c, email);
        copy_text(c, phone);
        copy_row_end(c);
    }
    if (copy_end(&b->copy, "listings", err, errlen) != 0)
        return -1;
    /* listings and their versions point at each other: the listing first, then its version,
     * then the pointers.  listing_index as listing_index_refresh() fills it, publication order
     * following the ids. */
    return run(b->conn, "listings",
               "INSERT INTO listings (id, org_id, region, status, submitted_at, created_at, "
               "updated_at) SELECT lid, org_id, region, 'approved', "
               "now() - make_interval(hours => hours), now() - make_interval(hours => hours), "
               "now() - make_interval(hours => hours - 1) FROM bulk_listing ORDER BY lid",
               err, errlen) ||
                   run(b->conn, "listing versions",
                       "INSERT INTO listing_versions (id, listing_id, kind, lang, title, summary, "
                       "description, sectors, subsectors, tags, languages, capacity, price_minor, "
                       "price_basis, available_from, available_until, contact_email, "
                       "contact_phone, "
                       "submitted_at) SELECT vid, lid, kind, lang, title, summary, description, "
                       "sectors, "
                       "subsectors, tags, languages, capacity, price_minor, price_basis, "
                       "current_date + from_days, current_date + until_days, contact_email, "
                       "contact_phone, now() - make_interval(hours => hours) FROM bulk_listing "
                       "ORDER BY lid",
                       err, errlen) ||
                   run(b->conn, "listing pointers",
                       "UPDATE listings l SET live_version = b.vid, latest_version = b.vid "
                       "FROM bulk_listing b WHERE l.id = b.lid",
                       err, errlen) ||
                   run(b->conn, "listing index",
                       "INSERT INTO listing_index (listing_id, version_id, seq, region, org_id, "
                       "kind, "
                       "lang, sectors, tags, languages, price_minor, capacity, available_from, "
                       "available_until, published_at, document) "
                       "SELECT s.lid, s.vid, nextval('listing_publication_seq'), s.region, "
                       "s.org_id, "
                       "s.kind, s.lang, s.sectors, s.tags, s.languages, s.price_minor, s.capacity, "
                       "s.available_from, s.available_until, s.published_at, s.document FROM ("
                       "SELECT b.lid, b.vid, b.region, b.org_id, b.kind, b.lang, "
                       "b.sectors || b.subsectors AS sectors, b.tags, b.languages, b.price_minor, "
                       "b.capacity, current_date + b.from_days AS available_from, "
                       "current_date + b.until_days AS available_until, "
                       "now() - make_interval(hours => b.hours - 1) AS published_at, "
                       "listing_document(b.lang, b.title, b.summary, b.description, b.tags, "
                       "o.name || ' ' || o.city) AS document "
                       "FROM bulk_listing b JOIN organisations o ON o.id = b.org_id ORDER BY "
                       "b.lid) s",
                       err, errlen)
               ? -1
               : 0;
}

static int load_calls(struct bulk *b, char *err, size_t errlen)
{
    if (run(b->conn, "staging table",
            "CREATE TEMP TABLE bulk_call (id bigint, org_id bigint, region text, lang text, "
            "title text, summary text, description text, programme text, event_title text, "
            "start_days int, end_days int, venue text, sectors text[], subsectors text[], "
            "tags text[], languages text[], partners int, budget_min bigint, budget_max bigint, "
            "deadline_days int, tz text, cross_region boolean, hours int) ON COMMIT DROP",
            err, errlen) != 0 ||
        copy_begin(&b->copy, "COPY bulk_call FROM STDIN", err, errlen) != 0)
        return -1;
    for (long i = 0; i < b->n_calls; i++) {
        struct rng *r = &b->rng;
        /* The first calls go to the first organiser of each region (the benchmark's). */
        int ri = i < 3 * N_REGIONS ? (int)(i % N_REGIONS) : region_pick(r);
        const struct region_def *reg = &regions[ri];
        long org = i < 3 * N_REGIONS ? b->region_orgs[ri][0]
                                     : b->region_orgs[ri][rnd(r, (int)b->n_region_orgs[ri])];
        const struct org *o = &b->orgs[org];
        const struct vocab *v = chance(r, 70) ? o->v : &vocab_en;
        int cross = chance(r, 25);
        b->call_region[i] = (unsigned char)ri;
        b->call_cross[i] = cross;
        int sectors[4];
        int n_sectors = pick_sectors(r, sectors, 4);
        const char *sub[2];
        int n_sub = 0;
        if (chance(r, 30)) {
            int k = rnd(r, 3);
            if (ri == 0 && k == 0 && !has_sector(sectors, n_sectors, "architecture") &&
                !has_sector(sectors, n_sectors, "heritage") &&
                !has_sector(sectors, n_sectors, "design"))
                k = 2;
            sub[n_sub++] = reg->subsectors[k];
        }
        const char *programme = reg->programmes[rnd(r, 3)];
        struct slots x = {.v = v,
                          .reg = reg,
                          .sectors = sectors,
                          .n_sectors = n_sectors,
                          .city = city_pick(r, reg),
                          .programme = programme};
        char event[256], title[512], summary[1024], description[4096];
        expand(r, &x, v->event[rnd(r, 2)], event, sizeof event);
        clip(event, 200);
        x.event = event;
        expand(r, &x, v->call_title[rnd(r, 3)], title, sizeof title);
        clip(title, 120);
        expand(r, &x, v->call_summary[rnd(r, 2)], summary, sizeof summary);
        clip(summary, 300);
        sentences(r, &x, v->call_desc, 6, 3 + rnd(r, 4), description, sizeof description);
        const char *tags[6];
        int n_tags = 0;
        for (int tries = 0; n_tags < 3 && tries < 8; tries++) {
            const char *w = sector_word(r, v, sectors[rnd(r, n_sectors)]);
            int dup = 0;
            for (int j = 0; j < n_tags; j++)
                dup |= strcmp(tags[j], w) == 0;
            if (!dup)
                tags[n_tags++] = w;
        }
        const char *langs[12];
        int n_langs = pick_languages(r, reg, v, cross, langs);
        const char *sector_names[4];
        for (int j = 0; j < n_sectors; j++)
            sector_names[j] = taxonomy_sector_at(sectors[j]);
        long long budget_min = 50000 + (long long)rnd(r, 96) * 10000;
        long long budget_max = budget_min * (15 + rnd(r, 26)) / 10;
        int deadline = 7 + rnd(r, 114);
        int start = deadline + 7 + rnd(r, 54);
        int hours = 2 + rnd(r, 24 * 60);

        struct copy *c = &b->copy;
        copy_int(c, b->call_base + i);
        copy_int(c, o->id);
        copy_text(c, reg->slug);
        copy_text(c, v->code);
        copy_text(c, title);
        copy_text(c, summary);
        copy_text(c, description);
        copy_text(c, programme);
        copy_text(c, event);
        copy_int(c, start);
        copy_int(c, start + rnd(r, 15));
        copy_text(c, x.city);
        copy_array(c, sector_names, n_sectors);
        copy_array(c, sub, n_sub);
        copy_array(c, tags, n_tags);
        copy_array(c, langs, n_langs);
        copy_int(c, 1 + rnd(r, 6));
        copy_int(c, budget_min);
        copy_int(c, budget_max);
        copy_int(c, deadline);
        copy_text(c, reg->tz);
        copy_text(c, cross ? "t" : "f");
        copy_int(c, hours);
        copy_row_end(c);
    }
    if (copy_end(&b->copy, "calls", err, errlen) != 0)
        return -1;
    return run(b->conn, "calls",
               "INSERT INTO calls (id, org_id, region, status, lang, title, summary, "
               "description, programme, event_title, event_start, event_end, venue, sectors, "
               "subsectors, tags, languages, partners_sought, budget_min_minor, "
               "budget_max_minor, deadline, cross_region, document, submitted_at, opened_at) "
               "SELECT id, org_id, region, 'open', lang, title, summary, description, "
               "programme, event_title, current_date + start_days, current_date + end_days, "
               "venue, sectors, subsectors, tags, languages, partners, budget_min, budget_max, "
               "((current_date + deadline_days) + time '17:00') AT TIME ZONE tz, cross_region, "
               "listing_document(lang, title, summary, description || ' ' || event_title || "
               "' ' || programme, tags, venue), now() - make_interval(hours => hours + 1), "
               "now() - make_interval(hours => hours) FROM bulk_call ORDER BY id",
               err, errlen);
}

static int load_interests(struct bulk *b, long *count, char *err, size_t errlen)
{
    static const char *const states[] = {"submitted", "shortlisted", "accepted", "declined"};
    static const int state_w[] = {60, 20, 10, 10};
    if (run(b->conn, "staging table",
            "CREATE TEMP TABLE bulk_interest (call_id bigint, listing_id bigint, status text, "
            "message text, hours int) ON COMMIT DROP",
            err, errlen) != 0 ||
        copy_begin(&b->copy, "COPY bulk_interest FROM STDIN", err, errlen) != 0)
        return -1;
    *count = 0;
    for (long i = 0; i < b->n_calls; i++) {
        struct rng *r = &b->rng;
        if (i >= 3 * N_REGIONS && !chance(r, 40))
            continue;
        int ri = b->call_region[i];
        long picked[5];
        int want = 1 + rnd(r, 4), got = 0;
        for (int tries = 0; got < want && tries < 20; tries++) {
            int from = b->call_cross[i] && chance(r, 20) ? rnd(r, N_REGIONS) : ri;
            if (b->n_region_listings[from] == 0)
                continue;
            long l = b->region_listings[from][rnd(r, (int)b->n_region_listings[from])];
            int dup = 0;
            for (int j = 0; j < got; j++)
                dup |= picked[j] == l;
            if (dup)
                continue;
            picked[got++] = l;
            const struct vocab *v = regions[b->listing_region[l]].langs[0];
            int sectors[1] = {weighted(r, sector_w, N_SECTORS)};
            struct slots x = {.v = v, .reg = &regions[ri], .sectors = sectors, .n_sectors = 1};
            char message[1024];
            expand(r, &x, v->interest[rnd(r, 3)], message, sizeof message);
            struct copy *c = &b->copy;
            copy_int(c, b->call_base + i);
            copy_int(c, b->listing_base + l);
            copy_text(c, states[weighted(r, state_w, 4)]);
            copy_text(c, message);
            copy_int(c, rnd(r, 24));
            copy_row_end(c);
            ++*count;
        }
    }
    if (copy_end(&b->copy, "interests", err, errlen) != 0)
        return -1;
    return run(b->conn, "interests",
               "INSERT INTO interests (call_id, listing_id, org_id, call_org_id, region, status, "
               "message, created_at, updated_at) SELECT b.call_id, b.listing_id, l.org_id, "
               "c.org_id, c.region, b.status, b.message, now() - make_interval(hours => b.hours), "
               "now() - make_interval(hours => b.hours) FROM bulk_interest b "
               "JOIN calls c ON c.id = b.call_id JOIN listings l ON l.id = b.listing_id "
               "ORDER BY b.call_id, b.listing_id",
               err, errlen);
}

DB_STMT(bulk_ping, "SELECT 1");
DB_STMT(bulk_person,
        "INSERT INTO persons (email, name, password_hash) VALUES ($1, $2, $3) "
        "ON CONFLICT ((lower(email))) DO UPDATE SET password_hash = EXCLUDED.password_hash "
        "RETURNING id");
DB_STMT(bulk_member, "INSERT INTO memberships (person_id, org_id, role) VALUES ($1, $2, 'owner') "
                     "ON CONFLICT DO NOTHING");

/* The benchmark's two accounts, owners of the first SME and the first organiser (of the first
 * region), which have listings and calls. */
static int bench_accounts(struct arena *a, const struct bulk *b, char *err, size_t errlen)
{
    const char *password = getenv("DEMO_PASSWORD");
    if (password == NULL || *password == '\0')
        password = "ecoc-demo-password";
    char hash[crypto_pwhash_STRBYTES];
    if (password_hash(password, hash, sizeof hash) != 0) {
        snprintf(err, errlen, "not enough memory to hash the bench password");
        return -1;
    }
    struct {
        const char *email, *name;
        long long org;
    } who[] = {
        {"bench-organiser@bench.example", "Bench organiser", b->orgs[0].id},
        {"bench-sme@bench.example", "Bench SME", b->smes[0].id},
    };
    for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
        const char *p[] = {who[i].email, who[i].name, hash};
        PGresult *res = db_exec(a, &bulk_person, 3, p);
        if (res == NULL || PQntuples(res) != 1) {
            snprintf(err, errlen, "%s: %s", who[i].email, db_error());
            return -1;
        }
        const char *m[] = {db_value(res, 0, "id"), arena_printf(a, "%lld", who[i].org)};
        if (db_exec(a, &bulk_member, 2, m) == NULL) {
            snprintf(err, errlen, "%s: %s", who[i].email, db_error());
            return -1;
        }
    }
    return 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void bulk_free(struct bulk *b)
{
    free(b->copy.buf);
    free(b->smes);
    free(b->orgs);
    for (int i = 0; i < N_REGIONS; i++) {
        free(b->region_smes[i]);
        free(b->region_orgs[i]);
        free(b->region_listings[i]);
    }
    free(b->listing_region);
    free(b->call_region);
    free(b->call_cross);
}

int demo_bulk(struct arena *a, long listings, long calls, unsigned long seed, char *err,
              size_t errlen)
{
    if (listings < 0 || calls < 0 || listings > 10000000 || calls > 1000000) {
        snprintf(err, errlen, "--listings must be 0 to 10000000 and --calls 0 to 1000000");
        return -1;
    }
    if (taxonomy_sector_count() != N_SECTORS) {
        snprintf(err, errlen,
                 "core/taxonomy.c has %d sectors, core/demo_bulk.c's word tables %d: "
                 "give the new sector its weight and words",
                 taxonomy_sector_count(), N_SECTORS);
        return -1;
    }
    /* Open the caller's transaction (db_request_start(NULL, true)) before using the raw
     * connection, so that COPY and the statements below are part of it. */
    if (db_exec(a, &bulk_ping, 0, NULL) == NULL || !db_in_transaction()) {
        snprintf(err, errlen, "demo_bulk needs an open transaction: %s", db_error());
        return -1;
    }
    double t0 = now_s();
    struct bulk b = {.conn = db_conn(), .n_listings = listings, .n_calls = calls};
    /* The serving statement_timeout is far shorter than a load (for this transaction only). */
    if (run(b.conn, "statement timeout", "SET LOCAL statement_timeout = 0", err, errlen) != 0)
        return -1;
    b.copy.conn = b.conn;
    rng_seed(&b.rng, seed);
    b.n_smes = listings / 30 + N_REGIONS;
    b.n_orgs = calls / 25 + N_REGIONS;
    b.smes = calloc((size_t)b.n_smes, sizeof *b.smes);
    b.orgs = calloc((size_t)b.n_orgs, sizeof *b.orgs);
    for (int i = 0; i < N_REGIONS; i++) {
        b.region_smes[i] = calloc((size_t)b.n_smes, sizeof(long));
        b.region_orgs[i] = calloc((size_t)b.n_orgs, sizeof(long));
        b.region_listings[i] = calloc((size_t)listings + 1, sizeof(long));
    }
    b.listing_region = calloc((size_t)listings + 1, 1);
    b.call_region = calloc((size_t)calls + 1, 1);
    b.call_cross = calloc((size_t)calls + 1, sizeof(int));
    long n_interests = 0;
    int rc = -1;
    if (b.smes == NULL || b.orgs == NULL || b.listing_region == NULL || b.call_region == NULL ||
        b.call_cross == NULL) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    if (load_orgs(&b, err, errlen) != 0 || bench_accounts(a, &b, err, errlen) != 0)
        goto out;
    if (listings > 0 &&
        ((b.listing_base = reserve_ids(b.conn, "listings", listings, err, errlen)) < 0 ||
         (b.version_base = reserve_ids(b.conn, "listing_versions", listings, err, errlen)) < 0 ||
         load_listings(&b, err, errlen) != 0))
        goto out;
    printf("bulk: %ld organisations and %ld listings in %.1f s\n", b.n_smes + b.n_orgs, listings,
           now_s() - t0);
    if (calls > 0 && ((b.call_base = reserve_ids(b.conn, "calls", calls, err, errlen)) < 0 ||
                      load_calls(&b, err, errlen) != 0))
        goto out;
    if (calls > 0 && listings > 0 && load_interests(&b, &n_interests, err, errlen) != 0)
        goto out;
    /* Fresh statistics for the planner: every table of the public schema (the matchmaking
     * tables filled by triggers included, whatever they are called). */
    if (run(b.conn, "analyze",
            "DO $$ DECLARE t text; BEGIN FOR t IN SELECT quote_ident(tablename) FROM pg_tables "
            "WHERE schemaname = 'public' LOOP EXECUTE 'ANALYZE ' || t; END LOOP; END $$",
            err, errlen) != 0)
        goto out;
    printf("bulk: %ld calls and %ld answers; everything in %.1f s (seed %lu)\n", calls, n_interests,
           now_s() - t0, seed);
    rc = 0;
out:
    bulk_free(&b);
    return rc;
}
