/*
 * demo.c — `portal demo-data`; see demo.h.
 */
#include "demo.h"

#include "arena.h"
#include "commands.h"
#include "db.h"
#include "demo_bulk.h"
#include "password.h"
#include "plugin.h"
#include "settings.h"

#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DB_STMT(demo_people_count, "SELECT count(*) AS n FROM persons");
DB_STMT(demo_person, "INSERT INTO persons (email, name, password_hash, lang, is_super) "
                     "VALUES ($1, $2, $3, $4, $5) RETURNING id");
DB_STMT(demo_admin, "INSERT INTO region_admins (person_id, region) VALUES ($1, $2)");
DB_STMT(demo_org, "INSERT INTO organisations (kind, name, region, business_id, city, website, "
                  "about) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id");
DB_STMT(demo_member, "INSERT INTO memberships (person_id, org_id, role) VALUES ($1, $2, $3)");
DB_STMT(demo_listing, "INSERT INTO listings (org_id, region, status, reason, submitted_at) "
                      "VALUES ($1, $2, $3, $4, now() - make_interval(hours => $5::int)) "
                      "RETURNING id");
DB_STMT(demo_listing_version,
        "INSERT INTO listing_versions (listing_id, kind, lang, title, summary, description, "
        "sectors, subsectors, tags, languages, capacity, price_minor, price_basis, "
        "available_from, available_until, contact_email, contact_phone, submitted_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::text[], $9::text[], $10::text[], $11, "
        "$12, $13, current_date + $14::int, current_date + $15::int, $16, $17, "
        "now() - make_interval(hours => $18::int)) RETURNING id");
DB_STMT(demo_listing_point,
        "UPDATE listings SET latest_version = $2, "
        "live_version = CASE WHEN status = 'approved' THEN $2::bigint END WHERE id = $1");
DB_STMT(demo_listing_index, "SELECT listing_index_refresh($1)");
DB_STMT(demo_call,
        "INSERT INTO calls (org_id, region, status, lang, title, summary, description, programme, "
        "event_title, event_start, event_end, venue, sectors, subsectors, tags, languages, "
        "partners_sought, budget_min_minor, budget_max_minor, deadline, cross_region, document, "
        "submitted_at, opened_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
        "current_date + $10::int, current_date + $11::int, $12, $13::text[], $14::text[], "
        "$15::text[], $16::text[], $17, $18, $19, "
        "((current_date + $20::int) + $21::time) AT TIME ZONE $22, $23, "
        "listing_document($4, $5, $6, $7 || ' ' || $9 || ' ' || $8, $15::text[], $12), "
        "now() - make_interval(hours => $24::int), "
        "CASE WHEN $3 = 'open' THEN now() - make_interval(hours => $24::int - 1) END) "
        "RETURNING id");
DB_STMT(demo_interest,
        "INSERT INTO interests (call_id, listing_id, org_id, call_org_id, region, status, message, "
        "created_at) SELECT c.id, l.id, l.org_id, c.org_id, c.region, $3, $4, "
        "now() - make_interval(hours => $5::int) FROM calls c, listings l "
        "WHERE c.id = $1 AND l.id = $2 RETURNING id, org_id, call_org_id, region");
/* The first member of an organisation: who answers or decides for it in the demo. */
DB_STMT(demo_first_member, "SELECT person_id FROM memberships WHERE org_id = $1 "
                           "ORDER BY person_id LIMIT 1");
DB_STMT(demo_audit, "INSERT INTO audit_log (person_id, region, org_id, entity, entity_id, action, "
                    "from_state, to_state, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                    "$9, now() - make_interval(hours => $10::int))");

/* Keys of one file mapped to database ids. */
struct demo_keys {
    const char *key[256];
    long long id[256];
    const char *kind[256];
    int n;
};

/* What one region's loading needs to remember. */
struct demo_region_state {
    const char *slug;
    long long admin;
    struct demo_keys orgs, listings, calls;
};

static long long keys_find(const struct demo_keys *k, const char *key)
{
    for (int i = 0; key && i < k->n; i++)
        if (strcmp(k->key[i], key) == 0)
            return k->id[i];
    return 0;
}

static const char *str(json_t *o, const char *name)
{
    const char *v = json_string_value(json_object_get(o, name));
    return v ? v : "";
}

static const char *num(struct arena *a, long long v)
{
    return arena_printf(a, "%lld", v);
}

/* An optional integer member as text, NULL when absent or null. */
static const char *opt_int(struct arena *a, json_t *o, const char *name)
{
    json_t *v = json_object_get(o, name);
    return json_is_integer(v) ? num(a, (long long)json_integer_value(v)) : NULL;
}

