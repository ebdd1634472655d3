/*
 * messages.h — the Leeuwarden-Fryslân plugin's message catalogues (messages.c).
 */
#ifndef LEEUWARDEN_MESSAGES_H
#define LEEUWARDEN_MESSAGES_H

#include "portal_plugin.h"

#include <stddef.h>

extern const struct portal_message leeuwarden_messages_en[];
extern const struct portal_message leeuwarden_messages_nl[];
extern const struct portal_message leeuwarden_messages_fy[];
extern const struct portal_message leeuwarden_ui_nl[];
extern const struct portal_message leeuwarden_ui_fy[];

#endif
