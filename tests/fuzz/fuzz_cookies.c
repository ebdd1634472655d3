/*
 * fuzz_cookies.c — the Cookie header: http_parse_cookies (the cookie limit comes from the first
 * byte, the header is the rest).  Checks that there are never more cookies than allowed and that
 * every name is non-empty without '=' or ';', every value without ';', both valid UTF-8.
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    int max_cookies = data[0] % 80;
    char *header = fuzz_string(data + 1, size - 1);

    struct kv_list list = {0};
    http_parse_cookies(arena, header, &list, max_cookies);
    FUZZ_REQUIRE(list.count <= max_cookies);
    for (int i = 0; i < list.count; i++) {
        const char *name = list.items[i].name, *value = list.items[i].value;
        FUZZ_REQUIRE(name[0] != '\0' && strpbrk(name, "=;") == NULL);
        FUZZ_REQUIRE(strchr(value, ';') == NULL);
        FUZZ_REQUIRE(utf8_valid(name, strlen(name)) && utf8_valid(value, strlen(value)));
    }
    free(header);
    arena_reset(arena);
    return 0;
}
