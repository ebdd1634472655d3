/*
 * test_bizid.c — unit tests of the five regions' business ID validators (plugins/<region>/bizid.c):
 * published valid examples give 0 and the canonical form, near misses give -1 and the right key,
 * and no input, however odd, makes a validator overflow its buffer or change its mind.
 *
 * Sources of the valid examples (each checked with an independent script before use):
 *   HR  33392005961: python-stdnum stdnum/hr/oib.py docstring; 69435151530: the worked OIB example
 *       that Croatian documentation and many public validators use.
 *   IT  00743110157: python-stdnum stdnum/it/iva.py docstring; 00595000217, 01404480202,
 *       12920760159: python-stdnum tests/test_eu_vat.doctest.
 *   RO  18547290: python-stdnum stdnum/ro/cui.py docstring; 11358544, 2413020, 573768, 15071875,
 *       23867797: python-stdnum tests/test_eu_vat.doctest.
 *   LT  VAT 119511515, 100001919017, 100004801610: python-stdnum stdnum/lt/pvm.py docstring;
 *       235449811, 757118413, 100000979812: python-stdnum tests/test_eu_vat.doctest.  Company codes
 *       110053842 (AB Lietuvos geležinkeliai), 188764867 (Kauno miesto savivaldybės
 *       administracija), 124110246 (VĮ Registrų centras): public registers of these bodies.
 *   NL  KvK 69599084, 68750110, 90004760: the KvK developer portal's test data.  VAT
 *       004495445B01, 002455799B11: python-stdnum stdnum/nl/btw.py docstring; 820605876B01,
 *       819738116B01, 822569759B01, 001452330B47: python-stdnum tests/test_eu_vat.doctest.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "kaunas/bizid.h"
#include "leeuwarden/bizid.h"
#include "matera/bizid.h"
#include "rijeka/bizid.h"
#include "timisoara/bizid.h"

typedef int (*validator_fn)(const char *input, char *normalised, size_t cap,
                            const char **error_key);

static const validator_fn all_validators[] = {
    kaunas_validate_business_id, leeuwarden_validate_business_id, matera_validate_business_id,
    rijeka_validate_business_id, timisoara_validate_business_id,
};

enum { VALIDATOR_COUNT = sizeof all_validators / sizeof all_validators[0] };

/* Room for any canonical form, with a margin the validators must leave alone. */
enum { OUT_CAP = 32, GUARD = 16 };

static void expect_accepted(validator_fn validate, const char *input, const char *canonical)
{
    char out[OUT_CAP];
    const char *key = NULL;
    int rc = validate(input, out, sizeof out, &key);
    if (rc != 0)
        fail_msg("\"%s\" was refused with %s, expected %s", input, key ? key : "(no key)",
                 canonical);
    if (strcmp(out, canonical) != 0)
        fail_msg("\"%s\" became \"%s\", expected \"%s\"", input, out, canonical);
}

static void expect_refused(validator_fn validate, const char *input, const char *expected_key)
{
    char out[OUT_CAP];
    const char *key = NULL;
    int rc = validate(input, out, sizeof out, &key);
    if (rc != -1)
        fail_msg("\"%s\" was accepted as \"%s\", expected %s", input ? input : "(NULL)", out,
                 expected_key);
    if (key == NULL || strcmp(key, expected_key) != 0)
        fail_msg("\"%s\" was refused with %s, expected %s", input ? input : "(NULL)",
                 key ? key : "(no key)", expected_key);
    if (out[0] != '\0')
        fail_msg("\"%s\" was refused but left \"%s\" in the buffer", input ? input : "(NULL)", out);
}

/* With exactly strlen(canonical) bytes the NUL does not fit: -1, the key, nothing written past
 * the given capacity; one byte more is enough. */
