/*
 * fuzz_accept.c — the Accept-Language and Accept headers: http_pick_language with the portal's
 * seven languages, and http_accept_prefers_json.  Checks that the language picked is one of the
 * seven and named in the header, and that an empty list of languages picks none.
 */
#include "fuzz_common.h"

#include "http_parse.h"

#include <stdbool.h>

static const char *const languages[] = {"en", "lt", "hr", "ro", "it", "nl", "fy"};
enum { LANGUAGES = sizeof languages / sizeof languages[0] };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_default_settings();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *header = fuzz_string(data, size);

    int pick = http_pick_language(header, languages, LANGUAGES);
    FUZZ_REQUIRE(pick >= -1 && pick < LANGUAGES);
    if (pick >= 0)
        FUZZ_REQUIRE(strcasestr(header, languages[pick]) != NULL);
    FUZZ_REQUIRE(http_pick_language(header, languages, 0) == -1);

    bool json = http_accept_prefers_json(header);
    if (json)
        FUZZ_REQUIRE(strcasestr(header, "application/json") != NULL);
    free(header);
    return 0;
}
