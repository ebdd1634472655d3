/*
 * server.c — the master process of `portal serve`; see server.h.
 *
 * The master blocks the signals it handles and takes them synchronously with sigtimedwait, so
 * there is no signal-handler logic to get wrong.  Workers are tracked in a fixed table with
 * their generation; a reload starts generation g+1 and retires g only when g+1 is ready.
 */
#include "server.h"

#include "db.h"
#include "log.h"
#include "migrate.h"
#include "settings.h"
#include "shared_state.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS      256
#define READY_TIMEOUT_MS 30000

struct worker {
    pid_t pid;
    int generation;
    time_t started;
};

static struct worker workers[MAX_WORKERS];
static int generation;
static int listen_fd = -1;
static char created_socket[108]; /* a path we bound and must unlink */

/* --- the socket --- */

static bool fd_is_listening_socket(int fd)
{
    int listening = 0;
    socklen_t len = sizeof listening;
    return getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) == 0 && listening;
}

/* systemd socket activation (LISTEN_FDS, first fd 3) or spawn-fcgi (the socket on fd 0). */
static int inherited_socket(void)
{
    const char *fds = getenv("LISTEN_FDS"), *pid = getenv("LISTEN_PID");
    if (fds != NULL && pid != NULL && atoi(pid) == (int)getpid() && atoi(fds) >= 1 &&
        fd_is_listening_socket(3))
        return 3;
    if (fd_is_listening_socket(0))
        return 0;
    return -1;
}

