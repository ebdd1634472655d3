/*
 * mail.c — `portal mail-send`: delivers the e-mail outbox (sql/003_calls.sql) that notify.c
 * fills in the same transaction as each change.
 *
 * Owns the outbox's delivery side: taking due rows, writing each as an RFC 5322 message and
 * handing it to sendmail (mail_mode=sendmail) or to a file (mail_mode=dir), and recording the
 * outcome with retries.  It runs as the owner role (admin_database_url): the serving role may
 * only INSERT into the outbox.
 *
 * Each e-mail is one short transaction: the oldest due row is locked (FOR UPDATE SKIP LOCKED,
 * so two senders never take the same row), delivered, and marked sent or failed.  A failure is
 * retried after 1 min, 5 min, 30 min, 2 h and then every 6 h; after 10 attempts the row is given
 * up (next_attempt_at = infinity, last_error says so).  Delivery is at least once: when the
 * commit after a delivery fails, the e-mail goes again later (in dir mode it replaces its file).
 */
#include "commands.h"

#include "arena.h"
#include "buf.h"
#include "db.h"
#include "settings.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAIL_DEFAULT_LIMIT 500
#define MAIL_MAX_ATTEMPTS  10
#define MAIL_LINE_MAX      998 /* RFC 5322 2.1.1: octets per line, without CRLF */
/* Under the connection's idle_in_transaction_session_timeout (60 s, db.c): the row stays locked
 * while sendmail runs. */
#define SENDMAIL_TIMEOUT_MS 30000

DB_STMT(mail_next, "SELECT id, to_address, subject, body, lang, attempts, "
                   "extract(epoch FROM created_at)::bigint AS created FROM outbox "
                   "WHERE sent_at IS NULL AND next_attempt_at <= now() "
                   "ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED");
DB_STMT(mail_mark_sent, "UPDATE outbox SET sent_at = now(), attempts = attempts + 1, "
                        "last_error = NULL WHERE id = $1");
DB_STMT(mail_mark_failed,
        "UPDATE outbox SET attempts = attempts + 1, last_error = $2, "
        "next_attempt_at = CASE WHEN $4::boolean THEN 'infinity'::timestamptz "
        "                       ELSE now() + make_interval(secs => $3::int) END WHERE id = $1");
DB_STMT(mail_waiting, "SELECT count(*) AS n FROM outbox "
                      "WHERE sent_at IS NULL AND next_attempt_at < 'infinity'");

/* One outbox row, as taken. */
struct outgoing {
    const char *id, *to, *subject, *body, *lang, *created;
    int attempts;
};

struct tally {
    int sent, failed;
};

/* --- the message --- */

/* The host of settings.public_url, for the sender's address and Message-IDs. */
static const char *mail_host(struct arena *a)
{
    const char *p = strstr(settings.public_url, "://");
    p = p ? p + 3 : settings.public_url;
    const char *end = p + strcspn(p, "/?#");
    const char *at = memchr(p, '@', (size_t)(end - p));
    if (at != NULL)
        p = at + 1;
    const char *colon = *p == '[' ? memchr(p, ']', (size_t)(end - p)) : p;
    colon = colon ? memchr(colon, ':', (size_t)(end - colon)) : NULL;
    if (colon != NULL)
        end = colon;
    return end > p ? arena_strndup(a, p, (size_t)(end - p)) : "localhost";
}

/* A recipient must be one plain address: with sendmail -t, a comma or an angle bracket in To
 * would add recipients of the writer's choosing. */
static bool address_plain(const char *s)
{
    size_t n = strlen(s);
    const char *at = strchr(s, '@');
    if (n < 3 || n > 254 || at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@'))
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= 0x20 || *p == 0x7F || strchr("\"(),:;<>[\\]", *p) != NULL)
            return false;
    return true;
}

/* Why the row cannot become a message at all (retrying would not help), or NULL. */
static const char *header_problem(const struct outgoing *m)
{
    /* A line break in a header value would start a header of the writer's choosing (Bcc...). */
    if (strpbrk(m->to, "\r\n") != NULL || strpbrk(m->subject, "\r\n") != NULL)
        return "refused: a line break in the To or Subject value";
    if (!address_plain(m->to))
        return "refused: the recipient is not one plain e-mail address";
    return NULL;
}

static void put_base64(struct buf *b, const unsigned char *bin, size_t len)
{
    size_t cap = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
    char *out = malloc(cap);
    if (out == NULL)
        abort();
    sodium_bin2base64(out, cap, bin, len, sodium_base64_VARIANT_ORIGINAL);
    buf_puts(b, out);
    free(out);
}

