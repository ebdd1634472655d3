/*
 * fuzz_urlencoded.c — query strings and form bodies: http_parse_urlencoded (the field limit comes
 * from the first byte, the text is the rest) and http_percent_decode with '+' as a space and
 * without.  Checks what http_parse.h promises: every output string is valid UTF-8 and no longer
 * than the input, there are never more fields than allowed, and a failure says why.
 */
#include "fuzz_common.h"

#include "arena.h"
#include "http_parse.h"

static struct arena *arena;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_default_settings();
    arena = arena_new(64 * 1024);
    return 0;
}

static void check_output(const char *s, size_t input_len)
{
    FUZZ_REQUIRE(s != NULL);
    size_t len = strlen(s);
    FUZZ_REQUIRE(len <= input_len && utf8_valid(s, len));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    int max_fields = data[0] % 32 == 0 ? settings.max_fields : data[0] % 32;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;

    struct kv_list list = {0};
    struct parse_error err;
    if (http_parse_urlencoded(arena, text, len, &list, max_fields, &err) == 0) {
        FUZZ_REQUIRE(err.status == PARSE_OK && list.count <= max_fields);
        for (int i = 0; i < list.count; i++) {
            check_output(list.items[i].name, len);
            check_output(list.items[i].value, len);
        }
    } else {
        FUZZ_REQUIRE(err.status != PARSE_OK);
        if (err.field != NULL)
            check_output(err.field, len);
    }

    for (int plus_is_space = 0; plus_is_space <= 1; plus_is_space++) {
        enum parse_status status;
        char *out = http_percent_decode(arena, text, len, plus_is_space, &status);
        FUZZ_REQUIRE((out != NULL) == (status == PARSE_OK));
        if (out != NULL)
            check_output(out, len);
    }
    arena_reset(arena);
    return 0;
}
