/*
 * bizid.h — the leeuwarden plugin's business ID check: the Dutch KvK number and the Dutch VAT
 * identifier (btw-identificatienummer).
 *
 * Accepted, with surrounding whitespace and inner spaces, dots and dashes, letters in any case:
 *   - the KvK number: exactly 8 digits ("69599084").  It has no check digit, so only the format
 *     is checked (and 00000000 refused);
 *   - the VAT identifier: "NL", 9 digits, "B", 2 digits ("NL004495445B01"; the "NL" may be left
 *     out).  It is valid when either the old check passes (the 9 digits, weighted 9 8 7 6 5 4 3 2,
 *     sum mod 11 equal to the 9th digit) or the new one does (ISO 7064 MOD 97-10 over the whole
 *     identifier, letters as numbers A=10 … Z=35, so N=23 L=21 B=11, remainder 1).  The 9 digits
 *     may not be all zero and the 2 last digits may not be 00.
 * Canonical form: the KvK number as its 8 digits; the VAT identifier upper case with its prefix,
 * "NL004495445B01".  A buffer of 15 bytes holds any canonical form.
 *
 * Error keys (texts in bizid_messages.txt): bizid.nl.empty, bizid.nl.format, bizid.nl.length,
 * bizid.nl.check, bizid.nl.internal (normalised NULL or cap too small).
 */
#ifndef LEEUWARDEN_BIZID_H
#define LEEUWARDEN_BIZID_H

#include <stddef.h>

/* The validate_business_id hook: 0 and the canonical form in `normalised` (at most `cap` bytes,
 * NUL included), or -1 and *error_key set.  Any input, NULL included, is handled. */
int leeuwarden_validate_business_id(const char *input, char *normalised, size_t cap,
                                    const char **error_key);

#endif
