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
#include "buf.h"
#include "db.h"
#include "http.h"
#include "i18n.h"
#include "log.h"
#include "plugin.h"
#include "router.h"

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
    enum err_code rc =
        router_match(r->arena, r->method, r->path, &r->route, &r->params, &r->allow);
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
    rc = run_handler(r);
    enum err_code commit = db_request_finish(rc == ERR_NONE);
    if (rc != ERR_NONE || commit != ERR_NONE)
        r->session = before; /* a login or registration that was rolled back did not happen */
    if (rc == ERR_NONE && commit != ERR_NONE) {
        r->answered = false; /* what the handler said did not happen */
        r->field_errors.count = 0;
        rc = req_fail(r, commit, "Your change could not be saved; nothing was changed. Please "
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