static int open_tcp_socket(const char *spec, char *err, size_t errlen)
{
    char host[64];
    const char *colon = strrchr(spec, ':');
    snprintf(host, sizeof host, "%.*s", (int)(colon - spec), spec);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(colon + 1))};
    if (inet_pton(AF_INET, host, &sa.sin_addr) != 1 || atoi(colon + 1) <= 0) {
        snprintf(err, errlen, "setting socket \"%s\": expected a path or IPv4:port", spec);
        return -1;
    }
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(fd, 1024) != 0) {
        snprintf(err, errlen, "cannot listen on %s (setting socket): %s", spec, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

static int open_unix_socket(const char *path, char *err, size_t errlen)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof sa.sun_path) {
        snprintf(err, errlen, "setting socket: the path %s is longer than %zu bytes", path,
                 sizeof sa.sun_path - 1);
        return -1;
    }
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
    struct stat st;
    if (lstat(path, &st) == 0) {
        if (!S_ISSOCK(st.st_mode)) {
            snprintf(err, errlen, "setting socket: %s exists and is not a socket", path);
            return -1;
        }
        /* A socket file is left over from a previous run unless something answers on it. */
        int probe = socket(AF_UNIX, SOCK_STREAM, 0);
        int alive = connect(probe, (struct sockaddr *)&sa, sizeof sa) == 0;
        close(probe);
        if (alive) {
            snprintf(err, errlen, "setting socket: another portal is serving on %s", path);
            return -1;
        }
        unlink(path);
    }
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        snprintf(err, errlen, "cannot create the FastCGI socket %s (setting socket): %s", path,
                 strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    snprintf(created_socket, sizeof created_socket, "%s", path);
    if (chmod(path, (mode_t)settings.socket_mode) != 0 || listen(fd, 1024) != 0) {
        snprintf(err, errlen, "cannot listen on %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

static int open_socket(char *err, size_t errlen)
{
    int fd = inherited_socket();
    if (fd >= 0) {
        log_info("serving on the inherited socket (fd %d)", fd);
        return fd;
    }
    const char *s = settings.socket;
    bool tcp = s[0] != '/' && s[0] != '.' && strchr(s, ':') != NULL;
    fd = tcp ? open_tcp_socket(s, err, errlen) : open_unix_socket(s, err, errlen);
    if (fd >= 0)
        log_info("serving FastCGI on %s", s);
    return fd;
}

/* --- workers --- */

static int worker_slot_free(void)
{
    for (int i = 0; i < MAX_WORKERS; i++)
        if (workers[i].pid == 0)
            return i;
    return -1;
}

static int workers_of(int gen)
{
    int n = 0;
    for (int i = 0; i < MAX_WORKERS; i++)
        n += workers[i].pid != 0 && workers[i].generation == gen;
    return n;
}

/* Forks one worker of generation `gen` and waits for it to report.  Returns its pid, or -1 with
 * err holding what the worker said (or that it said nothing in time). */
static pid_t worker_spawn(int gen, char *err, size_t errlen)
{
    int slot = worker_slot_free(), p[2];
    if (slot < 0 || pipe(p) != 0) {
        snprintf(err, errlen, "cannot start a worker: %s", slot < 0 ? "too many" : strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        worker_main(listen_fd, p[1]);
    }
    close(p[1]);
    if (pid < 0) {
        close(p[0]);
        snprintf(err, errlen, "cannot fork a worker: %s", strerror(errno));
        return -1;
    }
    char msg[1024] = "";
    struct pollfd pfd = {p[0], POLLIN, 0};
    ssize_t n = 0;
    if (poll(&pfd, 1, READY_TIMEOUT_MS) == 1)
        n = read(p[0], msg, sizeof msg - 1);
    close(p[0]);
    msg[n > 0 ? n : 0] = '\0';
    msg[strcspn(msg, "\n")] = '\0';
    if (strcmp(msg, "ready") != 0) {
        snprintf(err, errlen, "%s", msg[0] ? msg : "a worker did not become ready in time");
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        return -1;
    }
    workers[slot] = (struct worker){pid, gen, time(NULL)};
    return pid;
}

static int generation_start(int gen, int count, char *err, size_t errlen)
{
    for (int i = 0; i < count; i++)
        if (worker_spawn(gen, err, errlen) < 0)
            return -1;
    return 0;
}

static void generation_signal(int gen, int sig)
{
    for (int i = 0; i < MAX_WORKERS; i++)
        if (workers[i].pid != 0 && workers[i].generation == gen)
            kill(workers[i].pid, sig);
}

static void generation_kill(int gen)
{
    for (int i = 0; i < MAX_WORKERS; i++)
        if (workers[i].pid != 0 && workers[i].generation == gen) {
            kill(workers[i].pid, SIGKILL);
            waitpid(workers[i].pid, NULL, 0);
            workers[i].pid = 0;
        }
}

/* Reaps dead workers; those of the current generation are replaced. */
static void workers_reap(void)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        for (int i = 0; i < MAX_WORKERS; i++) {
            if (workers[i].pid != pid)
                continue;
            workers[i].pid = 0;
            if (workers[i].generation != generation)
                break; /* a retired worker finishing */
            if (WIFSIGNALED(status))
                log_error("worker %d died of signal %d; starting another", (int)pid,
                          WTERMSIG(status));
            else if (WEXITSTATUS(status) == 70)
                log_error("worker %d cut a request at its deadline; starting another", (int)pid);
            else
                log_warn("worker %d exited with status %d; starting another", (int)pid,
                         WEXITSTATUS(status));
            /* A worker that dies at once, repeatedly, must not turn the master into a fork
             * loop: wait a little when it lived less than a second. */
            if (time(NULL) - workers[i].started < 1)
                sleep(1);
            char err[1024];
            if (worker_spawn(generation, err, sizeof err) < 0)
                log_error("could not start a worker: %s", err);
            break;
        }
    }
}

static void reload(const char *config_path)
{
    char err[1024];
    log_info("SIGHUP: reloading settings, templates and plugins");
    if (settings_load(config_path, err, sizeof err) != 0) {
        log_error("reload refused, still serving with the previous settings: %s", err);
        return;
    }
    int next = generation + 1;
    if (generation_start(next, settings_worker_count(), err, sizeof err) != 0) {
        log_error("reload refused, still serving with the previous workers: %s", err);
        generation_kill(next);
        return;
    }
    int old = generation;
    generation = next;
    generation_signal(old, SIGTERM); /* they finish the request in hand, then exit */
    log_info("reload done: %d workers of generation %d serving", workers_of(next), next);
}

/* Asks every worker to stop, repeating the signal (it interrupts accept) until they have. */
static void drain(void)
{
    long long waited_ms = 0, limit_ms = settings.request_deadline_ms + 2000;
    while (waited_ms < limit_ms) {
        int alive = 0;
        for (int i = 0; i < MAX_WORKERS; i++)
            if (workers[i].pid != 0) {
                if (waitpid(workers[i].pid, NULL, WNOHANG) == workers[i].pid)
                    workers[i].pid = 0;
                else {
                    kill(workers[i].pid, SIGTERM);
                    alive++;
                }
            }
        if (alive == 0)
            return;
        struct timespec ts = {0, 50 * 1000000L};
        nanosleep(&ts, NULL);
        waited_ms += 50;
    }
    for (int i = 0; i < MAX_WORKERS; i++)
        if (workers[i].pid != 0) {
            log_warn("worker %d did not finish in time; killing it", (int)workers[i].pid);
            kill(workers[i].pid, SIGKILL);
            waitpid(workers[i].pid, NULL, 0);
            workers[i].pid = 0;
        }
}

/* The serving role must be a plain one: owning tables or bypassing row-level security would
 * take away the database's second wall.  Returns 0, or -1 with err saying what to change. */
static int role_check(PGconn *c, char *err, size_t errlen)
{
    PGresult *res = PQexec(c, "SELECT r.rolname, r.rolsuper, r.rolbypassrls, "
                              "(SELECT count(*) FROM pg_class k WHERE k.relowner = r.oid "
                              "   AND k.relkind IN ('r', 'p', 'v', 'm', 'S')) AS owned "
                              "FROM pg_roles r WHERE r.rolname = current_user");
    int rc = 0;
    if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
        snprintf(err, errlen, "cannot read the serving role's attributes: %s",
                 PQresultErrorMessage(res));
        rc = -1;
    } else if (strcmp(PQgetvalue(res, 0, 1), "t") == 0 || strcmp(PQgetvalue(res, 0, 2), "t") == 0) {
        snprintf(err, errlen,
                 "the role %s (setting database_url) is a superuser or has BYPASSRLS: serve as a "
                 "plain role such as ecoc_app (ALTER ROLE %s NOSUPERUSER NOBYPASSRLS; see "
                 "deploy/setup-database.sql)",
                 PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 0));
        rc = -1;
    } else if (atoi(PQgetvalue(res, 0, 3)) > 0) {
        snprintf(err, errlen,
                 "the role %s (setting database_url) owns %s tables or sequences: the serving "
                 "role must own none (give them to ecoc_owner with ALTER TABLE … OWNER TO, or "
                 "serve as ecoc_app; see deploy/setup-database.sql)",
                 PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 3));
        rc = -1;
    }
    PQclear(res);
    return rc;
}