static void expect_capacity_respected(validator_fn validate, const char *input,
                                      const char *canonical, const char *internal_key)
{
    size_t needed = strlen(canonical) + 1;
    char out[OUT_CAP + GUARD];
    const char *key = NULL;

    memset(out, 'x', sizeof out);
    assert_int_equal(validate(input, out, needed - 1, &key), -1);
    assert_non_null(key);
    assert_string_equal(key, internal_key);
    for (size_t i = needed - 1; i < sizeof out; i++)
        assert_int_equal(out[i], 'x');

    memset(out, 'x', sizeof out);
    key = NULL;
    assert_int_equal(validate(input, out, 0, &key), -1);
    assert_string_equal(key, internal_key);
    assert_int_equal(out[0], 'x');

    key = NULL;
    assert_int_equal(validate(input, NULL, 0, &key), -1);
    assert_string_equal(key, internal_key);

    memset(out, 'x', sizeof out);
    assert_int_equal(validate(input, out, needed, &key), 0);
    assert_string_equal(out, canonical);
    for (size_t i = needed; i < sizeof out; i++)
        assert_int_equal(out[i], 'x');
}

/* ---- Rijeka: Croatian OIB ---------------------------------------------------------------- */

static void test_oib_accepts_published_examples(void **state)
{
    (void)state;
    expect_accepted(rijeka_validate_business_id, "33392005961", "33392005961");
    expect_accepted(rijeka_validate_business_id, "69435151530", "69435151530");
}

static void test_oib_accepts_vat_prefix_spaces_and_dashes(void **state)
{
    (void)state;
    expect_accepted(rijeka_validate_business_id, "HR 33392005961", "33392005961");
    expect_accepted(rijeka_validate_business_id, "  hr69435151530\n", "69435151530");
    expect_accepted(rijeka_validate_business_id, "HR-333 920 059 61", "33392005961");
}

static void test_oib_refuses_changed_check_digit(void **state)
{
    (void)state;
    expect_refused(rijeka_validate_business_id, "33392005962", "bizid.hr.check");
}

static void test_oib_refuses_changed_inner_digit(void **state)
{
    (void)state;
    expect_refused(rijeka_validate_business_id, "HR 33392015961", "bizid.hr.check");
}

static void test_oib_refuses_wrong_length(void **state)
{
    (void)state;
    expect_refused(rijeka_validate_business_id, "3339200596", "bizid.hr.length");
    expect_refused(rijeka_validate_business_id, "333920059610", "bizid.hr.length");
}

static void test_oib_refuses_letters_inside(void **state)
{
    (void)state;
    expect_refused(rijeka_validate_business_id, "3339200S961", "bizid.hr.format");
    expect_refused(rijeka_validate_business_id, "33392005961 d.o.o.", "bizid.hr.format");
}

static void test_oib_refuses_empty_and_null(void **state)
{
    (void)state;
    expect_refused(rijeka_validate_business_id, "", "bizid.hr.empty");
    expect_refused(rijeka_validate_business_id, " \t ", "bizid.hr.empty");
    expect_refused(rijeka_validate_business_id, "HR", "bizid.hr.empty");
    expect_refused(rijeka_validate_business_id, NULL, "bizid.hr.empty");
}

static void test_oib_respects_buffer_capacity(void **state)
{
    (void)state;
    expect_capacity_respected(rijeka_validate_business_id, "HR 33392005961", "33392005961",
                              "bizid.hr.internal");
}

/* ---- Matera: Italian partita IVA --------------------------------------------------------- */

static void test_iva_accepts_published_examples(void **state)
{
    (void)state;
    expect_accepted(matera_validate_business_id, "00743110157", "00743110157");
    expect_accepted(matera_validate_business_id, "12920760159", "12920760159");
}

static void test_iva_accepts_vat_prefix_spaces_and_dashes(void **state)
{
    (void)state;
    expect_accepted(matera_validate_business_id, "IT 00743110157", "00743110157");
    expect_accepted(matera_validate_business_id, "IT 00 595 000 217", "00595000217");
    expect_accepted(matera_validate_business_id, "IT-01404480202", "01404480202");
    expect_accepted(matera_validate_business_id, " it12920760159 ", "12920760159");
}

static void test_iva_refuses_changed_check_digit(void **state)
{
    (void)state;
    expect_refused(matera_validate_business_id, "00743110158", "bizid.it.check");
}

static void test_iva_refuses_changed_inner_digit(void **state)
{
    (void)state;
    expect_refused(matera_validate_business_id, "IT 00743110257", "bizid.it.check");
}

static void test_iva_refuses_all_zeros(void **state)
{
    (void)state;
    expect_refused(matera_validate_business_id, "00000000000", "bizid.it.check");
}

