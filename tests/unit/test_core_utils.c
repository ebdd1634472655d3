/*
 * test_core_utils.c — the arena, the growable buffer, settings parsing, message formatting and
 * the template escaping rule.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "buf.h"
#include "i18n.h"
#include "settings.h"
#include "tpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cleanups_run;

static void count_cleanup(void *p)
{
    (void)p;
    cleanups_run++;
}

static void test_arena_reset_runs_cleanups_and_frees_extra_blocks(void **state)
{
    (void)state;
    struct arena *a = arena_new(1024);
    char *s = arena_strdup(a, "Kaunas");
    assert_string_equal(s, "Kaunas");
    arena_defer(a, count_cleanup, NULL);
    arena_defer(a, count_cleanup, NULL);
    void *big = arena_alloc(a, 100000); /* forces a second block */
    memset(big, 1, 100000);
    assert_true(arena_used(a) >= 100000);
    arena_reset(a);
    assert_int_equal(cleanups_run, 2);
    assert_int_equal(arena_used(a), 0);
    assert_string_equal(arena_printf(a, "%s %d", "Rijeka", 2020), "Rijeka 2020");
    assert_null(arena_strdup(a, NULL));
    arena_free(a);
}

static void test_arena_alignment_is_16(void **state)
{
    (void)state;
    struct arena *a = arena_new(1024);
    for (int i = 1; i < 40; i++)
        assert_int_equal((uintptr_t)arena_alloc(a, (size_t)i) % 16, 0);
    arena_free(a);
}

/* arena_printf formats into the block's free room when it fits, else into a new block: strings
 * at and around every boundary keep their bytes, and one string does not overwrite another. */
static void test_arena_printf_across_block_boundaries(void **state)
{
    (void)state;
    struct arena *a = arena_new(1024);
    char want[3000];
    for (size_t len = 0; len < sizeof want - 1; len += 7) {
        arena_reset(a);
        arena_alloc(a, 1024 - 16 * (len % 5) - 48); /* leaves 48..112 bytes in the block */
        memset(want, 'x', len);
        want[len] = '\0';
        char *s1 = arena_printf(a, "%s|%zu", want, len);
        char *s2 = arena_printf(a, "%zu", len);
        assert_int_equal(strlen(s1), len + 1 + strlen(s2));
        assert_memory_equal(s1, want, len);
        assert_string_equal(s1 + len + 1, s2);
        assert_true(s2 >= s1 + strlen(s1) + 1 || s2 + strlen(s2) < s1);
    }
    arena_free(a);
}

static void test_buf_grows_and_trims(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < 1000; i++)
        buf_printf(&b, "%04d", i);
    assert_int_equal(b.len, 4000);
    assert_memory_equal(b.data + 3996, "0999", 4);
    buf_truncate(&b, 8);
    assert_string_equal(b.data, "00000001");
    buf_truncate(&b, 100); /* never longer than it is */
    assert_int_equal(b.len, 8);
    buf_puts(&b, "|");
    assert_string_equal(b.data, "00000001|");
    buf_trim(&b, 1024);
    assert_null(b.data);
    buf_puts(&b, "x");
    buf_trim(&b, 1 << 20);
    assert_int_equal(b.len, 0);
    buf_free(&b);
}

static void test_settings_file_and_environment(void **state)
{
    (void)state;
    char path[] = "/tmp/portal-settings-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *text = "# comment\nworkers = 3\n  socket = /tmp/x.sock  \n\nbody_limit=2048\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    char err[256];
    setenv("PORTAL_WORKERS", "5", 1);
    assert_int_equal(settings_load(path, err, sizeof err), 0);
    assert_int_equal(settings.workers, 5); /* the environment wins over the file */
    assert_string_equal(settings.socket, "/tmp/x.sock");
    assert_int_equal(settings.body_limit, 2048);
    unsetenv("PORTAL_WORKERS");
    unlink(path);
    settings_free();
}

static void test_settings_errors_name_the_source(void **state)
{
    (void)state;
    char path[] = "/tmp/portal-settings-XXXXXX";
    int fd = mkstemp(path);
    const char *text = "workers = 2\nwrokers = 3\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    char err[512];
    assert_int_equal(settings_load(path, err, sizeof err), -1);
    assert_non_null(strstr(err, ":2: unknown setting \"wrokers\""));
    unlink(path);
    setenv("PORTAL_WORKERS", "many", 1);
    assert_int_equal(settings_load(NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, "PORTAL_WORKERS"));
    assert_non_null(strstr(err, "\"many\""));
    unsetenv("PORTAL_WORKERS");
    assert_int_equal(settings_load("/nonexistent/portal.conf", err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent/portal.conf"));
    settings_free();
}

static void test_message_placeholders_are_filled(void **state)
{
    (void)state;
    char err[256];
    assert_int_equal(i18n_init(err, sizeof err), 0);
    struct arena *a = arena_new(1024);
    assert_string_equal(i18n_format(a, "en", "home.ecoc", "year", "2022", NULL),
                        "European Capital of Culture 2022");
    /* unknown language falls back to English; unknown key gives the key */
    assert_string_equal(i18n_text("xx", "nav.login"), "Log in");
    assert_string_equal(i18n_text("en", "no.such.key"), "no.such.key");
    arena_free(a);
    i18n_free();
}

static void test_templates_must_autoescape(void **state)
{
    (void)state;
    const char *good = "{{%AUTOESCAPE context=\"HTML\"}}<p>{{X}}</p>";
    assert_null(tpl_check_escaping(good, strlen(good)));
    const char *none = "<p>{{X}}</p>";
    assert_non_null(tpl_check_escaping(none, strlen(none)));
    const char *off = "{{%AUTOESCAPE context=\"HTML\"}}<p>{{X:none}}</p>";
    assert_non_null(tpl_check_escaping(off, strlen(off)));
    const char *nonectx = "{{%AUTOESCAPE context=\"NONE\"}}";
    assert_non_null(tpl_check_escaping(nonectx, strlen(nonectx)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_reset_runs_cleanups_and_frees_extra_blocks),
        cmocka_unit_test(test_arena_alignment_is_16),
        cmocka_unit_test(test_arena_printf_across_block_boundaries),
        cmocka_unit_test(test_buf_grows_and_trims),
        cmocka_unit_test(test_settings_file_and_environment),
        cmocka_unit_test(test_settings_errors_name_the_source),
        cmocka_unit_test(test_message_placeholders_are_filled),
        cmocka_unit_test(test_templates_must_autoescape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
