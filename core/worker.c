/*
 * worker.c — one worker process: set-up, the FastCGI accept loop, the request deadline.
 *
 * Memory: the request arena keeps its first 64 KiB block, and the head and body buffers keep
 * their capacity up to 1 MiB, so steady-state requests allocate nothing from malloc except what
 * libpq, jansson and ctemplate do inside a request (all freed by the arena reset).
 *
 * The deadline: a real-time interval timer is armed for each request; if it fires the request
 * is stuck beyond statement_timeout and every other bound, so the worker writes one line and
 * exits, the connection drops (nginx answers 502) and the master starts a fresh worker.
 */
#include "server.h"

#include "arena.h"
#include "buf.h"
#include "db.h"
#include "dispatch.h"
#include "http.h"
#include "i18n.h"
#include "log.h"
#include "password.h"
#include "plugin.h"
#include "router.h"
#include "page_cache.h"
#include "search_index.h"
#include "settings.h"
#include "tpl.h"

#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#define EXIT_DEADLINE 70

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void on_deadline(int sig)
{
    (void)sig;
    static const char msg[] = "portal: a request exceeded request_deadline_ms; this worker stops "
                              "and the master starts a new one\n";
    ssize_t w = write(STDERR_FILENO, msg, sizeof msg - 1);
    (void)w;
    _exit(EXIT_DEADLINE);
}

static void deadline_arm(int ms)
{
    struct itimerval t = {{0, 0}, {ms / 1000, (ms % 1000) * 1000}};
    setitimer(ITIMER_REAL, &t, NULL);
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_stop; /* no SA_RESTART: a blocked accept() returns EINTR */
    sigaction(SIGTERM, &sa, NULL);
    sa.sa_handler = on_deadline;
    sigaction(SIGALRM, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
    sigaction(SIGINT, &sa, NULL); /* Ctrl-C reaches the whole group; the master coordinates */
    sigaction(SIGHUP, &sa, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

int worker_setup(char *err, size_t errlen)
{
    int level = log_level_parse(settings.log_level);
    if (level < 0) {
        snprintf(err, errlen, "setting log_level must be error, warn, info or debug, not \"%s\"",
                 settings.log_level);
        return -1;
    }
    log_set_level((enum log_level)level);
    if (plugins_load(settings.plugins, settings.plugin_dir, err, errlen) != 0)
        return -1;
    if (i18n_init(err, errlen) != 0)
        return -1;
    if (router_init(err, errlen) != 0 || plugins_add_routes(err, errlen) != 0)
        return -1;
    if (tpl_load_all(err, errlen) != 0)
        return -1;
    if (password_init(err, errlen) != 0)
        return -1;
    return 0;
}

void worker_teardown(void)
{
    db_close();
    router_free();
    password_free();
    i18n_free();
    plugins_unload();
}

static int read_body(char *dst, int n, void *ctx)
{
    return FCGX_GetStr(dst, n, ctx);
}

/* True when the FastCGI socket is a unix socket.  libfcgi closes a connection by shutting down
 * its sending side and then waiting until the web server has closed too (up to seconds): on
 * TCP this keeps unread input from turning the close into a reset that could destroy the
 * answer, but a unix socket has no resets, and the wait holds the worker from its next
 * request for a round trip through nginx.  A detached request is closed at once, once the
 * rest of its input is read: nginx still writing a body the portal refused (413) would
 * otherwise meet a closed socket and answer 502 instead of the portal's answer. */
static bool close_at_once;

/* Reads and drops what is left of the request's body (at most 4 MiB; nginx passes 2).  True
 * when its end was reached. */
static bool input_drained(FCGX_Stream *in)
{
    char scratch[16384];
    for (int i = 0; i < 256; i++)
        if (FCGX_GetStr(scratch, (int)sizeof scratch, in) <= 0)
            return FCGX_GetError(in) == 0;
    return false;
}

static bool socket_is_unix(int fd)
{
    struct sockaddr_storage sa;
    socklen_t len = sizeof sa;
    return getsockname(fd, (struct sockaddr *)&sa, &len) == 0 && sa.ss_family == AF_UNIX;
}

static void serve_one(FCGX_Request *fr, struct req *r, struct buf *wire)
{
    deadline_arm(settings.request_deadline_ms);
    dispatch(r, fr->envp, read_body, fr->in);
    http_response_serialise(r, wire);
    FCGX_PutStr(wire->data, (int)wire->len, fr->out);
    if (strcmp(r->method, "HEAD") != 0 && r->out->len > 0)
        FCGX_PutStr(r->out->data, (int)r->out->len, fr->out);
    if (close_at_once && input_drained(fr->in))
        FCGX_Detach(fr);
    FCGX_Finish_r(fr);
    deadline_arm(0);
    if (db_in_transaction())
        db_request_finish(false);
    arena_reset(r->arena);
    buf_trim(r->out, 1 << 20);
    buf_trim(r->head, 1 << 16);
    buf_trim(wire, 1 << 16);
}

void worker_main(int listen_fd, int ready_fd)
{
    install_signals();
    char err[1024] = "";
    pid_t master = getppid();
    if (worker_setup(err, sizeof err) != 0) {
        dprintf(ready_fd, "%s\n", err);
        _exit(78);
    }
    if (db_open(settings.database_url) != 0)
        log_warn("worker starts without the database; it reconnects when PostgreSQL is back");
    if (db_available() && search_index_build() != 0)
        log_warn("the search index could not be built now; searches use PostgreSQL meanwhile");
    if (FCGX_Init() != 0) {
        dprintf(ready_fd, "FCGX_Init failed\n");
        _exit(78);
    }
    FCGX_Request fr;
    FCGX_InitRequest(&fr, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
    close_at_once = socket_is_unix(listen_fd);
    struct buf head, out, wire;
    buf_init(&head);
    buf_init(&out);
    buf_init(&wire);
    struct req r;
    memset(&r, 0, sizeof r);
    r.arena = arena_new(64 * 1024);
    r.head = &head;
    r.out = &out;
    dprintf(ready_fd, "ready\n");
    close(ready_fd);
    while (!stop_requested) {
        int rc = FCGX_Accept_r(&fr);
        if (rc < 0) {
            if (!stop_requested && rc != -EINTR) {
                log_warn("accepting a FastCGI connection failed: %s", strerror(-rc));
                usleep(10000); /* do not spin on a persistent error such as EMFILE */
            }
            continue;
        }
        serve_one(&fr, &r, &wire);
        if (getppid() != master)
            break; /* the master is gone: nobody would restart us or stop us */
    }
    FCGX_Free(&fr, 1);
    arena_free(r.arena);
    buf_free(&head);
    buf_free(&out);
    buf_free(&wire);
    search_index_shutdown();
    page_cache_free();
    worker_teardown();
    tpl_cache_clear();
    settings_free();
    exit(0);
}
