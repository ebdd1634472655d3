/*
 * errors.c — the single mapping from error codes to HTTP statuses and messages.
 */
#include "errors.h"

static const struct {
    int status;
    const char *name;
} table[ERR__COUNT] = {
    [ERR_NONE] = {200, "ok"},
    [ERR_BAD_REQUEST] = {400, "bad_request"},
    [ERR_UNAUTHENTICATED] = {401, "unauthenticated"},
    [ERR_FORBIDDEN] = {403, "forbidden"},
    [ERR_NOT_FOUND] = {404, "not_found"},
    [ERR_METHOD_NOT_ALLOWED] = {405, "method_not_allowed"},
    [ERR_CONFLICT] = {409, "conflict"},
    [ERR_TOO_LARGE] = {413, "too_large"},
    [ERR_UNSUPPORTED_MEDIA] = {415, "unsupported_media_type"},
    [ERR_INVALID] = {422, "invalid"},
    [ERR_TOO_MANY_REQUESTS] = {429, "too_many_requests"},
    [ERR_INTERNAL] = {500, "internal"},
    [ERR_UNAVAILABLE] = {503, "unavailable"},
};

static enum err_code valid(enum err_code code)
{
    return code > ERR_NONE && code < ERR__COUNT ? code : ERR_INTERNAL;
}

int err_status(enum err_code code)
{
    return code == ERR_NONE ? 200 : table[valid(code)].status;
}

const char *err_name(enum err_code code)
{
    return table[code == ERR_NONE ? ERR_NONE : valid(code)].name;
}

/* Keys follow one pattern so the catalogue test can list them: error.<name>.title/.text */
static const char *const title_keys[ERR__COUNT] = {
    [ERR_NONE] = "error.ok.title",
    [ERR_BAD_REQUEST] = "error.bad_request.title",
    [ERR_UNAUTHENTICATED] = "error.unauthenticated.title",
    [ERR_FORBIDDEN] = "error.forbidden.title",
    [ERR_NOT_FOUND] = "error.not_found.title",
    [ERR_METHOD_NOT_ALLOWED] = "error.method_not_allowed.title",
    [ERR_CONFLICT] = "error.conflict.title",
    [ERR_TOO_LARGE] = "error.too_large.title",
    [ERR_UNSUPPORTED_MEDIA] = "error.unsupported_media_type.title",
    [ERR_INVALID] = "error.invalid.title",
    [ERR_TOO_MANY_REQUESTS] = "error.too_many_requests.title",
    [ERR_INTERNAL] = "error.internal.title",
    [ERR_UNAVAILABLE] = "error.unavailable.title",
};

static const char *const text_keys[ERR__COUNT] = {
    [ERR_NONE] = "error.ok.text",
    [ERR_BAD_REQUEST] = "error.bad_request.text",
    [ERR_UNAUTHENTICATED] = "error.unauthenticated.text",
    [ERR_FORBIDDEN] = "error.forbidden.text",
    [ERR_NOT_FOUND] = "error.not_found.text",
    [ERR_METHOD_NOT_ALLOWED] = "error.method_not_allowed.text",
    [ERR_CONFLICT] = "error.conflict.text",
    [ERR_TOO_LARGE] = "error.too_large.text",
    [ERR_UNSUPPORTED_MEDIA] = "error.unsupported_media_type.text",
    [ERR_INVALID] = "error.invalid.text",
    [ERR_TOO_MANY_REQUESTS] = "error.too_many_requests.text",
    [ERR_INTERNAL] = "error.internal.text",
    [ERR_UNAVAILABLE] = "error.unavailable.text",
};

const char *err_title_key(enum err_code code)
{
    return title_keys[code == ERR_NONE ? ERR_NONE : valid(code)];
}

const char *err_text_key(enum err_code code)
{
    return text_keys[code == ERR_NONE ? ERR_NONE : valid(code)];
}
