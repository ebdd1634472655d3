/*
 * cmd_user.c — `portal user add|disable|enable|list`: the operator's account commands.
 *
 * They run as the owner role (admin_database_url) on the command line of the server, so they
 * are trusted; passwords are read from standard input, never from the command line (where
 * `ps` and shell history would show them).
 */
#include "commands.h"

#include "arena.h"
#include "db.h"
#include "password.h"
#include "plugin.h"
#include "settings.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

DB_STMT(user_find, "SELECT id FROM persons WHERE lower(email) = lower($1)");
DB_STMT(user_insert, "INSERT INTO persons (email, name, password_hash) VALUES ($1, $2, $3) "
                     "RETURNING id");
DB_STMT(user_make_super, "UPDATE persons SET is_super = true WHERE id = $1");
DB_STMT(user_make_admin, "INSERT INTO region_admins (person_id, region) VALUES ($1, $2) "
                         "ON CONFLICT DO NOTHING");
DB_STMT(user_set_disabled, "UPDATE persons SET disabled_at = CASE WHEN $2 THEN now() END "
                           "WHERE lower(email) = lower($1) RETURNING id");
DB_STMT(user_end_sessions, "DELETE FROM sessions WHERE person_id = $1");
DB_STMT(user_list,
        "SELECT p.email, p.name, p.is_super, p.disabled_at IS NOT NULL AS disabled, "
        "coalesce((SELECT string_agg(region, ',' ORDER BY region) FROM region_admins a "
        "          WHERE a.person_id = p.id), '') AS admin_of, "
        "coalesce((SELECT string_agg(o.name || ' (' || o.region || ')', '; ' ORDER BY o.name) "
        "          FROM memberships m JOIN organisations o ON o.id = m.org_id "
        "          WHERE m.person_id = p.id), '') AS organisations "
        "FROM persons p ORDER BY p.email");

/* Opens the owner connection and loads the plugins (for region names).  Returns 0 or 1. */
static int user_setup(const char *cmd)
{
    char err[1024];
    if (plugins_load(settings.plugins, settings.plugin_dir, err, sizeof err) != 0 ||
        password_init(err, sizeof err) != 0) {
        fprintf(stderr, "portal user %s: %s\n", cmd, err);
        return 1;
    }
    if (db_open(settings.admin_database_url) != 0) {
        fprintf(stderr,
                "portal user %s: cannot reach the database (setting "
                "admin_database_url): %s\n",
                cmd, db_error());
        return 1;
    }
    return 0;
}

static void user_teardown(void)
{
    db_close();
    password_free();
    plugins_unload();
}

static int read_password(char *out, size_t cap)
{
    if (isatty(STDIN_FILENO))
        fprintf(stderr, "Password (input is not echoed if your terminal hides it): ");
    if (fgets(out, (int)cap, stdin) == NULL)
        return -1;
    out[strcspn(out, "\r\n")] = '\0';
    return 0;
}

static int user_add(struct arena *a, const char *email, const char *name, const char *role,
                    const char **regions, int n_regions)
{
    const char *params[] = {email};
    PGresult *res = db_exec(a, &user_find, 1, params);
    if (res == NULL)
        return fprintf(stderr, "portal user add: %s\n", db_error()), 1;
    const char *id;
    if (PQntuples(res) == 1) {
        id = arena_strdup(a, db_value(res, 0, "id"));
        printf("%s exists; granting the role\n", email);
    } else {
        char password[1100], hash[crypto_pwhash_STRBYTES];
        if (read_password(password, sizeof password) != 0)
            return fprintf(stderr, "portal user add: give the password on standard input\n"), 2;
        const char *problem = password_problem(password, email);
        if (problem != NULL) {
            fprintf(stderr, "portal user add: the password is refused (%s)\n", problem);
            sodium_memzero(password, sizeof password);
            return 2;
        }
        int rc = password_hash(password, hash, sizeof hash);
        sodium_memzero(password, sizeof password);
        if (rc != 0)
            return fprintf(stderr, "portal user add: not enough memory to hash\n"), 1;
        const char *insert[] = {email, name ? name : email, hash};
        if ((res = db_exec(a, &user_insert, 3, insert)) == NULL)
            return fprintf(stderr, "portal user add: %s\n", db_error()), 1;
        id = arena_strdup(a, db_value(res, 0, "id"));
        printf("created %s\n", email);
    }
    const char *who[] = {id};
    if (strcmp(role, "super") == 0 && db_exec(a, &user_make_super, 1, who) == NULL)
        return fprintf(stderr, "portal user add: %s\n", db_error()), 1;
    for (int i = 0; strcmp(role, "region-admin") == 0 && i < n_regions; i++) {
        const char *grant[] = {id, regions[i]};
        if (db_exec(a, &user_make_admin, 2, grant) == NULL)
            return fprintf(stderr, "portal user add: %s\n", db_error()), 1;
        printf("%s administers %s\n", email, regions[i]);
    }
    return 0;
}

