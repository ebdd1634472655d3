/*
 * dispatch.h — one request from parameters to answer: route, read the body, choose the
 * language, identify the person, check access and CSRF, run the handler inside its database
 * transaction, and turn any error into an error answer.
 */
#ifndef DISPATCH_H
#define DISPATCH_H

struct req;

/* Fills r's response.  `envp` are the FastCGI parameters; read_fn reads the body. */
void dispatch(struct req *r, char **envp, int (*read_fn)(char *, int, void *), void *ctx);

#endif
