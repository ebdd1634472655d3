/*
 * db.c — the worker's PostgreSQL connection; see db.h.
 *
 * State: one connection, its generation (bumped at each reconnect, so statements know to
 * prepare again), the backoff clock, the request's actor and transaction flags, and the last
 * error.  Single-threaded by design: one worker process, one connection.
 */
#include "db.h"

#include "arena.h"
#include "http.h"
#include "log.h"
#include "migrate.h"
#include "settings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static PGconn *conn;
static char *conn_url;
static unsigned generation = 1;
static long long retry_at_us; /* no reconnect attempt before this */
static long long backoff_us = 100000;

static const struct db_actor *actor;
static bool want_transaction, in_transaction;

static const char *channels[8];
static int n_channels;
static int pending_notifications;

static enum err_code last_code;
static char last_sqlstate[6];
static char last_message[512];

static void set_error(enum err_code code, const char *sqlstate, const char *message)
{
    last_code = code;
    snprintf(last_sqlstate, sizeof last_sqlstate, "%s", sqlstate ? sqlstate : "");
    snprintf(last_message, sizeof last_message, "%s", message ? message : "");
    size_t n = strlen(last_message);
    while (n > 0 && (last_message[n - 1] == '\n' || last_message[n - 1] == ' '))
        last_message[--n] = '\0';
}

enum err_code db_error_code(void)
{
    return last_code;
}

const char *db_error_sqlstate(void)
{
    return last_sqlstate;
}

const char *db_error(void)
{
    return last_message;
}

PGconn *db_conn(void)
{
    return conn;
}

static void mark_down(void)
{
    if (conn != NULL) {
        PQfinish(conn);
        conn = NULL;
    }
    in_transaction = false;
    retry_at_us = now_us() + backoff_us;
    backoff_us = backoff_us * 2 > 2000000 ? 2000000 : backoff_us * 2;
}

#define ACTOR_SQL                                                                                  \
    "SELECT set_config('app.person_id', $1, true), set_config('app.org_ids', $2, true), "          \
    "set_config('app.admin_regions', $3, true), set_config('app.super', $4, true), "               \
    "set_config('TimeZone', $5, true)"

/* Session settings of the serving connection; values come from settings, never from input. */
static int connection_configure(void)
{
    char timeout[32];
    snprintf(timeout, sizeof timeout, "%d", settings.statement_timeout_ms);
    const char *params[] = {timeout};
    PGresult *res = PQexecParams(conn,
                                 "SELECT set_config('statement_timeout', $1, false), "
                                 "set_config('application_name', 'ecoc-portal', false), "
                                 "set_config('idle_in_transaction_session_timeout', '60000', "
                                 "false), "
                                 /* JIT compiles a statement whose estimate looks large, at
                                  * every execution: tens of milliseconds for queries that
                                  * run in a fraction of one (the matchmaking windows). */
                                 "set_config('jit', 'off', false)",
                                 1, NULL, params, NULL, NULL, 0);
    int ok = PQresultStatus(res) == PGRES_TUPLES_OK;
    if (ok) { /* the actor statement of every transaction (transaction_open) */
        PQclear(res);
        res = PQprepare(conn, "db_actor", ACTOR_SQL, 5, NULL);
        ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    }
    if (!ok)
        set_error(ERR_UNAVAILABLE, PQresultErrorField(res, PG_DIAG_SQLSTATE),
                  PQresultErrorMessage(res));
    PQclear(res);
    return ok ? 0 : -1;
}

static int connect_now(void)
{
    conn = PQconnectdb(conn_url);
    if (PQstatus(conn) != CONNECTION_OK) {
        set_error(ERR_UNAVAILABLE, "08006", PQerrorMessage(conn));
        log_warn("PostgreSQL is unreachable (check the connection setting: database_url, or "
                 "admin_database_url for commands): %s",
                 last_message);
        mark_down();
        return -1;
    }
    if (connection_configure() != 0) {
        log_warn("PostgreSQL connection setup failed: %s", last_message);
        mark_down();
        return -1;
    }
    int have = db_schema_version(conn), want = migrate_latest_version();
    if (have != want) {
        set_error(ERR_UNAVAILABLE, "",
                  have > want ? "the database schema is newer than this program"
                              : "the database schema is older than this program");
        log_error("database schema is version %d, this program needs %d: %s", have, want,
                  have > want ? "install the newer program" : "run `portal migrate`");
        mark_down();
        return -1;
    }
    generation++;
    backoff_us = 100000;
    for (int i = 0; i < n_channels; i++) {
        char sql[96];
        snprintf(sql, sizeof sql, "LISTEN %s", channels[i]);
        PQclear(PQexec(conn, sql));
    }
    pending_notifications++; /* what was announced while we were away is unknown */
    return 0;
}

