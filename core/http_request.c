/*
 * http_request.c — turns FastCGI parameters and the request body into a `struct req`.
 *
 * Everything here treats its input as hostile: lengths are checked before reading, every decoded
 * string is validated as UTF-8, and the first problem found ends the parse with a message that
 * names the field.  Nothing is kept between requests except what the arena reset clears.
 */
#include "http.h"

#include "arena.h"
#include "settings.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

long long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static void request_reset(struct req *r)
{
    struct arena *a = r->arena;
    struct buf *head = r->head, *out = r->out;
    memset(r, 0, sizeof *r);
    r->arena = a;
    r->head = head;
    r->out = out;
    r->method = "GET";
    r->path = "/";
    r->query_string = r->content_type = "";
    r->status = 200;
    r->started_us = now_us();
}

/* The FastCGI parameters the portal reads, and where each one goes. */
static void request_take_param(struct req *r, const char *name, size_t nlen, const char *value)
{
#define IS(lit) (nlen == sizeof(lit) - 1 && memcmp(name, lit, nlen) == 0)
    if (IS("REQUEST_METHOD"))
        r->method = value;
    else if (IS("REQUEST_URI"))
        r->path = value;
    else if (IS("QUERY_STRING"))
        r->query_string = value;
    else if (IS("CONTENT_TYPE"))
        r->content_type = value;
    else if (IS("HTTP_ACCEPT"))
        r->accept = value;
    else if (IS("HTTP_ACCEPT_LANGUAGE"))
        r->accept_language = value;
    else if (IS("HTTP_COOKIE"))
        http_parse_cookies(r->arena, value, &r->cookies, 64);
    else if (IS("HTTP_AUTHORIZATION"))
        r->authorization = value;
    else if (IS("HTTP_X_CSRF_TOKEN"))
        r->csrf_header = value;
    else if (IS("HTTP_IDEMPOTENCY_KEY"))
        r->idempotency_key = value;
    else if (IS("REMOTE_ADDR"))
        r->remote_addr = value;
    else if (IS("HTTP_HOST"))
        r->host = value;
    else if (IS("HTTPS"))
        r->https = strcasecmp(value, "on") == 0;
#undef IS
}

/* CONTENT_LENGTH is parsed here, once, so that a bad value is a clear 400. */
static enum err_code request_parse_length(struct req *r, const char *text)
{
    if (text == NULL || *text == '\0') {
        r->content_length = 0;
        return ERR_NONE;
    }
    char *end;
    errno = 0;
    long long n = strtoll(text, &end, 10);
    if (errno != 0 || *end != '\0' || n < 0 || text[0] == '-' || text[0] == '+') {
        req_fail(r, ERR_BAD_REQUEST, "The Content-Length header is not a number.");
        return ERR_BAD_REQUEST;
    }
    r->content_length = n > (long long)1 << 40 ? (long)1 << 40 : (long)n;
    return ERR_NONE;
}

enum err_code http_request_begin(struct req *r, char **envp)
{
    request_reset(r);
    const char *length_text = NULL;
    for (char **e = envp; e != NULL && *e != NULL; e++) {
        const char *eq = strchr(*e, '=');
        if (eq == NULL)
            continue;
        size_t nlen = (size_t)(eq - *e);
        if (nlen == 14 && memcmp(*e, "CONTENT_LENGTH", 14) == 0)
            length_text = eq + 1;
        else
            request_take_param(r, *e, nlen, eq + 1);
    }
    if (request_parse_length(r, length_text) != ERR_NONE)
        return ERR_BAD_REQUEST;

    /* REQUEST_URI carries the query too; the path is what comes before '?'. */
    const char *q = strchr(r->path, '?');
    if (q != NULL)
        r->path = arena_strndup(r->arena, r->path, (size_t)(q - r->path));
    if (r->path[0] != '/' || strlen(r->path) > 2048) {
        req_fail(r, ERR_BAD_REQUEST,
                 "The request path must start with / and be at most 2048 "
                 "characters long.");
        return ERR_BAD_REQUEST;
    }
    r->api = strncmp(r->path, "/api/", 5) == 0;
    struct parse_error pe;
    if (http_parse_urlencoded(r->arena, r->query_string, strlen(r->query_string), &r->query,
                              settings.max_fields, &pe) != 0) {
        if (pe.status == PARSE_TOO_MANY)
            req_fail(r, ERR_BAD_REQUEST,
                     arena_printf(r->arena, "The query string has more than %d fields.",
                                  settings.max_fields));
        else if (pe.field == NULL)
            req_fail(r, ERR_BAD_REQUEST,
                     "A field name in the query string is not properly "
                     "percent-encoded UTF-8.");
        else
            req_fail(
                r, ERR_BAD_REQUEST,
                arena_printf(r->arena, "The query field \"%s\" is not properly %s.", pe.field,
                             pe.status == PARSE_BAD_UTF8 ? "UTF-8 encoded" : "percent-encoded"));
        return ERR_BAD_REQUEST;
    }
    return ERR_NONE;
}

/* The media type of a Content-Type header, without parameters, compared case-insensitively. */
static bool content_type_is(const char *header, const char *type)
{
    size_t n = strlen(type);
    if (strncasecmp(header, type, n) != 0)
        return false;
    char next = header[n];
    return next == '\0' || next == ';' || next == ' ';
}

