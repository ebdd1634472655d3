/*
 * messages.h — the Kaunas plugin's message catalogues (messages.c).
 */
#ifndef KAUNAS_MESSAGES_H
#define KAUNAS_MESSAGES_H

#include "portal_plugin.h"

#include <stddef.h>

extern const struct portal_message kaunas_messages_en[];
extern const struct portal_message kaunas_messages_lt[];
extern const struct portal_message kaunas_ui_lt[];

#endif
