/*
 * access.c — the access table and its checks; see access.h.
 *
 * To add an action: add a row here, name it in the route table, and the authorisation tests
 * (tests/e2e/test_authz.py) pick it up from `portal routes`.
 */
#include "access.h"

#include "auth.h"
#include "http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOGGED_IN (ROLE_MEMBER | ROLE_SME | ROLE_ORGANISER | ROLE_REGION_ADMIN | ROLE_SUPER)
#define ADMINS    (ROLE_REGION_ADMIN | ROLE_SUPER)

const struct access_rule access_rules[] = {
    {"public.read", ROLE_ANYONE, SCOPE_ANY, "read public pages and data"},
    {"public.write", ROLE_ANYONE, SCOPE_ANY,
     "visitor actions: register, log in, choose a language"},
    {"account.self", LOGGED_IN, SCOPE_ANY, "read and change one's own account"},
    {"listing.create", ROLE_SME, SCOPE_ANY,
     "publish a listing for one of one's SMEs (the handler checks the organisation)"},
    {"listing.edit", ROLE_SME, SCOPE_OWNER, "edit or archive a listing of one's own SME"},
    {"listing.private", LOGGED_IN, SCOPE_OWNER_OR_ADMIN,
     "see a listing's unpublished versions and its audit trail"},
    {"listing.moderate", ADMINS, SCOPE_RESOURCE_ADMIN,
     "approve, ask for changes to or reject a listing of a region one administers"},
    {"call.create", ROLE_ORGANISER, SCOPE_ANY,
     "post a call for one of one's event organisers (the handler checks the organisation)"},
    {"call.edit", ROLE_ORGANISER, SCOPE_OWNER,
     "edit, close or award a call of one's own organiser"},
    {"call.private", LOGGED_IN, SCOPE_OWNER_OR_ADMIN,
     "see a call's answers, matches, export and audit trail"},
    {"call.moderate", ADMINS, SCOPE_RESOURCE_ADMIN,
     "open, ask for changes to or reject a call of a region one administers"},
    {"interest.answer", ROLE_SME, SCOPE_OWNER,
     "answer a call with one's SME's listing, or withdraw that answer"},
    {"interest.decide", ROLE_ORGANISER, SCOPE_OWNER,
     "shortlist, accept or decline answers to one's own call"},
    {"interest.read", LOGGED_IN, SCOPE_ANY,
     "read (and, for the two organisations, write in) an answer's thread; the handler "
     "checks that the person belongs to one of them or administers the region"},
    {"moderation.queue", ADMINS, SCOPE_ADMIN_REGION, "see the moderation queue of the region"},
    {"moderation.overview", ADMINS, SCOPE_ANY, "see the moderation queues one may work"},
};

const size_t access_rule_count = sizeof access_rules / sizeof access_rules[0];

const struct access_rule *access_rule_find(const char *action)
{
    for (size_t i = 0; action != NULL && i < access_rule_count; i++)
        if (strcmp(access_rules[i].action, action) == 0)
            return &access_rules[i];
    return NULL;
}

void access_role_names(unsigned roles, char *out, size_t cap)
{
    static const char *const names[] = {"anonymous", "member",       "sme",
                                        "organiser", "region-admin", "super"};
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < 6; i++)
        if (roles & (1u << i))
            n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%s%s", n ? "," : "", names[i]);
}

const char *access_scope_name(enum access_scope scope)
{
    switch (scope) {
    case SCOPE_ADMIN_REGION:
        return "admin-of-path-region";
    case SCOPE_OWNER:
        return "owner";
    case SCOPE_OWNER_OR_ADMIN:
        return "owner-or-region-admin";
    case SCOPE_RESOURCE_ADMIN:
        return "region-admin-of-resource";
    default:
        return "any";
    }
}

unsigned access_roles(const struct req *r)
{
    const struct auth_session *s = r->session;
    if (s == NULL)
        return ROLE_ANONYMOUS;
    unsigned roles = ROLE_MEMBER;
    if (s->sme_org_ids != NULL && strcmp(s->sme_org_ids, "{}") != 0)
        roles |= ROLE_SME;
    if (s->organiser_org_ids != NULL && strcmp(s->organiser_org_ids, "{}") != 0)
        roles |= ROLE_ORGANISER;
    if (s->super)
        roles |= ROLE_SUPER;
    if (s->admin_regions != NULL && strcmp(s->admin_regions, "{}") != 0)
        roles |= ROLE_REGION_ADMIN;
    return roles;
}

/* Membership in a PostgreSQL array text "{a,b,c}" of simple elements. */
static bool array_contains(const char *array, const char *item)
{
    if (array == NULL || item == NULL)
        return false;
    size_t n = strlen(item);
    for (const char *p = array; (p = strstr(p, item)) != NULL; p += n) {
        char before = p == array ? '\0' : p[-1], after = p[n];
        if ((before == '{' || before == ',') && (after == '}' || after == ','))
            return true;
    }
    return false;
}

bool access_admin_of(const struct req *r, const char *region)
{
    const struct auth_session *s = r->session;
    return s != NULL && (s->super || array_contains(s->admin_regions, region));
}

bool access_member_of(const struct req *r, long long org_id)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", org_id);
    return r->session != NULL && array_contains(r->session->org_ids, id);
}

enum err_code access_check(struct req *r, const char *action)
{
    const struct access_rule *rule = access_rule_find(action);
    if (rule == NULL)
        return req_fail(r, ERR_FORBIDDEN, "This action is not in the access table.");
    unsigned roles = access_roles(r);
    if ((rule->roles & roles) == 0)
        return r->session == NULL ? ERR_UNAUTHENTICATED : ERR_FORBIDDEN;
    if (rule->scope == SCOPE_ADMIN_REGION) {
        const char *region = kv_get(&r->params, "region");
        if (region == NULL || !access_admin_of(r, region))
            return ERR_FORBIDDEN;
    }
    return ERR_NONE;
}

enum err_code access_check_resource(struct req *r, const char *action, long long org_id,
                                    const char *region)
{
    const struct access_rule *rule = access_rule_find(action);
    if (rule == NULL)
        return req_fail(r, ERR_FORBIDDEN, "This action is not in the access table.");
    if ((rule->roles & access_roles(r)) == 0)
        return r->session == NULL ? ERR_UNAUTHENTICATED : ERR_FORBIDDEN;
    bool owner = access_member_of(r, org_id), admin = access_admin_of(r, region);
    bool ok = rule->scope == SCOPE_OWNER            ? owner
              : rule->scope == SCOPE_OWNER_OR_ADMIN ? owner || admin
              : rule->scope == SCOPE_RESOURCE_ADMIN ? admin
                                                    : true;
    if (!ok)
        return r->session == NULL ? ERR_UNAUTHENTICATED : ERR_FORBIDDEN;
    return ERR_NONE;
}
