/*
 * ui_it.c — the portal's interface in it (every key of the core's English catalogue), for the
 * matera plugin.  `portal i18n-check` lists any key missing here.
 */
#include "messages.h"

const struct portal_message matera_ui_it[] = {
    {NULL, NULL},
};
