"""fcgi.py — a minimal FastCGI client speaking straight to the portal's socket, for what nginx
would never send (HTTPS=on without TLS in the tests, malformed records in the hardening tests).
"""

import socket
import struct

BEGIN_REQUEST, ABORT_REQUEST, END_REQUEST, PARAMS, STDIN, STDOUT, STDERR = 1, 2, 3, 4, 5, 6, 7


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
