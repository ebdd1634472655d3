/*
 * access.h — who may do what, in which region: the portal's access rules, in one table.
 *
 * Every route names an action; the dispatcher checks the action's rule before the handler
 * runs.  Rules that depend on the resource (the listing belongs to your organisation; the
 * listing is in a region you administer) are checked by the handler with access_* helpers
 * against the same table, and PostgreSQL row-level security is the second wall behind both.
 */
#ifndef ACCESS_H
#define ACCESS_H

#include "errors.h"

#include <stdbool.h>
#include <stddef.h>

struct req;

/* Roles a person can hold (a bit set).  ROLE_ANONYMOUS is nobody logged in. */
enum access_role {
    ROLE_ANONYMOUS = 1 << 0,
    ROLE_MEMBER = 1 << 1,       /* any logged-in person */
    ROLE_SME = 1 << 2,          /* member of an SME */
    ROLE_ORGANISER = 1 << 3,    /* member of an event organiser */
    ROLE_REGION_ADMIN = 1 << 4, /* admin of one or more regions */
    ROLE_SUPER = 1 << 5,        /* super admin */
};

#define ROLE_ANYONE                                                                                \
    (ROLE_ANONYMOUS | ROLE_MEMBER | ROLE_SME | ROLE_ORGANISER | ROLE_REGION_ADMIN | ROLE_SUPER)

/* How the region of the request must relate to the person's. */
enum access_scope {
    SCOPE_ANY = 0,        /* no condition beyond the role */
    SCOPE_ADMIN_REGION,   /* the region in the path is one the person administers (or super) */
    SCOPE_OWNER,          /* the resource belongs to one of the person's organisations */
    SCOPE_OWNER_OR_ADMIN, /* ... or the person administers the resource's region */
    SCOPE_RESOURCE_ADMIN, /* the person administers the resource's region (or is super) */
};

struct access_rule {
    const char *action; /* "listing.moderate" */
    unsigned roles;     /* any of these roles may */
    enum access_scope scope;
    const char *summary; /* what the action is, for docs and test output */
};

extern const struct access_rule access_rules[];
extern const size_t access_rule_count;

/* The rule of an action, or NULL (an unknown action is refused: fail closed). */
const struct access_rule *access_rule_find(const char *action);

/* Role names ("anonymous,sme,...") for the route listing and the tests. */
void access_role_names(unsigned roles, char *out, size_t cap);
const char *access_scope_name(enum access_scope scope);

/* The roles the request's person holds. */
unsigned access_roles(const struct req *r);

/* Checks `action` for the request: ERR_NONE, ERR_UNAUTHENTICATED (log in first) or
 * ERR_FORBIDDEN. */
enum err_code access_check(struct req *r, const char *action);

/* Checks `action` against a resource (a listing, a call…) owned by organisation `org_id` in
 * `region`: the role, then the rule's resource scope.  Handlers call it after loading the
 * resource; ERR_NONE, ERR_UNAUTHENTICATED or ERR_FORBIDDEN. */
enum err_code access_check_resource(struct req *r, const char *action, long long org_id,
                                    const char *region);

/* true when the person administers `region` (or is super admin). */
bool access_admin_of(const struct req *r, const char *region);
/* true when the person is a member of organisation `org_id`. */
bool access_member_of(const struct req *r, long long org_id);

#endif
