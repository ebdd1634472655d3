/*
 * feeds.c — a region's open calls as an Atom feed (RFC 4287, /r/{region}/calls.atom) and as an
 * iCalendar feed (RFC 5545, /r/{region}/calls.ics), and a call's answers as a CSV file (RFC 4180,
 * /calls/{id}/answers.csv) for its organiser and its region's admins.
 *
 * Owns the three output encodings and their escaping: XML text and attributes (characters XML
 * 1.0 does not allow are dropped), iCalendar TEXT values with 75-octet line folding, and CSV
 * fields with spreadsheet formula neutralising.  Every value, catalogue texts included, goes
 * through the escaping of its format; links are absolute, from the setting public_url.
 */
#include "pages.h"
#include "view.h"

#include "../access.h"
#include "../arena.h"
#include "../buf.h"
#include "../call.h"
#include "../db.h"
#include "../format.h"
#include "../http.h"
#include "../i18n.h"
#include "../plugin.h"
#include "../settings.h"

#include <stdbool.h>
#include <string.h>
#include <time.h>

#define ATOM_MAX_ENTRIES 50
#define ICS_MAX_CALLS    500

/* The region's open calls (open and before the deadline), newest opened first.  $2 is the
 * region's timezone, for the local deadline; $3 the most to give. */
DB_STMT(feeds_open_calls,
        "SELECT c.id, c.lang, c.title, c.summary, c.sectors, c.event_title, c.venue, "
        "o.name AS org_name, "
        "to_char(coalesce(c.opened_at, c.submitted_at) AT TIME ZONE 'UTC', "
        "        'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS published, "
        "to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS updated, "
        "to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYYMMDD\"T\"HH24MISS\"Z\"') AS stamp, "
        "to_char(c.deadline AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI') AS deadline_text, "
        "to_char(c.deadline AT TIME ZONE $2, 'YYYYMMDD\"T\"HH24MISS') AS deadline_local, "
        "to_char(c.event_start, 'YYYYMMDD') AS event_start, "
        "to_char(coalesce(c.event_end, c.event_start) + 1, 'YYYYMMDD') AS event_end "
        "FROM calls c JOIN organisations o ON o.id = c.org_id "
        "WHERE c.region = $1 AND c.status = 'open' AND c.deadline > now() "
        "ORDER BY coalesce(c.opened_at, c.submitted_at) DESC, c.id DESC LIMIT $3::int");
/* The timezone's UTC offsets in minutes, in the middle of this year's winter and summer. */
DB_STMT(feeds_zone_offsets,
        "SELECT least(w, s) AS standard, greatest(w, s) AS daylight FROM ("
        "  SELECT extract(epoch FROM (jan AT TIME ZONE $1) - (jan AT TIME ZONE 'UTC'))::int / 60 "
        "         AS w, "
        "         extract(epoch FROM (jul AT TIME ZONE $1) - (jul AT TIME ZONE 'UTC'))::int / 60 "
        "         AS s "
        "  FROM (SELECT make_timestamptz(y, 1, 15, 12, 0, 0, 'UTC') AS jan, "
        "               make_timestamptz(y, 7, 15, 12, 0, 0, 'UTC') AS jul "
        "        FROM (SELECT extract(year FROM now())::int AS y) AS year) AS days) AS offsets");
/* A call's answers, for the export; the time in the call's region's timezone ($2). */
DB_STMT(feeds_answers,
        "SELECT i.id, to_char(i.created_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI:SS') AS at, "
        "s.name AS sme_name, s.region AS sme_region, s.business_id, i.listing_id, "
        "coalesce(v.title, '') AS listing_title, i.status, i.message, "
        "coalesce(i.response, '') AS response "
        "FROM interests i JOIN organisations s ON s.id = i.org_id "
        "LEFT JOIN listings l ON l.id = i.listing_id "
        "LEFT JOIN listing_versions v ON v.id = coalesce(l.live_version, l.latest_version) "
        "WHERE i.call_id = $1 ORDER BY i.created_at, i.id");

/* --- shared --- */

static void buf_release(void *b)
{
    buf_free(b);
}

/* A body buffer freed with the request's arena. */
static struct buf *body_buf(struct req *r)
{
    struct buf *b = arena_calloc(r->arena, 1, sizeof *b);
    buf_init(b);
    arena_defer(r->arena, buf_release, b);
    return b;
}