/* true when a subject must be encoded: not ASCII, control characters, text that would read as
 * an encoded word, or too long for one header line. */
static bool subject_needs_encoding(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0x80 || *p < 0x20 || *p == 0x7F)
            return true;
    return strstr(s, "=?") != NULL || strlen(s) > 78 - strlen("Subject: ");
}

/* Subject: as RFC 2047 encoded words ("=?UTF-8?B?...?="), one per folded line, each cut between
 * UTF-8 sequences after at most 42 bytes of text (56 base64 characters), so that every line
 * stays within 78 characters. */
static void put_subject(struct buf *b, const char *s, const char *eol)
{
    buf_puts(b, "Subject:");
    if (!subject_needs_encoding(s)) {
        buf_printf(b, " %s%s", s, eol);
        return;
    }
    size_t len = strlen(s), pos = 0;
    do {
        size_t cut = len - pos > 42 ? pos + 42 : len;
        while (cut > pos + 1 && cut < len && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
        buf_puts(b, " =?UTF-8?B?");
        put_base64(b, (const unsigned char *)s + pos, cut - pos);
        buf_printf(b, "?=%s", eol);
        pos = cut;
    } while (pos < len);
}

/* The body's lines with `eol` endings (CRLF, CR and LF all count as one break). */
static void put_lines(struct buf *b, const char *body, const char *eol)
{
    for (const char *p = body; *p; p++) {
        if (*p == '\r' || *p == '\n') {
            buf_puts(b, eol);
            if (*p == '\r' && p[1] == '\n')
                p++;
        } else {
            buf_putc(b, *p);
        }
    }
}

/* true when some line is longer than 8bit transfer allows. */
static bool has_long_line(const char *body)
{
    size_t run = 0;
    for (const char *p = body; *p; p++) {
        run = (*p == '\r' || *p == '\n') ? 0 : run + 1;
        if (run > MAIL_LINE_MAX)
            return true;
    }
    return false;
}

/* The body in base64, 76 characters a line (RFC 2045), for text with over-long lines. */
static void put_base64_body(struct buf *b, const char *body, const char *eol)
{
    struct buf crlf;
    buf_init(&crlf);
    put_lines(&crlf, body, "\r\n"); /* canonical form before encoding (RFC 2049) */
    for (size_t pos = 0; pos < crlf.len; pos += 57) {
        size_t n = crlf.len - pos > 57 ? 57 : crlf.len - pos;
        put_base64(b, (const unsigned char *)crlf.data + pos, n);
        buf_puts(b, eol);
    }
    buf_free(&crlf);
}

/* "Tue, 05 Mar 2024 14:03:09 +0000", whatever the locale. */
static void put_date(struct buf *b, const char *eol)
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    buf_printf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000%s", days[tm.tm_wday], tm.tm_mday,
               months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, eol);
}

static bool language_tag(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 8)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return false;
    return true;
}

/* The whole message with `eol` line ends (CRLF in files, LF to sendmail, which uses the local
 * convention).  The caller has checked the header values with header_problem(). */
static void compose(struct buf *b, const struct outgoing *m, const char *host, const char *eol)
{
    bool long_lines = has_long_line(m->body);
    buf_printf(b, "From: ECoC-SME portal <no-reply@%s>%s", host, eol);
    buf_printf(b, "To: %s%s", m->to, eol);
    put_subject(b, m->subject, eol);
    put_date(b, eol);
    /* The same for every attempt, so that a receiver can recognise a repeat. */
    buf_printf(b, "Message-ID: <outbox-%s-%s@%s>%s", m->id, m->created, host, eol);
    buf_printf(b, "MIME-Version: 1.0%s", eol);
    buf_printf(b, "Content-Type: text/plain; charset=UTF-8%s", eol);
    buf_printf(b, "Content-Transfer-Encoding: %s%s", long_lines ? "base64" : "8bit", eol);
    if (language_tag(m->lang))
        buf_printf(b, "Content-Language: %s%s", m->lang, eol);
    buf_printf(b, "Auto-Submitted: auto-generated%s%s", eol, eol); /* RFC 3834: no replies */
    if (long_lines)
        put_base64_body(b, m->body, eol);
    else
        put_lines(b, m->body, eol);
}

/* --- delivery --- */

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Writes settings.mail_dir/<id>.eml atomically: a temporary file, fsync, rename, and fsync of
 * the directory, so that a reader never sees half an e-mail and a crash loses none. */