static enum err_code body_parse_form(struct req *r)
{
    struct parse_error pe;
    if (http_parse_urlencoded(r->arena, r->body, r->body_len, &r->form,
                              settings.max_fields - r->query.count, &pe) == 0)
        return ERR_NONE;
    if (pe.status == PARSE_TOO_MANY)
        return req_fail(
            r, ERR_BAD_REQUEST,
            arena_printf(r->arena, "The form has more than %d fields.", settings.max_fields));
    if (pe.field == NULL)
        return req_fail(r, ERR_BAD_REQUEST,
                        "A field name in the form is not properly percent-encoded UTF-8.");
    req_field_error(r, pe.field,
                    pe.status == PARSE_BAD_UTF8 ? "This field is not valid UTF-8 text."
                                                : "This field is not properly percent-encoded.");
    return req_fail(
        r, ERR_BAD_REQUEST,
        arena_printf(r->arena, "The form field \"%s\" is not properly %s.", pe.field,
                     pe.status == PARSE_BAD_UTF8 ? "UTF-8 encoded" : "percent-encoded"));
}

void json_release(void *p)
{
    json_decref(p);
}

/* jansson's error text quotes the input near the error, and can cut a UTF-8 sequence in two
 * there: a backslash before a two-byte character gives "invalid escape near '...\" and the
 * character's first byte only.  The message must stay valid UTF-8 (json_pack refuses anything
 * else, and the 400 would be lost), so then only jansson's own words are kept. */
static const char *json_error_text(struct arena *a, const char *text)
{
    if (utf8_valid(text, strlen(text)))
        return text;
    const char *near = strstr(text, " near '");
    return near != NULL ? arena_strndup(a, text, (size_t)(near - text)) : "malformed text";
}

static enum err_code body_parse_json(struct req *r)
{
    if (json_nesting_depth(r->body, r->body_len, settings.json_max_depth) > settings.json_max_depth)
        return req_fail(r, ERR_BAD_REQUEST,
                        arena_printf(r->arena, "The JSON body is nested more than %d levels deep.",
                                     settings.json_max_depth));
    json_error_t je;
    json_t *j = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
    if (j == NULL)
        return req_fail(r, ERR_BAD_REQUEST,
                        arena_printf(r->arena,
                                     "The JSON body is not valid: %s (line %d, column %d).",
                                     json_error_text(r->arena, je.text), je.line, je.column));
    arena_defer(r->arena, json_release, j);
    if (!json_is_object(j))
        return req_fail(r, ERR_BAD_REQUEST, "The JSON body must be an object ({...}).");
    r->json = j;
    return ERR_NONE;
}

enum err_code http_request_read_body(struct req *r, int (*read_fn)(char *, int, void *), void *ctx)
{
    if (r->content_length == 0)
        return ERR_NONE;
    if (r->content_length > settings.body_limit)
        return req_fail(r, ERR_TOO_LARGE,
                        arena_printf(r->arena,
                                     "The request body is %ld bytes; the limit is %ld bytes "
                                     "(setting body_limit).",
                                     r->content_length, settings.body_limit));
    bool form = content_type_is(r->content_type, "application/x-www-form-urlencoded");
    bool json = content_type_is(r->content_type, "application/json");
    if (!form && !json)
        return req_fail(r, ERR_UNSUPPORTED_MEDIA,
                        "Send the body as application/x-www-form-urlencoded or application/json; "
                        "the portal accepts no other kind (and no file uploads).");
    char *body = arena_alloc(r->arena, (size_t)r->content_length + 1);
    size_t got = 0;
    while (got < (size_t)r->content_length) {
        size_t want = (size_t)r->content_length - got;
        int n = read_fn(body + got, want > 65536 ? 65536 : (int)want, ctx);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    if (got != (size_t)r->content_length)
        return req_fail(r, ERR_BAD_REQUEST, "The request body is shorter than its Content-Length.");
    body[got] = '\0';
    r->body = body;
    r->body_len = got;
    return form ? body_parse_form(r) : body_parse_json(r);
}

const char *req_query(const struct req *r, const char *name)
{
    return kv_get(&r->query, name);
}

const char *req_form(const struct req *r, const char *name)
{
    return kv_get(&r->form, name);
}

const char *req_cookie(const struct req *r, const char *name)
{
    return kv_get(&r->cookies, name);
}

const char *req_param(const struct req *r, const char *name)
{
    const char *v = kv_get(&r->params, name);
    if (v == NULL)
        v = kv_get(&r->form, name);
    if (v == NULL)
        v = kv_get(&r->query, name);
    return v;
}

bool req_is_state_changing(const struct req *r)
{
    return strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0 &&
           strcmp(r->method, "OPTIONS") != 0;
}

bool req_wants_json(const struct req *r)
{
    return r->api || http_accept_prefers_json(r->accept);
}

bool req_path_id(const struct req *r, const char *name, long long *id)
{
    const char *v = kv_get(&r->params, name);
    if (v == NULL || *v < '1' || *v > '9' || strlen(v) > 18)
        return false;
    char *end;
    long long n = strtoll(v, &end, 10);
    if (*end != '\0' || n <= 0)
        return false;
    *id = n;
    return true;
}
