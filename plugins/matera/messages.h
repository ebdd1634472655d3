/*
 * messages.h — the Matera plugin's message catalogues (messages.c).
 */
#ifndef MATERA_MESSAGES_H
#define MATERA_MESSAGES_H

#include "portal_plugin.h"

#include <stddef.h>

extern const struct portal_message matera_messages_en[];
extern const struct portal_message matera_messages_it[];
extern const struct portal_message matera_ui_it[];

#endif
