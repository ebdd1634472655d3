/*
 * cmd_backup.c — `portal backup FILE` and `portal restore [--force] FILE`.
 *
 * Both run PostgreSQL's own tools (pg_dump, pg_restore of PG_BINDIR) through fork and exec, no
 * shell, as the owner role (setting admin_database_url):
 *
 * - The owner owns every table and none forces row-level security on its owner, so it reads
 *   every row of every region.  pg_dump turns row security off for its session and fails, rather
 *   than writing a partial dump, if a policy would ever hide a row.  (The role ecoc_backup, with
 *   BYPASSRLS and pg_read_all_data, can do the same for an operator who wants a read-only
 *   credential: `portal --set admin_database_url=... backup FILE`.)
 * - The dump is pg_dump's custom format, one consistent snapshot of the whole database taken
 *   while the portal serves.  It is written to FILE.partial, mode 0600 (it holds personal data
 *   and password hashes), synced, and renamed to FILE only when complete: a FILE that exists is
 *   a whole dump.
 * - A restore loads the dump in one transaction (all or nothing) and refuses a database that
 *   already has tables unless --force, which drops what the dump holds first, still in that one
 *   transaction.  Then it runs ANALYZE and says whether the schema needs `portal migrate`.
 *
 * The connection string goes to the tools as --dbname without its password; the password, if
 * the string has one, goes in PGPASSWORD in the tool's environment (the command line of any
 * process is visible to every local user, its environment is not).
 */
#include "commands.h"

#include "migrate.h"
#include "db.h"
#include "settings.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PG_BINDIR
#define PG_BINDIR "/usr/lib/postgresql/15/bin"
#endif

/* The connection string split for a tool: key=value pairs without the password, and the
 * password alone (NULL if there is none). */
struct tool_conn {
    char *conninfo;
    char *password;
};

static void append_quoted(char **out, size_t *len, size_t *cap, const char *key, const char *val)
{
    size_t need = strlen(key) + 2 * strlen(val) + 6;
    if (*len + need >= *cap) {
        *cap = (*len + need) * 2;
        *out = realloc(*out, *cap);
        if (*out == NULL) {
            fprintf(stderr, "portal: out of memory\n");
            exit(1);
        }
    }
    char *p = *out + *len;
    if (*len > 0)
        *p++ = ' ';
    p += sprintf(p, "%s='", key);
    for (const char *v = val; *v; v++) {
        if (*v == '\'' || *v == '\\')
            *p++ = '\\';
        *p++ = *v;
    }
    *p++ = '\'';
    *p = '\0';
    *len = (size_t)(p - *out);
}

static int tool_conn_make(const char *cmd, const char *url, struct tool_conn *tc)
{
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(url, &err);
    if (opts == NULL) {
        fprintf(stderr, "portal %s: the setting admin_database_url is not a connection string: %s",
                cmd, err ? err : "out of memory\n");
        PQfreemem(err);
        return -1;
    }
    size_t len = 0, cap = 256;
    tc->conninfo = calloc(1, cap);
    tc->password = NULL;
    for (PQconninfoOption *o = opts; tc->conninfo != NULL && o->keyword != NULL; o++) {
        if (o->val == NULL)
            continue;
        if (strcmp(o->keyword, "password") == 0)
            tc->password = strdup(o->val);
        else
            append_quoted(&tc->conninfo, &len, &cap, o->keyword, o->val);
    }
    PQconninfoFree(opts);
    if (tc->conninfo == NULL) {
        fprintf(stderr, "portal %s: out of memory\n", cmd);
        return -1;
    }
    return 0;
}

static void tool_conn_free(struct tool_conn *tc)
{
    free(tc->conninfo);
    if (tc->password != NULL) {
        memset(tc->password, 0, strlen(tc->password));
        free(tc->password);
    }
}

/* Runs PG_BINDIR/argv[0] with argv, waits for it.  Its standard error is ours (its messages
 * reach the operator as they are); its standard output too unless quiet.  Files it creates are
 * private to the owner.  Returns its exit status, 128 + signal, or -1 if it could not start. */
