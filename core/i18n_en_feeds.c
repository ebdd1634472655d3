/*
 * i18n_en_feeds.c — English texts of the feeds, the CSV export and the e-mail sender.
 *
 * The feeds' and the export's own encodings escape these texts after their placeholders are
 * filled (pages/feeds.c), so they are plain text here: no markup, no iCalendar or CSV escapes.
 */
#include "i18n.h"

#include <stddef.h>

const struct portal_message i18n_en_feeds[] = {
    /* Atom (/r/{region}/calls.atom) */
    {"feed.title", "Open calls: {region}"},
    {"feed.subtitle",
     "Calls for partners and suppliers of {region}, European Capital of Culture, open for answers"},
    {"feed.summary", "{summary}\n\nDeadline for answers: {deadline} ({zone})."},

    /* iCalendar (/r/{region}/calls.ics) */
    {"ics.name", "Open calls: {region}"},
    {"ics.deadline", "Deadline: {title}"},
    {"ics.description", "{summary}\n\nOrganiser: {organiser}\nAnswer on the portal: {url}"},
    {"ics.event", "ECoC event: {event}"},
    {"ics.event_description", "The event of the call “{title}”: {url}"},

    /* CSV export of a call's answers (/calls/{id}/answers.csv) */
    {"csv.header.id", "Answer ID"},
    {"csv.header.submitted_at", "Submitted at ({zone})"},
    {"csv.header.organisation", "SME"},
    {"csv.header.region", "SME region"},
    {"csv.header.business_id", "Business ID"},
    {"csv.header.listing", "Offer"},
    {"csv.header.listing_url", "Offer address"},
    {"csv.header.status", "Status"},
    {"csv.header.message", "Message"},
    {"csv.header.response", "Organiser's response"},
    {NULL, NULL},
};
