/*
 * pages.h — the handlers of the core's routes, one file per page or resource under pages/.
 * Each handler fills the request's answer and returns ERR_NONE, or returns an error code for
 * the dispatcher to answer (see dispatch.c for what has been checked before a handler runs).
 */
#ifndef PAGES_H
#define PAGES_H

#include "../errors.h"

struct req;

/* pages/home.c */
enum err_code page_home(struct req *r);
enum err_code page_region_home(struct req *r);

/* pages/health.c */
enum err_code page_health(struct req *r);

/* pages/regions.c */
enum err_code api_regions(struct req *r);

#endif
