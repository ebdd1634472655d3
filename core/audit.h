/*
 * audit.h — the append-only record of every state transition: who, when, from, to, why.
 * Written in the same transaction as the change it records, so neither exists without the
 * other.  The serving role may only INSERT and SELECT it (sql/001_core.sql).
 */
#ifndef AUDIT_H
#define AUDIT_H

#include "errors.h"

struct req;

struct audit_entry {
    const char *region;
    long long org_id;   /* whose thing it is; 0 for none */
    const char *entity; /* account, organisation, listing, call, interest */
    long long entity_id;
    const char *action;     /* registered, submitted, approved, ... */
    const char *from_state; /* NULL for none */
    const char *to_state;
    const char *reason; /* NULL for none */
};

/* Appends an entry, the acting person being the request's.  ERR_NONE or the database error. */
enum err_code audit_write(struct req *r, const struct audit_entry *e);

#endif
