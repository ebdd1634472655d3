/*
 * fuzz_json_body.c — request bodies as the worker reads them: http_request_begin with the
 * parameters of a POST, then http_request_read_body over the input.  The first byte chooses the
 * content type (bit 0: application/json or application/x-www-form-urlencoded) and how many bytes
 * each read returns (bits 1-7: 1 to 128, as a slow client's body arrives); the rest is the body.
 * For JSON that is json_nesting_depth, then json_loadb(JSON_REJECT_DUPLICATES); for forms,
 * http_parse_urlencoded with what is left of max_fields.  Checks fuzz_request.h's promises: an
 * accepted JSON body is an object no deeper than json_max_depth, every field and every error
 * message is valid UTF-8.
 */
#include "fuzz_request.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_request_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    bool json = data[0] & 1;
    struct body_reader body = {data + 1, size - 1, 0, (size_t)(data[0] >> 1) + 1};

    char length[32];
    snprintf(length, sizeof length, "CONTENT_LENGTH=%zu", body.size);
    char *envp[] = {
        "REQUEST_METHOD=POST",
        json ? "REQUEST_URI=/api/v1/accounts" : "REQUEST_URI=/register",
        json ? "CONTENT_TYPE=application/json"
             : "CONTENT_TYPE=application/x-www-form-urlencoded; charset=UTF-8",
        "HTTP_ACCEPT_LANGUAGE=fy, nl;q=0.8",
        length,
        NULL,
    };
    struct req *r = &fuzz_req;
    enum err_code rc = http_request_begin(r, envp);
    FUZZ_REQUIRE(rc == ERR_NONE);
    rc = http_request_read_body(r, body_read, &body);
    check_request(r, rc);
    if (rc == ERR_NONE && body.size > 0)
        FUZZ_REQUIRE(json ? r->json != NULL : r->json == NULL);
    arena_reset(r->arena);
    return 0;
}
