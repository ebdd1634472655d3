/*
 * fuzz_fcgi_params.c — what the worker reads from FastCGI: the parameters (an environ-style
 * array, as libfcgi hands them over) through http_request_begin, then the body through
 * http_request_read_body.  The input is "NAME=value" lines up to the first empty line; what
 * follows is the body (CONTENT_LENGTH, CONTENT_TYPE and the rest come from the lines, so a body
 * shorter or longer than announced is tried too).  Also feeds the parsed Accept and
 * Accept-Language to their consumers.  Checks fuzz_request.h's promises about the request.
 */
#include "fuzz_request.h"

static const char *const languages[] = {"en", "lt", "hr", "ro", "it", "nl", "fy"};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_request_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *blank = NULL;
    for (size_t i = 0; i + 1 < size && blank == NULL; i++)
        if (data[i] == '\n' && data[i + 1] == '\n')
            blank = data + i;
    size_t params_size = blank ? (size_t)(blank - data) : size;
    struct body_reader body = {blank ? blank + 2 : data + size, 0, 0, 4096};
    body.size = (size_t)(data + size - body.data);

    char *params = fuzz_string(data, params_size);
    size_t lines = 1;
    for (char *p = params; (p = strchr(p, '\n')) != NULL; p++)
        lines++;
    char **envp = calloc(lines + 1, sizeof *envp);
    if (envp == NULL)
        abort();
    size_t n = 0;
    for (char *line = params, *next; line != NULL; line = next) {
        next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        envp[n++] = line;
    }

    struct req *r = &fuzz_req;
    enum err_code rc = http_request_begin(r, envp);
    if (rc == ERR_NONE) {
        int pick = http_pick_language(r->accept_language, languages, 7);
        FUZZ_REQUIRE(pick >= -1 && pick < 7);
        (void)req_wants_json(r);
        rc = http_request_read_body(r, body_read, &body);
    }
    check_request(r, rc);
    free(envp);
    free(params);
    arena_reset(r->arena);
    return 0;
}
