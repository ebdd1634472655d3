/*
 * dispatch.c — the request pipeline; see dispatch.h.
 *
 * The order matters and is the security argument of the portal:
 *   1. parse the parameters and the path (400 on malformed input);
 *   2. route (404, 405 with Allow) and resolve the region in the path (404 if switched off);
 *   3. read and parse the body (413, 415, 400);
 *   4. choose the language;
 *   5. identify the person (session cookie or API token);
 *   6. check the route's access rule (access.c) — 401/403 before any handler code runs;
 *   7. check CSRF for every state-changing request — 403 and nothing changes;
 *   8. run the handler; its database work is one transaction, committed only if it succeeded.
 */
#include "dispatch.h"

#include "access.h"
#include "auth.h"
#include "arena.h"
#include "buf.h"
#include "db.h"
#include "http.h"
#include "i18n.h"
#include "log.h"
#include "plugin.h"
#include "router.h"
#include "shared_state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void choose_language(struct req *r)
{
    const char *chosen = NULL;
    if (r->session != NULL && i18n_supported(r->session->lang))
        chosen = r->session->lang;
    if (chosen == NULL && i18n_supported(req_cookie(r, "lang")))
        chosen = req_cookie(r, "lang");
    if (chosen == NULL && r->accept_language != NULL) {
        const char *langs[16];
        int n = i18n_language_count() < 16 ? i18n_language_count() : 16;
        for (int i = 0; i < n; i++)
            langs[i] = i18n_language_at(i);
        int pick = http_pick_language(r->accept_language, langs, n);
        if (pick >= 0)
            chosen = langs[pick];
    }
    if (chosen == NULL && r->region != NULL)
        chosen = r->region->desc->languages[0];
    r->lang = i18n_supported(chosen) ? chosen : "en";
}

static enum err_code route_request(struct req *r)
{
    enum err_code rc = router_match(r->arena, r->method, r->path, &r->route, &r->params, &r->allow);
    if (rc == ERR_BAD_REQUEST)
        return req_fail(r, rc, "The request path is not properly percent-encoded UTF-8.");
    if (rc != ERR_NONE)
        return rc;
    const char *slug = kv_get(&r->params, "region");
    if (slug != NULL && (r->region = plugin_find(slug)) == NULL)
        return req_fail(r, ERR_NOT_FOUND, "There is no such region on this portal.");
    if (r->region == NULL && r->route->owner != NULL && strcmp(r->route->owner, "core") != 0)
        r->region = plugin_find(r->route->owner);
    return ERR_NONE;
}

DB_STMT(idempotency_claim,
        "INSERT INTO idempotency_keys (scope, key, method, path) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT DO NOTHING RETURNING key");
DB_STMT(idempotency_stored,
        "SELECT status, body, method, path FROM idempotency_keys WHERE scope = $1 AND key = $2");
DB_STMT(idempotency_record,
        "UPDATE idempotency_keys SET status = $3, body = $4 WHERE scope = $1 AND key = $2");
DB_STMT(idempotency_prune,
        "DELETE FROM idempotency_keys WHERE created_at < now() - interval '1 day'");

static const char *idempotency_scope(const struct req *r)
{
    return r->session ? r->session->person_id_text : "0";
}

/* For a retried API write (Idempotency-Key): claims the key in this transaction.  Returns
 * ERR_NONE to run the handler, or answers with the stored response (r->answered) when the key
 * was used before; a key in use by a request still running is 409. */
static enum err_code idempotency_begin(struct req *r)
{
    const char *key = r->idempotency_key;
    if (strlen(key) > 200 || !utf8_valid(key, strlen(key)))
        return req_fail(r, ERR_BAD_REQUEST,
                        "The Idempotency-Key header must be at most 200 "
                        "characters of text.");
    const char *params[] = {idempotency_scope(r), key, r->method, r->path};
    PGresult *res = db_exec(r->arena, &idempotency_claim, 4, params);
    if (res == NULL)
        return db_error_code();
    if (PQntuples(res) == 1)
        return ERR_NONE; /* first time: run, and record the answer below */
    if ((res = db_exec(r->arena, &idempotency_stored, 2, params)) == NULL)
        return db_error_code();
    if (PQntuples(res) != 1 || db_is_null(res, 0, "status"))
        return req_fail(r, ERR_CONFLICT,
                        "A request with this Idempotency-Key is still running; "
                        "wait for its answer.");
    if (strcmp(db_value(res, 0, "method"), r->method) != 0 ||
        strcmp(db_value(res, 0, "path"), r->path) != 0)
        return req_fail(r, ERR_BAD_REQUEST,
                        "This Idempotency-Key was used for another request; "
                        "use a new key for each different request.");
    const char *body = db_value(res, 0, "body");
    resp_header(r, "Idempotent-Replayed", "true");
    return resp_text(r, (int)db_int(res, 0, "status"), "application/json; charset=utf-8", body,
                     strlen(body));
}

