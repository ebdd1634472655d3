/*
 * fuzz_bizid.c — the five regions' business-ID validators (plugins/<region>/bizid.c) with the
 * input as the ID and output buffers of many sizes, 0 and 1 included, each exactly as large as
 * announced (so AddressSanitizer sees a write past `cap`).  Checks the contract of bizid.h: a
 * failure names an error key of the region; a success fits in `cap`, succeeds with any larger
 * buffer and with none smaller than its length + 1, and its canonical form validates again to
 * itself.
 */
#include "fuzz_common.h"

#include "kaunas/bizid.h"
#include "leeuwarden/bizid.h"
#include "matera/bizid.h"
#include "rijeka/bizid.h"
#include "timisoara/bizid.h"

typedef int (*validate_fn)(const char *, char *, size_t, const char **);

static const struct {
    validate_fn validate;
    const char *key_prefix;
} regions[] = {
    {kaunas_validate_business_id, "bizid.lt."},     /* company and VAT codes */
    {leeuwarden_validate_business_id, "bizid.nl."}, /* KvK number, btw-id */
    {matera_validate_business_id, "bizid.it."},     /* partita IVA */
    {rijeka_validate_business_id, "bizid.hr."},     /* OIB */
    {timisoara_validate_business_id, "bizid.ro."},  /* CUI / CIF */
};

static const size_t caps[] = {0, 1, 2, 8, 9, 10, 11, 12, 13, 14, 15, 16, 64};
enum { WIDE = 64 };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_default_settings();
    return 0;
}

/* Runs one validator with a buffer of exactly `cap` bytes; returns its result, the output in
 * `out` (WIDE bytes) on success. */
static int validate(validate_fn fn, const char *prefix, const char *input, size_t cap, char *out)
{
    char *buf = malloc(cap);
    if (buf == NULL && cap > 0)
        abort();
    const char *key = NULL;
    int rc = fn(input, buf, cap, &key);
    if (rc == 0) {
        FUZZ_REQUIRE(cap > 0 && strnlen(buf, cap) < cap);
        memcpy(out, buf, strlen(buf) + 1);
    } else {
        FUZZ_REQUIRE(rc == -1 && key != NULL && strncmp(key, prefix, strlen(prefix)) == 0);
    }
    free(buf);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *input = fuzz_string(data, size);
    for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++) {
        validate_fn fn = regions[i].validate;
        const char *prefix = regions[i].key_prefix;
        char canonical[WIDE], out[WIDE], again[WIDE];
        int wide_rc = validate(fn, prefix, input, WIDE, canonical);

        for (size_t c = 0; c < sizeof caps / sizeof caps[0]; c++) {
            int rc = validate(fn, prefix, input, caps[c], out);
            if (wide_rc != 0)
                FUZZ_REQUIRE(rc == -1);
            else
                FUZZ_REQUIRE(rc == 0 ? strcmp(out, canonical) == 0 : caps[c] <= strlen(canonical));
        }
        const char *key = NULL;
        FUZZ_REQUIRE(fn(input, NULL, WIDE, &key) == -1 && key != NULL);
        FUZZ_REQUIRE(fn(input, NULL, 0, NULL) == -1);

        if (wide_rc == 0) {
            FUZZ_REQUIRE(validate(fn, prefix, canonical, strlen(canonical) + 1, again) == 0);
            FUZZ_REQUIRE(strcmp(again, canonical) == 0);
        }
    }
    free(input);
    return 0;
}
