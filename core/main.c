/*
 * main.c — `portal`: global options, the command table and its help.
 */
#include "commands.h"

#include "access.h"
#include "db.h"
#include "i18n.h"
#include "log.h"
#include "migrate.h"
#include "router.h"
#include "server.h"
#include "settings.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *command_config_path;

const struct command commands[] = {
    {"serve", "serve the portal over FastCGI (pre-forked workers)",
     "  (no options: everything is a setting; see `portal --help`)\n"
     "  signals: SIGHUP reloads settings, templates and plugins; SIGTERM/SIGINT drain and stop\n",
     cmd_serve},
    {"migrate", "apply the pending database migrations (admin_database_url)",
     "  --status      print the database's and this program's schema versions, change nothing\n",
     cmd_migrate},
    {"routes",
     "print the route table: method, pattern, action, owner, roles allowed, scope (tab-separated)",
     "", cmd_routes},
    {"check-config",
     "load settings, plugins, catalogues and templates as a worker would, and report problems", "",
     cmd_check_config},
    {"user", "manage people: add (with a role), disable, enable, list",
     "  add --email ADDRESS [--name NAME] [--role member|region-admin|super] [--region SLUG]...\n"
     "                create a person (password read from standard input) or grant a role\n"
     "  disable --email ADDRESS   stop the person logging in and end their sessions\n"
     "  enable --email ADDRESS    let them log in again\n"
     "  list                      everyone: e-mail, name, role, state, organisations\n",
     cmd_user},
    {"demo-data", "load the demo organisations, people, listings and calls (make run, tests)",
     "  --if-empty    do nothing when the database already has people in it\n"
     "  --dir DIR     where the regions' demo files are (default deploy/demo)\n"
     "  --listings N  instead: generate N approved listings (benchmark data, core/demo_bulk.c;\n"
     "                default 100000 when --calls or --seed is given)\n"
     "  --calls N     generate N open calls (default 10000)\n"
     "  --seed S      the generator's seed (default 1): the same seed gives the same data\n",
     cmd_demo_data},
    {"mail-send",
     "deliver the e-mail outbox (sendmail, or files with mail_mode=dir); retry failures",
     "  --limit N     send at most N e-mails this run (default 500)\n", cmd_mail_send},
    {"digest", "queue the weekly digest of matching new calls for each SME person who wants it",
     "  --dry-run     print what would be queued, change nothing\n", cmd_digest},
    {"backup", "write a consistent dump of the whole database (every region) to FILE",
     "  FILE          where to write it (pg_dump custom format)\n", cmd_backup},
    {"restore", "load a dump made by `portal backup` into an empty database",
     "  FILE          the dump to load\n", cmd_restore},
    {"i18n-check",
     "list every message key missing from a language's catalogue (exit status 1 if any)",
     "  --lang CODE   only this language\n", cmd_i18n_check},
    {"version", "print the program's version and schema version", "", cmd_version},
    {NULL, NULL, NULL, NULL},
};

