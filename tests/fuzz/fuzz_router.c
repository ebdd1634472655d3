/*
 * fuzz_router.c — path matching: router_match over the core's route table with the input as the
 * path (NUL-terminated, with a leading '/' added when it has none, as http_request_begin
 * guarantees one) and each of the methods a client may send.  Checks that a match has the right
 * method and one non-empty, '/'-free, valid UTF-8 value per capture, and that 405 names the
 * allowed methods.
 */
#include "fuzz_common.h"

#include "arena.h"
#include "http_parse.h"
#include "router.h"

static struct arena *arena;

static const char *const methods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_default_settings();
    char err[256];
    if (router_init(err, sizeof err) != 0) {
        fprintf(stderr, "fuzz_router: %s\n", err);
        abort();
    }
    arena = arena_new(64 * 1024);
    return 0;
}

static int capture_count(const struct route *route)
{
    int n = 0;
    for (const char *p = route->pattern; *p != '\0'; p++)
        n += *p == '{';
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *path = malloc(size + 2);
    if (path == NULL)
        abort();
    size_t skip = size > 0 && data[0] == '/' ? 0 : 1;
    path[0] = '/';
    memcpy(path + skip, data, size);
    path[size + skip] = '\0';

    for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++) {
        const struct route *route = NULL;
        struct kv_list params = {0};
        const char *allow = NULL;
        enum err_code rc = router_match(arena, methods[m], path, &route, &params, &allow);
        if (rc == ERR_NONE) {
            FUZZ_REQUIRE(route != NULL);
            FUZZ_REQUIRE(strcmp(route->method, methods[m]) == 0 ||
                         (strcmp(methods[m], "HEAD") == 0 && strcmp(route->method, "GET") == 0));
            FUZZ_REQUIRE(params.count == capture_count(route));
            for (int i = 0; i < params.count; i++) {
                const char *v = params.items[i].value;
                FUZZ_REQUIRE(v[0] != '\0' && strchr(v, '/') == NULL);
                FUZZ_REQUIRE(utf8_valid(v, strlen(v)));
            }
        } else if (rc == ERR_METHOD_NOT_ALLOWED) {
            FUZZ_REQUIRE(allow != NULL && allow[0] != '\0' && strstr(allow, methods[m]) == NULL);
        } else {
            FUZZ_REQUIRE(rc == ERR_NOT_FOUND || rc == ERR_BAD_REQUEST);
        }
    }
    free(path);
    arena_reset(arena);
    return 0;
}
