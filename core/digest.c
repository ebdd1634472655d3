/*
 * digest.c — (to be written) `portal digest`.
 */
#include "commands.h"

int cmd_digest(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return 0;
}
