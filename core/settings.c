/*
 * settings.c — the settings table, the file parser and the environment overrides.
 *
 * One row per setting: the table is the single place that knows a setting's name, type, default,
 * bounds and meaning.  Parsing never half-applies: a bad value leaves the setting as it was and
 * returns an error naming the source ("deploy/portal.conf:12" or "PORTAL_WORKERS").
 */
#include "settings.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct settings settings;

enum setting_type { SET_STR, SET_INT, SET_OCTAL, SET_LONG };

struct setting_def {
    const char *name;
    enum setting_type type;
    size_t offset;
    const char *fallback;
    long min, max;
    const char *help;
};

#define S(field) offsetof(struct settings, field)

static const struct setting_def defs[] = {
    {"database_url", SET_STR, S(database_url), "postgresql:///ecoc", 0, 0,
     "PostgreSQL connection of the serving role (libpq URL or key=value string)"},
    {"admin_database_url", SET_STR, S(admin_database_url), "postgresql:///ecoc", 0, 0,
     "PostgreSQL connection of the owner role: migrate, user, demo-data, backup, restore"},
    {"socket", SET_STR, S(socket), "var/run/portal.sock", 0, 0,
     "FastCGI socket: a unix socket path or 127.0.0.1:PORT (an inherited socket from systemd "
     "or spawn-fcgi is used instead when present)"},
    {"socket_mode", SET_OCTAL, S(socket_mode), "0660", 0, 0777,
     "permissions of the unix socket file, in octal"},
    {"workers", SET_INT, S(workers), "0", 0, 256, "worker processes; 0 = one per core"},
    {"plugins", SET_STR, S(plugins), "kaunas rijeka timisoara matera leeuwarden", 0, 0,
     "region plugins to load, by slug (or path to a .so), separated by spaces or commas"},
    {"plugin_dir", SET_STR, S(plugin_dir), "build/plugins", 0, 0,
     "directory holding <slug>.so for each plugin named by slug"},
    {"template_dir", SET_STR, S(template_dir), "templates", 0, 0,
     "directory of the core's templates"},
    {"plugin_template_dir", SET_STR, S(plugin_template_dir), "plugins", 0, 0,
     "<dir>/<slug>/templates holds a region's template overrides (several dirs: separate by "
     "spaces)"},
    {"request_deadline_ms", SET_INT, S(request_deadline_ms), "10000", 100, 600000,
     "a request still running after this many milliseconds is cut and its worker restarted"},
    {"statement_timeout_ms", SET_INT, S(statement_timeout_ms), "5000", 10, 600000,
     "PostgreSQL statement_timeout of the serving connection, in milliseconds"},
    {"body_limit", SET_LONG, S(body_limit), "1048576", 1024, 1073741824,
     "largest request body accepted, in bytes (larger: 413)"},
    {"max_fields", SET_INT, S(max_fields), "256", 8, 100000,
     "most query-string plus form fields in one request (more: 400)"},
    {"json_max_depth", SET_INT, S(json_max_depth), "32", 2, 1000,
     "deepest nesting of arrays and objects accepted in a JSON body (deeper: 400)"},
    {"session_idle_minutes", SET_INT, S(session_idle_minutes), "120", 1, 525600,
     "a session unused this long expires"},
    {"session_absolute_hours", SET_INT, S(session_absolute_hours), "336", 1, 87600,
     "a session expires this long after login, used or not"},
    {"public_url", SET_STR, S(public_url), "http://127.0.0.1:8080", 0, 0,
     "the address people use to reach the portal (links in feeds and e-mails)"},
    {"mail_mode", SET_STR, S(mail_mode), "sendmail", 0, 0,
     "how `portal mail-send` delivers: sendmail or dir"},
    {"mail_dir", SET_STR, S(mail_dir), "var/mail", 0, 0, "where mail_mode=dir writes e-mails"},
    {"sendmail", SET_STR, S(sendmail), "/usr/sbin/sendmail", 0, 0,
     "the sendmail program used by mail_mode=sendmail"},
    {"common_passwords", SET_STR, S(common_passwords), "deploy/common-passwords.txt", 0, 0,
     "file of refused common passwords, one per line"},
    {"password_ops", SET_LONG, S(password_ops), "0", 0, 100,
     "argon2id time cost for new password hashes; 0 = libsodium's interactive limit"},
    {"password_mem_kib", SET_LONG, S(password_mem_kib), "0", 0, 4194304,
     "argon2id memory for new password hashes, in KiB; 0 = libsodium's interactive limit"},
    {"login_fail_account", SET_INT, S(login_fail_account), "5", 1, 1000,
     "failed logins for one account within the window before answering 429"},
    {"login_fail_address", SET_INT, S(login_fail_address), "20", 1, 100000,
     "failed logins from one address within the window before answering 429"},
    {"login_fail_window_minutes", SET_INT, S(login_fail_window_minutes), "15", 1, 1440,
     "the throttling window, in minutes"},
    {"search_check_seconds", SET_INT, S(search_check_seconds), "60", 1, 86400,
     "how often each worker compares its search index with listing_index (and rebuilds it when "
     "they differ)"},
    {"log_level", SET_STR, S(log_level), "info", 0, 0, "error, warn, info or debug"},
};