static const struct command *command_find(const char *name)
{
    for (const struct command *c = commands; c->name != NULL; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static void usage(FILE *out)
{
    fprintf(out, "usage: portal [--config FILE] [--set NAME=VALUE]... COMMAND [OPTIONS]\n\n"
                 "The ECoC-SME portal: cultural and creative SMEs, ECoC collaboration calls and "
                 "the matches between them.\n\nCommands (portal COMMAND --help for each):\n");
    for (const struct command *c = commands; c->name != NULL; c++)
        fprintf(out, "  %-14s %s\n", c->name, c->summary);
    fprintf(out, "\nGlobal options:\n"
                 "  --config FILE        settings file (default: $PORTAL_CONFIG, else none; "
                 "deploy/portal.conf is an example)\n"
                 "  --set NAME=VALUE     override one setting\n"
                 "  --help               this text\n\nSettings (file lines \"name = value\"; "
                 "the environment overrides the file):\n");
    settings_describe(out);
}

int command_help(const char *name)
{
    const struct command *c = command_find(name);
    printf("usage: portal %s [OPTIONS]\n\n%s\n\nOptions:\n%s  --help        this text\n", c->name,
           c->summary, c->usage);
    return 0;
}

const char *option_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    const char *arg = argv[*i];
    if (strncmp(arg, name, n) != 0)
        return NULL;
    if (arg[n] == '=')
        return arg + n + 1;
    if (arg[n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        fprintf(stderr, "portal: option %s needs a value\n", name);
        exit(2);
    }
    return argv[++*i];
}

int option_unknown(const char *command, const char *arg)
{
    fprintf(stderr, "portal %s: unknown option \"%s\" (see `portal %s --help`)\n", command, arg,
            command);
    return 2;
}

bool option_number(const char *command, const char *name, const char *v, long min, long max,
                   long *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno != 0 || end == v || *end != '\0' || n < min || n > max) {
        fprintf(stderr, "portal %s: %s must be a whole number from %ld to %ld, not \"%s\"\n",
                command, name, min, max, v);
        return false;
    }
    *out = n;
    return true;
}

int cmd_version(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        return option_unknown(argv[0], argv[i]);
    printf("portal %s, schema version %d\n", PORTAL_VERSION, migrate_latest_version());
    return 0;
}

int cmd_routes(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        return option_unknown(argv[0], argv[i]);
    char err[1024];
    if (worker_setup(err, sizeof err) != 0) {
        fprintf(stderr, "portal routes: %s\n", err);
        return 1;
    }
    for (size_t i = 0; i < router_count(); i++) {
        const struct route *r = router_at(i);
        const struct access_rule *rule = access_rule_find(r->action);
        char roles[128];
        access_role_names(rule ? rule->roles : 0, roles, sizeof roles);
        printf("%s\t%s\t%s\t%s\t%s\t%s\n", r->method, r->pattern, r->action,
               r->owner ? r->owner : "core", roles, rule ? access_scope_name(rule->scope) : "-");
    }
    worker_teardown();
    return 0;
}

int cmd_check_config(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        return option_unknown(argv[0], argv[i]);
    char err[1024];
    if (worker_setup(err, sizeof err) != 0) {
        fprintf(stderr, "portal check-config: %s\n", err);
        return 1;
    }
    printf("settings, plugins, catalogues, routes and templates are fine\n");
    worker_teardown();
    return 0;
}

int cmd_i18n_check(int argc, char **argv)
{
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if ((v = option_value(argc, argv, &i, "--lang")) != NULL)
            only = v;
        else
            return option_unknown(argv[0], argv[i]);
    }
    char err[1024];
    if (worker_setup(err, sizeof err) != 0) {
        fprintf(stderr, "portal i18n-check: %s\n", err);
        return 1;
    }
    int missing = 0;
    for (int l = 1; l < i18n_language_count(); l++) {
        const char *lang = i18n_language_at(l);
        if (only != NULL && strcmp(only, lang) != 0)
            continue;
        int here = 0;
        for (int k = 0; k < i18n_key_count(); k++)
            if (i18n_key_required(lang, k) && !i18n_has(lang, i18n_key_at(k))) {
                printf("%s\t%s\n", lang, i18n_key_at(k));
                here++;
            }
        fprintf(stderr, "%s: %d of %d keys missing\n", lang, here, i18n_key_count());
        missing += here;
    }
    worker_teardown();
    return missing > 0 ? 1 : 0;
}

int cmd_serve(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        return option_unknown(argv[0], argv[i]);
    int level = log_level_parse(settings.log_level);
    log_set_level(level < 0 ? LOG_INFO : (enum log_level)level);
    return server_run(command_config_path);
}

int cmd_migrate(int argc, char **argv)
{
    int status_only = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--status") == 0)
            status_only = 1;
        else
            return option_unknown(argv[0], argv[i]);
    }
    PGconn *c = PQconnectdb(settings.admin_database_url);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "portal migrate: cannot connect (setting admin_database_url): %s",
                PQerrorMessage(c));
        PQfinish(c);
        return 1;
    }
    int rc = 0;
    if (status_only) {
        printf("database schema version %d; this program's %d\n", db_schema_version(c),
               migrate_latest_version());
    } else {
        char err[2048];
        if (migrate_run(c, stdout, err, sizeof err) < 0) {
            fprintf(stderr, "portal migrate: %s\n", err);
            rc = 1;
        }
    }
    PQfinish(c);
    return rc;
}

int main(int argc, char **argv)
{
    int i = 1;
    const char *sets[64];
    int n_sets = 0;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *v;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if ((v = option_value(argc, argv, &i, "--config")) != NULL) {
            command_config_path = v;
        } else if ((v = option_value(argc, argv, &i, "--set")) != NULL && n_sets < 64) {
            sets[n_sets++] = v;
        } else {
            fprintf(stderr, "portal: unknown option \"%s\" (see `portal --help`)\n", argv[i]);
            return 2;
        }
    }
    if (i == argc) {
        usage(stderr);
        return 2;
    }
    const struct command *c = command_find(argv[i]);
    if (c == NULL) {
        fprintf(stderr, "portal: unknown command \"%s\" (see `portal --help`)\n", argv[i]);
        return 2;
    }
    for (int k = i + 1; k < argc; k++)
        if (strcmp(argv[k], "--help") == 0)
            return command_help(c->name);
    char err[1024];
    if (settings_load(command_config_path, err, sizeof err) != 0) {
        fprintf(stderr, "portal: %s\n", err);
        return 2;
    }
    for (int k = 0; k < n_sets; k++)
        if (settings_set(sets[k], "--set", err, sizeof err) != 0) {
            fprintf(stderr, "portal: %s\n", err);
            return 2;
        }
    int rc = c->run(argc - i, argv + i);
    settings_free();
    return rc;
}
