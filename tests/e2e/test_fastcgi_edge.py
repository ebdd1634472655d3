"""test_fastcgi_edge.py — what reaches the portal's FastCGI socket without nginx in front:
malformed, oversized and truncated records (the CVE-2025-23016 shape among them), unknown record
types and roles, requests that never finish and multiplexed requests.  After each, the worker
answered or dropped the connection, no worker died, and nginx still gets 200 from /healthz.
docs/reliability.md ("The FastCGI edge") says what libfcgi does with each and why.
"""

import contextlib
import os
import re
import socket
import struct
import time

import fcgi
from harness import check, eq

NEEDS_OWN_STACK = True  # workers may be lost on purpose (last test); keep the shared stack clean
DEMO = False

HEALTHZ = {"REQUEST_METHOD": "GET", "REQUEST_URI": "/healthz", "QUERY_STRING": "",
           "REMOTE_ADDR": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1"}


def long_lengths(name_len, value_len):
    """A name-value pair header with both lengths in the four-byte form (up to 2^31 - 1)."""
    return struct.pack(">II", name_len | 0x80000000, value_len | 0x80000000)


def healthz_request(request_id=1):
    return (fcgi.begin(request_id=request_id) + fcgi.get_params(HEALTHZ) +
            fcgi.record(fcgi.STDIN, b"", request_id))


class Watch:
    """The workers and the end of the log before an exchange, to check afterwards that no worker
    died because of it."""

    def __init__(self, stack):
        self.stack = stack
        self.pids = sorted(stack.worker_pids())
        eq(len(self.pids), stack.workers, "workers before the test")
        self.log_at = len(stack.log_text())

    def new_log(self):
        return self.stack.log_text()[self.log_at:]

    def nothing_died(self):
        time.sleep(0.3)  # a worker that dies needs a moment to be reaped and replaced
        log = self.new_log()
        check("died of signal" not in log and "exited with status" not in log,
              f"a worker died: {log[-1500:]}")
        eq(sorted(self.stack.worker_pids()), self.pids, "the same workers as before")
        eq(self.stack.client().get("/healthz", timeout=5).status, 200,
           "GET /healthz through nginx afterwards")


@contextlib.contextmanager
def portal_with(stack, **env):
    """Runs the block against a portal restarted with `env` added, then restores the usual one."""
    stack.stop_portal()
    try:
        stack.start_portal(**env)
        stack.wait_healthy()
        yield
    finally:
        stack.stop_portal()
        stack.start_portal()
        stack.wait_healthy()


def answered_or_dropped(outcome, what):
    check(not outcome.timed_out, f"{what}: the worker neither answered nor closed: {outcome}")
    check(outcome.ended or outcome.closed or outcome.send_failed, f"{what}: {outcome}")


def test_a_well_formed_request_on_the_socket_is_answered(stack):
    w = Watch(stack)
    o = fcgi.exchange(stack.socket, healthz_request())
    check(o.ended, f"answered: {o}")
    eq(o.status(), 200, "status")
    eq(o.end_status(), fcgi.REQUEST_COMPLETE, "protocolStatus")
    w.nothing_died()


def test_params_lengths_of_2_31_minus_1_the_cve_2025_23016_shape_are_refused(stack):
    """Name and value lengths of 2^31 - 1: unpatched libfcgi computes nameLen + valueLen + 2 in an
    int, allocates 0 bytes and copies the input over the heap.  Debian's 2.4.2-2+deb12u1 refuses
    a length of 2^31 - 1 and drops the connection."""
    for name_len, value_len in [(0x7FFFFFFF, 0x7FFFFFFF), (0x7FFFFFFF, 5), (3, 0x7FFFFFFF)]:
        w = Watch(stack)
        pair = long_lengths(name_len, value_len) + b"A" * 64
        o = fcgi.exchange(stack.socket, fcgi.begin() + fcgi.record(fcgi.PARAMS, pair) +
                          fcgi.record(fcgi.PARAMS, b""))
        answered_or_dropped(o, f"lengths {name_len:#x}, {value_len:#x}")
        check(not o.ended, f"no answer to a request without parameters: {o}")
        w.nothing_died()


def test_params_lengths_larger_than_what_is_sent_are_refused(stack):
    """Lengths the PARAMS stream does not hold: one-byte lengths past the record, a four-byte
    length cut after two bytes, and 2^31 - 16 (libfcgi allocates it, then finds the stream
    short)."""
    cases = {
        "lengths past the record": bytes([100, 5]) + b"ABC",
        "four-byte length cut": b"\x80\x00",
        "value length past the record": bytes([4, 0x80, 0, 1, 0]) + b"NAMEvalue",
        "2^31 - 16 bytes announced": long_lengths(0x7FFFFFF0, 0) + b"A" * 64,
    }
    for what, content in cases.items():
        w = Watch(stack)
        o = fcgi.exchange(stack.socket, fcgi.begin() + fcgi.record(fcgi.PARAMS, content) +
                          fcgi.record(fcgi.PARAMS, b"") + fcgi.record(fcgi.STDIN, b""))
        answered_or_dropped(o, what)
        check(not o.ended, f"{what}: no answer to broken parameters: {o}")
        w.nothing_died()


def test_a_truncated_params_record_is_dropped(stack):
    """A record header announcing 64 bytes of PARAMS, 6 sent, then the client's end of the
    connection closed."""
    w = Watch(stack)
    data = fcgi.begin() + fcgi.header(fcgi.PARAMS, 64) + bytes([4, 1]) + b"ABCD"
    o = fcgi.exchange(stack.socket, data, shut_write=True)
    answered_or_dropped(o, "truncated record")
    check(o.closed and not o.ended, f"dropped: {o}")
    w.nothing_died()


def test_unknown_record_types_are_refused(stack):
    """A management record (request id 0) of unknown type gets FCGI_UNKNOWN_TYPE naming it.  A
    record of unknown type for request 1 is skipped or ends the connection (libfcgi compares its
    id with the last request the worker served, before or after BEGIN_REQUEST).  libfcgi leaks 48 bytes for each unknown management record
    (ProcessManagementRecord frees its parameter list only for FCGI_GET_VALUES), so this portal
    runs with that leak suppressed: it is libfcgi's, and LeakSanitizer would blame the module."""
    supp = os.path.join(stack.dir, "lsan-libfcgi.supp")
    with open(supp, "w") as f:
        f.write("leak:libfcgi.so\n")
    with portal_with(stack, LSAN_OPTIONS=f"suppressions={supp}:print_suppressions=0"):
        unknown_record_types(stack)


def unknown_record_types(stack):
    w = Watch(stack)
    o = fcgi.exchange(stack.socket, fcgi.record(42, b"", 0) + healthz_request())
    answered_or_dropped(o, "unknown management record")
    unknown = [c for t, r, c in o.records if t == fcgi.UNKNOWN_TYPE and r == 0]
    check(unknown and unknown[0][0] == 42, f"FCGI_UNKNOWN_TYPE for type 42: {o}")
    w.nothing_died()

    w = Watch(stack)
    o = fcgi.exchange(stack.socket, fcgi.record(42, b"12345678", 0) + healthz_request())
    answered_or_dropped(o, "unknown management record with content")
    w.nothing_died()

    w = Watch(stack)
    o = fcgi.exchange(stack.socket, fcgi.record(42, b"12345678", 1) + healthz_request())
    answered_or_dropped(o, "unknown type before BEGIN_REQUEST")
    check(not o.ended or o.status() == 200, f"answered 200 if at all: {o}")
    w.nothing_died()

    w = Watch(stack)
    o = fcgi.exchange(stack.socket, fcgi.begin() + fcgi.record(42, b"12345678", 1) +
                      fcgi.get_params(HEALTHZ) + fcgi.record(fcgi.STDIN, b""))
    answered_or_dropped(o, "unknown type among the parameters")
    check(not o.ended or o.status() == 200, f"answered 200 if at all: {o}")
    w.nothing_died()


def test_bytes_that_are_not_fastcgi_are_dropped(stack):
    """An HTTP request sent to the FastCGI socket, and a record of protocol version 7."""
    for what, data in [("HTTP on the FastCGI socket", b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"),
                       ("version 7", b"\x07" + healthz_request()[1:])]:
        w = Watch(stack)
        o = fcgi.exchange(stack.socket, data)
        answered_or_dropped(o, what)
        check(not o.ended, f"{what}: dropped: {o}")
        w.nothing_died()


def test_a_begin_request_with_an_unknown_role_is_dropped(stack):
    for role in (0, 9, 0xFFFF):
        w = Watch(stack)
        o = fcgi.exchange(stack.socket, fcgi.begin(role=role) + fcgi.get_params(HEALTHZ) +
                          fcgi.record(fcgi.STDIN, b""))
        answered_or_dropped(o, f"role {role}")
        check(not o.ended or o.end_status() == fcgi.UNKNOWN_ROLE,
              f"role {role}: dropped or FCGI_UNKNOWN_ROLE: {o}")
        w.nothing_died()


def test_a_request_that_never_finishes_holds_one_worker_until_the_client_closes(stack):
    """Half the parameters, then silence: the worker waits (libfcgi has no read timeout, and the
    request deadline starts once the parameters are in), the other worker serves nginx; when the
    client closes, the waiting worker goes back to accepting.  The same with the parameters
    complete and half the body."""
    body = b"email=someone%40example.org&password=x"
    post = dict(HEALTHZ, REQUEST_METHOD="POST", REQUEST_URI="/login",
                CONTENT_TYPE="application/x-www-form-urlencoded")
    halves = {
        "half the parameters": fcgi.begin() + fcgi.record(fcgi.PARAMS, fcgi.pairs(HEALTHZ))[:40],
        "half the body": fcgi.begin() + fcgi.get_params(post, body) +
        fcgi.record(fcgi.STDIN, body)[:8 + len(body) // 2],
    }
    for what, data in halves.items():
        w = Watch(stack)
        s = fcgi.connect(stack.socket, timeout=1)
        try:
            s.sendall(data)
            try:
                got = s.recv(1)
                check(False, f"{what}: the worker answered a request it has not had: {got!r}")
            except socket.timeout:
                pass  # past the client's timeout, the worker still waits for the rest
            eq(stack.client().get("/healthz", timeout=5).status, 200,
               f"{what}: nginx is served by the other worker meanwhile")
        finally:
            s.close()
        w.nothing_died()


def test_a_worker_is_free_again_as_soon_as_its_answer_is_written(stack):
    """libfcgi by itself would wait, after answering, until the web server closes the connection
    (seconds when it does not); on a unix socket the worker closes at once (core/worker.c)."""
    with portal_with(stack, PORTAL_WORKERS="1"):
        first = fcgi.connect(stack.socket, timeout=5)
        try:
            first.sendall(healthz_request())
            ended = any(t == fcgi.END_REQUEST for t, _, _ in fcgi.read_records(first))
            check(ended, "the first request was answered (and its connection closed)")
            t0 = time.time()
            o = fcgi.exchange(stack.socket, healthz_request(), timeout=5)
            took = time.time() - t0
            check(o.ended, f"the second connection was answered: {o}")
            check(took < 0.5, f"the only worker took {took:.2f} s to take the next connection "
                  "while the first one was still open on our side")
        finally:
            first.close()


def test_a_second_request_multiplexed_on_the_connection_is_refused(stack):
    """BEGIN_REQUEST for request 2 while request 1 is still receiving its parameters: libfcgi
    answers request 2 with FCGI_CANT_MPX_CONN, skips its records and serves request 1 — unless an
    empty record of request 2 comes first: libfcgi then also skips request 1's next record and
    drops the connection, its parameters being cut.  Either way no worker is lost."""
    p = fcgi.pairs(dict(HEALTHZ, CONTENT_LENGTH="0"))
    first_half = fcgi.begin(request_id=1) + fcgi.record(fcgi.PARAMS, p[:20], 1)
    second_half = (fcgi.record(fcgi.PARAMS, p[20:], 1) + fcgi.record(fcgi.PARAMS, b"", 1) +
                   fcgi.record(fcgi.STDIN, b"", 1))
    w = Watch(stack)
    o = fcgi.exchange(stack.socket, first_half + fcgi.begin(request_id=2) +
                      fcgi.record(fcgi.PARAMS, fcgi.pairs(HEALTHZ), 2) + second_half)
    answered_or_dropped(o, "multiplexed")
    eq(o.end_status(2), fcgi.CANT_MPX_CONN, f"request 2 refused: {o}")
    check(o.ended, f"request 1 answered: {o}")
    eq(o.status(1), 200, "request 1's status")
    eq(o.stdout(2), b"", "nothing of request 2 served")
    w.nothing_died()

    w = Watch(stack)
    o = fcgi.exchange(stack.socket, first_half + fcgi.begin(request_id=2) +
                      fcgi.get_params(HEALTHZ, request_id=2) +
                      fcgi.record(fcgi.STDIN, b"", 2) + second_half)
    answered_or_dropped(o, "multiplexed, request 2 complete")
    eq(o.end_status(2), fcgi.CANT_MPX_CONN, f"request 2 refused: {o}")
    check(not o.ended or o.status(1) == 200, f"request 1 answered 200 or dropped: {o}")
    w.nothing_died()


def test_nginx_never_forwards_params_anywhere_near_2_31_bytes(stack):
    """What nginx passes on is bounded by its header buffers (8 KiB a line): a longer header or
    URI is answered by nginx itself and never reaches a worker."""
    w = Watch(stack)
    c = stack.client()
    r = c.get("/healthz", headers={"X-Long": "a" * 100_000}, timeout=5)
    check(r.status in (400, 431, 494), f"nginx refuses a 100 kB header: {r}")
    r = c.get("/healthz?" + "a" * 100_000, timeout=5)
    check(r.status in (400, 414), f"nginx refuses a 100 kB request line: {r}")
    w.nothing_died()


def test_params_lengths_summing_past_2_31_cost_at_most_one_worker(stack):
    """The limit of Debian's fix (docs/reliability.md, "The FastCGI edge"): lengths below 2^31 - 1
    whose sum + 2 passes 2^31 - 1 still overflow libfcgi's int; malloc is asked for ~2^64 bytes,
    fails, and libfcgi's own assert aborts the worker (SIGABRT).  No memory is overwritten; the
    master starts a new worker and the portal keeps answering.  The portal runs here with
    allocator_may_return_null=1 so that AddressSanitizer lets malloc fail as glibc's does, instead
    of stopping the worker with its own report.  If a later libfcgi refuses these lengths, no
    worker dies and the test still passes."""
    asan = stack.env()["ASAN_OPTIONS"] + ":allocator_may_return_null=1"
    with portal_with(stack, ASAN_OPTIONS=asan):
        time.sleep(0.3)
        log_at = len(stack.log_text())
        for name_len, value_len in [(0x3FFFFFFF, 0x3FFFFFFF), (0x7FFFFFFE, 0x7FFFFFFE)]:
            pair = long_lengths(name_len, value_len) + b"A" * 64
            o = fcgi.exchange(stack.socket, fcgi.begin() + fcgi.record(fcgi.PARAMS, pair) +
                              fcgi.record(fcgi.PARAMS, b""))
            answered_or_dropped(o, f"lengths {name_len:#x}, {value_len:#x}")
            check(not o.ended, f"no answer: {o}")
        deadline = time.time() + 3
        while len(stack.worker_pids()) != stack.workers and time.time() < deadline:
            time.sleep(0.1)
        eq(len(stack.worker_pids()), stack.workers, "workers after")
        eq(stack.client().get("/healthz", timeout=5).status, 200, "GET /healthz through nginx")
        log = stack.log_text()[log_at:]
        deaths = re.findall(r"worker \d+ (died of signal \d+|exited with status \d+)", log)
        check(all(d == "died of signal 6" for d in deaths) and len(deaths) <= 2,
              f"at most one SIGABRT per attempt, nothing else: {deaths}")