static int run_tool(const char *cmd, char *const argv[], const char *password, bool quiet)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", PG_BINDIR, argv[0]);
    if (access(path, X_OK) != 0) {
        fprintf(stderr, "portal %s: %s is missing (install postgresql-client-15): %s\n", cmd, path,
                strerror(errno));
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "portal %s: cannot start %s: %s\n", cmd, argv[0], strerror(errno));
        return -1;
    }
    if (pid == 0) {
        umask(077);
        if (password != NULL)
            setenv("PGPASSWORD", password, 1);
        if (quiet) {
            int null = open("/dev/null", O_WRONLY);
            if (null >= 0)
                dup2(null, STDOUT_FILENO);
        }
        execv(path, argv);
        fprintf(stderr, "portal %s: cannot run %s: %s\n", cmd, path, strerror(errno));
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            fprintf(stderr, "portal %s: waiting for %s: %s\n", cmd, argv[0], strerror(errno));
            return -1;
        }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static PGconn *owner_connect(const char *cmd)
{
    PGconn *c = PQconnectdb(settings.admin_database_url);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "portal %s: cannot connect (setting admin_database_url): %s", cmd,
                PQerrorMessage(c));
        PQfinish(c);
        return NULL;
    }
    return c;
}

/* One number from a one-row, one-column query (-1 on error). */
static long long query_number(PGconn *c, const char *sql)
{
    PGresult *res = PQexec(c, sql);
    long long v = -1;
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
        v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return v;
}

/* Tables, views and sequences outside PostgreSQL's own schemas. */
static long long user_relations(PGconn *c)
{
    return query_number(c,
                        "SELECT count(*) FROM pg_class k JOIN pg_namespace n "
                        "ON n.oid = k.relnamespace WHERE k.relkind IN ('r', 'p', 'v', 'm', 'S') "
                        "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                        "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'");
}

static bool has_table(PGconn *c, const char *name)
{
    const char *params[] = {name};
    PGresult *res =
        PQexecParams(c, "SELECT to_regclass($1) IS NOT NULL", 1, NULL, params, NULL, NULL, 0);
    bool yes = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
               strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    return yes;
}

/* Writes `path`'s directory entry to disk after a rename. */
static void sync_directory_of(const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(copy);
}

int cmd_backup(int argc, char **argv)
{
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return option_unknown(argv[0], argv[i]);
        if (file != NULL) {
            fprintf(stderr, "portal backup: one FILE only (see `portal backup --help`)\n");
            return 2;
        }
        file = argv[i];
    }
    if (file == NULL) {
        fprintf(stderr, "portal backup: where should the dump go? usage: portal backup FILE\n");
        return 2;
    }
    struct stat st;
    if (stat(file, &st) == 0 && !S_ISREG(st.st_mode)) {
        fprintf(stderr, "portal backup: %s exists and is not a regular file\n", file);
        return 1;
    }
    PGconn *c = owner_connect("backup");
    if (c == NULL)
        return 1;
    int version = db_schema_version(c);
    PQfinish(c);

    struct tool_conn tc;
    if (tool_conn_make("backup", settings.admin_database_url, &tc) != 0)
        return 1;
    char *partial = NULL, *file_opt = NULL, *db_opt = NULL;
    if (asprintf(&partial, "%s.partial", file) < 0 ||
        asprintf(&file_opt, "--file=%s", partial) < 0 ||
        asprintf(&db_opt, "--dbname=%s", tc.conninfo) < 0) {
        fprintf(stderr, "portal backup: out of memory\n");
        return 1;
    }
    unlink(partial); /* a leftover of an interrupted run */
    char *args[] = {
        "pg_dump", "--format=custom", "--no-password", "--lock-wait-timeout=60s", file_opt, db_opt,
        NULL};
    int rc = run_tool("backup", args, tc.password, false);
    tool_conn_free(&tc);
    free(file_opt);
    free(db_opt);
    if (rc != 0) {
        unlink(partial);
        if (rc > 0)
            fprintf(stderr,
                    "portal backup: pg_dump failed (exit status %d, its message above); %s was "
                    "not written\n",
                    rc, file);
        free(partial);
        return 1;
    }
    /* pg_dump has synced the file; the rename makes it FILE only now that it is whole. */
    if (rename(partial, file) != 0) {
        fprintf(stderr, "portal backup: cannot rename %s to %s: %s\n", partial, file,
                strerror(errno));
        unlink(partial);
        free(partial);
        return 1;
    }
    free(partial);
    sync_directory_of(file);
    long long size = stat(file, &st) == 0 ? (long long)st.st_size : -1;
    printf("backup: wrote %s (%lld bytes, pg_dump custom format, schema version %d)\n", file, size,
           version);
    return 0;
}

