/*
 * i18n_en.c — the core's English catalogue: every text the core shows, by key.
 *
 * Keys are grouped by page ("listing.form.title") and shared ones by concern ("nav.",
 * "error.", "field."). Placeholders are {lower_case}. Every key here must exist in every
 * region language's catalogue: `portal i18n-check` (run by make check) lists the missing.
 */
#include "i18n.h"
#include "portal_plugin.h"

#include <stddef.h>

const struct portal_message i18n_en[] = {
    /* the site */
    {"site.name", "ECoC-SME portal"},
    {"site.tagline", "Cultural and creative SMEs and the European Capitals of Culture, working together"},
    {"language.name", "English"},
    {"nav.skip", "Skip to the content"},
    {"nav.main", "Main"},
    {"nav.home", "Home"},
    {"nav.listings", "Offers"},
    {"nav.calls", "Calls"},
    {"nav.regions", "Regions"},
    {"nav.login", "Log in"},
    {"nav.register", "Register"},
    {"nav.logout", "Log out"},
    {"nav.account", "Account"},
    {"nav.dashboard", "My dashboard"},
    {"nav.inbox", "Inbox"},
    {"nav.unread", "{count} unread"},
    {"nav.moderation", "Moderation"},
    {"nav.language", "Language"},
    {"nav.change_language", "Change"},
    {"footer.about", "A peer-support platform for the cultural and creative industries of the European Capitals of Culture Kaunas, Rijeka, Timișoara, Matera and Leeuwarden-Fryslân."},
    {"footer.api", "Open data: JSON API"},

    /* countries */
    {"country.LT", "Lithuania"},
    {"country.HR", "Croatia"},
    {"country.RO", "Romania"},
    {"country.IT", "Italy"},
    {"country.NL", "Netherlands"},

    /* home and region pages */
    {"home.title", "Find partners for culture"},
    {"home.intro", "Local cultural and creative businesses publish what they offer; the organisers of the European Capitals of Culture post calls for partners and suppliers; the portal brings the two together, across five regions."},
    {"home.regions", "The regions"},
    {"home.ecoc", "European Capital of Culture {year}"},
    {"region.ecoc_year", "European Capital of Culture"},
    {"region.programme", "Programme"},
    {"region.instrument", "Regional policy instrument"},
    {"region.country", "Country"},
    {"region.visit", "Visit {name}"},

    /* errors */
    {"error.ok.title", "Done"},
    {"error.ok.text", "Done."},
    {"error.bad_request.title", "That request could not be read"},
    {"error.bad_request.text", "Something in the request was malformed. Go back, check what you typed and try again."},
    {"error.unauthenticated.title", "Please log in"},
    {"error.unauthenticated.text", "You need to log in to do this."},
    {"error.forbidden.title", "Not allowed"},
    {"error.forbidden.text", "Your account may not do this. If you think it should, ask your region's administrators."},
    {"error.not_found.title", "Page not found"},
    {"error.not_found.text", "There is nothing at this address. It may have moved, or the link may be mistyped."},
    {"error.method_not_allowed.title", "Not possible here"},
    {"error.method_not_allowed.text", "This address does not accept that kind of request."},
    {"error.conflict.title", "Something changed in the meantime"},
    {"error.conflict.text", "What you tried to change was changed by someone else, or already exists. Reload the page and try again."},
    {"error.too_large.title", "Too much data"},
    {"error.too_large.text", "What you sent is larger than the portal accepts. Shorten it and try again."},
    {"error.unsupported_media_type.title", "Unsupported format"},
    {"error.unsupported_media_type.text", "Send forms or JSON; the portal accepts nothing else."},
    {"error.invalid.title", "Please check the form"},
    {"error.invalid.text", "Some fields need your attention."},
    {"error.too_many_requests.title", "Too many attempts"},
    {"error.too_many_requests.text", "Please wait a few minutes before trying again."},
    {"error.internal.title", "Something went wrong"},
    {"error.internal.text", "The portal ran into a problem. It has been logged; please try again in a moment."},
    {"error.unavailable.title", "Temporarily unavailable"},
    {"error.unavailable.text", "The portal cannot reach its database right now. Nothing was changed; please try again in a few seconds."},
    {"error.fields", "Fields to check"},
    {"error.home", "Go to the home page"},

    {NULL, NULL},
};
