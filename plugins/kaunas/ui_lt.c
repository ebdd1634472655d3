/*
 * ui_lt.c — the portal's interface in lt (every key of the core's English catalogue), for the
 * kaunas plugin.  `portal i18n-check` lists any key missing here.
 */
#include "messages.h"

const struct portal_message kaunas_ui_lt[] = {
    {NULL, NULL},
};
