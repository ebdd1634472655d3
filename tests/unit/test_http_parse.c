/*
 * test_http_parse.c — the parsers of untrusted request text (core/http_parse.c): encodings,
 * limits, malformed input, invalid UTF-8, cookies, Accept and Accept-Language.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "http_parse.h"

#include <string.h>

static struct arena *a;

static int setup(void **state)
{
    (void)state;
    a = arena_new(4096);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_free(a);
    return 0;
}

static int parse(const char *s, struct kv_list *out, int max, struct parse_error *err)
{
    memset(out, 0, sizeof *out);
    return http_parse_urlencoded(a, s, strlen(s), out, max, err);
}

static void test_query_decodes_plus_and_percent(void **state)
{
    (void)state;
    struct kv_list l;
    struct parse_error e;
    assert_int_equal(parse("q=design+week&city=Timi%C8%99oara&empty=&flag", &l, 10, &e), 0);
    assert_int_equal(l.count, 4);
    assert_string_equal(kv_get(&l, "q"), "design week");
    assert_string_equal(kv_get(&l, "city"), "Timișoara");
    assert_string_equal(kv_get(&l, "empty"), "");
    assert_string_equal(kv_get(&l, "flag"), "");
}

static void test_query_keeps_repeated_names_in_order(void **state)
{
    (void)state;
    struct kv_list l;
    struct parse_error e;
    assert_int_equal(parse("sector=music&&sector=design", &l, 10, &e), 0);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].value, "music");
    assert_string_equal(l.items[1].value, "design");
}

static void test_bad_percent_escape_names_the_field(void **state)
{
    (void)state;
    struct kv_list l;
    struct parse_error e;
    assert_int_equal(parse("ok=1&title=50%zz", &l, 10, &e), -1);
    assert_int_equal(e.status, PARSE_BAD_ENCODING);
    assert_string_equal(e.field, "title");
    assert_int_equal(parse("title=%4", &l, 10, &e), -1);
    assert_int_equal(e.status, PARSE_BAD_ENCODING);
    assert_int_equal(parse("title=%", &l, 10, &e), -1);
}

static void test_encoded_nul_is_refused(void **state)
{
    (void)state;
    struct kv_list l;
    struct parse_error e;
    assert_int_equal(parse("name=a%00b", &l, 10, &e), -1);
    assert_int_equal(e.status, PARSE_BAD_ENCODING);
    assert_string_equal(e.field, "name");
}

static void test_invalid_utf8_names_the_field(void **state)
{
    (void)state;
    struct kv_list l;
    struct parse_error e;
    assert_int_equal(parse("summary=%C3%28", &l, 10, &e), -1);
    assert_int_equal(e.status, PARSE_BAD_UTF8);
    assert_string_equal(e.field, "summary");
}

static void test_invalid_utf8_in_a_name_has_no_field(void **state)
{
    (void)state;
    struct kv_list l;
    struct parse_error e;
    assert_int_equal(parse("%FF=1", &l, 10, &e), -1);
    assert_int_equal(e.status, PARSE_BAD_UTF8);
    assert_null(e.field);
}

static void test_too_many_fields_is_refused(void **state)
{
    (void)state;
    struct kv_list l;
    struct parse_error e;
    assert_int_equal(parse("a=1&b=2&c=3", &l, 3, &e), 0);
    assert_int_equal(parse("a=1&b=2&c=3&d=4", &l, 3, &e), -1);
    assert_int_equal(e.status, PARSE_TOO_MANY);
}

static void test_utf8_validation_rejects_overlongs_surrogates_and_range(void **state)
{
    (void)state;
    assert_true(utf8_valid("Šiauliai ąčęėįšųūž Frysk ú", strlen("Šiauliai ąčęėįšųūž Frysk ú")));
    assert_true(utf8_valid("\xF0\x9F\x8E\xAD", 4));  /* U+1F3AD */
    assert_false(utf8_valid("\xC0\xAF", 2));         /* overlong '/' */
    assert_false(utf8_valid("\xE0\x80\xAF", 3));     /* overlong */
    assert_false(utf8_valid("\xED\xA0\x80", 3));     /* surrogate D800 */
    assert_false(utf8_valid("\xF4\x90\x80\x80", 4)); /* above U+10FFFF */
    assert_false(utf8_valid("\xE2\x82", 2));         /* truncated */
    assert_false(utf8_valid("\x80", 1));             /* lone continuation */
    assert_int_equal(utf8_length("Timișoara"), 9);
}

