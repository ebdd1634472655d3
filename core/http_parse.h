/*
 * http_parse.h — the parsers of untrusted request text: percent-decoding, query strings and
 * form bodies, cookies, UTF-8, Accept and Accept-Language, JSON nesting depth.
 *
 * They are pure functions of their input (plus an arena for the output), so each has a fuzz
 * target and unit tests.  Every byte string is accepted as input; every output string is valid
 * UTF-8 without NUL bytes, or the parser says which field was wrong.
 */
#ifndef HTTP_PARSE_H
#define HTTP_PARSE_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* One decoded name=value pair.  Both strings are NUL-terminated, valid UTF-8, arena-owned. */
struct kv {
    const char *name;
    const char *value;
};

/* A list of pairs in the order they appeared (repeated names are kept: sectors=a&sectors=b). */
struct kv_list {
    struct kv *items;
    int count;
    int cap;
};

enum parse_status {
    PARSE_OK = 0,
    PARSE_BAD_ENCODING, /* a '%' not followed by two hex digits, or an encoded NUL */
    PARSE_BAD_UTF8,     /* the decoded bytes are not valid UTF-8 */
    PARSE_TOO_MANY,     /* more fields than allowed */
};

/* What went wrong and where: `field` is the (decoded, possibly truncated and sanitised) name of
 * the offending field, or NULL when the name itself could not be decoded. */
struct parse_error {
    enum parse_status status;
    const char *field;
};

/* Percent-decodes s[0..len) into a new arena string; '+' becomes a space when plus_is_space.
 * Returns NULL on bad encoding or invalid UTF-8 (and sets *status). */
char *http_percent_decode(struct arena *a, const char *s, size_t len, bool plus_is_space,
                          enum parse_status *status);

/* Parses "a=1&b=2" (query string or application/x-www-form-urlencoded body) and appends the
 * pairs to `out`.  At most `max_fields` pairs in `out` in total.  Returns 0, or -1 with *err. */
int http_parse_urlencoded(struct arena *a, const char *s, size_t len, struct kv_list *out,
                          int max_fields, struct parse_error *err);

/* Parses a Cookie header ("a=1; b=2").  Malformed pieces are skipped (browsers send what they
 * have); values are taken as they are, without decoding.  At most max_cookies pairs. */
void http_parse_cookies(struct arena *a, const char *header, struct kv_list *out, int max_cookies);

/* The first value of `name` in `list`, or NULL. */
const char *kv_get(const struct kv_list *list, const char *name);
/* Appends a pair (the strings are not copied). */
void kv_add(struct arena *a, struct kv_list *list, const char *name, const char *value);

/* true when s[0..len) is well-formed UTF-8 (no overlong forms, no surrogates, <= U+10FFFF). */
bool utf8_valid(const char *s, size_t len);
/* The number of code points in a valid UTF-8 string. */
size_t utf8_length(const char *s);

/* Accept-Language: the index in `supported` (lower-case primary tags such as "nl", "fy") of the
 * language the client prefers most, honouring q-values; -1 when none is acceptable. */
int http_pick_language(const char *header, const char *const *supported, int n_supported);

/* Accept: true when the client prefers application/json over text/html. */
bool http_accept_prefers_json(const char *header);

/* The nesting depth of a JSON text (arrays and objects, strings skipped); stops counting and
 * returns as soon as `limit` is exceeded, so a hostile body costs O(n) at most once. */
int json_nesting_depth(const char *s, size_t len, int limit);

#endif
