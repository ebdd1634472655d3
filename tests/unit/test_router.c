/*
 * test_router.c — route patterns, captures, 404, 405 with Allow, HEAD, bad encodings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "http.h"
#include "router.h"

#include <string.h>

static struct arena *a;

static enum err_code handler_a(struct req *r)
{
    (void)r;
    return ERR_NONE;
}

static const struct route table[] = {
    {"GET", "/", handler_a, "public.read", NULL, "core"},
    {"GET", "/r/{region}/listings/{id}", handler_a, "public.read", NULL, "core"},
    {"POST", "/r/{region}/listings/{id}", handler_a, "public.read", NULL, "core"},
    {"GET", "/r/{region}/listings/new", handler_a, "public.read", NULL, "core"},
    {"DELETE", "/api/v1/listings/{id}", handler_a, "public.read", NULL, "core"},
};

static int setup(void **state)
{
    (void)state;
    a = arena_new(4096);
    char err[256];
    router_free();
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (router_add(&table[i], err, sizeof err) != 0)
            return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    router_free();
    arena_free(a);
    return 0;
}

static enum err_code match(const char *method, const char *path, const struct route **r,
                           struct kv_list *params, const char **allow)
{
    memset(params, 0, sizeof *params);
    *allow = NULL;
    *r = NULL;
    return router_match(a, method, path, r, params, allow);
}

static void test_captures_are_decoded(void **state)
{
    (void)state;
    const struct route *r;
    struct kv_list p;
    const char *allow;
    assert_int_equal(match("GET", "/r/kaunas/listings/42", &r, &p, &allow), ERR_NONE);
    assert_string_equal(kv_get(&p, "region"), "kaunas");
    assert_string_equal(kv_get(&p, "id"), "42");
    assert_int_equal(match("GET", "/r/timi%C8%99oara/listings/7", &r, &p, &allow), ERR_NONE);
    assert_string_equal(kv_get(&p, "region"), "timișoara");
}

static void test_root_matches_only_root(void **state)
{
    (void)state;
    const struct route *r;
    struct kv_list p;
    const char *allow;
    assert_int_equal(match("GET", "/", &r, &p, &allow), ERR_NONE);
    assert_string_equal(r->pattern, "/");
    assert_int_equal(match("GET", "/nothing", &r, &p, &allow), ERR_NOT_FOUND);
}

static void test_unknown_path_is_404(void **state)
{
    (void)state;
    const struct route *r;
    struct kv_list p;
    const char *allow;
    assert_int_equal(match("GET", "/r/kaunas/listings", &r, &p, &allow), ERR_NOT_FOUND);
    assert_int_equal(match("GET", "/r/kaunas/listings/42/extra", &r, &p, &allow), ERR_NOT_FOUND);
    assert_int_equal(match("GET", "/r//listings/42", &r, &p, &allow), ERR_NOT_FOUND);
    assert_int_equal(match("GET", "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o", &r, &p, &allow), ERR_NOT_FOUND);
}

static void test_wrong_method_is_405_with_allow(void **state)
{
    (void)state;
    const struct route *r;
    struct kv_list p;
    const char *allow;
    assert_int_equal(match("PUT", "/r/kaunas/listings/42", &r, &p, &allow), ERR_METHOD_NOT_ALLOWED);
    assert_string_equal(allow, "GET, HEAD, POST");
    assert_int_equal(match("GET", "/api/v1/listings/9", &r, &p, &allow), ERR_METHOD_NOT_ALLOWED);
    assert_string_equal(allow, "DELETE");
}

static void test_head_is_answered_by_get(void **state)
{
    (void)state;
    const struct route *r;
    struct kv_list p;
    const char *allow;
    assert_int_equal(match("HEAD", "/r/rijeka/listings/1", &r, &p, &allow), ERR_NONE);
    assert_string_equal(r->method, "GET");
}

static void test_literal_segment_beats_capture(void **state)
{
    (void)state;
    const struct route *r;
    struct kv_list p;
    const char *allow;
    /* "/listings/{id}" comes first in the table, yet "/listings/new" is more specific. */
    assert_int_equal(match("GET", "/r/matera/listings/new", &r, &p, &allow), ERR_NONE);
    assert_string_equal(r->pattern, "/r/{region}/listings/new");
    assert_int_equal(match("GET", "/r/matera/listings/12", &r, &p, &allow), ERR_NONE);
    assert_string_equal(r->pattern, "/r/{region}/listings/{id}");
}

static void test_badly_encoded_path_is_400(void **state)
{
    (void)state;
    const struct route *r;
    struct kv_list p;
    const char *allow;
    assert_int_equal(match("GET", "/r/%zz/listings/1", &r, &p, &allow), ERR_BAD_REQUEST);
    assert_int_equal(match("GET", "/r/%C3%28/listings/1", &r, &p, &allow), ERR_BAD_REQUEST);
}

static void test_encoded_slash_does_not_cross_segments(void **state)
{
    (void)state;
    const struct route *r;
    struct kv_list p;
    const char *allow;
    assert_int_equal(match("GET", "/r/kaunas%2Flistings/listings/1", &r, &p, &allow),
                     ERR_NOT_FOUND);
}

static void test_duplicate_and_malformed_patterns_are_refused(void **state)
{
    (void)state;
    char err[256];
    const struct route dup = {"GET", "/", handler_a, "public.read", NULL, "kaunas"};
    assert_int_equal(router_add(&dup, err, sizeof err), -1);
    assert_non_null(strstr(err, "already taken"));
    const struct route bad = {"GET", "/x/{broken", handler_a, "public.read", NULL, "kaunas"};
    assert_int_equal(router_add(&bad, err, sizeof err), -1);
    const struct route rel = {"GET", "x", handler_a, "public.read", NULL, "kaunas"};
    assert_int_equal(router_add(&rel, err, sizeof err), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_captures_are_decoded),
        cmocka_unit_test(test_root_matches_only_root),
        cmocka_unit_test(test_unknown_path_is_404),
        cmocka_unit_test(test_wrong_method_is_405_with_allow),
        cmocka_unit_test(test_head_is_answered_by_get),
        cmocka_unit_test(test_literal_segment_beats_capture),
        cmocka_unit_test(test_badly_encoded_path_is_400),
        cmocka_unit_test(test_encoded_slash_does_not_cross_segments),
        cmocka_unit_test(test_duplicate_and_malformed_patterns_are_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
