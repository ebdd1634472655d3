/*
 * register.c — registering a person with their organisation: GET/POST /register and
 * POST /api/v1/accounts.
 */
#include "pages.h"

#include "../account.h"
#include "../arena.h"
#include "../auth.h"
#include "../form.h"
#include "../http.h"
#include "../plugin.h"
#include "../tpl.h"

/* The region choices, in the portal's order. */
int region_choices(struct req *r, struct choice *out, int cap)
{
    int n = 0;
    for (int i = 0; i < plugin_count() && n < cap; i++) {
        const struct portal_plugin *p = plugin_at(i)->desc;
        out[n].value = p->slug;
        out[n].label = p->name;
        n++;
    }
    (void)r;
    return n;
}

static enum err_code register_render(struct req *r, int status)
{
    struct tpl_dict *d = page_dict(r);
    page_title(r, T(r, "register.title"));
    if (input_has_errors(r))
        tpl_show(d, "HAS_ERRORS");
    static const struct field_view name = {"name", "field.your_name", "text", NULL, "name", true,
                                           120};
    static const struct field_view email = {
        "email", "field.email_label", "email", "register.email_hint", "email", true, 254};
    static const struct field_view password = {
        "password", "field.password", "password", "password.hint", "new-password", true, 1024};
    static const struct field_view kind = {
        "organisation.kind", "field.org_kind", "select", NULL, NULL, true, 0};
    static const struct field_view org = {
        "organisation.name", "field.org_name", "text", NULL, "organization", true, 160};
    static const struct field_view region = {
        "organisation.region", "field.region_label", "select", NULL, NULL, true, 0};
    static const struct field_view bizid = {"organisation.business_id",
                                            "field.business_id_label",
                                            "text",
                                            "register.business_id_hint",
                                            NULL,
                                            true,
                                            40};
    static const struct field_view city = {"organisation.city", "field.city", "text", NULL,
                                           "address-level2",    false,        120};
    static const struct field_view web = {
        "organisation.website", "field.website", "url", NULL, "url", false, 300};
    form_field(r, d, "F_NAME", &name, form_value(r, "name"));
    form_field(r, d, "F_EMAIL", &email, form_value(r, "email"));
    form_field(r, d, "F_PASSWORD", &password, NULL);
    const struct choice kinds[] = {{"sme", T(r, "org.kind.sme")},
                                   {"organiser", T(r, "org.kind.organiser")}};
    form_select(r, d, "F_KIND", &kind, kinds, 2, form_value(r, "organisation.kind"));
    form_field(r, d, "F_ORG_NAME", &org, form_value(r, "organisation.name"));
    struct choice regions[32];
    int n = region_choices(r, regions, 32);
    form_select(r, d, "F_REGION", &region, regions, n, form_value(r, "organisation.region"));
    form_field(r, d, "F_BUSINESS_ID", &bizid, form_value(r, "organisation.business_id"));
    form_field(r, d, "F_CITY", &city, form_value(r, "organisation.city"));
    form_field(r, d, "F_WEBSITE", &web, form_value(r, "organisation.website"));
    return resp_page(r, status, "register.tpl", d);
}

enum err_code page_register_form(struct req *r)
{
    if (r->session != NULL)
        return resp_redirect(r, "/dashboard");
    return register_render(r, 200);
}

enum err_code page_register(struct req *r)
{
    struct registration reg;
    registration_read(r, &reg);
    long long id;
    enum err_code rc = account_register(r, &reg, &id);
    if (rc == ERR_INVALID) {
        r->session = NULL;
        register_render(r, 422);
        return ERR_INVALID;
    }
    return rc != ERR_NONE ? rc : resp_redirect(r, "/dashboard?welcome=1");
}

enum err_code api_accounts_create(struct req *r)
{
    struct registration reg;
    registration_read(r, &reg);
    long long id;
    enum err_code rc = account_register(r, &reg, &id);
    if (rc != ERR_NONE)
        return rc;
    return resp_json(r, 201,
                     json_pack("{s:{s:I, s:s, s:s}, s:s}", "person", "id", (json_int_t)id, "email",
                               reg.email, "name", reg.name, "csrf_token", r->session->csrf_token));
}
