/*
 * migrate.c — applies the embedded migrations; see migrate.h.
 *
 * Migration SQL is project text compiled into the binary, never input, so it runs as a simple
 * multi-statement query; everything else here uses parameters.
 */
#include "migrate.h"

#include <stdlib.h>
#include <string.h>

/* An arbitrary constant naming the migration advisory lock. */
#define MIGRATE_LOCK_KEY "727274001"

int migrate_latest_version(void)
{
    return migration_count > 0 ? migrations[migration_count - 1].version : 0;
}

static int command(PGconn *c, const char *sql, char *err, size_t errlen, const char *what)
{
    PGresult *res = PQexec(c, sql);
    int ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
    if (!ok)
        snprintf(err, errlen, "%s: %s", what, PQresultErrorMessage(res));
    PQclear(res);
    return ok ? 0 : -1;
}

static int record(PGconn *c, const struct migration *m, char *err, size_t errlen)
{
    char version[16];
    snprintf(version, sizeof version, "%d", m->version);
    const char *params[] = {version, m->name};
    PGresult *res = PQexecParams(c, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                                 2, NULL, params, NULL, NULL, 0);
    int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok)
        snprintf(err, errlen, "recording migration %s: %s", m->name, PQresultErrorMessage(res));
    PQclear(res);
    return ok ? 0 : -1;
}

static int current_version(PGconn *c, char *err, size_t errlen)
{
    PGresult *res = PQexec(c, "SELECT coalesce(max(version), 0) FROM schema_migrations");
    int v = -1;
    if (PQresultStatus(res) == PGRES_TUPLES_OK)
        v = atoi(PQgetvalue(res, 0, 0));
    else
        snprintf(err, errlen, "reading schema_migrations: %s", PQresultErrorMessage(res));
    PQclear(res);
    return v;
}

static int apply_one(PGconn *c, const struct migration *m, char *err, size_t errlen)
{
    char what[160];
    snprintf(what, sizeof what, "migration sql/%s failed", m->name);
    if (command(c, "BEGIN", err, errlen, what) != 0)
        return -1;
    if (command(c, m->sql, err, errlen, what) != 0 || record(c, m, err, errlen) != 0 ||
        command(c, "COMMIT", err, errlen, what) != 0) {
        PQclear(PQexec(c, "ROLLBACK"));
        return -1;
    }
    return 0;
}

int migrate_run(PGconn *c, FILE *report, char *err, size_t errlen)
{
    if (command(c,
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version integer PRIMARY KEY,"
                " name text NOT NULL,"
                " applied_at timestamptz NOT NULL DEFAULT now())",
                err, errlen, "creating schema_migrations") != 0)
        return -1;
    if (command(c, "SELECT pg_advisory_lock(" MIGRATE_LOCK_KEY ")", err, errlen,
                "taking the migration lock") != 0)
        return -1;
    int applied = 0, have = current_version(c, err, errlen);
    int latest = migrate_latest_version();
    if (have > latest) {
        snprintf(err, errlen,
                 "the database schema is at version %d, newer than this program's %d: refusing "
                 "to migrate (install the newer program)",
                 have, latest);
        applied = -1;
    }
    for (int i = 0; have >= 0 && applied >= 0 && i < migration_count; i++) {
        if (migrations[i].version <= have)
            continue;
        if (apply_one(c, &migrations[i], err, errlen) != 0) {
            applied = -1;
            break;
        }
        fprintf(report, "applied %s\n", migrations[i].name);
        applied++;
    }
    if (have < 0)
        applied = -1;
    PQclear(PQexec(c, "SELECT pg_advisory_unlock(" MIGRATE_LOCK_KEY ")"));
    if (applied == 0)
        fprintf(report, "database is up to date at version %d\n", have);
    return applied;
}
