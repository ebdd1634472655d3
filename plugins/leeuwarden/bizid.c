/*
 * bizid.c — checks and normalises Dutch KvK numbers and VAT identifiers for the leeuwarden
 * plugin; see bizid.h for the rules.
 *
 * The VAT identifier has two check schemes because the tax administration moved sole traders to
 * new identifiers in 2020: older ones pass the mod-11 test (elfproef) on their RSIN/BSN, the new
 * ones pass MOD 97-10 over the whole "NL…B.." text.  Either is enough.
 */
#include "bizid.h"

#include <stdbool.h>
#include <string.h>

#define KEY_EMPTY    "bizid.nl.empty"
#define KEY_FORMAT   "bizid.nl.format"
#define KEY_LENGTH   "bizid.nl.length"
#define KEY_CHECK    "bizid.nl.check"
#define KEY_INTERNAL "bizid.nl.internal"

enum { KVK_DIGITS = 8 };

/* The VAT identifier after "NL": 9 digits, 'B', 2 digits. */
enum { VAT_NUMBER_DIGITS = 9, VAT_LETTER_AT = 9, VAT_SUFFIX_AT = 10, VAT_BODY_LENGTH = 12 };

/* Longer than any accepted form, so a cut-off input still fails the length check. */
enum { COMPACT_CAP = 32 };

/* "NL" and the 12 characters after it. */
enum { CANONICAL_CAP = 2 + VAT_BODY_LENGTH + 1 };

/* The input without separators, upper-cased; at most COMPACT_CAP - 1 characters are kept. */
struct compact_text {
    char text[COMPACT_CAP];
    size_t length;
};

static bool is_separator(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '-' ||
           c == '.';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static char to_upper_ascii(unsigned char c)
{
    return (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
}

static void compact_input(const char *input, struct compact_text *out)
{
    out->length = 0;
    for (const unsigned char *p = (const unsigned char *)input; *p != '\0'; p++) {
        if (is_separator(*p))
            continue;
        if (out->length == COMPACT_CAP - 1)
            break;
        out->text[out->length++] = to_upper_ascii(*p);
    }
    out->text[out->length] = '\0';
}

static bool all_digits(const char *s)
{
    for (; *s != '\0'; s++)
        if (!is_digit(*s))
            return false;
    return true;
}

static bool digits_in_range(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (!is_digit(s[i]))
            return false;
    return true;
}

static bool zeros_in_range(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (s[i] != '0')
            return false;
    return true;
}

static bool only_digits_and_letter_b(const char *s)
{
    for (; *s != '\0'; s++)
        if (!is_digit(*s) && *s != 'B')
            return false;
    return true;
}

/* `body` is VAT_BODY_LENGTH characters long. */
static bool has_vat_shape(const char *body)
{
    return digits_in_range(body, 0, VAT_NUMBER_DIGITS) && body[VAT_LETTER_AT] == 'B' &&
           digits_in_range(body, VAT_SUFFIX_AT, VAT_BODY_LENGTH);
}

static bool passes_eleven_test(const char *body)
{
    int sum = 0;
    for (int i = 0; i < VAT_NUMBER_DIGITS - 1; i++)
        sum += (VAT_NUMBER_DIGITS - i) * (body[i] - '0');
    return sum % 11 == body[VAT_NUMBER_DIGITS - 1] - '0';
}

static int mod_97_step(int remainder, char c)
{
    if (is_digit(c))
        return (remainder * 10 + (c - '0')) % 97;
    return (remainder * 100 + (c - 'A' + 10)) % 97;
}

static bool passes_mod_97(const char *body)
{
    int remainder = mod_97_step(mod_97_step(0, 'N'), 'L');
    for (int i = 0; i < VAT_BODY_LENGTH; i++)
        remainder = mod_97_step(remainder, body[i]);
    return remainder == 1;
}

/* NULL when `body` (the compacted input without "NL") is a valid VAT identifier. */
static const char *vat_problem(const char *body)
{
    size_t length = strlen(body);
    if (length == 0)
        return KEY_EMPTY;
    if (!only_digits_and_letter_b(body))
        return KEY_FORMAT;
    if (length != VAT_BODY_LENGTH)
        return KEY_LENGTH;
    if (!has_vat_shape(body) || zeros_in_range(body, VAT_SUFFIX_AT, VAT_BODY_LENGTH))
        return KEY_FORMAT;
    if (zeros_in_range(body, 0, VAT_NUMBER_DIGITS))
        return KEY_CHECK;
    if (!passes_eleven_test(body) && !passes_mod_97(body))
        return KEY_CHECK;
    return NULL;
}

/* NULL when `digits` (all digits) is a well-formed KvK number. */
static const char *kvk_problem(const char *digits)
{
    if (strlen(digits) != KVK_DIGITS)
        return KEY_LENGTH;
    if (zeros_in_range(digits, 0, KVK_DIGITS))
        return KEY_CHECK;
    return NULL;
}

static bool has_country_prefix(const struct compact_text *number)
{
    return strncmp(number->text, "NL", 2) == 0;
}

/* Bare digits are a KvK number; anything else is read as a VAT identifier. */
static bool is_kvk_number(const struct compact_text *number)
{
    return number->length > 0 && !has_country_prefix(number) && all_digits(number->text);
}

static const char *vat_body(const struct compact_text *number)
{
    return has_country_prefix(number) ? number->text + 2 : number->text;
}

static void write_vat_canonical(const char *body, char out[CANONICAL_CAP])
{
    memcpy(out, "NL", 2);
    memcpy(out + 2, body, VAT_BODY_LENGTH + 1);
}

static const char *copy_canonical(const char *canonical, char *normalised, size_t cap)
{
    size_t length = strlen(canonical);
    if (normalised == NULL || length >= cap)
        return KEY_INTERNAL;
    memcpy(normalised, canonical, length + 1);
    return NULL;
}

static int fail_with(const char *key, const char **error_key)
{
    if (error_key != NULL)
        *error_key = key;
    return -1;
}

static const char *check_kvk_number(const struct compact_text *number, char *normalised, size_t cap)
{
    const char *problem = kvk_problem(number->text);
    return problem != NULL ? problem : copy_canonical(number->text, normalised, cap);
}

static const char *check_vat_identifier(const struct compact_text *number, char *normalised,
                                        size_t cap)
{
    const char *body = vat_body(number);
    const char *problem = vat_problem(body);
    if (problem != NULL)
        return problem;
    char canonical[CANONICAL_CAP];
    write_vat_canonical(body, canonical);
    return copy_canonical(canonical, normalised, cap);
}

int leeuwarden_validate_business_id(const char *input, char *normalised, size_t cap,
                                    const char **error_key)
{
    if (normalised != NULL && cap > 0)
        normalised[0] = '\0';
    if (input == NULL)
        return fail_with(KEY_EMPTY, error_key);

    struct compact_text number;
    compact_input(input, &number);
    const char *problem = is_kvk_number(&number) ? check_kvk_number(&number, normalised, cap)
                                                 : check_vat_identifier(&number, normalised, cap);
    return problem == NULL ? 0 : fail_with(problem, error_key);
}