void db_listen(const char *channel)
{
    for (int i = 0; i < n_channels; i++)
        if (strcmp(channels[i], channel) == 0)
            return;
    if (n_channels == 8)
        return;
    channels[n_channels++] = channel;
    if (conn != NULL && PQstatus(conn) == CONNECTION_OK) {
        char sql[96];
        snprintf(sql, sizeof sql, "LISTEN %s", channel);
        PQclear(PQexec(conn, sql));
    }
}

int db_notifications(void)
{
    if (conn != NULL && PQstatus(conn) == CONNECTION_OK && PQconsumeInput(conn)) {
        PGnotify *n;
        while ((n = PQnotifies(conn)) != NULL) {
            pending_notifications++;
            PQfreemem(n);
        }
    }
    int count = pending_notifications;
    pending_notifications = 0;
    return count;
}

int db_open(const char *url)
{
    db_close();
    conn_url = strdup(url);
    if (conn_url == NULL)
        return -1;
    retry_at_us = 0;
    return connect_now();
}

void db_close(void)
{
    if (conn != NULL)
        PQfinish(conn);
    conn = NULL;
    free(conn_url);
    conn_url = NULL;
    in_transaction = false;
}

bool db_available(void)
{
    if (conn != NULL && PQstatus(conn) == CONNECTION_OK)
        return true;
    if (conn != NULL)
        mark_down();
    if (conn_url == NULL || now_us() < retry_at_us)
        return false;
    return connect_now() == 0;
}

/* Maps a failed result to the core's error classes. */
static enum err_code classify(const PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (state == NULL || PQstatus(conn) != CONNECTION_OK)
        return ERR_UNAVAILABLE;
    if (strncmp(state, "08", 2) == 0 || strncmp(state, "53", 2) == 0 ||
        strncmp(state, "57", 2) == 0) /* connection, resources, timeout or shutdown */
        return ERR_UNAVAILABLE;
    if (strcmp(state, "23505") == 0 || strncmp(state, "40", 2) == 0)
        return ERR_CONFLICT;
    if (strncmp(state, "23", 2) == 0 || strncmp(state, "22", 2) == 0)
        return ERR_INVALID;
    if (strcmp(state, "42501") == 0)
        return ERR_FORBIDDEN;
    return ERR_INTERNAL;
}

