/*
 * messages.h — the Rijeka plugin's message catalogues (messages.c).
 */
#ifndef RIJEKA_MESSAGES_H
#define RIJEKA_MESSAGES_H

#include "portal_plugin.h"

#include <stddef.h>

extern const struct portal_message rijeka_messages_en[];
extern const struct portal_message rijeka_messages_hr[];
extern const struct portal_message rijeka_ui_hr[];

#endif