int cmd_restore(int argc, char **argv)
{
    char *file = NULL; /* argv's own string: pg_restore's argument */
    bool force = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--force") == 0)
            force = true;
        else if (argv[i][0] == '-' && argv[i][1] != '\0')
            return option_unknown(argv[0], argv[i]);
        else if (file != NULL) {
            fprintf(stderr, "portal restore: one FILE only (see `portal restore --help`)\n");
            return 2;
        } else
            file = argv[i];
    }
    if (file == NULL) {
        fprintf(stderr, "portal restore: which dump? usage: portal restore [--force] FILE\n");
        return 2;
    }
    if (access(file, R_OK) != 0) {
        fprintf(stderr, "portal restore: cannot read %s: %s\n", file, strerror(errno));
        return 1;
    }
    /* Is it a dump at all?  Asked before the database is touched. */
    char *list_args[] = {"pg_restore", "--list", file, NULL};
    int rc = run_tool("restore", list_args, NULL, true);
    if (rc != 0) {
        if (rc > 0)
            fprintf(stderr,
                    "portal restore: %s is not a dump made by `portal backup` (pg_restore cannot "
                    "read it); nothing was changed\n",
                    file);
        return 1;
    }

    PGconn *c = owner_connect("restore");
    if (c == NULL)
        return 1;
    long long relations = user_relations(c);
    if (relations < 0) {
        fprintf(stderr, "portal restore: cannot list what the database \"%s\" holds: %s", PQdb(c),
                PQerrorMessage(c));
        PQfinish(c);
        return 1;
    }
    if (relations > 0) {
        char what[160] = "";
        if (has_table(c, "schema_migrations")) {
            int version = db_schema_version(c);
            long long people =
                has_table(c, "persons") ? query_number(c, "SELECT count(*) FROM persons") : -1;
            if (people >= 0)
                snprintf(what, sizeof what, ", schema version %d, %lld people", version, people);
            else
                snprintf(what, sizeof what, ", schema version %d", version);
        }
        if (!force) {
            fprintf(stderr,
                    "portal restore: refused: the database \"%s\" (setting admin_database_url) "
                    "already has data (%lld tables, views and sequences%s). Restore into a new, "
                    "empty database (created as in deploy/setup-database.sql), or add --force to "
                    "drop what the dump holds and load the dump in its place. Nothing was "
                    "changed.\n",
                    PQdb(c), relations, what);
            PQfinish(c);
            return 1;
        }
        fprintf(stderr,
                "portal restore: --force: replacing what the database \"%s\" holds (%lld tables, "
                "views and sequences%s)\n",
                PQdb(c), relations, what);
    }
    PQfinish(c);

    struct tool_conn tc;
    if (tool_conn_make("restore", settings.admin_database_url, &tc) != 0)
        return 1;
    char *db_opt = NULL;
    if (asprintf(&db_opt, "--dbname=%s", tc.conninfo) < 0) {
        fprintf(stderr, "portal restore: out of memory\n");
        return 1;
    }
    char *args[10] = {"pg_restore", "--no-password", "--exit-on-error", "--single-transaction",
                      db_opt};
    int n = 5;
    if (relations > 0) {
        args[n++] = "--clean";
        args[n++] = "--if-exists";
    }
    args[n++] = file;
    args[n] = NULL;
    rc = run_tool("restore", args, tc.password, false);
    tool_conn_free(&tc);
    free(db_opt);
    if (rc != 0) {
        if (rc > 0)
            fprintf(stderr,
                    "portal restore: pg_restore failed (exit status %d, its message above); it "
                    "ran in one transaction, so the database is as it was before\n",
                    rc);
        return 1;
    }

    if ((c = owner_connect("restore")) == NULL)
        return 1;
    /* Statistics are not in a dump: without them the first queries plan blind. */
    PGresult *res = PQexec(c, "SET client_min_messages = error; ANALYZE");
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        fprintf(stderr, "portal restore: ANALYZE failed (run it before serving): %s",
                PQresultErrorMessage(res));
    PQclear(res);
    int have = db_schema_version(c), want = migrate_latest_version();
    printf("restore: loaded %s into the database \"%s\"; schema version %d", file, PQdb(c), have);
    if (have < want)
        printf(", this program needs %d: run `portal migrate` before serving\n", want);
    else if (have > want)
        printf(", newer than this program's %d: serve it with the program that made it\n", want);
    else
        printf(", the same as this program's\n");
    PQfinish(c);
    return 0;
}