#define NDEFS (sizeof defs / sizeof defs[0])

static const struct setting_def *setting_find(const char *name, size_t len)
{
    for (size_t i = 0; i < NDEFS; i++)
        if (strlen(defs[i].name) == len && strncmp(defs[i].name, name, len) == 0)
            return &defs[i];
    return NULL;
}

static int setting_apply(const struct setting_def *d, const char *value, const char *source,
                         char *err, size_t errlen)
{
    char *slot = (char *)&settings + d->offset;
    if (d->type == SET_STR) {
        char *copy = strdup(value);
        if (copy == NULL) {
            snprintf(err, errlen, "%s: out of memory", source);
            return -1;
        }
        free(*(char **)slot);
        *(char **)slot = copy;
        return 0;
    }
    char *end = NULL;
    errno = 0;
    long v = strtol(value, &end, d->type == SET_OCTAL ? 8 : 10);
    if (errno != 0 || end == value || *end != '\0' || v < d->min || v > d->max) {
        snprintf(err, errlen, "%s: setting %s must be %s from %ld to %ld, not \"%s\"", source,
                 d->name, d->type == SET_OCTAL ? "an octal number" : "a whole number", d->min,
                 d->max, value);
        return -1;
    }
    if (d->type == SET_LONG)
        *(long *)slot = v;
    else
        *(int *)slot = (int)v;
    return 0;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

static int settings_parse_line(char *line, const char *source, char *err, size_t errlen)
{
    char *s = trim(line);
    if (*s == '\0' || *s == '#')
        return 0;
    char *eq = strchr(s, '=');
    if (eq == NULL) {
        snprintf(err, errlen, "%s: expected \"name = value\", found \"%.60s\"", source, s);
        return -1;
    }
    *eq = '\0';
    char *name = trim(s), *value = trim(eq + 1);
    const struct setting_def *d = setting_find(name, strlen(name));
    if (d == NULL) {
        snprintf(err, errlen, "%s: unknown setting \"%.60s\" (see `portal --help` for the list)",
                 source, name);
        return -1;
    }
    return setting_apply(d, value, source, err, errlen);
}

static int settings_read_file(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        snprintf(err, errlen, "cannot read settings file %s: %s", path, strerror(errno));
        return -1;
    }
    char line[4096], source[PATH_MAX + 32];
    int lineno = 0, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f) != NULL) {
        lineno++;
        snprintf(source, sizeof source, "%s:%d", path, lineno);
        rc = settings_parse_line(line, source, err, errlen);
    }
    fclose(f);
    return rc;
}

/* "PORTAL_" followed by the setting's name in upper case. */
static void environment_name(const struct setting_def *d, char *var, size_t cap)
{
    size_t n = (size_t)snprintf(var, cap, "PORTAL_");
    for (const char *p = d->name; *p && n < cap - 1; p++)
        var[n++] = (char)toupper((unsigned char)*p);
    var[n] = '\0';
}

static int settings_read_environment(char *err, size_t errlen)
{
    for (size_t i = 0; i < NDEFS; i++) {
        char var[96];
        environment_name(&defs[i], var, sizeof var);
        const char *v = getenv(var);
        if (v != NULL && setting_apply(&defs[i], v, var, err, errlen) != 0)
            return -1;
    }
    return 0;
}

void settings_free(void)
{
    for (size_t i = 0; i < NDEFS; i++)
        if (defs[i].type == SET_STR) {
            char **slot = (char **)((char *)&settings + defs[i].offset);
            free(*slot);
            *slot = NULL;
        }
}

int settings_load(const char *path, char *err, size_t errlen)
{
    settings_free();
    memset(&settings, 0, sizeof settings);
    for (size_t i = 0; i < NDEFS; i++)
        if (setting_apply(&defs[i], defs[i].fallback, "built-in default", err, errlen) != 0)
            return -1;
    if (path == NULL)
        path = getenv("PORTAL_CONFIG");
    if (path != NULL && settings_read_file(path, err, errlen) != 0)
        return -1;
    return settings_read_environment(err, errlen);
}

int settings_set(const char *assignment, const char *source, char *err, size_t errlen)
{
    char line[4096];
    snprintf(line, sizeof line, "%s", assignment);
    return settings_parse_line(line, source, err, errlen);
}

void settings_describe(FILE *out)
{
    for (size_t i = 0; i < NDEFS; i++) {
        char var[96];
        environment_name(&defs[i], var, sizeof var);
        fprintf(out, "  %-22s %s\n  %-22s default: %s; environment: %s\n", defs[i].name,
                defs[i].help, "", defs[i].fallback, var);
    }
}

int settings_worker_count(void)
{
    if (settings.workers > 0)
        return settings.workers;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 2;
}
