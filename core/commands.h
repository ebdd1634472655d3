/*
 * commands.h — the `portal` command line: a table of commands, each with its options.
 *
 * `portal [--config FILE] [--set NAME=VALUE]... COMMAND [OPTIONS]`.  Every command answers
 * --help; an unknown option or a bad value is an error naming it (exit status 2).
 */
#ifndef COMMANDS_H
#define COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

struct command {
    const char *name;
    const char *summary;
    const char *usage;                 /* options, one per line, "  --name VALUE   meaning" */
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
};

extern const struct command commands[];

/* The settings file given with --config (NULL: the default), for commands that reload. */
extern const char *command_config_path;

/* Options: returns the value of --name VALUE or --name=VALUE at argv[*i], advancing *i, or
 * NULL when argv[*i] is not that option.  A missing value is reported and exits 2. */
const char *option_value(int argc, char **argv, int *i, const char *name);
/* Parses a whole-number option value in [min, max] into *out; otherwise reports it, naming
 * the option, and returns false (the caller exits 2). */
bool option_number(const char *command, const char *name, const char *v, long min, long max,
                   long *out);
/* Reports an unknown option of `command` and returns 2. */
int option_unknown(const char *command, const char *arg);
/* Prints a command's help. */
int command_help(const char *name);

/* The commands (one file each, or grouped by concern). */
int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_check_config(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_i18n_check(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_demo_data(int argc, char **argv);
int cmd_mail_send(int argc, char **argv); /* mail.c */
int cmd_digest(int argc, char **argv);    /* digest.c */
int cmd_backup(int argc, char **argv);    /* cmd_backup.c */
int cmd_restore(int argc, char **argv);   /* cmd_backup.c */

#endif
