/*
 * server.h — `portal serve`: the master process and its pre-forked workers.
 *
 * The master opens (or inherits) the FastCGI socket, forks the workers and then only watches:
 * it restarts a worker that dies, reloads on SIGHUP by starting a new generation of workers and
 * retiring the old one once the new one is ready (old workers finish the request in hand
 * first), and on SIGTERM or SIGINT asks every worker to finish and exits when they have.
 * Workers serve one request at a time each: libfcgi neither multiplexes nor threads here.
 */
#ifndef SERVER_H
#define SERVER_H

#include <stddef.h>

/* Runs the server until SIGTERM/SIGINT.  `config_path` is re-read on SIGHUP (NULL: the
 * default).  Returns the process exit status. */
int server_run(const char *config_path);

/* The worker's life: set up, report readiness on ready_fd, serve until told to stop. */
void worker_main(int listen_fd, int ready_fd) __attribute__((noreturn));

/* The set-up a worker does before serving (plugins, catalogues, routes, templates, database),
 * also used by `portal check-config`.  Returns 0, or -1 with err. */
int worker_setup(char *err, size_t errlen);
void worker_teardown(void);

#endif