static void test_iva_refuses_wrong_length(void **state)
{
    (void)state;
    expect_refused(matera_validate_business_id, "0074311015", "bizid.it.length");
    expect_refused(matera_validate_business_id, "007431101570", "bizid.it.length");
}

static void test_iva_refuses_letters_inside(void **state)
{
    (void)state;
    expect_refused(matera_validate_business_id, "0074311O157", "bizid.it.format");
    expect_refused(matera_validate_business_id, "P.IVA 00743110157", "bizid.it.format");
}

static void test_iva_refuses_empty_and_null(void **state)
{
    (void)state;
    expect_refused(matera_validate_business_id, "", "bizid.it.empty");
    expect_refused(matera_validate_business_id, "  ", "bizid.it.empty");
    expect_refused(matera_validate_business_id, "IT", "bizid.it.empty");
    expect_refused(matera_validate_business_id, NULL, "bizid.it.empty");
}

static void test_iva_respects_buffer_capacity(void **state)
{
    (void)state;
    expect_capacity_respected(matera_validate_business_id, "IT 00743110157", "00743110157",
                              "bizid.it.internal");
}

/* ---- Timisoara: Romanian CUI / CIF ------------------------------------------------------- */

static void test_cui_accepts_published_examples(void **state)
{
    (void)state;
    expect_accepted(timisoara_validate_business_id, "18547290", "18547290");
    expect_accepted(timisoara_validate_business_id, "11358544", "11358544");
    expect_accepted(timisoara_validate_business_id, "573768", "573768");
}

static void test_cui_accepts_vat_prefix_and_spaces_and_drops_prefix(void **state)
{
    (void)state;
    expect_accepted(timisoara_validate_business_id, "185 472 90", "18547290");
    expect_accepted(timisoara_validate_business_id, "RO 185 472 90", "18547290");
    expect_accepted(timisoara_validate_business_id, "RO 241 30 20", "2413020");
    expect_accepted(timisoara_validate_business_id, "Ro 15071875", "15071875");
    expect_accepted(timisoara_validate_business_id, "RO-23867797", "23867797");
    expect_accepted(timisoara_validate_business_id, " ro18.547.290 ", "18547290");
}

static void test_cui_refuses_changed_check_digit(void **state)
{
    (void)state;
    expect_refused(timisoara_validate_business_id, "185 472 91", "bizid.ro.check");
}

static void test_cui_refuses_changed_inner_digit(void **state)
{
    (void)state;
    expect_refused(timisoara_validate_business_id, "RO 18557290", "bizid.ro.check");
}

/* A CUI may have 2 to 10 digits, so one digit fewer or more is a check failure, not a length
 * one.  (Dropping the last digit of 18547290 happens to give another valid CUI, 1854729.) */
static void test_cui_refuses_one_digit_short_or_long_by_its_check_digit(void **state)
{
    (void)state;
    expect_refused(timisoara_validate_business_id, "1135854", "bizid.ro.check");
    expect_refused(timisoara_validate_business_id, "113585440", "bizid.ro.check");
}

static void test_cui_refuses_length_outside_two_to_ten_digits(void **state)
{
    (void)state;
    expect_refused(timisoara_validate_business_id, "1", "bizid.ro.length");
    expect_refused(timisoara_validate_business_id, "RO 12345678901", "bizid.ro.length");
}

static void test_cui_refuses_leading_zero(void **state)
{
    (void)state;
    expect_refused(timisoara_validate_business_id, "018547290", "bizid.ro.format");
}

static void test_cui_refuses_letters_inside(void **state)
{
    (void)state;
    expect_refused(timisoara_validate_business_id, "1854729O", "bizid.ro.format");
    expect_refused(timisoara_validate_business_id, "J35/1234/2020", "bizid.ro.format");
}

static void test_cui_refuses_empty_and_null(void **state)
{
    (void)state;
    expect_refused(timisoara_validate_business_id, "", "bizid.ro.empty");
    expect_refused(timisoara_validate_business_id, "\t", "bizid.ro.empty");
    expect_refused(timisoara_validate_business_id, "RO", "bizid.ro.empty");
    expect_refused(timisoara_validate_business_id, NULL, "bizid.ro.empty");
}

static void test_cui_respects_buffer_capacity(void **state)
{
    (void)state;
    expect_capacity_respected(timisoara_validate_business_id, "RO 185 472 90", "18547290",
                              "bizid.ro.internal");
}

