/*
 * mail.c — (to be written) `portal mail-send`.
 */
#include "commands.h"

int cmd_mail_send(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return 0;
}
