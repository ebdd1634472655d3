/*
 * bizid.c — checks and normalises the Italian partita IVA for the matera plugin; see bizid.h.
 *
 * The check digit is the Luhn scheme counted from the left: digits in odd positions (1st, 3rd, …
 * 11th) count as they are, digits in even positions are doubled and reduced by 9 when over 9; the
 * total of all eleven must be a multiple of 10.
 */
#include "bizid.h"

#include <stdbool.h>
#include <string.h>

#define KEY_EMPTY    "bizid.it.empty"
#define KEY_FORMAT   "bizid.it.format"
#define KEY_LENGTH   "bizid.it.length"
#define KEY_CHECK    "bizid.it.check"
#define KEY_INTERNAL "bizid.it.internal"

enum { IVA_DIGITS = 11, COMPANY_SERIAL_DIGITS = 7 };

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
    return strncmp(number->text, "IT", 2) == 0 ? number->text + 2 : number->text;
}

static bool all_digits(const char *s)
{
    for (; *s != '\0'; s++)
        if (!is_digit(*s))
            return false;
    return true;
}

static bool company_serial_is_zero(const char *iva)
{
    for (int i = 0; i < COMPANY_SERIAL_DIGITS; i++)
        if (iva[i] != '0')
            return false;
    return true;
}

static bool luhn_total_is_multiple_of_ten(const char *iva)
{
    int total = 0;
    for (int i = 0; i < IVA_DIGITS; i++) {
        int digit = iva[i] - '0';
        if (i % 2 == 1) {
            digit *= 2;
            if (digit > 9)
                digit -= 9;
        }
        total += digit;
    }
    return total % 10 == 0;
}

/* NULL when `digits` is a valid partita IVA, else the key of what is wrong with it. */
static const char *iva_problem(const char *digits)
{
    if (*digits == '\0')
        return KEY_EMPTY;
    if (!all_digits(digits))
        return KEY_FORMAT;
    if (strlen(digits) != IVA_DIGITS)
        return KEY_LENGTH;
    if (company_serial_is_zero(digits) || !luhn_total_is_multiple_of_ten(digits))
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

int matera_validate_business_id(const char *input, char *normalised, size_t cap,
                                const char **error_key)
{
    if (normalised != NULL && cap > 0)
        normalised[0] = '\0';
    if (input == NULL)
        return fail_with(KEY_EMPTY, error_key);

    struct compact_text number;
    compact_input(input, &number);
    const char *digits = skip_country_prefix(&number);
    const char *problem = iva_problem(digits);
    if (problem == NULL)
        problem = copy_canonical(digits, normalised, cap);
    return problem == NULL ? 0 : fail_with(problem, error_key);
}
