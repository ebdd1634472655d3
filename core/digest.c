/*
 * digest.c — `portal digest [--dry-run]`: the weekly e-mail of new calls that fit an SME's
 * offers, put into the outbox (`portal mail-send` delivers it).
 *
 * For each person who wants it (persons.digest_weekly), belongs to an SME with public listings
 * and has had no digest for 7 days (persons.digest_sent_at): the open calls opened since
 * max(digest_sent_at, now() - 7 days) that fit any of those listings with a score of at least
 * MATCH_DIGEST_MINIMUM (match.h), best first, at most DIGEST_CALLS of them.  If there are any,
 * one e-mail in the person's language (their setting, else their SME's region's) and
 * digest_sent_at = now(), in one transaction per person; the claim on digest_sent_at is taken
 * first, so two runs at once still send one digest.  Runs as the owner role
 * (admin_database_url), like the other operator commands.  Meant to run from cron, hourly or
 * daily: each person gets at most one digest in any 7 days.
 */
#include "commands.h"

#include "arena.h"
#include "buf.h"
#include "db.h"
#include "i18n.h"
#include "match.h"
#include "plugin.h"
#include "settings.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIGEST_CALLS    10 /* calls listed in one e-mail */
#define DIGEST_LISTINGS 50 /* a person's newest public listings considered */

DB_STMT(digest_people,
        "SELECT p.id, p.email, p.name, coalesce(p.lang, '') AS lang, "
        "greatest(coalesce(p.digest_sent_at, '-infinity'), now() - interval '7 days')::text "
        "  AS since, "
        "(SELECT coalesce(array_agg(m.org_id ORDER BY m.org_id), '{}') FROM memberships m "
        "  WHERE m.person_id = p.id) AS org_ids, "
        "(SELECT coalesce(array_agg(m.org_id ORDER BY m.org_id), '{}') FROM memberships m "
        "  JOIN organisations o ON o.id = m.org_id WHERE m.person_id = p.id "
        "  AND o.kind = 'sme') AS sme_org_ids, "
        "(SELECT o.region FROM memberships m JOIN organisations o ON o.id = m.org_id "
        "  WHERE m.person_id = p.id AND o.kind = 'sme' ORDER BY o.id LIMIT 1) AS region "
        "FROM persons p WHERE p.digest_weekly AND p.disabled_at IS NULL "
        "AND (p.digest_sent_at IS NULL OR p.digest_sent_at < now() - interval '7 days') "
        "AND EXISTS (SELECT 1 FROM memberships m JOIN organisations o ON o.id = m.org_id "
        "            JOIN listing_index li ON li.org_id = m.org_id "
        "            WHERE m.person_id = p.id AND o.kind = 'sme') "
        "ORDER BY p.id");
DB_STMT(digest_listings,
        "SELECT li.listing_id FROM listing_index li WHERE li.org_id = ANY ($1::bigint[]) "
        "ORDER BY li.seq DESC LIMIT $2");
DB_STMT(digest_claim, "UPDATE persons SET digest_sent_at = now() WHERE id = $1 AND digest_weekly "
                      "AND (digest_sent_at IS NULL OR digest_sent_at < now() - interval '7 days') "
                      "RETURNING id");
DB_STMT(digest_mail, "INSERT INTO outbox (person_id, to_address, subject, body, lang, kind) "
                     "VALUES ($1, $2, $3, $4, $5, 'digest')");

/* One person's digest in the making. */
struct digest {
    const struct match_item *calls[DIGEST_LISTINGS * DIGEST_CALLS];
    int n;
};

static const char *reader_language(const char *setting, const char *region)
{
    if (setting && *setting && i18n_supported(setting))
        return setting;
    const struct plugin *p = region ? plugin_find(region) : NULL;
    return p ? p->desc->languages[0] : "en";
}

/* Adds a listing's matches, each call once with its best score. */
static void digest_merge(struct digest *dg, const struct match_result *res)
{
    for (int i = 0; i < res->n_items; i++) {
        int k = 0;
        while (k < dg->n && dg->calls[k]->id != res->items[i].id)
            k++;
        if (k == dg->n && dg->n < DIGEST_LISTINGS * DIGEST_CALLS)
            dg->calls[dg->n++] = &res->items[i];
        else if (k < dg->n && res->items[i].score > dg->calls[k]->score)
            dg->calls[k] = &res->items[i];
    }
}

