/*
 * fuzz_request.h — what the two request-level targets (fuzz_json_body.c, fuzz_fcgi_params.c)
 * share: a `struct req` like a worker's, a body reader over the input in chunks of a chosen size
 * (as FCGX_GetStr returns what has arrived), and the checks of what http.h promises about a
 * parsed request.
 */
#ifndef FUZZ_REQUEST_H
#define FUZZ_REQUEST_H

#include "fuzz_common.h"

#include "arena.h"
#include "buf.h"
#include "http.h"

static struct req fuzz_req;
static struct buf fuzz_head, fuzz_out;

/* The worker's set-up: a request with its arena and its two buffers. */
static inline void fuzz_request_init(void)
{
    fuzz_default_settings();
    buf_init(&fuzz_head);
    buf_init(&fuzz_out);
    fuzz_req.arena = arena_new(64 * 1024);
    fuzz_req.head = &fuzz_head;
    fuzz_req.out = &fuzz_out;
}

struct body_reader {
    const uint8_t *data;
    size_t size, pos, chunk;
};

/* An FCGX_GetStr-like read_fn: at most `chunk` bytes a call, 0 at the end of the input. */
static inline int body_read(char *dst, int n, void *ctx)
{
    struct body_reader *b = ctx;
    size_t want = (size_t)n < b->chunk ? (size_t)n : b->chunk;
    if (want > b->size - b->pos)
        want = b->size - b->pos;
    memcpy(dst, b->data + b->pos, want);
    b->pos += want;
    return (int)want;
}

static inline void check_text(const char *s)
{
    FUZZ_REQUIRE(s != NULL && utf8_valid(s, strlen(s)));
}

static inline void check_fields(const struct kv_list *list, int max)
{
    FUZZ_REQUIRE(list->count <= max);
    for (int i = 0; i < list->count; i++) {
        check_text(list->items[i].name);
        check_text(list->items[i].value);
    }
}

/* The depth of a parsed JSON value (a scalar is 0). */
static inline int json_depth(json_t *j)
{
    int max = 0;
    if (json_is_object(j)) {
        const char *key;
        json_t *v;
        json_object_foreach(j, key, v)
        {
            int d = json_depth(v);
            max = d > max ? d : max;
        }
        return max + 1;
    }
    if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v)
        {
            int d = json_depth(v);
            max = d > max ? d : max;
        }
        return max + 1;
    }
    return 0;
}

/* After http_request_begin and, if that succeeded, http_request_read_body returned `rc`. */
static inline void check_request(const struct req *r, enum err_code rc)
{
    if (rc != ERR_NONE) {
        /* The message goes into a JSON answer (json_pack refuses invalid UTF-8) or a page. */
        check_text(r->error_message);
    } else {
        FUZZ_REQUIRE(r->path[0] == '/' && strlen(r->path) <= 2048 && !strchr(r->path, '?'));
        check_fields(&r->query, settings.max_fields);
        check_fields(&r->form, settings.max_fields - r->query.count);
        if (r->json != NULL)
            FUZZ_REQUIRE(json_is_object(r->json) && json_depth(r->json) <= settings.json_max_depth);
        if (r->body != NULL)
            FUZZ_REQUIRE((long)r->body_len == r->content_length &&
                         r->content_length <= settings.body_limit);
    }
    check_fields(&r->cookies, 64);
    for (int i = 0; i < r->field_errors.count; i++) {
        check_text(r->field_errors.items[i].name);
        check_text(r->field_errors.items[i].value);
    }
}

#endif
