/*
 * bizid.c — checks and normalises Lithuanian company and VAT codes for the kaunas plugin; see
 * bizid.h.
 *
 * Both codes end in the same kind of check digit: weigh the other digits 1 2 3 4 5 6 7 8 9 1 2 …
 * and take the sum mod 11; when that is 10, weigh them again 3 4 5 6 7 8 9 1 2 3 4 … and take
 * that sum mod 11; a result of 10 is written as 0.
 */
#include "bizid.h"

#include <stdbool.h>
#include <string.h>

#define KEY_EMPTY    "bizid.lt.empty"
#define KEY_FORMAT   "bizid.lt.format"
#define KEY_LENGTH   "bizid.lt.length"
#define KEY_VAT      "bizid.lt.vat"
#define KEY_CHECK    "bizid.lt.check"
#define KEY_INTERNAL "bizid.lt.internal"

enum { COMPANY_CODE_DIGITS = 9, VAT_SHORT_DIGITS = 9, VAT_LONG_DIGITS = 12 };

/* Longer than any accepted form, so a cut-off input still fails the length check. */
enum { COMPACT_CAP = 32 };

/* "LT" and 12 digits. */
enum { CANONICAL_CAP = 2 + VAT_LONG_DIGITS + 1 };

/* The input without separators, upper-cased; at most COMPACT_CAP - 1 characters are kept. */
struct compact_text {
    char text[COMPACT_CAP];
    size_t length;
};

/* What the input turned out to be, once its characters are known to be digits. */
struct lithuanian_code {
    const char *digits;
    size_t length;
    bool has_vat_prefix;
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

static bool all_digits(const char *s)
{
    for (; *s != '\0'; s++)
        if (!is_digit(*s))
            return false;
    return true;
}

static bool all_zeros(const char *s)
{
    for (; *s != '\0'; s++)
        if (*s != '0')
            return false;
    return true;
}

static int weighted_sum_mod_11(const char *digits, size_t count, size_t first_weight)
{
    int sum = 0;
    for (size_t i = 0; i < count; i++)
        sum += (int)((first_weight - 1 + i) % 9 + 1) * (digits[i] - '0');
    return sum % 11;
}

static bool check_digit_matches(const char *digits, size_t length)
{
    size_t body = length - 1;
    int remainder = weighted_sum_mod_11(digits, body, 1);
    if (remainder == 10)
        remainder = weighted_sum_mod_11(digits, body, 3);
    return remainder % 10 == digits[body] - '0';
}

/* The 9-digit VAT code of a legal entity has 1 as its 8th digit, the 12-digit one as its 11th. */
static bool vat_marker_is_one(const struct lithuanian_code *code)
{
    return code->digits[code->length - 2] == '1';
}

static bool is_vat_length(size_t length)
{
    return length == VAT_SHORT_DIGITS || length == VAT_LONG_DIGITS;
}

static bool is_vat_code(const struct lithuanian_code *code)
{
    return code->has_vat_prefix || code->length == VAT_LONG_DIGITS;
}

/* NULL when `code` (all digits) is a valid company or VAT code, else the key of the problem. */
static const char *code_problem(const struct lithuanian_code *code)
{
    bool vat = is_vat_code(code);
    if (vat ? !is_vat_length(code->length) : code->length != COMPANY_CODE_DIGITS)
        return KEY_LENGTH;
    if (vat && !vat_marker_is_one(code))
        return KEY_VAT;
    if (all_zeros(code->digits) || !check_digit_matches(code->digits, code->length))
        return KEY_CHECK;
    return NULL;
}

static void read_code(const struct compact_text *number, struct lithuanian_code *code)
{
    code->has_vat_prefix = strncmp(number->text, "LT", 2) == 0;
    code->digits = code->has_vat_prefix ? number->text + 2 : number->text;
    code->length = strlen(code->digits);
}

/* NULL when the compacted input is a valid code, else the key of what is wrong with it. */
static const char *input_problem(const struct lithuanian_code *code)
{
    if (code->length == 0)
        return KEY_EMPTY;
    if (!all_digits(code->digits))
        return KEY_FORMAT;
    return code_problem(code);
}

static void write_canonical(const struct lithuanian_code *code, char out[CANONICAL_CAP])
{
    size_t prefix = 0;
    if (is_vat_code(code)) {
        memcpy(out, "LT", 2);
        prefix = 2;
    }
    memcpy(out + prefix, code->digits, code->length + 1);
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

int kaunas_validate_business_id(const char *input, char *normalised, size_t cap,
                                const char **error_key)
{
    if (normalised != NULL && cap > 0)
        normalised[0] = '\0';
    if (input == NULL)
        return fail_with(KEY_EMPTY, error_key);

    struct compact_text number;
    struct lithuanian_code code;
    compact_input(input, &number);
    read_code(&number, &code);
    const char *problem = input_problem(&code);
    if (problem == NULL) {
        char canonical[CANONICAL_CAP];
        write_canonical(&code, canonical);
        problem = copy_canonical(canonical, normalised, cap);
    }
    return problem == NULL ? 0 : fail_with(problem, error_key);
}
