/*
 * bizid.h — the matera plugin's business ID check: the Italian partita IVA.
 *
 * Accepted: 11 digits, the last a Luhn check digit, the first seven (the company serial) not all
 * zero; surrounding whitespace, inner spaces and dashes, and the VAT prefix "IT" (any case), so
 * "IT 00743110157" is fine.  Canonical form: the 11 digits, without prefix ("00743110157").
 * A buffer of 12 bytes holds it.  The office code (digits 8-10) is not checked against a list.
 *
 * Error keys (texts in bizid_messages.txt): bizid.it.empty, bizid.it.format, bizid.it.length,
 * bizid.it.check, bizid.it.internal (normalised NULL or cap too small).
 */
#ifndef MATERA_BIZID_H
#define MATERA_BIZID_H

#include <stddef.h>

/* The validate_business_id hook: 0 and the canonical form in `normalised` (at most `cap` bytes,
 * NUL included), or -1 and *error_key set.  Any input, NULL included, is handled. */
int matera_validate_business_id(const char *input, char *normalised, size_t cap,
                                const char **error_key);

#endif
