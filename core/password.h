/*
 * password.h — password hashing (argon2id through libsodium) and the password policy.
 *
 * Policy: 12 to 1024 characters (code points), not on the project's list of common passwords
 * (settings.common_passwords), not the person's own e-mail address.  Passwords are never
 * logged, echoed into pages, or kept after the request.
 */
#ifndef PASSWORD_H
#define PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

/* Loads the common-password list (once per process; lower-cased, for a case-insensitive check).
 * Returns 0, or -1 with err naming the file. */
int password_init(char *err, size_t errlen);
void password_free(void);

/* The catalogue key of what is wrong with `password`, or NULL when it is acceptable. */
const char *password_problem(const char *password, const char *email);

/* Hashes into out (crypto_pwhash_STRBYTES).  Returns 0, or -1 when out of memory. */
int password_hash(const char *password, char *out, size_t cap);

/* true when `password` matches `hash`.  With hash == NULL it still spends the time of a real
 * check (so an unknown e-mail and a wrong password take about as long), then returns false. */
bool password_verify(const char *hash, const char *password);

/* true when `hash` was made with other limits than the current settings (rehash at login). */
bool password_needs_rehash(const char *hash);

#endif
