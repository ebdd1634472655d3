/*
 * matches.c — (to be written) matchmaking pages and API.
 */
#include "pages.h"

#include "../http.h"

enum err_code page_call_matches(struct req *r)
{
    return req_fail(r, ERR_NOT_FOUND, "not yet");
}

enum err_code page_listing_matches(struct req *r)
{
    return req_fail(r, ERR_NOT_FOUND, "not yet");
}

enum err_code api_call_matches(struct req *r)
{
    return req_fail(r, ERR_NOT_FOUND, "not yet");
}

enum err_code api_listing_matches(struct req *r)
{
    return req_fail(r, ERR_NOT_FOUND, "not yet");
}

enum err_code dashboard_calls_for_you(struct req *r, struct tpl_dict *d)
{
    (void)r;
    (void)d;
    return ERR_NONE;
}
