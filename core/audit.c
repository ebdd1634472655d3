/*
 * audit.c — writes audit entries; see audit.h.
 */
#include "audit.h"

#include "arena.h"
#include "auth.h"
#include "db.h"
#include "http.h"

#include <stdio.h>

DB_STMT(audit_insert,
        "INSERT INTO audit_log (person_id, region, org_id, entity, entity_id, action, "
        "from_state, to_state, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");

enum err_code audit_write(struct req *r, const struct audit_entry *e)
{
    char org[24], id[24];
    snprintf(org, sizeof org, "%lld", e->org_id);
    snprintf(id, sizeof id, "%lld", e->entity_id);
    const char *params[] = {r->session ? r->session->person_id_text : NULL,
                            e->region,
                            e->org_id > 0 ? org : NULL,
                            e->entity,
                            id,
                            e->action,
                            e->from_state,
                            e->to_state,
                            e->reason};
    return db_exec(r->arena, &audit_insert, 9, params) ? ERR_NONE : db_error_code();
}