static int deliver_dir(const struct outgoing *m, const struct buf *msg, char *err, size_t errlen)
{
    char tmp[PATH_MAX], path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s.eml", settings.mail_dir, m->id);
    snprintf(tmp, sizeof tmp, "%s/.%s.eml.%ld.tmp", settings.mail_dir, m->id, (long)getpid());
    unlink(tmp); /* a leftover of a crashed run with the same process id */
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create %s (setting mail_dir): %s", tmp, strerror(errno));
        return -1;
    }
    int rc = write_all(fd, msg->data, msg->len) == 0 && fsync(fd) == 0 ? 0 : -1;
    int saved = errno;
    if (close(fd) != 0 && rc == 0)
        rc = -1, saved = errno;
    if (rc == 0 && rename(tmp, path) != 0)
        rc = -1, saved = errno;
    if (rc != 0) {
        unlink(tmp);
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(saved));
        return -1;
    }
    int dir = open(settings.mail_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        fsync(dir);
        close(dir);
    }
    return 0;
}

/* Waits for the child at most SENDMAIL_TIMEOUT_MS, then kills it.  Returns its wait status, or
 * -1 when it had to be killed. */
static int wait_child(pid_t pid)
{
    int status = 0;
    for (int waited = 0;; waited += 10) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            return status;
        if (w < 0 && errno != EINTR)
            return -1;
        if (waited >= SENDMAIL_TIMEOUT_MS) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        struct timespec ten_ms = {0, 10 * 1000 * 1000};
        nanosleep(&ten_ms, NULL);
    }
}

/* The child: the pipe on standard input, then settings.sendmail -t -oi (recipients from the
 * headers; a line with a single dot does not end the message).  No shell is involved. */
static void exec_sendmail(int in)
{
    if (dup2(in, STDIN_FILENO) < 0)
        _exit(126);
    char t[] = "-t", oi[] = "-oi";
    char *argv[] = {settings.sendmail, t, oi, NULL};
    execv(settings.sendmail, argv);
    _exit(127);
}

static int deliver_sendmail(const struct buf *msg, char *err, size_t errlen)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        snprintf(err, errlen, "cannot make a pipe: %s", strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "cannot fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0)
        exec_sendmail(fds[0]);
    close(fds[0]);
    bool written = write_all(fds[1], msg->data, msg->len) == 0; /* EPIPE: SIGPIPE is ignored */
    close(fds[1]);
    int status = wait_child(pid);
    if (status < 0)
        snprintf(err, errlen, "%s did not finish in %d s and was stopped", settings.sendmail,
                 SENDMAIL_TIMEOUT_MS / 1000);
    else if (WIFSIGNALED(status))
        snprintf(err, errlen, "%s was killed by signal %d", settings.sendmail, WTERMSIG(status));
    else if (WEXITSTATUS(status) == 127)
        snprintf(err, errlen, "%s could not be run (setting sendmail)", settings.sendmail);
    else if (WEXITSTATUS(status) != 0)
        snprintf(err, errlen, "%s exited with status %d", settings.sendmail, WEXITSTATUS(status));
    else if (!written)
        snprintf(err, errlen, "%s did not read the whole message", settings.sendmail);
    else
        return 0;
    return -1;
}

/* Delivers one message.  0 when sent; -1 with err set (retry), -2 (never retry). */
static int deliver(const struct outgoing *m, const char *host, char *err, size_t errlen)
{
    const char *problem = header_problem(m);
    if (problem != NULL) {
        snprintf(err, errlen, "%s", problem);
        return -2;
    }
    bool dir = strcmp(settings.mail_mode, "dir") == 0;
    struct buf msg;
    buf_init(&msg);
    compose(&msg, m, host, dir ? "\r\n" : "\n");
    int rc = dir ? deliver_dir(m, &msg, err, errlen) : deliver_sendmail(&msg, err, errlen);
    buf_free(&msg);
    return rc;
}

/* --- the outbox --- */

/* Seconds to wait after failed attempt number `attempts` (1-based). */
static int backoff_seconds(int attempts)
{
    static const int steps[] = {60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600};
    int n = (int)(sizeof steps / sizeof steps[0]);
    return steps[attempts < 1 ? 0 : attempts > n ? n - 1 : attempts - 1];
}

