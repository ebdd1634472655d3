/*
 * format.h — amounts, dates and times written the way the page's language writes them.
 *
 * The conventions are catalogue entries, so each language (a plugin's catalogue) decides them:
 * number.decimal and number.group (separators), money.<CURRENCY> ("{amount} €"), date.format
 * ("{d} {month} {yyyy}" with {d} {dd} {m} {mm} {yyyy} {month}), month.1 … month.12, and
 * datetime.format ("{date}, {time}").
 */
#ifndef FORMAT_H
#define FORMAT_H

struct arena;

/* An amount in minor units (cents, bani) of `currency` ("EUR", "RON"); decimals only when the
 * amount has some.  Arena-owned. */
const char *format_money(struct arena *a, const char *lang, const char *currency, long long minor);
/* A whole number with the language's grouping ("12 500"). */
const char *format_number(struct arena *a, const char *lang, long long n);
/* A calendar date given as "YYYY-MM-DD" (anything after the date is ignored); the input as it
 * is when it cannot be read. */
const char *format_date(struct arena *a, const char *lang, const char *iso);
/* A date and time given as "YYYY-MM-DD HH:MM" (or with a T). */
const char *format_datetime(struct arena *a, const char *lang, const char *iso);

#endif