/* ---- Kaunas: Lithuanian company code and VAT code ---------------------------------------- */

static void test_company_code_accepts_published_examples(void **state)
{
    (void)state;
    expect_accepted(kaunas_validate_business_id, "110053842", "110053842");
    expect_accepted(kaunas_validate_business_id, "188764867", "188764867");
    expect_accepted(kaunas_validate_business_id, " 124 110 246 ", "124110246");
}

static void test_pvm_accepts_published_examples_with_prefix(void **state)
{
    (void)state;
    expect_accepted(kaunas_validate_business_id, "LT 119511515", "LT119511515");
    expect_accepted(kaunas_validate_business_id, "LT 100001919017", "LT100001919017");
    expect_accepted(kaunas_validate_business_id, "LT-100000979812", "LT100000979812");
    expect_accepted(kaunas_validate_business_id, "lt 235449811", "LT235449811");
}

static void test_pvm_accepts_example_needing_second_weights(void **state)
{
    (void)state;
    expect_accepted(kaunas_validate_business_id, "LT100004801610", "LT100004801610");
    expect_accepted(kaunas_validate_business_id, "LT 757118413", "LT757118413");
}

static void test_pvm_of_twelve_digits_without_prefix_is_read_as_vat(void **state)
{
    (void)state;
    expect_accepted(kaunas_validate_business_id, "100001919017", "LT100001919017");
}

static void test_company_code_refuses_changed_check_digit(void **state)
{
    (void)state;
    expect_refused(kaunas_validate_business_id, "110053843", "bizid.lt.check");
}

static void test_pvm_refuses_changed_check_digit(void **state)
{
    (void)state;
    expect_refused(kaunas_validate_business_id, "LT 100001919018", "bizid.lt.check");
    expect_refused(kaunas_validate_business_id, "100001919018", "bizid.lt.check");
}

static void test_pvm_refuses_digit_that_must_be_one(void **state)
{
    (void)state;
    expect_refused(kaunas_validate_business_id, "LT 100001354", "bizid.lt.vat");
    expect_refused(kaunas_validate_business_id, "LT 100001509922", "bizid.lt.vat");
}

static void test_company_code_refuses_wrong_length(void **state)
{
    (void)state;
    expect_refused(kaunas_validate_business_id, "11005384", "bizid.lt.length");
    expect_refused(kaunas_validate_business_id, "1100538420", "bizid.lt.length");
}

static void test_pvm_refuses_wrong_length(void **state)
{
    (void)state;
    expect_refused(kaunas_validate_business_id, "LT11951151", "bizid.lt.length");
    expect_refused(kaunas_validate_business_id, "LT1000019190170", "bizid.lt.length");
}

static void test_lithuanian_codes_refuse_all_zeros(void **state)
{
    (void)state;
    expect_refused(kaunas_validate_business_id, "000000000", "bizid.lt.check");
}

static void test_lithuanian_codes_refuse_letters_inside(void **state)
{
    (void)state;
    expect_refused(kaunas_validate_business_id, "11005384Z", "bizid.lt.format");
    expect_refused(kaunas_validate_business_id, "LT 1195115I5", "bizid.lt.format");
}

static void test_lithuanian_codes_refuse_empty_and_null(void **state)
{
    (void)state;
    expect_refused(kaunas_validate_business_id, "", "bizid.lt.empty");
    expect_refused(kaunas_validate_business_id, " ", "bizid.lt.empty");
    expect_refused(kaunas_validate_business_id, "LT", "bizid.lt.empty");
    expect_refused(kaunas_validate_business_id, NULL, "bizid.lt.empty");
}

static void test_lithuanian_codes_respect_buffer_capacity(void **state)
{
    (void)state;
    expect_capacity_respected(kaunas_validate_business_id, "110053842", "110053842",
                              "bizid.lt.internal");
    expect_capacity_respected(kaunas_validate_business_id, "LT 100001919017", "LT100001919017",
                              "bizid.lt.internal");
}

/* ---- Leeuwarden: Dutch KvK number and VAT identifier ------------------------------------- */

