/*
 * bizid.h — the kaunas plugin's business ID check: the Lithuanian company code (juridinio asmens
 * kodas) and the VAT code (PVM mokėtojo kodas).
 *
 * Accepted, with surrounding whitespace and inner spaces and dashes:
 *   - the company code: 9 digits, the last a mod-11 check digit ("110053842");
 *   - the VAT code: "LT" (any case) and 9 digits whose 8th is 1 (legal entities) or 12 digits
 *     whose 11th is 1 (temporarily registered and natural persons), with the same kind of check
 *     digit ("LT 119511515", "LT100001919017").  Twelve digits without "LT" are taken as a VAT
 *     code too, since no company code is that long.
 * Canonical form: a company code as its 9 digits, a VAT code as "LT" and its digits.  Nine digits
 * without "LT" are always read as a company code.  A buffer of 15 bytes holds any canonical form.
 *
 * Error keys (texts in bizid_messages.txt): bizid.lt.empty, bizid.lt.format, bizid.lt.length,
 * bizid.lt.vat (the digit that must be 1 is not), bizid.lt.check, bizid.lt.internal
 * (normalised NULL or cap too small).
 */
#ifndef KAUNAS_BIZID_H
#define KAUNAS_BIZID_H

#include <stddef.h>

/* The validate_business_id hook: 0 and the canonical form in `normalised` (at most `cap` bytes,
 * NUL included), or -1 and *error_key set.  Any input, NULL included, is handled. */
int kaunas_validate_business_id(const char *input, char *normalised, size_t cap,
                                const char **error_key);

#endif
