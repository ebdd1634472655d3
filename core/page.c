/*
 * page.c — the layout every HTML page shares, and resp_page() which renders a page into it.
 *
 * The layout (templates/layout.tpl) includes the page's own template as {{>CONTENT}}.  ctemplate
 * does not let an included template see its parent's values, so the few values both need
 * (language, CSRF token, region) are set on both dictionaries.
 */
#include "http.h"

#include "arena.h"
#include "auth.h"
#include "buf.h"
#include "i18n.h"
#include "plugin.h"
#include "tpl.h"

#include <string.h>

const char *T(const struct req *r, const char *key)
{
    return i18n_text(r->lang, key);
}

static void set_both(struct req *r, const char *key, const char *value)
{
    tpl_set(r->page_root, key, value);
    tpl_set(r->page_content, key, value);
}

static void layout_region(struct req *r)
{
    if (r->region == NULL)
        return;
    const struct portal_plugin *p = r->region->desc;
    struct tpl_dict *sec = tpl_section(r->page_root, "REGION");
    tpl_set(sec, "REGION_NAME", p->name);
    tpl_set_int(sec, "REGION_YEAR", p->ecoc_year);
    tpl_set(sec, "REGION_PROGRAMME", T(r, p->programme_key));
    set_both(r, "REGION_SLUG", p->slug);
}

static void layout_languages(struct req *r)
{
    for (int i = 0; i < i18n_language_count(); i++) {
        const char *code = i18n_language_at(i);
        struct tpl_dict *opt = tpl_section(r->page_root, "LANGUAGE_OPTION");
        tpl_set(opt, "CODE", code);
        tpl_set(opt, "NAME", i18n_text(code, "language.name"));
        if (strcmp(code, r->lang) == 0)
            tpl_show(opt, "SELECTED");
    }
}

static void layout_person(struct req *r)
{
    struct auth_session *s = r->session;
    if (s == NULL) {
        tpl_show(r->page_root, "LOGGED_OUT");
        return;
    }
    struct tpl_dict *sec = tpl_section(r->page_root, "LOGGED_IN");
    tpl_set(sec, "USER_NAME", s->name);
    tpl_set_int(sec, "count", s->unread); /* the {count} of [[nav.unread]] */
    if (s->unread > 0)
        tpl_show(sec, "HAS_UNREAD");
    if (s->super || (s->admin_regions != NULL && strcmp(s->admin_regions, "{}") != 0))
        tpl_show(sec, "IS_ADMIN");
}

struct tpl_dict *page_dict(struct req *r)
{
    if (r->page_content != NULL)
        return r->page_content;
    r->page_root = tpl_dict_new(r->arena);
    r->page_content = tpl_include(r->page_root, "CONTENT", "");
    set_both(r, "LANG", r->lang);
    set_both(r, "CSRF_TOKEN", auth_csrf_token(r));
    /* Where the language form brings the visitor back to: this page, search and all. */
    tpl_set(r->page_root, "CURRENT_PATH",
            *r->query_string ? arena_printf(r->arena, "%s?%s", r->path, r->query_string) : r->path);
    tpl_set(r->page_root, "TITLE", T(r, "site.name"));
    layout_region(r);
    layout_languages(r);
    layout_person(r);
    return r->page_content;
}

void page_title(struct req *r, const char *title)
{
    page_dict(r);
    tpl_set(r->page_root, "TITLE", title);
}

/* What templates/slot.tpl renders in the layout's CONTENT for resp_page_html.  No value can
 * produce it: every value is HTML-escaped, and a '<' never survives that. */
#define CONTENT_SLOT "<!--portal:content-->"

enum err_code resp_page_html(struct req *r, int status, const char *html, size_t len)
{
    enum err_code rc = resp_page(r, status, "slot.tpl", page_dict(r));
    if (rc != ERR_NONE)
        return rc;
    const char *slot = memmem(r->out->data, r->out->len, CONTENT_SLOT, sizeof CONTENT_SLOT - 1);
    if (slot == NULL) {
        buf_clear(r->out);
        r->answered = false;
        return req_fail(r, ERR_INTERNAL, "the layout could not be rendered around a page");
    }
    /* The layout after the slot (the footer) is kept aside, the content put in its place. */
    size_t at = (size_t)(slot - r->out->data), rest = r->out->len - at - (sizeof CONTENT_SLOT - 1);
    const char *footer = arena_strndup(r->arena, slot + sizeof CONTENT_SLOT - 1, rest);
    buf_truncate(r->out, at);
    buf_append(r->out, html, len);
    buf_append(r->out, footer, rest);
    return ERR_NONE;
}

enum err_code resp_page(struct req *r, int status, const char *name, struct tpl_dict *d)
{
    if (d != page_dict(r))
        return req_fail(r, ERR_INTERNAL, "resp_page needs the dictionary from page_dict");
    const char *region = r->region ? r->region->desc->slug : NULL;
    tpl_set_filename(r->page_content, tpl_key(r->arena, name, r->lang, region));
    buf_clear(r->out);
    if (tpl_render("layout.tpl", r->lang, region, r->page_root, r->out) != 0) {
        buf_clear(r->out);
        return req_fail(r, ERR_INTERNAL, "a template could not be rendered");
    }
    r->status = status;
    r->content_type_out = "text/html; charset=utf-8";
    r->answered = true;
    return ERR_NONE;
}
