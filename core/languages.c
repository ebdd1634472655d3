/*
 * languages.c — the ISO 639-1 language codes the portal accepts for "languages spoken" and
 * "written in", each with its own name for itself (an autonym), which reads the same to every
 * visitor whatever the page's language.
 */
#include "languages.h"

#include <stddef.h>
#include <string.h>

static const struct language_name table[] = {
    {"aa", "Afaraf"}, {"ab", "Аҧсуа"}, {"af", "Afrikaans"}, {"ak", "Akan"}, {"am", "አማርኛ"},
    {"an", "Aragonés"}, {"ar", "العربية"}, {"as", "অসমীয়া"}, {"av", "Авар"}, {"ay", "Aymar aru"},
    {"az", "Azərbaycan"}, {"ba", "Башҡорт"}, {"be", "Беларуская"}, {"bg", "Български"},
    {"bi", "Bislama"}, {"bm", "Bamanankan"}, {"bn", "বাংলা"}, {"bo", "བོད་ཡིག"}, {"br", "Brezhoneg"},
    {"bs", "Bosanski"}, {"ca", "Català"}, {"ce", "Нохчийн"}, {"ch", "Chamoru"}, {"co", "Corsu"},
    {"cr", "ᓀᐦᐃᔭᐍᐏᐣ"}, {"cs", "Čeština"}, {"cu", "Словѣньскъ"}, {"cv", "Чӑваш"}, {"cy", "Cymraeg"},
    {"da", "Dansk"}, {"de", "Deutsch"}, {"dv", "ދިވެހި"}, {"dz", "རྫོང་ཁ"}, {"ee", "Eʋegbe"},
    {"el", "Ελληνικά"}, {"en", "English"}, {"eo", "Esperanto"}, {"es", "Español"},
    {"et", "Eesti"}, {"eu", "Euskara"}, {"fa", "فارسی"}, {"ff", "Fulfulde"}, {"fi", "Suomi"},
    {"fj", "Vosa Vakaviti"}, {"fo", "Føroyskt"}, {"fr", "Français"}, {"fy", "Frysk"},
    {"ga", "Gaeilge"}, {"gd", "Gàidhlig"}, {"gl", "Galego"}, {"gn", "Avañe'ẽ"},
    {"gu", "ગુજરાતી"}, {"gv", "Gaelg"}, {"ha", "Hausa"}, {"he", "עברית"}, {"hi", "हिन्दी"},
    {"ho", "Hiri Motu"}, {"hr", "Hrvatski"}, {"ht", "Kreyòl ayisyen"}, {"hu", "Magyar"},
    {"hy", "Հայերեն"}, {"hz", "Otjiherero"}, {"ia", "Interlingua"}, {"id", "Bahasa Indonesia"},
    {"ie", "Interlingue"}, {"ig", "Igbo"}, {"ii", "ꆈꌠ꒿"}, {"ik", "Iñupiaq"}, {"io", "Ido"},
    {"is", "Íslenska"}, {"it", "Italiano"}, {"iu", "ᐃᓄᒃᑎᑐᑦ"}, {"ja", "日本語"}, {"jv", "Basa Jawa"},
    {"ka", "ქართული"}, {"kg", "Kikongo"}, {"ki", "Gĩkũyũ"}, {"kj", "Kuanyama"}, {"kk", "Қазақ"},
    {"kl", "Kalaallisut"}, {"km", "ខ្មែរ"}, {"kn", "ಕನ್ನಡ"}, {"ko", "한국어"}, {"kr", "Kanuri"},
    {"ks", "कश्मीरी"}, {"ku", "Kurdî"}, {"kv", "Коми"}, {"kw", "Kernewek"}, {"ky", "Кыргызча"},
    {"la", "Latina"}, {"lb", "Lëtzebuergesch"}, {"lg", "Luganda"}, {"li", "Limburgs"},
    {"ln", "Lingála"}, {"lo", "ລາວ"}, {"lt", "Lietuvių"}, {"lu", "Tshiluba"}, {"lv", "Latviešu"},
    {"mg", "Malagasy"}, {"mh", "Kajin M̧ajeļ"}, {"mi", "Te reo Māori"}, {"mk", "Македонски"},
    {"ml", "മലയാളം"}, {"mn", "Монгол"}, {"mr", "मराठी"}, {"ms", "Bahasa Melayu"}, {"mt", "Malti"},
    {"my", "မြန်မာ"}, {"na", "Dorerin Naoero"}, {"nb", "Norsk bokmål"}, {"nd", "isiNdebele"},
    {"ne", "नेपाली"}, {"ng", "Owambo"}, {"nl", "Nederlands"}, {"nn", "Norsk nynorsk"},
    {"no", "Norsk"}, {"nr", "isiNdebele"}, {"nv", "Diné bizaad"}, {"ny", "Chichewa"},
    {"oc", "Occitan"}, {"oj", "ᐊᓂᔑᓈᐯᒧᐎᓐ"}, {"om", "Afaan Oromoo"}, {"or", "ଓଡ଼ିଆ"},
    {"os", "Ирон"}, {"pa", "ਪੰਜਾਬੀ"}, {"pi", "पाऴि"}, {"pl", "Polski"}, {"ps", "پښتو"},
    {"pt", "Português"}, {"qu", "Runa Simi"}, {"rm", "Rumantsch"}, {"rn", "Ikirundi"},
    {"ro", "Română"}, {"ru", "Русский"}, {"rw", "Ikinyarwanda"}, {"sa", "संस्कृतम्"},
    {"sc", "Sardu"}, {"sd", "सिन्धी"}, {"se", "Davvisámegiella"}, {"sg", "Sängö"},
    {"si", "සිංහල"}, {"sk", "Slovenčina"}, {"sl", "Slovenščina"}, {"sm", "Gagana Samoa"},
    {"sn", "chiShona"}, {"so", "Soomaali"}, {"sq", "Shqip"}, {"sr", "Српски"}, {"ss", "SiSwati"},
    {"st", "Sesotho"}, {"su", "Basa Sunda"}, {"sv", "Svenska"}, {"sw", "Kiswahili"},
    {"ta", "தமிழ்"}, {"te", "తెలుగు"}, {"tg", "Тоҷикӣ"}, {"th", "ไทย"}, {"ti", "ትግርኛ"},
    {"tk", "Türkmen"}, {"tl", "Tagalog"}, {"tn", "Setswana"}, {"to", "Faka Tonga"},
    {"tr", "Türkçe"}, {"ts", "Xitsonga"}, {"tt", "Татар"}, {"tw", "Twi"}, {"ty", "Reo Tahiti"},
    {"ug", "ئۇيغۇرچە"}, {"uk", "Українська"}, {"ur", "اردو"}, {"uz", "Oʻzbek"}, {"ve", "Tshivenḓa"},
    {"vi", "Tiếng Việt"}, {"vo", "Volapük"}, {"wa", "Walon"}, {"wo", "Wolof"}, {"xh", "isiXhosa"},
    {"yi", "ייִדיש"}, {"yo", "Yorùbá"}, {"za", "Saɯ cueŋƅ"}, {"zh", "中文"}, {"zu", "isiZulu"},
};

#define N (sizeof table / sizeof table[0])

const char *language_name(const char *code)
{
    size_t lo = 0, hi = N;
    while (code != NULL && lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(code, table[mid].code);
        if (c == 0)
            return table[mid].name;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

size_t language_count(void)
{
    return N;
}

const struct language_name *language_at(size_t i)
{
    return i < N ? &table[i] : NULL;
}
