"""fcgi.py — a minimal FastCGI client speaking straight to the portal's socket, for what nginx
would never send (HTTPS=on without TLS in the tests, malformed records in the hardening tests).

request() sends one well-formed request and returns its answer; the lower-level functions
(record, begin, connect, read_records, exchange) build and send arbitrary, broken records.
"""

import socket
import struct

BEGIN_REQUEST, ABORT_REQUEST, END_REQUEST, PARAMS, STDIN, STDOUT, STDERR = 1, 2, 3, 4, 5, 6, 7
GET_VALUES, GET_VALUES_RESULT, UNKNOWN_TYPE = 9, 10, 11
RESPONDER, AUTHORIZER, FILTER = 1, 2, 3
KEEP_CONN = 1
# protocolStatus of an END_REQUEST record
REQUEST_COMPLETE, CANT_MPX_CONN, OVERLOADED, UNKNOWN_ROLE = 0, 1, 2, 3


def record(rtype, content, request_id=1):
    pad = (8 - len(content) % 8) % 8
    return struct.pack(">BBHHBB", 1, rtype, request_id, len(content), pad, 0) + content + b"\0" * pad


def length(n):
    return struct.pack(">B", n) if n < 128 else struct.pack(">I", n | 0x80000000)


def pairs(params):
    out = b""
    for k, v in params.items():
        k, v = k.encode(), v.encode()
        out += length(len(k)) + length(len(v)) + k + v
    return out


def request(sock_path, params, body=b"", timeout=10):
    """Sends one request; returns (head: dict, body: bytes) of the CGI-style answer."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(sock_path)
    try:
        data = record(BEGIN_REQUEST, struct.pack(">HB5x", 1, 0))
        p = pairs(dict(params, CONTENT_LENGTH=str(len(body))))
        data += record(PARAMS, p) + record(PARAMS, b"")
        if body:
            data += record(STDIN, body)
        data += record(STDIN, b"")
        s.sendall(data)
        out = b""
        while True:
            header = recv_exact(s, 8)
            if header is None:
                break
            _, rtype, _, clen, plen, _ = struct.unpack(">BBHHBB", header)
            content = recv_exact(s, clen + plen) or b""
            if rtype == STDOUT:
                out += content[:clen]
            elif rtype == END_REQUEST:
                break
    finally:
        s.close()
    head_text, _, rest = out.partition(b"\r\n\r\n")
    head = {}
    for line in head_text.decode().split("\r\n"):
        k, _, v = line.partition(": ")
        head.setdefault(k.lower(), []).append(v)
    return head, rest


def recv_exact(s, n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            return None if not buf else buf
        buf += chunk
    return buf


# --- arbitrary records --------------------------------------------------------------------------

def begin(role=RESPONDER, flags=0, request_id=1):
    """A BEGIN_REQUEST record."""
    return record(BEGIN_REQUEST, struct.pack(">HB5x", role, flags), request_id)


def header(rtype, content_length, request_id=1, padding=0):
    """A record header alone: what follows it on the wire may differ from what it announces."""
    return struct.pack(">BBHHBB", 1, rtype, request_id, content_length, padding, 0)


def get_params(params, body=b"", request_id=1):
    """The PARAMS stream (a record and the empty one that ends it) for `params` and a body."""
    p = pairs(dict(params, CONTENT_LENGTH=str(len(body))))
    return record(PARAMS, p, request_id) + record(PARAMS, b"", request_id)


def connect(sock_path, timeout=3):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(sock_path)
    return s


def read_records(s):
    """Yields (type, request_id, content) for each record until the peer closes; socket.timeout
    propagates when nothing arrives in the socket's timeout."""
    while True:
        head = recv_exact(s, 8)
        if head is None or len(head) < 8:
            return
        _, rtype, rid, clen, plen, _ = struct.unpack(">BBHHBB", head)
        content = recv_exact(s, clen + plen) or b""
        yield rtype, rid, content[:clen]


class Outcome:
    """What the worker did with what exchange() sent."""

    def __init__(self):
        self.records = []      # (type, request_id, content) in arrival order
        self.ended = False     # an END_REQUEST for the request arrived
        self.closed = False    # the worker closed the connection
        self.timed_out = False  # neither happened in time: the worker still waits for more
        self.send_failed = False  # the worker had closed before everything was sent

    def stdout(self, request_id=1):
        return b"".join(c for t, r, c in self.records if t == STDOUT and r == request_id)

    def status(self, request_id=1):
        """The HTTP status of the CGI-style answer, or None."""
        head = self.stdout(request_id).split(b"\r\n\r\n", 1)[0].decode("latin-1")
        for line in head.split("\r\n"):
            if line.lower().startswith("status:"):
                return int(line.split()[1])
        return None

    def end_status(self, request_id=1):
        """protocolStatus of the END_REQUEST for request_id, or None."""
        for t, r, c in self.records:
            if t == END_REQUEST and r == request_id and len(c) >= 5:
                return c[4]
        return None

    def __repr__(self):
        types = [(t, r) for t, r, _ in self.records]
        return (f"<Outcome ended={self.ended} closed={self.closed} timed_out={self.timed_out} "
                f"send_failed={self.send_failed} records={types}>")


def exchange(sock_path, data, timeout=3, request_id=1, shut_write=False):
    """Sends `data` on a new connection (then, with shut_write, half-closes it), reads until the
    END_REQUEST of request_id, the worker closing, or `timeout` seconds of silence."""
    out = Outcome()
    s = connect(sock_path, timeout)
    try:
        try:
            s.sendall(data)
            if shut_write:
                s.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            out.send_failed = True
        try:
            for rec in read_records(s):
                out.records.append(rec)
                if rec[0] == END_REQUEST and rec[1] == request_id:
                    out.ended = True
                    return out
            out.closed = True
        except socket.timeout:
            out.timed_out = True
        except ConnectionResetError:
            out.closed = True
    finally:
        s.close()
    return out