static void test_kvk_accepts_published_examples(void **state)
{
    (void)state;
    expect_accepted(leeuwarden_validate_business_id, "69599084", "69599084");
    expect_accepted(leeuwarden_validate_business_id, "68750110", "68750110");
    expect_accepted(leeuwarden_validate_business_id, " 9000 4760 ", "90004760");
}

static void test_btw_accepts_published_examples_passing_eleven_test(void **state)
{
    (void)state;
    expect_accepted(leeuwarden_validate_business_id, "NL004495445B01", "NL004495445B01");
    expect_accepted(leeuwarden_validate_business_id, "NL 820605876B01", "NL820605876B01");
}

static void test_btw_accepts_published_examples_passing_mod_97(void **state)
{
    (void)state;
    expect_accepted(leeuwarden_validate_business_id, "NL002455799B11", "NL002455799B11");
    expect_accepted(leeuwarden_validate_business_id, "NL001452330B47", "NL001452330B47");
}

static void test_btw_accepts_dots_dashes_lower_case_and_missing_prefix(void **state)
{
    (void)state;
    expect_accepted(leeuwarden_validate_business_id, "NL-8197.38.116.B.01", "NL819738116B01");
    expect_accepted(leeuwarden_validate_business_id, "nl 8225.69.759 b01", "NL822569759B01");
    expect_accepted(leeuwarden_validate_business_id, "004495445B01", "NL004495445B01");
}

static void test_btw_refuses_changed_digit(void **state)
{
    (void)state;
    expect_refused(leeuwarden_validate_business_id, "NL004495446B01", "bizid.nl.check");
    expect_refused(leeuwarden_validate_business_id, "NL002455799B12", "bizid.nl.check");
    expect_refused(leeuwarden_validate_business_id, "123456789B90", "bizid.nl.check");
}

static void test_btw_refuses_all_zero_number_and_suffix_00(void **state)
{
    (void)state;
    expect_refused(leeuwarden_validate_business_id, "NL000000000B01", "bizid.nl.check");
    expect_refused(leeuwarden_validate_business_id, "NL009122746B00", "bizid.nl.format");
}

static void test_btw_refuses_missing_letter_b(void **state)
{
    (void)state;
    expect_refused(leeuwarden_validate_business_id, "NL 001241643801", "bizid.nl.format");
}

static void test_btw_refuses_wrong_length(void **state)
{
    (void)state;
    expect_refused(leeuwarden_validate_business_id, "NL00449544B01", "bizid.nl.length");
    expect_refused(leeuwarden_validate_business_id, "NL006866304B021", "bizid.nl.length");
}

static void test_kvk_refuses_wrong_length(void **state)
{
    (void)state;
    expect_refused(leeuwarden_validate_business_id, "6959908", "bizid.nl.length");
    expect_refused(leeuwarden_validate_business_id, "695990841", "bizid.nl.length");
    expect_refused(leeuwarden_validate_business_id, "NL69599084", "bizid.nl.length");
}

static void test_kvk_refuses_all_zeros(void **state)
{
    (void)state;
    expect_refused(leeuwarden_validate_business_id, "00000000", "bizid.nl.check");
}

static void test_dutch_numbers_refuse_letters_inside(void **state)
{
    (void)state;
    expect_refused(leeuwarden_validate_business_id, "6959908A", "bizid.nl.format");
    expect_refused(leeuwarden_validate_business_id, "NL 82X569759B01", "bizid.nl.format");
}

static void test_dutch_numbers_refuse_empty_and_null(void **state)
{
    (void)state;
    expect_refused(leeuwarden_validate_business_id, "", "bizid.nl.empty");
    expect_refused(leeuwarden_validate_business_id, " . - ", "bizid.nl.empty");
    expect_refused(leeuwarden_validate_business_id, "NL", "bizid.nl.empty");
    expect_refused(leeuwarden_validate_business_id, NULL, "bizid.nl.empty");
}

static void test_dutch_numbers_respect_buffer_capacity(void **state)
{
    (void)state;
    expect_capacity_respected(leeuwarden_validate_business_id, "69599084", "69599084",
                              "bizid.nl.internal");
    expect_capacity_respected(leeuwarden_validate_business_id, "nl 004495445 b01", "NL004495445B01",
                              "bizid.nl.internal");
}

/* ---- All five: totality ------------------------------------------------------------------ */

/* Whatever the outcome, the validator must not write past `cap`, must leave a NUL-terminated
 * string, must say why when it refuses, and must accept its own canonical form unchanged. */
