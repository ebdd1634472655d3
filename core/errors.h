/*
 * errors.h — the one error type of the core: an enum, mapped to an HTTP status and to a
 * catalogue key in exactly one place (errors.c).  Handlers return one of these; the dispatcher
 * turns a non-zero code into an error page (HTML) or {"error":…, "fields":…} (JSON).
 */
#ifndef ERRORS_H
#define ERRORS_H

enum err_code {
    ERR_NONE = 0,
    ERR_BAD_REQUEST,        /* 400: malformed input */
    ERR_UNAUTHENTICATED,    /* 401: log in first */
    ERR_FORBIDDEN,          /* 403: not allowed, or CSRF token missing/wrong */
    ERR_NOT_FOUND,          /* 404 */
    ERR_METHOD_NOT_ALLOWED, /* 405, with Allow */
    ERR_CONFLICT,           /* 409: the state changed under you, or a duplicate */
    ERR_TOO_LARGE,          /* 413 */
    ERR_UNSUPPORTED_MEDIA,  /* 415 */
    ERR_INVALID,            /* 422: fields failed validation */
    ERR_TOO_MANY_REQUESTS,  /* 429, with Retry-After */
    ERR_INTERNAL,           /* 500 */
    ERR_UNAVAILABLE,        /* 503, with Retry-After: the database is unreachable or busy */
    ERR__COUNT
};

/* The HTTP status of a code. */
int err_status(enum err_code code);
/* The catalogue key of the code's title ("error.not_found.title"). */
const char *err_title_key(enum err_code code);
/* The catalogue key of the code's default explanation ("error.not_found.text"). */
const char *err_text_key(enum err_code code);
/* A stable machine name for JSON clients ("not_found"). */
const char *err_name(enum err_code code);

#endif