/* Refuses to serve a database whose schema differs from the program's, when it is reachable. */
static int schema_check(char *err, size_t errlen)
{
    PGconn *c = PQconnectdb(settings.database_url);
    if (PQstatus(c) != CONNECTION_OK) {
        log_warn("PostgreSQL is unreachable (setting database_url): %s; serving anyway, "
                 "/healthz says \"down\" until it is back",
                 PQerrorMessage(c));
        PQfinish(c);
        return 0;
    }
    int have = db_schema_version(c), want = migrate_latest_version();
    int roles = role_check(c, err, errlen);
    PQfinish(c);
    if (roles != 0)
        return -1;
    if (have == want)
        return 0;
    if (have > want)
        snprintf(err, errlen,
                 "the database schema is at version %d, newer than this program's %d: refusing "
                 "to serve (install the newer program)",
                 have, want);
    else
        snprintf(err, errlen,
                 "the database schema is at version %d, this program needs %d: run `portal "
                 "migrate` first",
                 have, want);
    return -1;
}

int server_run(const char *config_path)
{
    char err[1024];
    if (schema_check(err, sizeof err) != 0) {
        fprintf(stderr, "portal serve: %s\n", err);
        return 1;
    }
    sigset_t handled;
    sigemptyset(&handled);
    sigaddset(&handled, SIGCHLD);
    sigaddset(&handled, SIGTERM);
    sigaddset(&handled, SIGINT);
    sigaddset(&handled, SIGHUP);
    sigprocmask(SIG_BLOCK, &handled, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (shared_state_init(err, sizeof err) != 0 || (listen_fd = open_socket(err, sizeof err)) < 0) {
        fprintf(stderr, "portal serve: %s\n", err);
        return 1;
    }
    generation = 1;
    int count = settings_worker_count();
    if (generation_start(generation, count, err, sizeof err) != 0) {
        fprintf(stderr, "portal serve: a worker could not start: %s\n", err);
        generation_kill(generation);
        if (created_socket[0])
            unlink(created_socket);
        return 1;
    }
    log_info("portal serving with %d workers (pid %d)", count, (int)getpid());
    for (;;) {
        struct timespec tick = {1, 0};
        int sig = sigtimedwait(&handled, NULL, &tick);
        if (sig == SIGTERM || sig == SIGINT)
            break;
        if (sig == SIGHUP)
            reload(config_path);
        workers_reap();
    }
    log_info("stopping: letting the workers finish what they are doing");
    drain();
    close(listen_fd);
    if (created_socket[0])
        unlink(created_socket);
    log_info("stopped");
    return 0;
}