static int digest_order(const void *x, const void *y)
{
    const struct match_item *a = *(const struct match_item *const *)x;
    const struct match_item *b = *(const struct match_item *const *)y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* The calls that fit the person's listings, best first, at most DIGEST_CALLS. */
static enum err_code digest_collect(struct arena *a, PGresult *people, int row, const char *lang,
                                    struct digest *dg)
{
    const char *params[] = {db_value(people, row, "sme_org_ids"),
                            arena_printf(a, "%d", DIGEST_LISTINGS)};
    PGresult *listings = db_exec(a, &digest_listings, 2, params);
    if (listings == NULL)
        return db_error_code();
    struct match_options o = {.lang = lang,
                              .exclude_orgs = db_value(people, row, "org_ids"),
                              .opened_after = db_value(people, row, "since"),
                              .min_score = MATCH_DIGEST_MINIMUM,
                              .limit = DIGEST_CALLS};
    dg->n = 0;
    for (int i = 0; i < PQntuples(listings); i++) {
        struct match_result *res = arena_calloc(a, 1, sizeof *res);
        enum err_code rc = match_listing_calls(a, db_int(listings, i, "listing_id"), &o, res);
        if (rc != ERR_NONE)
            return rc;
        digest_merge(dg, res);
    }
    qsort(dg->calls, (size_t)dg->n, sizeof dg->calls[0], digest_order);
    if (dg->n > DIGEST_CALLS)
        dg->n = DIGEST_CALLS;
    return ERR_NONE;
}

/* The e-mail's body: the calls, then the footer every portal e-mail has. */
static const char *digest_body(struct arena *a, const char *lang, const char *name,
                               const struct digest *dg)
{
    struct buf lines;
    buf_init(&lines);
    for (int i = 0; i < dg->n; i++) {
        const struct match_item *c = dg->calls[i];
        if (i > 0)
            buf_puts(&lines, "\n\n");
        buf_puts(&lines,
                 i18n_format(a, lang, "mail.digest.line", "title", c->title, "score",
                             arena_printf(a, "%d", c->score), "url",
                             arena_printf(a, "%s/calls/%lld", settings.public_url, c->id), NULL));
    }
    const char *calls = arena_strdup(a, lines.data ? lines.data : "");
    buf_free(&lines);
    const char *body = i18n_format(a, lang, "mail.digest.body", "name", name, "calls", calls,
                                   "count", arena_printf(a, "%d", dg->n), NULL);
    const char *footer = i18n_format(
        a, lang, "mail.footer", "url", arena_printf(a, "%s/dashboard", settings.public_url),
        "account", arena_printf(a, "%s/account", settings.public_url), NULL);
    return arena_printf(a, "%s\n\n%s\n", body, footer);
}

/* One person, in one transaction: claim, collect, queue (or print).  *sent counts e-mails. */
static int digest_person(struct arena *a, PGresult *people, int row, bool dry_run, int *sent)
{
    static const struct db_actor owner = {NULL, NULL, NULL, true, NULL};
    const char *id[] = {db_value(people, row, "id")};
    db_request_start(&owner, true);
    PGresult *claim = dry_run ? NULL : db_exec(a, &digest_claim, 1, id);
    if (!dry_run && (claim == NULL || PQntuples(claim) != 1)) {
        db_request_finish(false);
        return claim == NULL ? 1 : 0; /* an error, or another run took this person */
    }
    const char *lang =
        reader_language(db_value(people, row, "lang"), db_value(people, row, "region"));
    const char *email = db_value(people, row, "email");
    struct digest *dg = arena_calloc(a, 1, sizeof *dg);
    if (digest_collect(a, people, row, lang, dg) != ERR_NONE) {
        fprintf(stderr, "portal digest: %s: %s\n", email, db_error());
        db_request_finish(false);
        return 1;
    }
    if (dg->n == 0) { /* nothing new: no e-mail, and the claim is given back */
        db_request_finish(false);
        return 0;
    }
    const char *subject =
        i18n_format(a, lang, "mail.digest.subject", "count", arena_printf(a, "%d", dg->n), NULL);
    const char *body = digest_body(a, lang, db_value(people, row, "name"), dg);
    if (dry_run) {
        printf("To: %s\nSubject: %s\nLanguage: %s\n\n%s\n", email, subject, lang, body);
        db_request_finish(false);
        (*sent)++;
        return 0;
    }
    const char *mail[] = {id[0], email, subject, body, lang};
    if (db_exec(a, &digest_mail, 5, mail) == NULL || db_request_finish(true) != ERR_NONE) {
        fprintf(stderr, "portal digest: %s: %s\n", email, db_error());
        db_request_finish(false);
        return 1;
    }
    (*sent)++;
    return 0;
}

static int digest_run(bool dry_run)
{
    struct arena *a = arena_new(1 << 16);
    db_request_start(NULL, false);
    PGresult *people = db_exec(a, &digest_people, 0, NULL);
    db_request_finish(people != NULL);
    if (people == NULL) {
        fprintf(stderr, "portal digest: %s\n", db_error());
        arena_free(a);
        return 1;
    }
    struct arena *each = arena_new(1 << 16);
    int sent = 0, failed = 0;
    for (int i = 0; i < PQntuples(people); i++) {
        failed += digest_person(each, people, i, dry_run, &sent);
        arena_reset(each);
    }
    printf("portal digest: %d e-mail%s %s, %d %s checked%s\n", sent, sent == 1 ? "" : "s",
           dry_run ? "would be queued (dry run: nothing changed)" : "queued", PQntuples(people),
           PQntuples(people) == 1 ? "person" : "people", failed ? "; some failed, see above" : "");
    arena_free(each);
    arena_free(a);
    return failed ? 1 : 0;
}

int cmd_digest(int argc, char **argv)
{
    bool dry_run = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--dry-run") == 0)
            dry_run = true;
        else
            return option_unknown(argv[0], argv[i]);
    }
    char err[1024];
    if (plugins_load(settings.plugins, settings.plugin_dir, err, sizeof err) != 0 ||
        i18n_init(err, sizeof err) != 0) {
        fprintf(stderr, "portal digest: %s\n", err);
        plugins_unload();
        return 1;
    }
    int rc = 1;
    if (db_open(settings.admin_database_url) != 0)
        fprintf(stderr,
                "portal digest: cannot reach the database (setting admin_database_url): "
                "%s\n",
                db_error());
    else
        rc = digest_run(dry_run);
    db_close();
    i18n_free();
    plugins_unload();
    return rc;
}