/* settings.public_url without a trailing slash. */
static const char *site(struct req *r)
{
    const char *url = settings.public_url;
    size_t n = strlen(url);
    while (n > 0 && url[n - 1] == '/')
        n--;
    return arena_strndup(r->arena, url, n);
}

/* The host of settings.public_url, without scheme, user, port or path ("portal.example"). */
static const char *site_host(struct req *r)
{
    const char *p = strstr(settings.public_url, "://");
    p = p ? p + 3 : settings.public_url;
    const char *end = p + strcspn(p, "/?#");
    const char *at = memchr(p, '@', (size_t)(end - p));
    if (at != NULL)
        p = at + 1;
    const char *colon = *p == '[' ? memchr(p, ']', (size_t)(end - p)) : p;
    colon = colon ? memchr(colon, ':', (size_t)(end - colon)) : NULL;
    if (colon != NULL)
        end = colon;
    return end > p ? arena_strndup(r->arena, p, (size_t)(end - p)) : "localhost";
}

static const char *zone_of(const struct req *r)
{
    return r->region->desc->timezone;
}

/* The region's open calls, at most `limit`; NULL on a database error. */
static PGresult *open_calls(struct req *r, int limit)
{
    const char *params[] = {r->region->desc->slug, zone_of(r), arena_printf(r->arena, "%d", limit)};
    return db_exec(r->arena, &feeds_open_calls, 3, params);
}

/* The length of the well-formed UTF-8 sequence at s (code point in *cp), or 0 when the bytes
 * there are not one (overlong, surrogate, beyond U+10FFFF, truncated). */