static void check_validator_is_well_behaved(validator_fn validate, const char *input)
{
    char out[OUT_CAP + GUARD];
    const char *key = NULL;

    memset(out, 'x', sizeof out);
    int rc = validate(input, out, OUT_CAP, &key);
    assert_true(rc == 0 || rc == -1);
    for (size_t i = OUT_CAP; i < sizeof out; i++)
        assert_int_equal(out[i], 'x');
    assert_non_null(memchr(out, '\0', OUT_CAP));
    if (rc == -1) {
        assert_non_null(key);
        assert_string_equal(out, "");
        return;
    }
    char again[OUT_CAP];
    assert_int_equal(validate(out, again, sizeof again, &key), 0);
    assert_string_equal(again, out);
}

static void check_all_validators_are_well_behaved(const char *input)
{
    for (size_t v = 0; v < VALIDATOR_COUNT; v++)
        check_validator_is_well_behaved(all_validators[v], input);
}

static void test_validators_handle_very_long_input(void **state)
{
    (void)state;
    static char digits[100000];
    static char spaces_then_oib[100000];
    memset(digits, '1', sizeof digits - 1);
    check_all_validators_are_well_behaved(digits);

    memset(spaces_then_oib, ' ', sizeof spaces_then_oib - 1);
    memcpy(spaces_then_oib + sizeof spaces_then_oib - 12, "33392005961", 12);
    expect_accepted(rijeka_validate_business_id, spaces_then_oib, "33392005961");
}

static void test_validators_handle_non_ascii_and_control_bytes(void **state)
{
    (void)state;
    static const char *const odd[] = {
        "\xc3\xa9\xc3\xa9",
        "33392005961\xff",
        "\x80",
        "LT\x01"
        "119511515",
        "NL\xc2\xa0"
        "004495445B01",
        "RO\x7f"
        "18547290",
        "IT 0074311015\xe2\x80\x8b"
        "7",
        "%s%n",
        "-",
        ".",
        "B",
        "NLB",
        "LTLT119511515",
        "HRHR33392005961",
    };
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++)
        check_all_validators_are_well_behaved(odd[i]);
}