/* An amount in major units (350.5) as minor units text, NULL when absent. */
static const char *opt_minor(struct arena *a, json_t *o, const char *name)
{
    json_t *v = json_object_get(o, name);
    if (!json_is_number(v))
        return NULL;
    double major = json_number_value(v);
    return num(a, (long long)(major * 100.0 + (major >= 0 ? 0.5 : -0.5)));
}

static const char *strings_literal(struct arena *a, json_t *array)
{
    const char *items[64];
    int n = 0;
    size_t i;
    json_t *v;
    json_array_foreach(array, i, v)
    {
        if (json_is_string(v) && n < 64)
            items[n++] = json_string_value(v);
    }
    return db_array_literal(a, items, n);
}

static int audit_insert(struct arena *a, long long person, const char *region, long long org,
                        const char *entity, long long id, const char *action, const char *from,
                        const char *to, const char *reason, int hours_ago)
{
    const char *params[] = {person ? num(a, person) : NULL,
                            region,
                            num(a, org),
                            entity,
                            num(a, id),
                            action,
                            from,
                            to,
                            reason,
                            num(a, hours_ago)};
    return db_exec(a, &demo_audit, 10, params) ? 0 : -1;
}

static long long person_insert(struct arena *a, const char *email, const char *name,
                               const char *hash, const char *lang, bool super)
{
    const char *params[] = {email, name, hash, lang, super ? "true" : "false"};
    PGresult *res = db_exec(a, &demo_person, 5, params);
    return res ? db_int(res, 0, "id") : -1;
}

static int member_insert(struct arena *a, long long person, long long org, const char *role)
{
    const char *params[] = {arena_printf(a, "%lld", person), arena_printf(a, "%lld", org), role};
    return db_exec(a, &demo_member, 3, params) ? 0 : -1;
}

static int demo_orgs(struct arena *a, const char *slug, json_t *orgs, struct demo_keys *keys,
                     const char *hash, char *err, size_t errlen)
{
    const struct portal_plugin *p = plugin_find(slug)->desc;
    long long first_sme = 0, first_organiser = 0;
    size_t i;
    json_t *o;
    json_array_foreach(orgs, i, o)
    {
        char canonical[64];
        const char *why = NULL, *kind = str(o, "kind");
        if (p->validate_business_id &&
            p->validate_business_id(str(o, "business_id"), canonical, sizeof canonical, &why)) {
            snprintf(err, errlen, "organisation %s: business_id %s refused (%s)", str(o, "key"),
                     str(o, "business_id"), why ? why : "?");
            return -1;
        }
        const char *params[] = {
            kind,           str(o, "name"),
            slug,           p->validate_business_id ? canonical : str(o, "business_id"),
            str(o, "city"), str(o, "website"),
            str(o, "about")};
        PGresult *res = db_exec(a, &demo_org, 7, params);
        if (res == NULL || keys->n == 256) {
            snprintf(err, errlen, "organisation %s: %s", str(o, "key"), db_error());
            return -1;
        }
        long long id = db_int(res, 0, "id");
        keys->key[keys->n] = str(o, "key");
        keys->kind[keys->n] = kind;
        keys->id[keys->n++] = id;
        if (strcmp(kind, "sme") == 0 && first_sme == 0)
            first_sme = id;
        else if (strcmp(kind, "organiser") == 0 && first_organiser == 0)
            first_organiser = id;
        else {
            /* Every other organisation gets a contact who cannot log in (no password). */
            const char *email = arena_printf(a, "%s@%s.example", str(o, "key"), slug);
            long long person = person_insert(a, email, str(o, "name"), NULL, str(o, "lang"), false);
            if (person < 0 || member_insert(a, person, id, "owner") != 0) {
                snprintf(err, errlen, "contact of %s: %s", str(o, "key"), db_error());
                return -1;
            }
        }
    }
    if (first_sme == 0 || first_organiser == 0) {
        snprintf(err, errlen, "the file needs at least one sme and one organiser");
        return -1;
    }
    /* No language setting: the demo people follow their browser, as new people do. */
    long long sme = person_insert(a, arena_printf(a, "sme@%s.example", slug),
                                  arena_printf(a, "%s SME demo", p->name), hash, NULL, false);
    long long org = person_insert(a, arena_printf(a, "organiser@%s.example", slug),
                                  arena_printf(a, "%s organiser demo", p->name), hash, NULL, false);
    if (sme < 0 || org < 0 || member_insert(a, sme, first_sme, "owner") != 0 ||
        member_insert(a, org, first_organiser, "owner") != 0) {
        snprintf(err, errlen, "demo accounts: %s", db_error());
        return -1;
    }
    return 0;
}