static int utf8_decode(const unsigned char *s, unsigned *cp)
{
    int len = s[0] < 0x80             ? 1
              : (s[0] & 0xE0) == 0xC0 ? 2
              : (s[0] & 0xF0) == 0xE0 ? 3
              : (s[0] & 0xF8) == 0xF0 ? 4
                                      : 0;
    if (len == 0)
        return 0;
    unsigned c = len == 1 ? s[0] : s[0] & (0x7F >> len);
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    static const unsigned min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

/* --- Atom --- */

/* XML 1.0's Char production: tab, newline, carriage return and the rest but the surrogates
 * and U+FFFE/U+FFFF. */
static bool xml_char_allowed(unsigned c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* `s` as XML character data or attribute value (quotes escaped too); bytes that are not
 * well-formed UTF-8 and characters XML 1.0 does not allow are dropped. */
static void xml_put(struct buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        unsigned c;
        int len = utf8_decode(p, &c);
        if (len == 0) {
            p++;
            continue;
        }
        if (c == '&')
            buf_puts(b, "&amp;");
        else if (c == '<')
            buf_puts(b, "&lt;");
        else if (c == '>')
            buf_puts(b, "&gt;");
        else if (c == '"')
            buf_puts(b, "&quot;");
        else if (c == '\'')
            buf_puts(b, "&apos;");
        else if (c == '\r')
            buf_puts(b, "&#13;"); /* a literal CR would be normalised away by parsers */
        else if (xml_char_allowed(c))
            buf_append(b, (const char *)p, (size_t)len);
        p += len;
    }
}

/* <name>text</name> on a line of its own. */
static void xml_element(struct buf *b, const char *indent, const char *name, const char *text)
{
    buf_printf(b, "%s<%s>", indent, name);
    xml_put(b, text);
    buf_printf(b, "</%s>\n", name);
}

static void atom_link(struct buf *b, const char *indent, const char *rel, const char *type,
                      const char *href)
{
    buf_printf(b, "%s<link rel=\"%s\" type=\"%s\" href=\"", indent, rel, type);
    xml_put(b, href);
    buf_puts(b, "\"/>\n");
}

static void atom_categories(struct req *r, struct buf *b, PGresult *res, int row)
{
    int n;
    const char **sectors = db_array_value(r->arena, res, row, "sectors", &n);
    for (int i = 0; i < n; i++) {
        buf_puts(b, "    <category term=\"");
        xml_put(b, sectors[i]);
        buf_puts(b, "\" label=\"");
        xml_put(b, T(r, arena_printf(r->arena, "sector.%s", sectors[i])));
        buf_puts(b, "\"/>\n");
    }
}

static void atom_entry(struct req *r, struct buf *b, PGresult *res, int row, const char *base)
{
    const char *url = arena_printf(r->arena, "%s/calls/%s", base, db_value(res, row, "id"));
    const char *summary = i18n_format(
        r->arena, r->lang, "feed.summary", "summary", db_value(res, row, "summary"), "deadline",
        format_datetime(r->arena, r->lang, db_value(res, row, "deadline_text")), "zone", zone_of(r),
        NULL);
    buf_puts(b, "  <entry xml:lang=\"");
    xml_put(b, db_value(res, row, "lang"));
    buf_puts(b, "\">\n");
    xml_element(b, "    ", "id", url); /* the call's address: stable for its whole life */
    xml_element(b, "    ", "title", db_value(res, row, "title"));
    xml_element(b, "    ", "published", db_value(res, row, "published"));
    xml_element(b, "    ", "updated", db_value(res, row, "updated"));
    atom_link(b, "    ", "alternate", "text/html", url);
    buf_puts(b, "    <author>\n");
    xml_element(b, "      ", "name", db_value(res, row, "org_name"));
    buf_puts(b, "    </author>\n");
    atom_categories(r, b, res, row);
    xml_element(b, "    ", "summary", summary);
    buf_puts(b, "  </entry>\n");
}

/* The feed's updated: its newest entry's, or now when it has none. */
static const char *atom_updated(struct req *r, PGresult *res)
{
    const char *newest = NULL;
    for (int i = 0; i < PQntuples(res); i++) {
        const char *u = db_value(res, i, "updated");
        if (newest == NULL || strcmp(u, newest) > 0) /* same ISO form: text order is time order */
            newest = u;
    }
    if (newest != NULL)
        return newest;
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    return arena_printf(r->arena, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                        tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

enum err_code page_region_calls_atom(struct req *r)
{
    PGresult *res = open_calls(r, ATOM_MAX_ENTRIES);
    if (res == NULL)
        return db_error_code();
    const char *base = site(r), *slug = r->region->desc->slug, *name = r->region->desc->name;
    const char *self = arena_printf(r->arena, "%s/r/%s/calls.atom", base, slug);
    struct buf *b = body_buf(r);
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    xml_put(b, r->lang);
    buf_puts(b, "\">\n");
    xml_element(b, "  ", "id", self);
    xml_element(b, "  ", "title",
                i18n_format(r->arena, r->lang, "feed.title", "region", name, NULL));
    xml_element(b, "  ", "subtitle",
                i18n_format(r->arena, r->lang, "feed.subtitle", "region", name, NULL));
    xml_element(b, "  ", "updated", atom_updated(r, res));
    atom_link(b, "  ", "self", "application/atom+xml", self);
    atom_link(b, "  ", "alternate", "text/html",
              arena_printf(r->arena, "%s/r/%s/calls", base, slug));
    for (int i = 0; i < PQntuples(res); i++)
        atom_entry(r, b, res, i, base);
    buf_puts(b, "</feed>\n");
    return resp_text(r, 200, "application/atom+xml; charset=utf-8", b->data, b->len);
}

/* --- iCalendar --- */

/* `s` as an iCalendar TEXT value: backslash, semicolon and comma escaped, line breaks as \n,
 * other control characters dropped (RFC 5545 3.3.11). */
static void ics_text(struct buf *b, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\\' || c == ';' || c == ',') {
            buf_putc(b, '\\');
            buf_putc(b, (char)c);
        } else if (c == '\r') {
            if (p[1] != '\n')
                buf_puts(b, "\\n");
        } else if (c == '\n') {
            buf_puts(b, "\\n");
        } else if (c >= 0x20 && c != 0x7F) {
            buf_putc(b, (char)c);
        }
    }
}

/* One content line, folded so that no physical line is longer than 75 octets (a continuation
 * starts with a space), never inside a UTF-8 sequence, each ended by CRLF. */
static void ics_fold(struct buf *out, const char *line, size_t len)
{
    size_t pos = 0, room = 75;
    while (len - pos > room) {
        size_t cut = pos + room;
        while (cut > pos && ((unsigned char)line[cut] & 0xC0) == 0x80)
            cut--;
        buf_append(out, line + pos, cut - pos);
        buf_puts(out, "\r\n ");
        pos = cut;
        room = 74; /* the leading space counts */
    }
    buf_append(out, line + pos, len - pos);
    buf_puts(out, "\r\n");
}

/* NAME:value, the value taken as it is (for values the portal made: dates, numbers, URIs). */
static void ics_raw(struct buf *out, struct buf *line, const char *name, const char *value)
{
    buf_clear(line);
    buf_printf(line, "%s:%s", name, value);
    ics_fold(out, line->data, line->len);
}

/* NAME:value with the value escaped as TEXT. */
static void ics_prop_text(struct buf *out, struct buf *line, const char *name, const char *value)
{
    buf_clear(line);
    buf_printf(line, "%s:", name);
    ics_text(line, value);
    ics_fold(out, line->data, line->len);
}

/* "+0200" */
static const char *ics_offset(struct req *r, int minutes)
{
    int m = minutes < 0 ? -minutes : minutes;
    return arena_printf(r->arena, "%c%02d%02d", minutes < 0 ? '-' : '+', m / 60, m % 60);
}

/* The day of the month of the last Sunday of `month` in `year`. */
static int last_sunday(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int last = days[month - 1] + (month == 2 && year % 4 == 0 && (year % 100 || !(year % 400)));
    int y = month < 3 ? year - 1 : year; /* Sakamoto: day of the week of the last day, 0 = Sun */
    int wday = (y + y / 4 - y / 100 + y / 400 + t[month - 1] + last) % 7;
    return last - wday;
}

/* The usual abbreviation of a European standard offset and its summer time, or NULL. */
static const char *zone_abbreviation(int standard_minutes, bool daylight)
{
    switch (standard_minutes) {
    case 0:
        return daylight ? "WEST" : "WET";
    case 60:
        return daylight ? "CEST" : "CET";
    case 120:
        return daylight ? "EEST" : "EET";
    default:
        return NULL;
    }
}

/* One observance: the local wall-clock time when it starts is 01:00 UTC (the EU's switching
 * instant) plus the offset in force before it. */
static void ics_observance(struct req *r, struct buf *out, struct buf *line, bool daylight,
                           int standard, int summer)
{
    enum { EU_RULE_FIRST_YEAR = 1996, SWITCH_UTC_MINUTES = 60 };
    int from = daylight ? standard : summer, to = daylight ? summer : standard;
    int month = daylight ? 3 : 10, local = SWITCH_UTC_MINUTES + from;
    ics_raw(out, line, "BEGIN", daylight ? "DAYLIGHT" : "STANDARD");
    ics_raw(out, line, "TZOFFSETFROM", ics_offset(r, from));
    ics_raw(out, line, "TZOFFSETTO", ics_offset(r, to));
    const char *abbreviation = zone_abbreviation(standard, daylight);
    if (abbreviation != NULL)
        ics_raw(out, line, "TZNAME", abbreviation);
    ics_raw(out, line, "DTSTART",
            arena_printf(r->arena, "%04d%02d%02dT%02d%02d00", EU_RULE_FIRST_YEAR, month,
                         last_sunday(EU_RULE_FIRST_YEAR, month), local / 60, local % 60));
    ics_raw(out, line, "RRULE", arena_printf(r->arena, "FREQ=YEARLY;BYMONTH=%d;BYDAY=-1SU", month));
    ics_raw(out, line, "END", daylight ? "DAYLIGHT" : "STANDARD");
}

/* The region's timezone.  Its offsets come from PostgreSQL's timezone database; the switching
 * rule is the EU's (last Sunday of March and of October, 01:00 UTC), which holds for every
 * region of the portal.  A zone without summer time gets one fixed observance. */
static enum err_code ics_timezone(struct req *r, struct buf *out, struct buf *line)
{
    const char *params[] = {zone_of(r)};
    PGresult *res = db_exec(r->arena, &feeds_zone_offsets, 1, params);
    if (res == NULL)
        return db_error_code();
    int standard = (int)db_int(res, 0, "standard"), summer = (int)db_int(res, 0, "daylight");
    ics_raw(out, line, "BEGIN", "VTIMEZONE");
    ics_raw(out, line, "TZID", zone_of(r));
    if (summer != standard) {
        ics_observance(r, out, line, true, standard, summer);
        ics_observance(r, out, line, false, standard, summer);
    } else {
        ics_raw(out, line, "BEGIN", "STANDARD");
        ics_raw(out, line, "TZOFFSETFROM", ics_offset(r, standard));
        ics_raw(out, line, "TZOFFSETTO", ics_offset(r, standard));
        ics_raw(out, line, "DTSTART", "19700101T000000");
        ics_raw(out, line, "END", "STANDARD");
    }
    ics_raw(out, line, "END", "VTIMEZONE");
    return ERR_NONE;
}

/* The answer deadline: a 15-minute event starting at the deadline, local time. */
static void ics_deadline(struct req *r, struct buf *out, struct buf *line, PGresult *res, int row,
                         const char *url, const char *host)
{
    const char *id = db_value(res, row, "id");
    ics_raw(out, line, "BEGIN", "VEVENT");
    ics_raw(out, line, "UID", arena_printf(r->arena, "call-%s-deadline@%s", id, host));
    ics_raw(out, line, "DTSTAMP", db_value(res, row, "stamp"));
    ics_raw(out, line, arena_printf(r->arena, "DTSTART;TZID=%s", zone_of(r)),
            db_value(res, row, "deadline_local"));
    ics_raw(out, line, "DURATION", "PT15M");
    ics_prop_text(
        out, line, "SUMMARY",
        i18n_format(r->arena, r->lang, "ics.deadline", "title", db_value(res, row, "title"), NULL));
    ics_prop_text(out, line, "DESCRIPTION",
                  i18n_format(r->arena, r->lang, "ics.description", "summary",
                              db_value(res, row, "summary"), "organiser",
                              db_value(res, row, "org_name"), "url", url, NULL));
    ics_raw(out, line, "URL", url);
    ics_raw(out, line, "TRANSP", "TRANSPARENT");
    ics_raw(out, line, "END", "VEVENT");
}

/* The ECoC event the call is for, all day, the end exclusive (the day after the last). */
static void ics_event(struct req *r, struct buf *out, struct buf *line, PGresult *res, int row,
                      const char *url, const char *host)
{
    ics_raw(out, line, "BEGIN", "VEVENT");
    ics_raw(out, line, "UID",
            arena_printf(r->arena, "call-%s-event@%s", db_value(res, row, "id"), host));
    ics_raw(out, line, "DTSTAMP", db_value(res, row, "stamp"));
    ics_raw(out, line, "DTSTART;VALUE=DATE", db_value(res, row, "event_start"));
    ics_raw(out, line, "DTEND;VALUE=DATE", db_value(res, row, "event_end"));
    ics_prop_text(out, line, "SUMMARY",
                  i18n_format(r->arena, r->lang, "ics.event", "event",
                              db_value(res, row, "event_title"), NULL));
    if (*db_value(res, row, "venue"))
        ics_prop_text(out, line, "LOCATION", db_value(res, row, "venue"));
    ics_prop_text(out, line, "DESCRIPTION",
                  i18n_format(r->arena, r->lang, "ics.event_description", "title",
                              db_value(res, row, "title"), "url", url, NULL));
    ics_raw(out, line, "URL", url);
    ics_raw(out, line, "TRANSP", "TRANSPARENT");
    ics_raw(out, line, "END", "VEVENT");
}

enum err_code page_region_calls_ics(struct req *r)
{
    PGresult *res = open_calls(r, ICS_MAX_CALLS);
    if (res == NULL)
        return db_error_code();
    struct buf *out = body_buf(r), *line = body_buf(r);
    const char *base = site(r), *host = site_host(r);
    ics_raw(out, line, "BEGIN", "VCALENDAR");
    ics_raw(out, line, "PRODID", "-//ECoC-SME portal//Open calls//EN");
    ics_raw(out, line, "VERSION", "2.0");
    ics_raw(out, line, "CALSCALE", "GREGORIAN");
    ics_prop_text(
        out, line, "X-WR-CALNAME",
        i18n_format(r->arena, r->lang, "ics.name", "region", r->region->desc->name, NULL));
    ics_raw(out, line, "X-WR-TIMEZONE", zone_of(r));
    enum err_code rc = ics_timezone(r, out, line);
    if (rc != ERR_NONE)
        return rc;
    for (int i = 0; i < PQntuples(res); i++) {
        const char *url = arena_printf(r->arena, "%s/calls/%s", base, db_value(res, i, "id"));
        ics_deadline(r, out, line, res, i, url, host);
        if (!db_is_null(res, i, "event_start"))
            ics_event(r, out, line, res, i, url, host);
    }
    ics_raw(out, line, "END", "VCALENDAR");
    return resp_text(r, 200, "text/calendar; charset=utf-8", out->data, out->len);
}

/* --- CSV --- */

/* One field (RFC 4180).  A value a spreadsheet would take for a formula (it starts with = + -
 * or @, or with a tab or carriage return that some programs skip before looking) gets a
 * leading apostrophe: opened in Excel or LibreOffice, an answer's text must never run as a
 * formula (=HYPERLINK(...) leaking data, =cmd|... running programs).  Fields holding a comma,
 * a quote, CR or LF are quoted, quotes doubled. */
static void csv_field(struct buf *b, const char *value, bool last)
{
    const char *s = value ? value : "";
    bool formula = *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
    if (strpbrk(s, ",\"\r\n") != NULL) {
        buf_putc(b, '"');
        if (formula)
            buf_putc(b, '\'');
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                buf_putc(b, '"');
            buf_putc(b, *p);
        }
        buf_putc(b, '"');
    } else {
        if (formula)
            buf_putc(b, '\'');
        buf_puts(b, s);
    }
    buf_puts(b, last ? "\r\n" : ",");
}

