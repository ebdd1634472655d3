/*
 * settings.h — the portal's settings: built-in defaults (fit for a source checkout), then one
 * file (--config FILE or PORTAL_CONFIG; deploy/portal.conf is the production example), then
 * environment overrides (PORTAL_<NAME>, e.g. PORTAL_DATABASE_URL), all described by one table
 * that also drives `portal --help` and the error messages.
 *
 * The settings are loaded once per process (and again by the master on SIGHUP); workers read the
 * global `settings` and never change it.
 */
#ifndef SETTINGS_H
#define SETTINGS_H

#include <stddef.h>
#include <stdio.h>

struct settings {
    char *database_url;        /* the serving role's connection (libpq URL or key=value) */
    char *admin_database_url;  /* the owner role: migrations, operator commands, backups */
    char *socket;              /* unix socket path, or "127.0.0.1:9000" */
    int socket_mode;           /* permissions of the unix socket file (octal in the file) */
    int workers;               /* 0 = number of cores */
    char *plugins;             /* region plugins to load, separated by spaces or commas */
    char *plugin_dir;          /* where <slug>.so live */
    char *template_dir;        /* the core's templates */
    char *plugin_template_dir; /* <dir>/<slug>/templates hold a region's template overrides */
    int request_deadline_ms;   /* a request running longer is cut (the worker restarts) */
    int statement_timeout_ms;  /* PostgreSQL statement_timeout for the serving connection */
    long body_limit;           /* bytes; larger bodies get 413 */
    int max_fields;            /* query + form fields; more get 400 */
    int json_max_depth;        /* nesting of a JSON body; deeper gets 400 */
    int session_idle_minutes;
    int session_absolute_hours;
    char *public_url;       /* how people reach the portal (feeds, e-mails) */
    char *mail_mode;        /* "sendmail" or "dir" */
    char *mail_dir;         /* where "dir" mode writes e-mails */
    char *sendmail;         /* the sendmail program for "sendmail" mode */
    char *common_passwords; /* file of refused passwords, one per line */
    long password_ops;      /* argon2id opslimit; 0 = libsodium's interactive limit */
    long password_mem_kib;  /* argon2id memlimit in KiB; 0 = libsodium's interactive limit */
    int login_fail_account; /* failed logins per account per window before 429 */
    int login_fail_address; /* failed logins per address per window before 429 */
    int login_fail_window_minutes;
    int search_check_seconds; /* how often the search index is compared with listing_index */
    char *log_level;          /* error, warn, info, debug */
};

extern struct settings settings;

/* Loads defaults, then `path` (NULL: $PORTAL_CONFIG if set, else no file), then the environment.
 * On error returns -1 and writes a message naming the file, line and setting into err. */
int settings_load(const char *path, char *err, size_t errlen);

/* Frees the strings of the current settings (before a reload, and at exit for leak checks). */
void settings_free(void);

/* Applies one "name=value" (from a --set option); same errors as the file. */
int settings_set(const char *assignment, const char *source, char *err, size_t errlen);

/* Writes the settings table (name, default, environment variable, description) for --help. */
void settings_describe(FILE *out);

/* The number of workers to start: the setting, or the number of online cores. */
int settings_worker_count(void);

#endif
