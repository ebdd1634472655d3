/*
 * messages.h — the Timișoara plugin's message catalogues (messages.c).
 */
#ifndef TIMISOARA_MESSAGES_H
#define TIMISOARA_MESSAGES_H

#include "portal_plugin.h"

#include <stddef.h>

extern const struct portal_message timisoara_messages_en[];
extern const struct portal_message timisoara_messages_ro[];
extern const struct portal_message timisoara_ui_ro[];

#endif
