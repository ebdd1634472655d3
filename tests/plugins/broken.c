/*
 * broken.c — plugins that must not load, one per way of being wrong, built from this one file
 * with -DBROKEN_<KIND> (see the Makefile).  The tests check that each stops start-up with a
 * message naming the file and the reason.  Never shipped.
 */
#include "portal_plugin.h"

#include <stddef.h>

#ifndef BROKEN_NO_SYMBOL

static const char *const languages[] = {"en", NULL};

static int failing_init(const struct portal_host *host)
{
    host->log(PORTAL_LOG_ERROR, "broken plugin: refusing to start, as designed");
    return -1;
}

static const struct portal_plugin descriptor = {
#ifdef BROKEN_ABI
    .abi_version = PORTAL_PLUGIN_ABI_VERSION + 1,
#else
    .abi_version = PORTAL_PLUGIN_ABI_VERSION,
#endif
#ifdef BROKEN_SIZE
    .struct_size = sizeof(struct portal_plugin) - sizeof(void *),
#else
    .struct_size = sizeof(struct portal_plugin),
#endif
    .slug = "broken",
    .name = "Broken",
    .country = "XX",
    .languages = languages,
#ifndef BROKEN_INCOMPLETE
    .timezone = "Europe/Brussels",
#endif
    .currency = "EUR",
    .ecoc_year = 2000,
    .programme_key = "broken.programme",
    .instrument_key = "broken.instrument",
#ifdef BROKEN_INIT
    .init = failing_init,
#endif
};

const struct portal_plugin *portal_plugin_descriptor(void)
{
    (void)failing_init;
    return &descriptor;
}

#else

/* Exports something, but not the descriptor. */
__attribute__((visibility("default"))) int not_a_portal_plugin(void);
int not_a_portal_plugin(void)
{
    return 42;
}

#endif