static void csv_header(struct req *r, struct buf *b, const char *zone)
{
    static const char *const keys[] = {"csv.header.id",           "csv.header.submitted_at",
                                       "csv.header.organisation", "csv.header.region",
                                       "csv.header.business_id",  "csv.header.listing",
                                       "csv.header.listing_url",  "csv.header.status",
                                       "csv.header.message",      "csv.header.response"};
    size_t n = sizeof keys / sizeof keys[0];
    for (size_t i = 0; i < n; i++)
        csv_field(b, i18n_format(r->arena, r->lang, keys[i], "zone", zone, NULL), i + 1 == n);
}

static void csv_row(struct req *r, struct buf *b, PGresult *res, int row, const char *base)
{
    csv_field(b, db_value(res, row, "id"), false);
    csv_field(b, db_value(res, row, "at"), false);
    csv_field(b, db_value(res, row, "sme_name"), false);
    csv_field(b, region_name(db_value(res, row, "sme_region")), false);
    csv_field(b, db_value(res, row, "business_id"), false);
    csv_field(b, db_value(res, row, "listing_title"), false);
    csv_field(b, arena_printf(r->arena, "%s/listings/%s", base, db_value(res, row, "listing_id")),
              false);
    csv_field(b, T(r, arena_printf(r->arena, "interest.status.%s", db_value(res, row, "status"))),
              false);
    csv_field(b, db_value(res, row, "message"), false);
    csv_field(b, db_value(res, row, "response"), true);
}

