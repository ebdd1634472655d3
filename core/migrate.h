/*
 * migrate.h — forward-only schema migrations, compiled into the program.
 *
 * sql/NNN_name.sql are embedded at build time (build/gen/migrations.c, made by
 * core/gen_migrations.sh), so a program always knows exactly which schema it was built for and
 * never depends on the directory it runs from.  `portal migrate` applies the pending ones in
 * order, each in its own transaction with its row in schema_migrations, under an advisory lock
 * so that two migrators cannot interleave.
 */
#ifndef MIGRATE_H
#define MIGRATE_H

#include <libpq-fe.h>
#include <stddef.h>
#include <stdio.h>

struct migration {
    int version;
    const char *name; /* file name, "001_core.sql" */
    const char *sql;
};

extern const struct migration migrations[];
extern const int migration_count;

/* The version of the newest embedded migration. */
int migrate_latest_version(void);

/* Applies pending migrations on `conn`, reporting each on `report`.  Returns the number
 * applied, or -1 with err (a failed migration is rolled back and named; a database newer than
 * the program is refused). */
int migrate_run(PGconn *conn, FILE *report, char *err, size_t errlen);

#endif
