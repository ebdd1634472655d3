/*
 * notify.h — telling people what happened: a row in each member's in-app inbox (drawn in the
 * reader's language when shown) and an e-mail in the outbox, rendered in the recipient's
 * language (their setting, else their organisation's region's language), written in the same
 * transaction as the change itself.
 *
 * A kind names catalogue entries: "notify.<kind>" (the inbox line), "mail.<kind>.subject" and
 * "mail.<kind>.body"; all three take the same {placeholders}.
 */
#ifndef NOTIFY_H
#define NOTIFY_H

#include "errors.h"

struct req;

#define NOTIFY_MAX_PARAMS 6

struct notice {
    const char *kind;
    const char *link; /* a path on the portal */
    int n;
    const char *names[NOTIFY_MAX_PARAMS];
    const char *values[NOTIFY_MAX_PARAMS];
};

/* Notifies every member of organisation org_id (except the person acting). */
enum err_code notify_org(struct req *r, long long org_id, const struct notice *n);
/* Notifies the administrators of a region. */
enum err_code notify_region_admins(struct req *r, const char *region, const struct notice *n);

/* The inbox line of a stored notification in `lang`: params is its JSON object text. */
const char *notify_text(struct req *r, const char *kind, const char *params_json);

#endif
