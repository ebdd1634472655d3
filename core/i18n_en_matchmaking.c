/*
 * i18n_en_matchmaking.c — English texts of matchmaking: match pages, reasons, the digest.
 */
#include "i18n.h"

#include <stddef.h>

const struct portal_message i18n_en_matchmaking[] = {
    {NULL, NULL},
};
