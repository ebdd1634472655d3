/*
 * bizid.c — checks and normalises the Romanian CUI / CIF for the timisoara plugin; see bizid.h.
 *
 * The check digit: pad the number without its last digit with leading zeros to 9 digits, multiply
 * them by the control key 7 5 3 2 1 7 5 3 2 and add up; the check digit is that sum times 10,
 * mod 11, with 10 written as 0.
 */
#include "bizid.h"

#include <stdbool.h>
#include <string.h>

#define KEY_EMPTY    "bizid.ro.empty"
#define KEY_FORMAT   "bizid.ro.format"
#define KEY_LENGTH   "bizid.ro.length"
#define KEY_CHECK    "bizid.ro.check"
#define KEY_INTERNAL "bizid.ro.internal"

enum { CUI_MIN_DIGITS = 2, CUI_MAX_DIGITS = 10 };

/* Longer than any accepted form, so a cut-off input still fails the length check. */
enum { COMPACT_CAP = 32 };

/* The input without separators, upper-cased; at most COMPACT_CAP - 1 characters are kept. */
struct compact_text {
    char text[COMPACT_CAP];
    size_t length;
};

static const int control_key[CUI_MAX_DIGITS - 1] = {7, 5, 3, 2, 1, 7, 5, 3, 2};

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

static const char *skip_country_prefix(const struct compact_text *number)
{
    return strncmp(number->text, "RO", 2) == 0 ? number->text + 2 : number->text;
}

static bool all_digits(const char *s)
{
    for (; *s != '\0'; s++)
        if (!is_digit(*s))
            return false;
    return true;
}

/* `cui` has CUI_MIN_DIGITS to CUI_MAX_DIGITS digits; the key lines up with its right end. */
static bool check_digit_matches(const char *cui, size_t length)
{
    size_t body = length - 1;
    size_t first_weight = (CUI_MAX_DIGITS - 1) - body;
    int sum = 0;
    for (size_t i = 0; i < body; i++)
        sum += control_key[first_weight + i] * (cui[i] - '0');
    return sum * 10 % 11 % 10 == cui[body] - '0';
}

/* NULL when `digits` is a valid CUI, else the key of what is wrong with it. */
static const char *cui_problem(const char *digits)
{
    size_t length = strlen(digits);
    if (length == 0)
        return KEY_EMPTY;
    if (!all_digits(digits))
        return KEY_FORMAT;
    if (length < CUI_MIN_DIGITS || length > CUI_MAX_DIGITS)
        return KEY_LENGTH;
    if (digits[0] == '0')
        return KEY_FORMAT;
    if (!check_digit_matches(digits, length))
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

int timisoara_validate_business_id(const char *input, char *normalised, size_t cap,
                                   const char **error_key)
{
    if (normalised != NULL && cap > 0)
        normalised[0] = '\0';
    if (input == NULL)
        return fail_with(KEY_EMPTY, error_key);

    struct compact_text number;
    compact_input(input, &number);
    const char *digits = skip_country_prefix(&number);
    const char *problem = cui_problem(digits);
    if (problem == NULL)
        problem = copy_canonical(digits, normalised, cap);
    return problem == NULL ? 0 : fail_with(problem, error_key);
}
