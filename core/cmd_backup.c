/*
 * cmd_backup.c — (to be written) `portal backup FILE` and `portal restore FILE`.
 */
#include "commands.h"

int cmd_backup(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return 1;
}

int cmd_restore(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return 1;
}