static int cmd_user_add(int argc, char **argv)
{
    const char *email = NULL, *role = "member", *name = NULL, *regions[16];
    int n_regions = 0;
    for (int i = 2; i < argc; i++) {
        const char *v;
        if ((v = option_value(argc, argv, &i, "--email")) != NULL)
            email = v;
        else if ((v = option_value(argc, argv, &i, "--role")) != NULL)
            role = v;
        else if ((v = option_value(argc, argv, &i, "--name")) != NULL)
            name = v;
        else if ((v = option_value(argc, argv, &i, "--region")) != NULL && n_regions < 16)
            regions[n_regions++] = v;
        else
            return option_unknown("user add", argv[i]);
    }
    if (email == NULL || strchr(email, '@') == NULL)
        return fprintf(stderr, "portal user add: --email ADDRESS is required\n"), 2;
    if (strcmp(role, "super") != 0 && strcmp(role, "region-admin") != 0 &&
        strcmp(role, "member") != 0)
        return fprintf(stderr,
                       "portal user add: --role must be member, region-admin or super, "
                       "not \"%s\"\n",
                       role),
               2;
    if (strcmp(role, "region-admin") == 0 && n_regions == 0)
        return fprintf(stderr, "portal user add: --role region-admin needs --region SLUG\n"), 2;
    if (user_setup("add") != 0)
        return 1;
    for (int i = 0; i < n_regions; i++)
        if (plugin_find(regions[i]) == NULL) {
            fprintf(stderr,
                    "portal user add: --region \"%s\" is not one of the loaded regions "
                    "(setting plugins)\n",
                    regions[i]);
            user_teardown();
            return 2;
        }
    struct arena *a = arena_new(8192);
    struct db_actor owner = {NULL, NULL, NULL, true, NULL};
    db_request_start(&owner, true);
    int rc = user_add(a, email, name, role, regions, n_regions);
    if (db_request_finish(rc == 0) != ERR_NONE) {
        fprintf(stderr, "portal user add: %s\n", db_error());
        rc = 1;
    }
    arena_free(a);
    user_teardown();
    return rc;
}

static int cmd_user_disable(int argc, char **argv, bool disable)
{
    const char *email = NULL;
    for (int i = 2; i < argc; i++) {
        const char *v;
        if ((v = option_value(argc, argv, &i, "--email")) != NULL)
            email = v;
        else
            return option_unknown(disable ? "user disable" : "user enable", argv[i]);
    }
    if (email == NULL)
        return fprintf(stderr, "portal user: --email ADDRESS is required\n"), 2;
    if (user_setup(disable ? "disable" : "enable") != 0)
        return 1;
    struct arena *a = arena_new(8192);
    db_request_start(NULL, true);
    const char *params[] = {email, disable ? "true" : "false"};
    PGresult *res = db_exec(a, &user_set_disabled, 2, params);
    int rc = 0;
    if (res == NULL || PQntuples(res) != 1) {
        fprintf(stderr, "portal user: %s\n", res ? "nobody has that e-mail address" : db_error());
        rc = 1;
    } else if (disable) {
        const char *who[] = {db_value(res, 0, "id")};
        rc = db_exec(a, &user_end_sessions, 1, who) ? 0 : 1;
    }
    if (db_request_finish(rc == 0) != ERR_NONE)
        rc = 1;
    if (rc == 0)
        printf("%s %s\n", email, disable ? "disabled; their sessions are ended" : "enabled");
    arena_free(a);
    user_teardown();
    return rc;
}

static int cmd_user_list(int argc, char **argv)
{
    for (int i = 2; i < argc; i++)
        return option_unknown("user list", argv[i]);
    if (user_setup("list") != 0)
        return 1;
    struct arena *a = arena_new(8192);
    db_request_start(NULL, false);
    PGresult *res = db_exec(a, &user_list, 0, NULL);
    int rc = res ? 0 : 1;
    for (int i = 0; res && i < PQntuples(res); i++)
        printf("%s\t%s\t%s\t%s\t%s\n", db_value(res, i, "email"), db_value(res, i, "name"),
               db_bool(res, i, "is_super")             ? "super"
               : *db_value(res, i, "admin_of") != '\0' ? db_value(res, i, "admin_of")
                                                       : "-",
               db_bool(res, i, "disabled") ? "disabled" : "active",
               db_value(res, i, "organisations"));
    db_request_finish(true);
    arena_free(a);
    user_teardown();
    return rc;
}

int cmd_user(int argc, char **argv)
{
    if (argc < 2)
        return fprintf(stderr, "portal user: say add, disable, enable or list (portal user "
                               "--help)\n"),
               2;
    if (strcmp(argv[1], "add") == 0)
        return cmd_user_add(argc, argv);
    if (strcmp(argv[1], "disable") == 0)
        return cmd_user_disable(argc, argv, true);
    if (strcmp(argv[1], "enable") == 0)
        return cmd_user_disable(argc, argv, false);
    if (strcmp(argv[1], "list") == 0)
        return cmd_user_list(argc, argv);
    return fprintf(stderr, "portal user: unknown subcommand \"%s\" (portal user --help)\n",
                   argv[1]),
           2;
}
