/*
 * feeds.c — (to be written) Atom and iCalendar feeds of a region's calls; CSV export of answers.
 */
#include "pages.h"

#include "../http.h"

enum err_code page_region_calls_atom(struct req *r)
{
    return req_fail(r, ERR_NOT_FOUND, "not yet");
}

enum err_code page_region_calls_ics(struct req *r)
{
    return req_fail(r, ERR_NOT_FOUND, "not yet");
}

enum err_code page_call_answers_csv(struct req *r)
{
    return req_fail(r, ERR_NOT_FOUND, "not yet");
}
