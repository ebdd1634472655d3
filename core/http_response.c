/*
 * http_response.c — building and serialising answers: JSON, redirects, text, errors, and the
 * headers every response carries.
 *
 * Every response gets the security headers here, in one place: a Content-Security-Policy that
 * allows no inline script or style, nosniff, a strict Referrer-Policy and no framing.
 */
#include "http.h"

#include "arena.h"
#include "buf.h"
#include "i18n.h"
#include "log.h"
#include "tpl.h"

#include <stdlib.h>
#include <string.h>

static const char SECURITY_HEADERS[] =
    "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; object-src 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: same-origin\r\n"
    "X-Frame-Options: DENY\r\n"
    "Cross-Origin-Opener-Policy: same-origin\r\n";

static const char *reason_phrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

void resp_header(struct req *r, const char *name, const char *value)
{
    /* Header values come from the portal, but never let one carry a line break. */
    if (strpbrk(value, "\r\n") != NULL) {
        log_error("refusing header %s with a line break", name);
        return;
    }
    buf_printf(r->head, "%s: %s\r\n", name, value);
}

enum err_code resp_json(struct req *r, int status, json_t *body)
{
    buf_clear(r->out);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    if (text == NULL)
        return req_fail(r, ERR_INTERNAL, "could not encode the JSON answer");
    buf_puts(r->out, text);
    free(text);
    r->status = status;
    r->content_type_out = "application/json; charset=utf-8";
    r->answered = true;
    return ERR_NONE;
}

enum err_code resp_redirect(struct req *r, const char *location)
{
    /* Only local paths: never redirect to a place named by input (open redirects). */
    if (location[0] != '/' || location[1] == '/' || location[1] == '\\')
        location = "/";
    resp_header(r, "Location", location);
    buf_clear(r->out);
    r->status = 303;
    r->content_type_out = "text/plain; charset=utf-8";
    r->answered = true;
    return ERR_NONE;
}

enum err_code resp_text(struct req *r, int status, const char *content_type, const char *text,
                        size_t len)
{
    buf_clear(r->out);
    buf_append(r->out, text, len);
    r->status = status;
    r->content_type_out = content_type;
    r->answered = true;
    return ERR_NONE;
}

enum err_code req_fail(struct req *r, enum err_code code, const char *message)
{
    if (r->error_message == NULL)
        r->error_message = message;
    return code;
}

void req_field_error(struct req *r, const char *field, const char *message)
{
    if (kv_get(&r->field_errors, field) == NULL)
        kv_add(r->arena, &r->field_errors, arena_strdup(r->arena, field),
               arena_strdup(r->arena, message));
}

static json_t *fields_object(const struct req *r)
{
    json_t *fields = json_object();
    for (int i = 0; i < r->field_errors.count; i++)
        json_object_set_new(fields, r->field_errors.items[i].name,
                            json_string(r->field_errors.items[i].value));
    return fields;
}

static void error_as_json(struct req *r, enum err_code code)
{
    const char *message = r->error_message ? r->error_message : T(r, err_text_key(code));
    json_t *body = json_pack("{s:s, s:s}", "error", message, "code", err_name(code));
    if (r->field_errors.count > 0)
        json_object_set_new(body, "fields", fields_object(r));
    resp_json(r, err_status(code), body);
}

static void error_as_page(struct req *r, enum err_code code)
{
    struct tpl_dict *d = page_dict(r);
    page_title(r, T(r, err_title_key(code)));
    tpl_set(d, "ERROR_TITLE", T(r, err_title_key(code)));
    tpl_set(d, "ERROR_TEXT", r->error_message ? r->error_message : T(r, err_text_key(code)));
    tpl_set_int(d, "STATUS", err_status(code));
    for (int i = 0; i < r->field_errors.count; i++) {
        struct tpl_dict *f = tpl_section(d, "FIELD_ERROR");
        tpl_set(f, "FIELD", r->field_errors.items[i].name);
        tpl_set(f, "MESSAGE", r->field_errors.items[i].value);
    }
    if (resp_page(r, err_status(code), "error.tpl", d) != ERR_NONE) {
        /* The error template itself failed: a last-resort plain answer. */
        const char *text = "The portal could not render this page.\n";
        resp_text(r, err_status(code), "text/plain; charset=utf-8", text, strlen(text));
    }
}

void resp_error(struct req *r, enum err_code code)
{
    buf_clear(r->head); /* headers of the failed attempt (a cookie, say) must not go out */
    if (code == ERR_METHOD_NOT_ALLOWED && r->allow != NULL)
        resp_header(r, "Allow", r->allow);
    if (code == ERR_UNAVAILABLE || code == ERR_TOO_MANY_REQUESTS)
        resp_header(r, "Retry-After", code == ERR_UNAVAILABLE ? "5" : "60");
    if (req_wants_json(r))
        error_as_json(r, code);
    else
        error_as_page(r, code);
}

void http_response_serialise(struct req *r, struct buf *wire)
{
    buf_clear(wire);
    buf_printf(wire, "Status: %d %s\r\n", r->status, reason_phrase(r->status));
    if (r->content_type_out != NULL)
        buf_printf(wire, "Content-Type: %s\r\n", r->content_type_out);
    buf_append(wire, SECURITY_HEADERS, sizeof SECURITY_HEADERS - 1);
    if (strstr(r->head->data ? r->head->data : "", "Cache-Control:") == NULL)
        buf_puts(wire, r->session != NULL ? "Cache-Control: no-store\r\n"
                                          : "Cache-Control: no-cache\r\n");
    buf_puts(wire, "Vary: Accept, Accept-Language, Cookie\r\n");
    buf_append(wire, r->head->data ? r->head->data : "", r->head->len);
    buf_printf(wire, "Content-Length: %zu\r\n\r\n", r->out->len);
}