static int demo_listing_one(struct arena *a, struct demo_region_state *st, json_t *l, int index,
                            char *err, size_t errlen)
{
    long long org = keys_find(&st->orgs, str(l, "org"));
    const char *status = str(l, "status");
    if (org == 0) {
        snprintf(err, errlen, "listing %s: unknown org \"%s\"", str(l, "key"), str(l, "org"));
        return -1;
    }
    /* Spread the submissions over the past weeks, oldest first in the file order. */
    int hours_ago = 24 * 40 - index * 20;
    const char *reason = strcmp(status, "changes_requested") == 0
                             ? "Please add a price indication and who the offer is for."
                             : NULL;
    const char *params[] = {num(a, org), st->slug, status, reason, num(a, hours_ago)};
    PGresult *res = db_exec(a, &demo_listing, 5, params);
    if (res == NULL)
        goto fail;
    long long id = db_int(res, 0, "id");
    json_t *price = json_object_get(l, "price");
    const char *v[] = {num(a, id),
                       str(l, "kind"),
                       str(l, "lang"),
                       str(l, "title"),
                       str(l, "summary"),
                       str(l, "description"),
                       strings_literal(a, json_object_get(l, "sectors")),
                       strings_literal(a, json_object_get(l, "subsectors")),
                       strings_literal(a, json_object_get(l, "tags")),
                       strings_literal(a, json_object_get(l, "languages")),
                       opt_int(a, l, "capacity"),
                       opt_minor(a, l, "price"),
                       json_is_number(price) ? str(l, "price_basis") : NULL,
                       opt_int(a, l, "available_from_days"),
                       opt_int(a, l, "available_until_days"),
                       str(l, "contact_email"),
                       str(l, "contact_phone"),
                       num(a, hours_ago)};
    if ((res = db_exec(a, &demo_listing_version, 18, v)) == NULL)
        goto fail;
    const char *point[] = {num(a, id), db_value(res, 0, "id")};
    const char *which[] = {num(a, id)};
    if (db_exec(a, &demo_listing_point, 2, point) == NULL ||
        (strcmp(status, "approved") == 0 && db_exec(a, &demo_listing_index, 1, which) == NULL))
        goto fail;
    if (audit_insert(a, 0, st->slug, org, "listing", id, "submitted", NULL, "pending", NULL,
                     hours_ago) != 0 ||
        (strcmp(status, "pending") != 0 &&
         audit_insert(a, st->admin, st->slug, org, "listing", id,
                      strcmp(status, "approved") == 0 ? "approve" : "request_changes", "pending",
                      status, reason, hours_ago - 2) != 0))
        goto fail;
    if (st->listings.n < 256) {
        st->listings.key[st->listings.n] = str(l, "key");
        st->listings.kind[st->listings.n] = status;
        st->listings.id[st->listings.n++] = id;
    }
    return 0;
fail:
    snprintf(err, errlen, "listing %s: %s", str(l, "key"), db_error());
    return -1;
}

static int demo_call_one(struct arena *a, struct demo_region_state *st, json_t *c, int index,
                         char *err, size_t errlen)
{
    long long org = keys_find(&st->orgs, str(c, "org"));
    if (org == 0) {
        snprintf(err, errlen, "call %s: unknown org \"%s\"", str(c, "key"), str(c, "org"));
        return -1;
    }
    const char *status = str(c, "status");
    int hours_ago = 24 * 30 - index * 30;
    const char *time = *str(c, "deadline_time") ? str(c, "deadline_time") : "17:00";
    const char *v[] = {num(a, org),
                       st->slug,
                       status,
                       str(c, "lang"),
                       str(c, "title"),
                       str(c, "summary"),
                       str(c, "description"),
                       str(c, "programme"),
                       str(c, "event_title"),
                       opt_int(a, c, "event_start_days"),
                       opt_int(a, c, "event_end_days"),
                       str(c, "venue"),
                       strings_literal(a, json_object_get(c, "sectors")),
                       strings_literal(a, json_object_get(c, "subsectors")),
                       strings_literal(a, json_object_get(c, "tags")),
                       strings_literal(a, json_object_get(c, "languages")),
                       opt_int(a, c, "partners_sought"),
                       opt_minor(a, c, "budget_min"),
                       opt_minor(a, c, "budget_max"),
                       opt_int(a, c, "deadline_days"),
                       time,
                       plugin_find(st->slug)->desc->timezone,
                       json_is_true(json_object_get(c, "cross_region")) ? "true" : "false",
                       num(a, hours_ago)};
    PGresult *res = db_exec(a, &demo_call, 24, v);
    if (res == NULL) {
        snprintf(err, errlen, "call %s: %s", str(c, "key"), db_error());
        return -1;
    }
    long long id = db_int(res, 0, "id");
    if (audit_insert(a, 0, st->slug, org, "call", id, "submitted", NULL, "pending", NULL,
                     hours_ago) != 0 ||
        (strcmp(status, "open") == 0 &&
         audit_insert(a, st->admin, st->slug, org, "call", id, "approve", "pending", "open", NULL,
                      hours_ago - 1) != 0)) {
        snprintf(err, errlen, "call %s: %s", str(c, "key"), db_error());
        return -1;
    }
    if (st->calls.n < 256) {
        st->calls.key[st->calls.n] = str(c, "key");
        st->calls.id[st->calls.n++] = id;
    }
    return 0;
}

