/*
 * i18n_en_feeds.c — English texts of the feeds, the CSV export and the e-mail sender.
 */
#include "i18n.h"

#include <stddef.h>

const struct portal_message i18n_en_feeds[] = {
    {NULL, NULL},
};
