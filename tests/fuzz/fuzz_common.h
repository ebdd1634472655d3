/*
 * fuzz_common.h — what every fuzz target (tests/fuzz/fuzz_*.c) shares: the prototypes of the
 * libFuzzer entry points, the set-up (the built-in default settings, whatever PORTAL_* variables
 * the shell has) and a NUL-terminated copy of an input.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include "settings.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Loads the built-in defaults (body_limit, max_fields, json_max_depth...), as a portal started
 * without a configuration file would. */
static inline void fuzz_default_settings(void)
{
    for (char **e = environ; *e != NULL;) {
        if (strncmp(*e, "PORTAL_", 7) != 0) {
            e++;
            continue;
        }
        char *name = strndup(*e, strcspn(*e, "="));
        if (name == NULL || unsetenv(name) != 0)
            abort();
        free(name);
        e = environ; /* unsetenv moved the entries */
    }
    char err[512];
    if (settings_load(NULL, err, sizeof err) != 0) {
        fprintf(stderr, "fuzz: %s\n", err);
        abort();
    }
}

/* A NUL-terminated, malloc'd copy of data[0..size). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s == NULL)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* Aborts (a crash libFuzzer reports with the input) when a promise of the code is broken. */
#define FUZZ_REQUIRE(cond)                                                                         \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: broken promise: %s\n", __FILE__, __LINE__, #cond);             \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#endif
