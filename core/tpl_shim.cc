/*
 * tpl_shim.cc — the C API of tpl.h over Google ctemplate.  The only C++ file in the project.
 *
 * A `struct tpl_dict *` is a ctemplate::TemplateDictionary * in disguise.  Root dictionaries are
 * deleted by an arena cleanup; section and include dictionaries belong to their parent.
 * Exceptions never cross into C: every entry point catches and reports failure.
 *
 * Variable and section names are hashed once per process: ctemplate hashes a plain name at every
 * SetValue and then looks it up in its global id-to-name map under a lock (a tenth of a match
 * page's rendering); a name known in advance (a StaticTemplateString) skips both.
 */
#include "tpl.h"

#include "arena.h"

#include <ctemplate/template.h>
#include <ctemplate/template_emitter.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>

using ctemplate::StaticTemplateString;
using ctemplate::TemplateDictionary;
using ctemplate::TemplateString;

namespace
{
/* The names seen so far, each with its id computed once.  Names come from the code and the
 * catalogues' placeholders, a few hundred in all; past NAMES_MAX (a name built from data, say)
 * they are passed as plain strings, so the table stays bounded.  The table and its entries live
 * as long as the process, never destroyed (ctemplate keeps pointers to them in its id-to-name
 * map, and LeakSanitizer, run after static destructors, must still find them). */
constexpr size_t NAMES_MAX = 4096;
using name_table = std::unordered_map<std::string_view, const StaticTemplateString *>;
name_table &names = *new name_table;

TemplateString name_of(const char *text)
{
    std::string_view key(text);
    auto found = names.find(key);
    if (found != names.end())
        return TemplateString(*found->second);
    if (names.size() >= NAMES_MAX)
        return TemplateString(text, key.size());
    char *copy = new char[key.size() + 1];
    std::memcpy(copy, text, key.size() + 1);
    auto *sts = new StaticTemplateString{{copy, key.size(), ctemplate::kIllegalTemplateId}};
    ctemplate::StaticTemplateStringInitializer computes_the_id(sts);
    names.emplace(std::string_view(copy, key.size()), sts);
    return TemplateString(*sts);
}
} // namespace

static TemplateDictionary *dict(struct tpl_dict *d)
{
    return reinterpret_cast<TemplateDictionary *>(d);
}

static void delete_dict(void *p)
{
    delete static_cast<TemplateDictionary *>(p);
}

extern "C" struct tpl_dict *tpl_dict_new(struct arena *a)
{
    TemplateDictionary *d = new TemplateDictionary("page");
    arena_defer(a, delete_dict, d);
    return reinterpret_cast<struct tpl_dict *>(d);
}

extern "C" void tpl_set(struct tpl_dict *d, const char *key, const char *value)
{
    dict(d)->SetValue(name_of(key), value != nullptr ? value : "");
}

extern "C" void tpl_set_global(struct tpl_dict *d, const char *key, const char *value)
{
    dict(d)->SetTemplateGlobalValue(name_of(key), value != nullptr ? value : "");
}

extern "C" void tpl_set_filename(struct tpl_dict *d, const char *key)
{
    dict(d)->SetFilename(key);
}

extern "C" void tpl_set_int(struct tpl_dict *d, const char *key, long long value)
{
    dict(d)->SetFormattedValue(name_of(key), "%lld", value);
}

extern "C" void tpl_show(struct tpl_dict *d, const char *section)
{
    dict(d)->ShowSection(name_of(section));
}

extern "C" struct tpl_dict *tpl_section(struct tpl_dict *d, const char *section)
{
    return reinterpret_cast<struct tpl_dict *>(dict(d)->AddSectionDictionary(name_of(section)));
}

extern "C" struct tpl_dict *tpl_include(struct tpl_dict *d, const char *name, const char *key)
{
    TemplateDictionary *sub = dict(d)->AddIncludeDictionary(name);
    sub->SetFilename(key);
    return reinterpret_cast<struct tpl_dict *>(sub);
}

extern "C" int tpl_cache_put(const char *key, const char *content, size_t len, char *err,
                             size_t errlen)
{
    try {
        if (ctemplate::StringToTemplateCache(key, content, len, ctemplate::STRIP_BLANK_LINES))
            return 0;
        std::snprintf(err, errlen, "template %s does not parse (see ctemplate's message above)",
                      key);
    } catch (...) {
        std::snprintf(err, errlen, "template %s: out of memory while parsing", key);
    }
    return -1;
}

extern "C" void tpl_cache_freeze(void)
{
    ctemplate::mutable_default_template_cache()->Freeze();
}

extern "C" void tpl_cache_clear(void)
{
    ctemplate::mutable_default_template_cache()->ClearCache();
}

namespace
{
/* Forwards ctemplate's output to a C callback without an intermediate std::string. */
class CallbackEmitter : public ctemplate::ExpandEmitter
{
  public:
    CallbackEmitter(void (*emit)(void *, const char *, size_t), void *ctx) : emit_(emit), ctx_(ctx)
    {
    }
    void Emit(char c) override
    {
        emit_(ctx_, &c, 1);
    }
    void Emit(const std::string &s) override
    {
        emit_(ctx_, s.data(), s.size());
    }
    void Emit(const char *s) override
    {
        emit_(ctx_, s, std::char_traits<char>::length(s));
    }
    void Emit(const char *s, size_t n) override
    {
        emit_(ctx_, s, n);
    }

  private:
    void (*emit_)(void *, const char *, size_t);
    void *ctx_;
};
} // namespace

extern "C" int tpl_expand(const char *key, struct tpl_dict *d,
                          void (*emit)(void *ctx, const char *s, size_t n), void *ctx)
{
    try {
        CallbackEmitter out(emit, ctx);
        return ctemplate::mutable_default_template_cache()->ExpandNoLoad(
                   key, ctemplate::STRIP_BLANK_LINES, dict(d), nullptr, &out)
                   ? 0
                   : -1;
    } catch (...) {
        return -1;
    }
}
