/*
 * db.h — the worker's one PostgreSQL connection, its prepared statements and transactions.
 *
 * Every SQL statement of the portal is a `struct db_stmt` declared next to the code that uses
 * it, with $1..$n parameters: no query text is ever built from input.  A statement is prepared
 * on the connection the first time it runs and then reused (PostgreSQL's prepared statements
 * are worth about half again on short queries); after a reconnect they are prepared again.
 *
 * When PostgreSQL is unreachable, calls fail fast with ERR_UNAVAILABLE and the connection is
 * retried with exponential backoff (100 ms doubling to 2 s) at the start of later requests; the
 * worker never blocks waiting for the database.
 */
#ifndef DB_H
#define DB_H

#include "errors.h"

#include <libpq-fe.h>
#include <stdbool.h>

struct arena;

struct db_stmt {
    const char *name; /* unique, e.g. "listing_get" */
    const char *sql;
    unsigned prepared_generation; /* connection generation it was prepared on */
};

#define DB_STMT(var, sqltext) static struct db_stmt var = {#var, sqltext, 0}

/* Opens the connection to `url` (settings.database_url for serving, admin_database_url for
 * operator commands) with statement_timeout set.  Returns 0, or -1 when PostgreSQL is
 * unreachable (a serving worker still starts; health says "down" and requests get 503). */
int db_open(const char *url);
void db_close(void);

/* Makes sure a connection is there, reconnecting when the backoff allows.  false when down. */
bool db_available(void);

/* Who is acting, for PostgreSQL row-level security: set per transaction with set_config(...,
 * true) as app.person_id, app.org_ids, app.admin_regions and app.super.  Strings are PostgreSQL
 * text forms ("42", "{3,7}", "{kaunas}"); NULL means none. */
struct db_actor {
    const char *person_id;
    const char *org_ids;
    const char *admin_regions;
    bool super;
    const char *time_zone; /* the transaction's TimeZone (what to_char shows), NULL: UTC */
};

/* Starts a request's database work.  With `transactional`, the first statement opens a
 * transaction and records `actor` in it; db_request_finish commits it (success) or rolls it
 * back.  Without, statements run on their own (anonymous reads). */
void db_request_start(const struct db_actor *actor, bool transactional);
/* Ends a request that changed nothing: its transaction, if any, is committed without waiting
 * for the answer (the request's own answer need not wait for it). */
void db_request_finish_reading(void);
/* Changes who acts for the rest of the open transaction (after registration or login, the new
 * person acts).  ERR_NONE or the database error. */
enum err_code db_actor_update(const struct db_actor *actor);
/* Ends the request's database work; returns ERR_NONE, or the commit's error. */
enum err_code db_request_finish(bool success);
/* true while a transaction is open. */
bool db_in_transaction(void);

/* Runs a prepared statement with text parameters (NULL = SQL NULL).  The result is freed with
 * the arena.  Returns NULL on error: see db_error_code() and db_error(). */
PGresult *db_exec(struct arena *a, struct db_stmt *st, int nparams, const char *const *params);

/* The last error: its class as an err_code (UNAVAILABLE for a lost connection or a timeout,
 * CONFLICT for a unique violation or a serialisation failure, INVALID for a check or
 * foreign-key violation, FORBIDDEN for a row-level security refusal, INTERNAL otherwise), its
 * SQLSTATE and PostgreSQL's message. */
enum err_code db_error_code(void);
const char *db_error_sqlstate(void);
const char *db_error(void);

/* Helpers for reading results. */
const char *db_value(const PGresult *res, int row, const char *column);
bool db_is_null(const PGresult *res, int row, const char *column);
long long db_int(const PGresult *res, int row, const char *column);
bool db_bool(const PGresult *res, int row, const char *column);

/* The elements of a one-dimensional PostgreSQL array in text form ("{a,\"b c\",NULL}"), NULL-
 * terminated and arena-owned (SQL NULL elements are skipped).  *count may be NULL. */
const char **db_array(struct arena *a, const char *text, int *count);
/* The elements of an array column of row `row`, as above; an empty list when NULL. */
const char **db_array_value(struct arena *a, const PGresult *res, int row, const char *column,
                            int *count);
/* A PostgreSQL array literal for a list of strings (for $n::text[] parameters), quoting every
 * element; arena-owned. */
const char *db_array_literal(struct arena *a, const char *const *items, int count);

/* Listens on a notification channel (a name written in the program, never input), now and after
 * every reconnection. */
void db_listen(const char *channel);
/* The number of notifications received since the last call (non-blocking). */
int db_notifications(void);

/* The raw connection, for commands (migrate, backup) that run outside requests. */
PGconn *db_conn(void);

/* The database's schema version (0 when nothing is migrated, -1 when unknown). */
int db_schema_version(PGconn *conn);

#endif