static bool result_failed(PGresult *res)
{
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
        return false;
    enum err_code code = classify(res);
    set_error(code, res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : "08006",
              res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
    if (code == ERR_INTERNAL)
        log_error("database: %s (SQLSTATE %s)", last_message, last_sqlstate);
    if (PQstatus(conn) != CONNECTION_OK)
        mark_down();
    return true;
}

static bool simple_command(const char *sql)
{
    PGresult *res = PQexec(conn, sql);
    bool ok = !result_failed(res);
    PQclear(res);
    return ok;
}

static void actor_params(const struct db_actor *who, const char *params[5])
{
    static const struct db_actor none = {NULL, NULL, NULL, false, NULL};
    if (who == NULL)
        who = &none;
    params[0] = who->person_id ? who->person_id : "";
    params[1] = who->org_ids ? who->org_ids : "{}";
    params[2] = who->admin_regions ? who->admin_regions : "{}";
    params[3] = who->super ? "on" : "off";
    params[4] = who->time_zone ? who->time_zone : "UTC";
}

/* Records who acts in the open transaction (set_config(..., true) ends with it). */
static bool actor_record(const struct db_actor *who)
{
    const char *params[5];
    actor_params(who, params);
    PGresult *res = PQexecPrepared(conn, "db_actor", 5, params, NULL, NULL, 0);
    bool ok = !result_failed(res);
    PQclear(res);
    return ok;
}

/* Reads and drops the answers still owed on the connection (a COMMIT sent without waiting,
 * db_request_finish_reading): libpq sends nothing new before they are read. */
static void results_drain(void)
{
    PGresult *res;
    for (int i = 0; i < 8 && (res = PQgetResult(conn)) != NULL; i++)
        PQclear(res);
}

/* BEGIN, the actor and, when `st` is not NULL, the request's first statement in one round trip:
 * sent in libpq's pipeline mode, then their answers read in order (each query's result, a NULL
 * after it, then the sync).  On success *first (when asked for) holds the statement's result. */
static bool transaction_open(struct db_stmt *st, int nparams, const char *const *params,
                             PGresult **first)
{
    const char *who[5];
    actor_params(actor, who);
    results_drain();
    if (!PQenterPipelineMode(conn) ||
        !PQsendQueryParams(conn, "BEGIN", 0, NULL, NULL, NULL, NULL, 0) ||
        !PQsendQueryPrepared(conn, "db_actor", 5, who, NULL, NULL, 0) ||
        (st != NULL && !PQsendQueryPrepared(conn, st->name, nparams, params, NULL, NULL, 0)) ||
        !PQpipelineSync(conn)) {
        set_error(ERR_UNAVAILABLE, "08006", PQerrorMessage(conn));
        mark_down();
        return false;
    }
    PGresult *failure = NULL, *answer = NULL;
    bool synced = false;
    for (int i = 0, query = 0; !synced && i < 16; i++) {
        PGresult *res = PQgetResult(conn);
        if (res == NULL) { /* the end of one query's results */
            if (PQstatus(conn) != CONNECTION_OK)
                break;
            query++;
            continue;
        }
        ExecStatusType status = PQresultStatus(res);
        bool good = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
        synced = status == PGRES_PIPELINE_SYNC;
        if (good && query == 2 && answer == NULL)
            answer = res;
        else if (!good && !synced && status != PGRES_PIPELINE_ABORTED && failure == NULL)
            failure = res; /* the first error, kept for its message */
        else
            PQclear(res);
    }
    bool left = synced && PQexitPipelineMode(conn);
    PGTransactionStatusType ts = conn != NULL ? PQtransactionStatus(conn) : PQTRANS_UNKNOWN;
    in_transaction = left && (ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR);
    if (failure == NULL && left && in_transaction && (st == NULL || answer != NULL)) {
        if (first != NULL)
            *first = answer;
        else
            PQclear(answer);
        return true;
    }
    PQclear(answer);
    if (failure != NULL || left) {
        result_failed(failure); /* the error (NULL: the connection's); marks a lost one down */
        PQclear(failure);
    } else {
        set_error(ERR_UNAVAILABLE, "08006", PQerrorMessage(conn));
    }
    if (!left && conn != NULL)
        mark_down(); /* a connection stuck in pipeline mode is of no further use */
    return false;
}

enum err_code db_actor_update(const struct db_actor *who)
{
    if (!db_available())
        return ERR_UNAVAILABLE;
    if (want_transaction && !in_transaction && !transaction_open(NULL, 0, NULL, NULL))
        return last_code;
    return actor_record(who) ? ERR_NONE : last_code;
}

void db_request_start(const struct db_actor *who, bool transactional)
{
    actor = who;
    want_transaction = transactional;
    last_code = ERR_NONE;
    last_message[0] = last_sqlstate[0] = '\0';
}

enum err_code db_request_finish(bool success)
{
    enum err_code rc = ERR_NONE;
    if (in_transaction && conn != NULL) {
        if (success && !simple_command("COMMIT"))
            rc = last_code;
        else if (!success)
            simple_command("ROLLBACK");
    }
    in_transaction = false;
    actor = NULL;
    want_transaction = false;
    return rc;
}

void db_request_finish_reading(void)
{
    /* A transaction that only read has nothing to lose: its COMMIT is sent and not waited for.
     * PostgreSQL ends the transaction on receipt; libpq reads the answer before the next
     * statement (PQexec* first drains what is left), long after it has arrived. */
    if (in_transaction && conn != NULL) {
        results_drain();
        if (!PQsendQuery(conn, "COMMIT")) {
            set_error(ERR_UNAVAILABLE, "08006", PQerrorMessage(conn));
            mark_down();
        }
    }
    in_transaction = false;
    actor = NULL;
    want_transaction = false;
}

bool db_in_transaction(void)
{
    return in_transaction;
}

static void clear_result(void *res)
{
    PQclear(res);
}

static bool statement_prepare(struct db_stmt *st)
{
    PGresult *res = PQprepare(conn, st->name, st->sql, 0, NULL);
    bool ok = !result_failed(res);
    PQclear(res);
    if (!ok) {
        log_error("cannot prepare statement %s: %s", st->name, last_message);
        return false;
    }
    st->prepared_generation = generation;
    return true;
}

PGresult *db_exec(struct arena *a, struct db_stmt *st, int nparams, const char *const *params)
{
    if (!db_available()) {
        if (last_code == ERR_NONE)
            set_error(ERR_UNAVAILABLE, "08006", "PostgreSQL is unreachable");
        return NULL;
    }
    if (st->prepared_generation != generation && !statement_prepare(st))
        return NULL;
    PGresult *res = NULL;
    if (want_transaction && !in_transaction) {
        /* The request's first statement goes with its BEGIN: one round trip for all three. */
        if (!transaction_open(st, nparams, params, &res))
            return NULL;
    } else {
        res = PQexecPrepared(conn, st->name, nparams, params, NULL, NULL, 0);
        if (result_failed(res)) {
            PQclear(res);
            return NULL;
        }
    }
    arena_defer(a, clear_result, res);
    return res;
}

const char *db_value(const PGresult *res, int row, const char *column)
{
    int col = PQfnumber(res, column);
    if (col < 0 || row >= PQntuples(res) || PQgetisnull(res, row, col))
        return NULL;
    return PQgetvalue(res, row, col);
}

bool db_is_null(const PGresult *res, int row, const char *column)
{
    return db_value(res, row, column) == NULL;
}

long long db_int(const PGresult *res, int row, const char *column)
{
    const char *v = db_value(res, row, column);
    return v ? strtoll(v, NULL, 10) : 0;
}

bool db_bool(const PGresult *res, int row, const char *column)
{
    const char *v = db_value(res, row, column);
    return v != NULL && v[0] == 't';
}

int db_schema_version(PGconn *c)
{
    PGresult *res = PQexec(c, "SELECT coalesce(max(version), 0) FROM schema_migrations");
    int v = -1;
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
        v = atoi(PQgetvalue(res, 0, 0));
    else if (state != NULL && strcmp(state, "42P01") == 0)
        v = 0; /* no table yet: nothing migrated */
    PQclear(res);
    return v;
}

const char **db_array(struct arena *a, const char *text, int *count)
{
    size_t len = text ? strlen(text) : 0;
    /* At most one element per comma, plus one. */
    size_t cap = 2;
    for (size_t i = 0; i < len; i++)
        cap += text[i] == ',';
    const char **items = arena_calloc(a, cap, sizeof *items);
    int n = 0;
    if (len < 2 || text[0] != '{') {
        if (count)
            *count = 0;
        return items;
    }
    char *buf = arena_alloc(a, len + 1);
    const char *p = text + 1;
    while (*p && *p != '}') {
        char *o = buf;
        bool quoted = *p == '"';
        if (quoted) {
            p++;
            while (*p && *p != '"') {
                if (*p == '\\' && p[1])
                    p++;
                *o++ = *p++;
            }
            if (*p == '"')
                p++;
        } else {
            while (*p && *p != ',' && *p != '}')
                *o++ = *p++;
        }
        *o = '\0';
        if (quoted || strcmp(buf, "NULL") != 0)
            items[n++] = arena_strdup(a, buf);
        if (*p == ',')
            p++;
    }
    items[n] = NULL;
    if (count)
        *count = n;
    return items;
}

const char **db_array_value(struct arena *a, const PGresult *res, int row, const char *column,
                            int *count)
{
    return db_array(a, db_value(res, row, column), count);
}

const char *db_array_literal(struct arena *a, const char *const *items, int count)
{
    size_t cap = 3;
    for (int i = 0; i < count; i++)
        cap += 2 * strlen(items[i]) + 3;
    char *out = arena_alloc(a, cap), *o = out;
    *o++ = '{';
    for (int i = 0; i < count; i++) {
        if (i > 0)
            *o++ = ',';
        *o++ = '"';
        for (const char *p = items[i]; *p; p++) {
            if (*p == '"' || *p == '\\')
                *o++ = '\\';
            *o++ = *p;
        }
        *o++ = '"';
    }
    *o++ = '}';
    *o = '\0';
    return out;
}