static PGresult *record_failure(struct arena *a, const struct outgoing *m, const char *err,
                                bool permanent)
{
    int attempts = m->attempts + 1;
    bool give_up = permanent || attempts >= MAIL_MAX_ATTEMPTS;
    const char *text = permanent ? arena_printf(a, "not sent, never retried: %s", err)
                       : give_up ? arena_printf(a, "gave up after %d attempts: %s", attempts, err)
                                 : err;
    fprintf(stderr, "portal mail-send: e-mail %s to %s: %s\n", m->id, m->to, text);
    const char *params[] = {m->id, text, arena_printf(a, "%d", backoff_seconds(attempts)),
                            give_up ? "true" : "false"};
    return db_exec(a, &mail_mark_failed, 4, params);
}

static void outgoing_read(struct arena *a, PGresult *res, struct outgoing *m)
{
    m->id = arena_strdup(a, db_value(res, 0, "id"));
    m->to = arena_strdup(a, db_value(res, 0, "to_address"));
    m->subject = arena_strdup(a, db_value(res, 0, "subject"));
    m->body = arena_strdup(a, db_value(res, 0, "body"));
    m->lang = arena_strdup(a, db_value(res, 0, "lang"));
    m->created = arena_strdup(a, db_value(res, 0, "created"));
    m->attempts = (int)db_int(res, 0, "attempts");
}

/* Takes, delivers and records the oldest due e-mail in one transaction.  1 when one was
 * handled, 0 when none is due, -1 on a database error. */
static int send_one(struct arena *a, const char *host, struct tally *t)
{
    db_request_start(NULL, true);
    PGresult *res = db_exec(a, &mail_next, 0, NULL);
    if (res == NULL || PQntuples(res) == 0) {
        db_request_finish(res != NULL);
        return res == NULL ? -1 : 0;
    }
    struct outgoing m;
    outgoing_read(a, res, &m);
    char err[600] = "";
    int rc = deliver(&m, host, err, sizeof err);
    const char *params[] = {m.id};
    PGresult *done =
        rc == 0 ? db_exec(a, &mail_mark_sent, 1, params) : record_failure(a, &m, err, rc == -2);
    if (done == NULL || db_request_finish(true) != ERR_NONE) {
        db_request_finish(false);
        return -1;
    }
    if (rc == 0)
        t->sent++;
    else
        t->failed++;
    return 1;
}

static long long count_waiting(struct arena *a)
{
    db_request_start(NULL, false);
    PGresult *res = db_exec(a, &mail_waiting, 0, NULL);
    long long n = res ? db_int(res, 0, "n") : -1;
    db_request_finish(res != NULL);
    return n;
}

static int parse_options(int argc, char **argv, long *limit)
{
    *limit = MAIL_DEFAULT_LIMIT;
    for (int i = 1; i < argc; i++) {
        const char *v = option_value(argc, argv, &i, "--limit");
        if (v == NULL)
            return option_unknown(argv[0], argv[i]);
        if (!option_number(argv[0], "--limit", v, 1, 1000000, limit))
            return 2;
    }
    if (strcmp(settings.mail_mode, "dir") != 0 && strcmp(settings.mail_mode, "sendmail") != 0) {
        fprintf(stderr,
                "portal mail-send: setting mail_mode must be sendmail or dir, not "
                "\"%s\"\n",
                settings.mail_mode);
        return 2;
    }
    return 0;
}

int cmd_mail_send(int argc, char **argv)
{
    long limit;
    int rc = parse_options(argc, argv, &limit);
    if (rc != 0)
        return rc;
    if (db_open(settings.admin_database_url) != 0) {
        fprintf(stderr,
                "portal mail-send: cannot reach the database (setting "
                "admin_database_url): %s\n",
                db_error());
        return 1;
    }
    if (sodium_init() < 0) {
        fprintf(stderr, "portal mail-send: libsodium could not start\n");
        return 1;
    }
    signal(SIGPIPE, SIG_IGN); /* a sendmail that exits early must not kill us mid-write */
    struct arena *a = arena_new(16384);
    const char *host = arena_strdup(a, mail_host(a));
    struct tally t = {0, 0};
    struct arena *row = arena_new(16384);
    for (long i = 0; i < limit && rc == 0; i++) {
        int got = send_one(row, host, &t);
        arena_reset(row);
        if (got < 0) {
            fprintf(stderr, "portal mail-send: database: %s\n", db_error());
            rc = 1;
        } else if (got == 0) {
            break;
        }
    }
    arena_free(row);
    long long waiting = count_waiting(a);
    printf("sent %d, failed %d, waiting %lld\n", t.sent, t.failed, waiting);
    arena_free(a);
    db_close();
    return rc != 0 || waiting < 0 ? 1 : 0;
}