static long long first_member(struct arena *a, long long org)
{
    const char *params[] = {num(a, org)};
    PGresult *res = db_exec(a, &demo_first_member, 1, params);
    return res && PQntuples(res) == 1 ? db_int(res, 0, "person_id") : 0;
}

/* The audit entries of a demo answer (`row`: the inserted interest), written as the portal
 * writes them (core/interest.c): the SME's member submitted it, then the organiser's member
 * decided, or the SME withdrew it, an hour later. */
static int interest_history(struct arena *a, const PGresult *row, const char *status, int hours_ago)
{
    long long id = db_int(row, 0, "id"), call_org = db_int(row, 0, "call_org_id");
    long long sme = first_member(a, db_int(row, 0, "org_id"));
    const char *region = db_value(row, 0, "region");
    if (audit_insert(a, sme, region, call_org, "interest", id, "submitted", NULL, "submitted", NULL,
                     hours_ago) != 0)
        return -1;
    const char *action = strcmp(status, "shortlisted") == 0 ? "shortlist"
                         : strcmp(status, "accepted") == 0  ? "accept"
                         : strcmp(status, "declined") == 0  ? "decline"
                         : strcmp(status, "withdrawn") == 0 ? "withdrawn"
                                                            : NULL;
    if (action == NULL)
        return 0;
    long long who = strcmp(status, "withdrawn") == 0 ? sme : first_member(a, call_org);
    return audit_insert(a, who, region, call_org, "interest", id, action, "submitted", status, NULL,
                        hours_ago - 1);
}

static int demo_interest_one(struct arena *a, struct demo_region_state *st, json_t *i, int index,
                             char *err, size_t errlen)
{
    long long call = keys_find(&st->calls, str(i, "call"));
    long long listing = keys_find(&st->listings, str(i, "listing"));
    if (call == 0 || listing == 0) {
        snprintf(err, errlen, "interest %d: unknown call \"%s\" or listing \"%s\"", index,
                 str(i, "call"), str(i, "listing"));
        return -1;
    }
    const char *v[] = {num(a, call), num(a, listing), str(i, "status"), str(i, "message"),
                       num(a, 24 * 10 - index * 5)};
    PGresult *res = db_exec(a, &demo_interest, 5, v);
    if (res == NULL || PQntuples(res) != 1) {
        snprintf(err, errlen, "interest %d: %s", index, res ? "not inserted" : db_error());
        return -1;
    }
    if (interest_history(a, res, str(i, "status"), 24 * 10 - index * 5) != 0) {
        snprintf(err, errlen, "interest %d: %s", index, db_error());
        return -1;
    }
    return 0;
}

static int demo_each(struct arena *a, struct demo_region_state *st, json_t *items,
                     int (*one)(struct arena *, struct demo_region_state *, json_t *, int, char *,
                                size_t),
                     char *err, size_t errlen)
{
    size_t i;
    json_t *item;
    json_array_foreach(items, i, item)
    {
        if (one(a, st, item, (int)i, err, errlen) != 0)
            return -1;
    }
    return 0;
}