/* A small deterministic fuzz: random strings over an alphabet of the characters that matter. */
static void test_validators_handle_random_strings(void **state)
{
    (void)state;
    static const char alphabet[] = "0123456789 .-BLTNRIHOblnrtio\t\xc3\xff";
    uint32_t seed = 12345u;
    char input[48];
    for (int round = 0; round < 20000; round++) {
        seed = seed * 1664525u + 1013904223u;
        size_t length = (seed >> 24) % (sizeof input - 1);
        for (size_t i = 0; i < length; i++) {
            seed = seed * 1664525u + 1013904223u;
            input[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        input[length] = '\0';
        check_all_validators_are_well_behaved(input);
    }
}

static void test_canonical_forms_are_accepted_unchanged(void **state)
{
    (void)state;
    expect_accepted(rijeka_validate_business_id, "33392005961", "33392005961");
    expect_accepted(matera_validate_business_id, "00595000217", "00595000217");
    expect_accepted(timisoara_validate_business_id, "2413020", "2413020");
    expect_accepted(kaunas_validate_business_id, "124110246", "124110246");
    expect_accepted(kaunas_validate_business_id, "LT119511515", "LT119511515");
    expect_accepted(kaunas_validate_business_id, "LT100004801610", "LT100004801610");
    expect_accepted(leeuwarden_validate_business_id, "90004760", "90004760");
    expect_accepted(leeuwarden_validate_business_id, "NL819738116B01", "NL819738116B01");
}

static void test_validators_accept_null_error_key(void **state)
{
    (void)state;
    char out[OUT_CAP];
    for (size_t v = 0; v < VALIDATOR_COUNT; v++) {
        assert_int_equal(all_validators[v]("not a number", out, sizeof out, NULL), -1);
        assert_int_equal(all_validators[v](NULL, NULL, 0, NULL), -1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oib_accepts_published_examples),
        cmocka_unit_test(test_oib_accepts_vat_prefix_spaces_and_dashes),
        cmocka_unit_test(test_oib_refuses_changed_check_digit),
        cmocka_unit_test(test_oib_refuses_changed_inner_digit),
        cmocka_unit_test(test_oib_refuses_wrong_length),
        cmocka_unit_test(test_oib_refuses_letters_inside),
        cmocka_unit_test(test_oib_refuses_empty_and_null),
        cmocka_unit_test(test_oib_respects_buffer_capacity),

        cmocka_unit_test(test_iva_accepts_published_examples),
        cmocka_unit_test(test_iva_accepts_vat_prefix_spaces_and_dashes),
        cmocka_unit_test(test_iva_refuses_changed_check_digit),
        cmocka_unit_test(test_iva_refuses_changed_inner_digit),
        cmocka_unit_test(test_iva_refuses_all_zeros),
        cmocka_unit_test(test_iva_refuses_wrong_length),
        cmocka_unit_test(test_iva_refuses_letters_inside),
        cmocka_unit_test(test_iva_refuses_empty_and_null),
        cmocka_unit_test(test_iva_respects_buffer_capacity),

        cmocka_unit_test(test_cui_accepts_published_examples),
        cmocka_unit_test(test_cui_accepts_vat_prefix_and_spaces_and_drops_prefix),
        cmocka_unit_test(test_cui_refuses_changed_check_digit),
        cmocka_unit_test(test_cui_refuses_changed_inner_digit),
        cmocka_unit_test(test_cui_refuses_one_digit_short_or_long_by_its_check_digit),
        cmocka_unit_test(test_cui_refuses_length_outside_two_to_ten_digits),
        cmocka_unit_test(test_cui_refuses_leading_zero),
        cmocka_unit_test(test_cui_refuses_letters_inside),
        cmocka_unit_test(test_cui_refuses_empty_and_null),
        cmocka_unit_test(test_cui_respects_buffer_capacity),

        cmocka_unit_test(test_company_code_accepts_published_examples),
        cmocka_unit_test(test_pvm_accepts_published_examples_with_prefix),
        cmocka_unit_test(test_pvm_accepts_example_needing_second_weights),
        cmocka_unit_test(test_pvm_of_twelve_digits_without_prefix_is_read_as_vat),
        cmocka_unit_test(test_company_code_refuses_changed_check_digit),
        cmocka_unit_test(test_pvm_refuses_changed_check_digit),
        cmocka_unit_test(test_pvm_refuses_digit_that_must_be_one),
        cmocka_unit_test(test_company_code_refuses_wrong_length),
        cmocka_unit_test(test_pvm_refuses_wrong_length),
        cmocka_unit_test(test_lithuanian_codes_refuse_all_zeros),
        cmocka_unit_test(test_lithuanian_codes_refuse_letters_inside),
        cmocka_unit_test(test_lithuanian_codes_refuse_empty_and_null),
        cmocka_unit_test(test_lithuanian_codes_respect_buffer_capacity),

        cmocka_unit_test(test_kvk_accepts_published_examples),
        cmocka_unit_test(test_btw_accepts_published_examples_passing_eleven_test),
        cmocka_unit_test(test_btw_accepts_published_examples_passing_mod_97),
        cmocka_unit_test(test_btw_accepts_dots_dashes_lower_case_and_missing_prefix),
        cmocka_unit_test(test_btw_refuses_changed_digit),
        cmocka_unit_test(test_btw_refuses_all_zero_number_and_suffix_00),
        cmocka_unit_test(test_btw_refuses_missing_letter_b),
        cmocka_unit_test(test_btw_refuses_wrong_length),
        cmocka_unit_test(test_kvk_refuses_wrong_length),
        cmocka_unit_test(test_kvk_refuses_all_zeros),
        cmocka_unit_test(test_dutch_numbers_refuse_letters_inside),
        cmocka_unit_test(test_dutch_numbers_refuse_empty_and_null),
        cmocka_unit_test(test_dutch_numbers_respect_buffer_capacity),

        cmocka_unit_test(test_validators_handle_very_long_input),
        cmocka_unit_test(test_validators_handle_non_ascii_and_control_bytes),
        cmocka_unit_test(test_validators_handle_random_strings),
        cmocka_unit_test(test_canonical_forms_are_accepted_unchanged),
        cmocka_unit_test(test_validators_accept_null_error_key),
    };
    return cmocka_run_group_tests_name("bizid", tests, NULL, NULL);
}
