/*
 * bizid.h — the timisoara plugin's business ID check: the Romanian CUI / CIF (cod unic de
 * înregistrare, cod de identificare fiscală).
 *
 * Accepted: 2 to 10 digits, no leading 0, the last a check digit under the control key 753217532;
 * surrounding whitespace, inner spaces, dots and dashes, and the VAT-payer prefix "RO" (any case),
 * so "RO 185 472 90" is fine.  Canonical form: the digits only, WITHOUT the RO prefix
 * ("18547290"): RO only says that the firm is registered for VAT, it is not part of the number.
 * A buffer of 11 bytes holds any canonical form.
 *
 * Error keys (texts in bizid_messages.txt): bizid.ro.empty, bizid.ro.format, bizid.ro.length,
 * bizid.ro.check, bizid.ro.internal (normalised NULL or cap too small).
 */
#ifndef TIMISOARA_BIZID_H
#define TIMISOARA_BIZID_H

#include <stddef.h>

/* The validate_business_id hook: 0 and the canonical form in `normalised` (at most `cap` bytes,
 * NUL included), or -1 and *error_key set.  Any input, NULL included, is handled. */
int timisoara_validate_business_id(const char *input, char *normalised, size_t cap,
                                   const char **error_key);

#endif