static void test_cookies_parse_and_skip_junk(void **state)
{
    (void)state;
    struct kv_list l;
    memset(&l, 0, sizeof l);
    http_parse_cookies(a, "sid=abc123; ; junk; lang=\"lt\";theme = dark ", &l, 10);
    assert_string_equal(kv_get(&l, "sid"), "abc123");
    assert_string_equal(kv_get(&l, "lang"), "lt");
    assert_string_equal(kv_get(&l, "theme"), "dark");
    assert_null(kv_get(&l, "junk"));
}

static void test_cookies_stop_at_the_limit(void **state)
{
    (void)state;
    struct kv_list l;
    memset(&l, 0, sizeof l);
    http_parse_cookies(a, "a=1; b=2; c=3; d=4", &l, 2);
    assert_int_equal(l.count, 2);
}

static void test_accept_language_honours_quality(void **state)
{
    (void)state;
    const char *langs[] = {"en", "lt", "nl", "fy"};
    assert_int_equal(http_pick_language("fy-NL,fy;q=0.9,nl;q=0.8,en;q=0.5", langs, 4), 3);
    assert_int_equal(http_pick_language("en;q=0.3, nl-NL;q=0.7", langs, 4), 2);
    assert_int_equal(http_pick_language("de-DE, fr;q=0.8", langs, 4), -1);
    assert_int_equal(http_pick_language("LT", langs, 4), 1);
    assert_int_equal(http_pick_language("lt;q=0", langs, 4), -1);
    assert_int_equal(http_pick_language(NULL, langs, 4), -1);
}

static void test_accept_prefers_json_only_when_asked(void **state)
{
    (void)state;
    assert_true(http_accept_prefers_json("application/json"));
    assert_true(http_accept_prefers_json("text/html;q=0.5, application/json"));
    assert_false(http_accept_prefers_json("text/html,application/xhtml+xml,*/*;q=0.8"));
    assert_false(http_accept_prefers_json("*/*"));
    assert_false(http_accept_prefers_json(NULL));
}

static void test_json_depth_counts_outside_strings(void **state)
{
    (void)state;
    const char *flat = "{\"a\":\"[[[[[[\"}";
    assert_int_equal(json_nesting_depth(flat, strlen(flat), 10), 1);
    const char *deep = "[[[[[[[[[[[[1]]]]]]]]]]]]";
    assert_true(json_nesting_depth(deep, strlen(deep), 5) > 5);
    const char *escaped = "{\"a\":\"\\\"[\"}";
    assert_int_equal(json_nesting_depth(escaped, strlen(escaped), 10), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_decodes_plus_and_percent),
        cmocka_unit_test(test_query_keeps_repeated_names_in_order),
        cmocka_unit_test(test_bad_percent_escape_names_the_field),
        cmocka_unit_test(test_encoded_nul_is_refused),
        cmocka_unit_test(test_invalid_utf8_names_the_field),
        cmocka_unit_test(test_invalid_utf8_in_a_name_has_no_field),
        cmocka_unit_test(test_too_many_fields_is_refused),
        cmocka_unit_test(test_utf8_validation_rejects_overlongs_surrogates_and_range),
        cmocka_unit_test(test_cookies_parse_and_skip_junk),
        cmocka_unit_test(test_cookies_stop_at_the_limit),
        cmocka_unit_test(test_accept_language_honours_quality),
        cmocka_unit_test(test_accept_prefers_json_only_when_asked),
        cmocka_unit_test(test_json_depth_counts_outside_strings),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