int demo_region(struct arena *a, const char *slug, json_t *doc, const char *hash, char *err,
                size_t errlen)
{
    const struct plugin *p = plugin_find(slug);
    long long admin =
        person_insert(a, arena_printf(a, "admin@%s.example", slug),
                      arena_printf(a, "%s admin demo", p->desc->name), hash, NULL, false);
    const char *grant[] = {arena_printf(a, "%lld", admin), slug};
    if (admin < 0 || db_exec(a, &demo_admin, 2, grant) == NULL) {
        snprintf(err, errlen, "admin@%s.example: %s", slug, db_error());
        return -1;
    }
    struct demo_region_state *st = arena_calloc(a, 1, sizeof *st);
    st->slug = slug;
    st->admin = admin;
    if (demo_orgs(a, slug, json_object_get(doc, "organisations"), &st->orgs, hash, err, errlen) !=
            0 ||
        demo_each(a, st, json_object_get(doc, "listings"), demo_listing_one, err, errlen) != 0 ||
        demo_each(a, st, json_object_get(doc, "calls"), demo_call_one, err, errlen) != 0 ||
        demo_each(a, st, json_object_get(doc, "interests"), demo_interest_one, err, errlen) != 0)
        return -1;
    return 0;
}

static int demo_load_all(struct arena *a, const char *dir, const char *hash, char *err,
                         size_t errlen)
{
    if (person_insert(a, "super@portal.example", "Portal super admin", hash, NULL, true) < 0) {
        snprintf(err, errlen, "super@portal.example: %s", db_error());
        return -1;
    }
    for (int i = 0; i < plugin_count(); i++) {
        const char *slug = plugin_at(i)->desc->slug;
        char path[1024], inner[768];
        snprintf(path, sizeof path, "%s/%s.json", dir, slug);
        json_error_t je;
        json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
        if (doc == NULL) {
            snprintf(err, errlen, "%s: %s (line %d)", path, je.text, je.line);
            return -1;
        }
        int rc = demo_region(a, slug, doc, hash, inner, sizeof inner);
        json_decref(doc);
        if (rc != 0) {
            snprintf(err, errlen, "%s: %s", path, inner);
            return -1;
        }
        printf("loaded the demo data of %s\n", slug);
    }
    return 0;
}

int cmd_demo_data(int argc, char **argv)
{
    bool if_empty = false, bulk = false;
    const char *dir = "deploy/demo";
    long listings = 100000, calls = 10000, seed = 1;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (strcmp(argv[i], "--if-empty") == 0)
            if_empty = true;
        else if ((v = option_value(argc, argv, &i, "--dir")) != NULL)
            dir = v;
        else if ((v = option_value(argc, argv, &i, "--listings")) != NULL) {
            if (!option_number(argv[0], "--listings", v, 0, 10000000, &listings))
                return 2;
            bulk = true;
        } else if ((v = option_value(argc, argv, &i, "--calls")) != NULL) {
            if (!option_number(argv[0], "--calls", v, 0, 1000000, &calls))
                return 2;
            bulk = true;
        } else if ((v = option_value(argc, argv, &i, "--seed")) != NULL) {
            if (!option_number(argv[0], "--seed", v, 0, LONG_MAX, &seed))
                return 2;
            bulk = true;
        } else
            return option_unknown(argv[0], argv[i]);
    }
    char err[1024];
    if (plugins_load(settings.plugins, settings.plugin_dir, err, sizeof err) != 0 ||
        password_init(err, sizeof err) != 0) {
        fprintf(stderr, "portal demo-data: %s\n", err);
        return 1;
    }
    const char *password = getenv("DEMO_PASSWORD");
    if (password == NULL || *password == '\0')
        password = "ecoc-demo-password";
    char hash[crypto_pwhash_STRBYTES];
    int rc = 1;
    struct arena *a = arena_new(1 << 16);
    if (password_hash(password, hash, sizeof hash) != 0) {
        fprintf(stderr, "portal demo-data: not enough memory to hash the demo password\n");
    } else if (db_open(settings.admin_database_url) != 0) {
        fprintf(stderr,
                "portal demo-data: cannot reach the database (setting "
                "admin_database_url): %s\n",
                db_error());
    } else {
        db_request_start(NULL, true);
        PGresult *res = db_exec(a, &demo_people_count, 0, NULL);
        if (res != NULL && if_empty && db_int(res, 0, "n") > 0) {
            printf("the database already has people in it: demo data not loaded again\n");
            rc = 0;
        } else if (res != NULL &&
                   (bulk ? demo_bulk(a, listings, calls, (unsigned long)seed, err, sizeof err)
                         : demo_load_all(a, dir, hash, err, sizeof err)) == 0) {
            rc = 0;
        } else {
            fprintf(stderr, "portal demo-data: %s; nothing was loaded\n", res ? err : db_error());
        }
        if (db_request_finish(rc == 0) != ERR_NONE) {
            fprintf(stderr, "portal demo-data: %s; nothing was loaded\n", db_error());
            rc = 1;
        }
    }
    arena_free(a);
    db_close();
    password_free();
    plugins_unload();
    return rc;
}