enum err_code page_call_answers_csv(struct req *r)
{
    long long id;
    struct call_view v;
    if (!req_path_id(r, "id", &id))
        return ERR_NOT_FOUND;
    enum err_code rc = call_load(r, id, &v);
    if (rc == ERR_NONE)
        rc = access_check_resource(r, "call.private", v.org_id, v.region);
    if (rc != ERR_NONE)
        return rc;
    const char *zone = plugin_find(v.region)->desc->timezone; /* call_load found it */
    const char *params[] = {arena_printf(r->arena, "%lld", id), zone};
    PGresult *res = db_exec(r->arena, &feeds_answers, 2, params);
    if (res == NULL)
        return db_error_code();
    struct buf *b = body_buf(r);
    /* A byte order mark: without it Excel reads a CSV file in the computer's legacy code page
     * (Windows-1252/1250...), and the names' diacritics (ș, ž, ė, č) come out garbled. */
    buf_puts(b, "\xEF\xBB\xBF");
    csv_header(r, b, zone);
    const char *base = site(r);
    for (int i = 0; i < PQntuples(res); i++)
        csv_row(r, b, res, i, base);
    resp_header(r, "Content-Disposition",
                arena_printf(r->arena, "attachment; filename=\"call-%lld-answers.csv\"", id));
    return resp_text(r, 200, "text/csv; charset=utf-8", b->data, b->len);
}
