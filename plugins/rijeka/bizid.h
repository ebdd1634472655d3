/*
 * bizid.h — the rijeka plugin's business ID check: the Croatian OIB (osobni identifikacijski broj).
 *
 * Accepted: 11 digits, the last an ISO 7064 MOD 11,10 check digit; surrounding whitespace, inner
 * spaces and dashes, and the VAT prefix "HR" (any case), so "HR 333 920 059 61" is fine.
 * Canonical form: the 11 digits, without prefix ("33392005961").  A buffer of 12 bytes holds it.
 *
 * Error keys (texts in bizid_messages.txt): bizid.hr.empty, bizid.hr.format, bizid.hr.length,
 * bizid.hr.check, bizid.hr.internal (normalised NULL or cap too small).
 */
#ifndef RIJEKA_BIZID_H
#define RIJEKA_BIZID_H

#include <stddef.h>

/* The validate_business_id hook: 0 and the canonical form in `normalised` (at most `cap` bytes,
 * NUL included), or -1 and *error_key set.  Any input, NULL included, is handled. */
int rijeka_validate_business_id(const char *input, char *normalised, size_t cap,
                                const char **error_key);

#endif
