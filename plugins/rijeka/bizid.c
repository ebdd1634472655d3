/*
 * bizid.c — checks and normalises the Croatian OIB for the rijeka plugin; see bizid.h.
 *
 * The check digit is ISO 7064 MOD 11,10 (the hybrid system the Croatian tax administration
 * publishes for the OIB): start from 10; for each of the first ten digits add it, take the
 * remainder mod 10 (0 counts as 10), double it and take the remainder mod 11; the check digit is
 * 11 minus the final remainder, with 10 written as 0.
 */
#include "bizid.h"

#include <stdbool.h>
#include <string.h>

#define KEY_EMPTY    "bizid.hr.empty"
#define KEY_FORMAT   "bizid.hr.format"
#define KEY_LENGTH   "bizid.hr.length"
#define KEY_CHECK    "bizid.hr.check"
#define KEY_INTERNAL "bizid.hr.internal"

enum { OIB_DIGITS = 11 };

/* Longer than any accepted form, so a cut-off input still fails the length check. */
enum { COMPACT_CAP = 32 };

/* The input without separators, upper-cased; at most COMPACT_CAP - 1 characters are kept. */
struct compact_text {
    char text[COMPACT_CAP];
    size_t length;
};

static bool is_separator(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '-';
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

static const char *skip_country_prefix(const struct compact_text *number)
{
    return strncmp(number->text, "HR", 2) == 0 ? number->text + 2 : number->text;
}

static bool all_digits(const char *s)
{
    for (; *s != '\0'; s++)
        if (!is_digit(*s))
            return false;
    return true;
}

static int oib_check_digit(const char *first_ten)
{
    int remainder = 10;
    for (int i = 0; i < OIB_DIGITS - 1; i++) {
        int sum = (first_ten[i] - '0' + remainder) % 10;
        if (sum == 0)
            sum = 10;
        remainder = (sum * 2) % 11;
    }
    return (11 - remainder) % 10;
}

static bool check_digit_matches(const char *oib)
{
    return oib_check_digit(oib) == oib[OIB_DIGITS - 1] - '0';
}

/* NULL when `digits` is a valid OIB, else the key of what is wrong with it. */
static const char *oib_problem(const char *digits)
{
    if (*digits == '\0')
        return KEY_EMPTY;
    if (!all_digits(digits))
        return KEY_FORMAT;
    if (strlen(digits) != OIB_DIGITS)
        return KEY_LENGTH;
    if (!check_digit_matches(digits))
        return KEY_CHECK;
    return NULL;
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

int rijeka_validate_business_id(const char *input, char *normalised, size_t cap,
                                const char **error_key)
{
    if (normalised != NULL && cap > 0)
        normalised[0] = '\0';
    if (input == NULL)
        return fail_with(KEY_EMPTY, error_key);

    struct compact_text number;
    compact_input(input, &number);
    const char *digits = skip_country_prefix(&number);
    const char *problem = oib_problem(digits);
    if (problem == NULL)
        problem = copy_canonical(digits, normalised, cap);
    return problem == NULL ? 0 : fail_with(problem, error_key);
}