static enum err_code idempotency_finish(struct req *r)
{
    char status[8];
    snprintf(status, sizeof status, "%d", r->status);
    const char *params[] = {idempotency_scope(r), r->idempotency_key, status,
                            r->out->data ? r->out->data : ""};
    if (db_exec(r->arena, &idempotency_record, 4, params) == NULL)
        return db_error_code();
    if (rand() % 1000 == 0 && db_exec(r->arena, &idempotency_prune, 0, NULL) == NULL)
        return db_error_code();
    return ERR_NONE;
}

static enum err_code run_handler(struct req *r)
{
    if (r->route->handler != NULL)
        return r->route->handler(r);
    return r->route->plugin_handler((struct portal_req *)r) == 0 ? ERR_NONE : ERR_INTERNAL;
}

/* The database identity of the request for row-level security. */
static void actor_of(const struct req *r, struct db_actor *a)
{
    memset(a, 0, sizeof *a);
    if (r->session == NULL)
        return;
    a->person_id = r->session->person_id_text;
    a->org_ids = r->session->org_ids;
    a->admin_regions = r->session->admin_regions;
    a->super = r->session->super;
    /* Pages show a person's times in their home region's timezone; the API stays in UTC. */
    const struct plugin *home = r->api ? NULL : plugin_find(r->session->home_region);
    a->time_zone = home ? home->desc->timezone : NULL;
}

static enum err_code pipeline(struct req *r, char **envp, int (*read_fn)(char *, int, void *),
                              void *ctx)
{
    enum err_code rc = http_request_begin(r, envp);
    if (rc == ERR_NONE)
        rc = route_request(r);
    if (rc == ERR_NONE)
        rc = http_request_read_body(r, read_fn, ctx);
    choose_language(r); /* errors above are answered in the visitor's language too */
    if (rc != ERR_NONE)
        return rc;
    if ((rc = auth_identify(r)) != ERR_NONE)
        return rc;
    choose_language(r); /* the person's own setting wins */
    if ((rc = access_check(r, r->route->action)) != ERR_NONE)
        return rc;
    if (req_is_state_changing(r) && (rc = auth_check_csrf(r)) != ERR_NONE)
        return rc;
    struct db_actor actor;
    actor_of(r, &actor);
    db_request_start(&actor, r->session != NULL || req_is_state_changing(r));
    struct auth_session *before = r->session;
    bool idempotent = r->api && r->idempotency_key != NULL && req_is_state_changing(r);
    rc = idempotent ? idempotency_begin(r) : ERR_NONE;
    if (rc == ERR_NONE && !r->answered) {
        rc = run_handler(r);
        if (rc == ERR_NONE && idempotent)
            rc = idempotency_finish(r);
    }
    enum err_code commit = ERR_NONE;
    if (rc == ERR_NONE && !req_is_state_changing(r))
        db_request_finish_reading();
    else
        commit = db_request_finish(rc == ERR_NONE);
    if (rc == ERR_NONE && commit == ERR_NONE && req_is_state_changing(r))
        shared_writes_count(); /* before the answer leaves: see shared_state.h */
    if (rc != ERR_NONE || commit != ERR_NONE)
        r->session = before; /* a login or registration that was rolled back did not happen */
    if (rc == ERR_NONE && commit != ERR_NONE) {
        r->answered = false; /* what the handler said did not happen */
        r->field_errors.count = 0;
        rc = req_fail(r, commit,
                      "Your change could not be saved; nothing was changed. Please "
                      "try again.");
    }
    return rc;
}

void dispatch(struct req *r, char **envp, int (*read_fn)(char *, int, void *), void *ctx)
{
    enum err_code rc = pipeline(r, envp, read_fn, ctx);
    if (rc == ERR_NONE && !r->answered)
        rc = req_fail(r, ERR_INTERNAL, "The handler gave no answer.");
    if (rc != ERR_NONE && (!r->answered || r->status < 400)) {
        if (r->lang == NULL)
            r->lang = "en";
        if (rc == ERR_UNAVAILABLE)
            log_warn("%s %s: database unavailable: %s", r->method, r->path, db_error());
        else if (rc == ERR_INTERNAL)
            log_error("%s %s: %s", r->method, r->path,
                      r->error_message ? r->error_message : "internal error");
        r->answered = false;
        resp_error(r, rc);
    }
}
