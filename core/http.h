/*
 * http.h — one request and its response, as handlers see them.
 *
 * A `struct req` lives in the worker for the worker's whole life and is reset for each request;
 * everything it points to is owned by its arena (req->arena) or by the worker's two reusable
 * buffers (headers and body).  Data flows one way: the worker fills the input part
 * (http_request.c), the router picks the handler, the handler fills the output part through the
 * functions below (http_response.c), and the worker sends it.
 */
#ifndef HTTP_H
#define HTTP_H

#include "errors.h"
#include "http_parse.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct arena;
struct buf;
struct route;
struct plugin;
struct auth_session;
struct tpl_dict;

struct req {
    struct arena *arena;

    /* Input, filled by http_request_begin / http_request_read_body. */
    const char *method;       /* "GET", "POST", ... */
    const char *path;         /* as received, percent-encoded, without the query */
    const char *query_string; /* "" when none */
    struct kv_list query;     /* decoded query string */
    struct kv_list form;      /* decoded application/x-www-form-urlencoded body */
    json_t *json;             /* parsed application/json body, or NULL */
    struct kv_list cookies;
    const char *content_type; /* "" when none */
    const char *accept;
    const char *accept_language;
    const char *authorization;
    const char *idempotency_key;
    const char *csrf_header; /* X-CSRF-Token */
    const char *remote_addr;
    const char *host;
    bool https;
    long content_length;
    const char *body;
    size_t body_len;

    /* Routing. */
    const struct route *route;
    struct kv_list params; /* decoded {name} path segments */
    bool api;              /* a /api/ route: answers are JSON */
    const char *allow;     /* for 405: the methods the path accepts */

    /* Context, filled before the handler runs. */
    const struct plugin *region; /* the region named in the path, if any */
    const char *lang;            /* the language of the answer */
    struct auth_session *session;
    const char *visitor_csrf; /* a visitor's CSRF token once auth_csrf_token() chose it */

    /* Output. */
    struct tpl_dict *page_root; /* the layout's dictionary, once page_dict() made it */
    struct tpl_dict *page_content;
    int status;
    const char *content_type_out;
    struct buf *head; /* extra header lines, "Name: value\r\n" each */
    struct buf *out;  /* the body */
    bool answered;
    const char *error_message;   /* the explanation of an error answer */
    struct kv_list field_errors; /* field -> message, for 422 */
    long long started_us;
};

/* Resets `r` for a new request and reads the FastCGI parameters (an environ-style array).
 * Returns ERR_NONE, or ERR_BAD_REQUEST with r->error_message set. */
enum err_code http_request_begin(struct req *r, char **envp);

/* Reads and parses the body with `read_fn` (FCGX_GetStr-like: returns bytes read, 0 at end).
 * Enforces body_limit (413), max_fields (400), the content type (415), UTF-8 and JSON rules. */
enum err_code http_request_read_body(struct req *r, int (*read_fn)(char *, int, void *), void *ctx);

/* The value of a path parameter, form field (POST) or query field; NULL when absent. */
const char *req_param(const struct req *r, const char *name);
const char *req_query(const struct req *r, const char *name);
const char *req_form(const struct req *r, const char *name);
const char *req_cookie(const struct req *r, const char *name);

/* A positive whole-number path parameter ("/listings/{id}"); false when absent or malformed. */
bool req_path_id(const struct req *r, const char *name, long long *id);

/* true for POST, PUT, PATCH, DELETE. */
bool req_is_state_changing(const struct req *r);
/* true when the answer should be JSON (an /api/ route, or Accept prefers JSON). */
bool req_wants_json(const struct req *r);

/* --- answering (http_response.c) --- */

void resp_header(struct req *r, const char *name, const char *value);
/* Renders template `name` in r->lang (with the region's override if any) inside the page layout. */
enum err_code resp_page(struct req *r, int status, const char *name, struct tpl_dict *d);
/* The same with the page's content rendered beforehand (tpl_render of the page's template into
 * `html`, kept by a page that caches its rendering): the layout, from page_dict and
 * page_title, is rendered around it. */
enum err_code resp_page_html(struct req *r, int status, const char *html, size_t len);
/* Sends `body` (reference stolen) as application/json; charset=utf-8. */
enum err_code resp_json(struct req *r, int status, json_t *body);
/* 303 See Other to `location` (a path on this site). */
enum err_code resp_redirect(struct req *r, const char *location);
/* Plain text (robots.txt, CSV, iCalendar...) with its content type. */
enum err_code resp_text(struct req *r, int status, const char *content_type, const char *text,
                        size_t len);

/* Records why the request failed; returns `code` so handlers can `return req_fail(...)`. */
enum err_code req_fail(struct req *r, enum err_code code, const char *message);
/* Adds a message for a form field (shown next to it in HTML, under "fields" in JSON). */
void req_field_error(struct req *r, const char *field, const char *message);

/* Answers an error: an HTML page or a JSON object, with the code's status. */
void resp_error(struct req *r, enum err_code code);

/* The head of the response as FastCGI expects it: status line, headers, blank line.  The body
 * (r->out) follows it on the wire, except for HEAD requests. */
void http_response_serialise(struct req *r, struct buf *wire);

/* --- pages (page.c) --- */

/* The dictionary of a page's content; the layout around it gets the values every page needs
 * (language, region, user, CSRF token, language switcher).  Calling it twice returns the same. */
struct tpl_dict *page_dict(struct req *r);
/* The page's <title> (before " — site name"). */
void page_title(struct req *r, const char *title);
/* The catalogue text of `key` in the request's language. */
const char *T(const struct req *r, const char *key);

/* An arena cleanup that drops a jansson reference. */
void json_release(void *json);

/* Microseconds on the monotonic clock. */
long long now_us(void);

#endif
