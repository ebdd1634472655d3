/*
 * password.c — argon2id hashing and the password policy; see password.h.
 *
 * Cost: one hash or verification at the interactive limits takes about 0.1 s of one core and
 * 64 MiB, returned to the system afterwards; it happens only at registration, login and
 * password change.  The common-password list is a sorted array searched by bisection.
 */
#include "password.h"

#include "http_parse.h"
#include "settings.h"

#include <ctype.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char **common;
static size_t n_common;
/* A hash of a random password, verified against when the account does not exist. */
static char dummy_hash[crypto_pwhash_STRBYTES];

static unsigned long long opslimit(void)
{
    return settings.password_ops > 0 ? (unsigned long long)settings.password_ops
                                     : crypto_pwhash_OPSLIMIT_INTERACTIVE;
}

static size_t memlimit(void)
{
    return settings.password_mem_kib > 0 ? (size_t)settings.password_mem_kib * 1024
                                         : crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void lower_in_place(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

void password_free(void)
{
    for (size_t i = 0; i < n_common; i++)
        free(common[i]);
    free(common);
    common = NULL;
    n_common = 0;
}

int password_init(char *err, size_t errlen)
{
    if (sodium_init() < 0) {
        snprintf(err, errlen, "libsodium could not initialise");
        return -1;
    }
    password_free();
    FILE *f = fopen(settings.common_passwords, "r");
    if (f == NULL) {
        snprintf(err, errlen,
                 "cannot read the common-password list %s (setting "
                 "common_passwords): %s",
                 settings.common_passwords, strerror(errno));
        return -1;
    }
    char line[1100];
    size_t cap = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '\0' || line[0] == '#')
            continue;
        if (n_common == cap) {
            cap = cap ? cap * 2 : 4096;
            char **grown = realloc(common, cap * sizeof *grown);
            if (grown == NULL)
                break;
            common = grown;
        }
        lower_in_place(line);
        common[n_common] = strdup(line);
        if (common[n_common] != NULL)
            n_common++;
    }
    fclose(f);
    qsort(common, n_common, sizeof *common, compare_strings);
    unsigned char random_password[32];
    char hex[65];
    randombytes_buf(random_password, sizeof random_password);
    sodium_bin2hex(hex, sizeof hex, random_password, sizeof random_password);
    if (password_hash(hex, dummy_hash, sizeof dummy_hash) != 0) {
        snprintf(err, errlen, "cannot hash a password: not enough memory for argon2id");
        return -1;
    }
    return 0;
}

static bool is_common(const char *password)
{
    size_t len = strlen(password);
    if (len > 1024 || n_common == 0)
        return false;
    char lowered[1025];
    memcpy(lowered, password, len + 1);
    lower_in_place(lowered);
    const char *key = lowered;
    return bsearch(&key, common, n_common, sizeof *common, compare_strings) != NULL;
}

const char *password_problem(const char *password, const char *email)
{
    size_t chars = utf8_length(password);
    if (chars < 12)
        return "password.too_short";
    if (chars > 1024)
        return "password.too_long";
    if (is_common(password))
        return "password.common";
    if (email != NULL && strcasecmp(password, email) == 0)
        return "password.is_email";
    return NULL;
}

int password_hash(const char *password, char *out, size_t cap)
{
    if (cap < crypto_pwhash_STRBYTES)
        return -1;
    return crypto_pwhash_str(out, password, strlen(password), opslimit(), memlimit());
}

bool password_verify(const char *hash, const char *password)
{
    if (hash == NULL) {
        int spent = crypto_pwhash_str_verify(dummy_hash, password, strlen(password));
        (void)spent; /* only the time it took matters */
        return false;
    }
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool password_needs_rehash(const char *hash)
{
    return crypto_pwhash_str_needs_rehash(hash, opslimit(), memlimit()) != 0;
}
