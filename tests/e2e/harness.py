"""harness.py — a throw-away real stack for the end-to-end tests, and an HTTP client for it.

A Stack is a private PostgreSQL cluster, the portal (the AddressSanitizer build) and nginx, all
on 127.0.0.1 with their own ports and sockets under var/test/<name>/, started through the same
deploy/dev/stack.sh that `make run` uses.  Nothing is mocked: tests speak HTTP to nginx, which
speaks FastCGI to the portal, which speaks to PostgreSQL.
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STACK_SH = os.path.join(REPO, "deploy", "dev", "stack.sh")
DEMO_PASSWORD = "ecoc-demo-password"


class TestFailure(AssertionError):
    pass


def check(condition, message):
    """Fails the current test with `message` unless `condition` holds."""
    if not condition:
        raise TestFailure(message)


def eq(actual, expected, what="value"):
    if actual != expected:
        raise TestFailure(f"{what}: expected {expected!r}, got {actual!r}")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # list of (name, value)
        self.body = body

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def headers_named(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"<Response {self.status} {self.body[:300]!r}>"


class Client:
    """An HTTP client with a cookie jar, like one browser."""

    def __init__(self, stack):
        self.stack = stack
        self.cookies = {}
        self.csrf = None  # the session's CSRF token once logged in through the API

    def request(self, method, path, body=None, headers=None, form=None, json_body=None,
                timeout=30):
        hdrs = {"Host": f"127.0.0.1:{self.stack.port}"}
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True).encode()
            hdrs["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body = json.dumps(json_body).encode()
            hdrs["Content-Type"] = "application/json"
        if isinstance(body, str):
            body = body.encode()
        if self.cookies:
            hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        hdrs.update(headers or {})
        conn = http.client.HTTPConnection("127.0.0.1", self.stack.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=hdrs)
            r = conn.getresponse()
            resp = Response(r.status, r.getheaders(), r.read())
        finally:
            conn.close()
        for c in resp.headers_named("Set-Cookie"):
            name, _, rest = c.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in c or "expires=Thu, 01 Jan 1970" in c:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def api(self, method, path, body=None, headers=None):
        """A JSON API call, with the session's CSRF token when logged in by cookie."""
        h = {"Accept": "application/json"}
        if self.csrf and method not in ("GET", "HEAD"):
            h["X-CSRF-Token"] = self.csrf
        h.update(headers or {})
        return self.request(method, path, json_body=body, headers=h)

    def login(self, email, password=DEMO_PASSWORD):
        r = self.api("POST", "/api/v1/session", {"email": email, "password": password})
        check(r.status == 200, f"login as {email} failed: {r}")
        self.csrf = r.json()["csrf_token"]
        return r

    def form_csrf(self, path="/"):
        """The CSRF token the page at `path` puts in its forms (visitor or session)."""
        r = self.get(path)
        m = re.search(r'name="csrf" value="([^"]*)"', r.text)
        check(m is not None, f"no CSRF field on {path}")
        return m.group(1)


class Stack:
    def __init__(self, name, portal="build/asan/portal", plugin_dir="build/asan/plugins",
                 workers=2, env=None):
        self.name = name
        # One directory per test run, so that runs side by side never share a stack.
        self.dir = os.path.join(REPO, "var", "test", f"run-{os.getpid()}", name)
        self.portal_bin = os.path.join(REPO, portal)
        self.plugin_dir = os.path.join(REPO, plugin_dir)
        self.workers = workers
        self.extra_env = env or {}
        self.pgport = free_port()
        self.port = free_port()
        self.portal = None
        self.nginx_up = False

    # --- environment ---------------------------------------------------------------------

    def env(self, **overrides):
        e = dict(os.environ)
        e.update({
            "PORTAL_DATABASE_URL": self.url_for("ecoc_app"),
            "PORTAL_ADMIN_DATABASE_URL": self.url_for("ecoc_owner"),
            "PORTAL_SOCKET": self.socket,
            "PORTAL_SOCKET_MODE": "0660",
            "PORTAL_WORKERS": str(self.workers),
            "PORTAL_PLUGIN_DIR": self.plugin_dir,
            "PORTAL_TEMPLATE_DIR": os.path.join(REPO, "templates"),
            "PORTAL_PLUGIN_TEMPLATE_DIR": os.path.join(REPO, "plugins") + " " +
                                          os.path.join(REPO, "tests", "plugins"),
            "PORTAL_PUBLIC_URL": f"http://127.0.0.1:{self.port}",
            "PORTAL_MAIL_MODE": "dir",
            "PORTAL_MAIL_DIR": os.path.join(self.dir, "mail"),
            "PORTAL_COMMON_PASSWORDS": os.path.join(REPO, "deploy", "common-passwords.txt"),
            "DEMO_PASSWORD": DEMO_PASSWORD,
            "ASAN_OPTIONS": "detect_leaks=1:abort_on_error=0:halt_on_error=1",
            "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1",
        })
        e.pop("PORTAL_CONFIG", None)
        e.update(self.extra_env)
        e.update(overrides)
        return e

    @property
    def socket(self):
        return os.path.join(self.dir, "run", "portal.sock")

    @property
    def log_path(self):
        return os.path.join(self.dir, "portal.log")

    def url_for(self, role):
        return subprocess.run([STACK_SH, "pg-url", self.dir, str(self.pgport), role],
                              check=True, capture_output=True, text=True).stdout.strip()

    # --- lifecycle ------------------------------------------------------------------------

    def start(self, demo=True):
        if os.path.exists(self.dir):
            self.stop()
            shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(os.path.join(self.dir, "run"))
        os.makedirs(os.path.join(self.dir, "mail"))
        self.pg_start()
        r = self.cmd("migrate")
        check(r.returncode == 0, f"portal migrate failed: {r.stderr}")
        if demo:
            r = self.cmd("demo-data")
            check(r.returncode == 0, f"portal demo-data failed: {r.stderr}")
        self.start_portal()
        subprocess.run([STACK_SH, "nginx-start", self.dir, str(self.port), self.socket],
                       check=True)
        self.nginx_up = True
        self.wait_healthy()
        return self

    def pg_start(self):
        subprocess.run([STACK_SH, "pg-start", self.dir, str(self.pgport), "fast"], check=True)

    def pg_stop(self):
        subprocess.run([STACK_SH, "pg-stop", self.dir], check=True)

    def pg_restart_fast(self):
        pg = os.path.realpath(os.path.join(self.dir, "pg"))
        # -l: the new server must not inherit our pipes, or we would wait for it forever.
        cmd = ["/usr/lib/postgresql/15/bin/pg_ctl", "-D", os.path.join(pg, "data"), "-m",
               "fast", "-w", "-l", os.path.join(pg, "postgres.log"), "-o", f"-p {self.pgport}",
               "restart"]
        if os.getuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--"] + cmd
        subprocess.run(cmd, check=True, capture_output=True)

    def start_portal(self, **env):
        log = open(self.log_path, "ab")
        self.portal = subprocess.Popen([self.portal_bin, "serve"], env=self.env(**env),
                                       stdout=log, stderr=log, cwd=REPO)
        log.close()
        deadline = time.time() + 30
        while not os.path.exists(self.socket):
            if self.portal.poll() is not None:
                raise TestFailure(f"the portal exited with {self.portal.returncode}: "
                                  f"{self.log_tail()}")
            check(time.time() < deadline, "the portal did not open its socket in 30 s")
            time.sleep(0.05)

    def stop_portal(self, sig=signal.SIGTERM, timeout=30):
        if self.portal is None:
            return None
        self.portal.send_signal(sig)
        try:
            rc = self.portal.wait(timeout)
        except subprocess.TimeoutExpired:
            self.portal.kill()
            rc = self.portal.wait()
        self.portal = None
        return rc

    def stop(self):
        self.stop_portal()
        if self.nginx_up or os.path.exists(os.path.join(self.dir, "nginx", "nginx.pid")):
            subprocess.run([STACK_SH, "nginx-stop", self.dir])
            self.nginx_up = False
        if os.path.exists(os.path.join(self.dir, "pg")):
            subprocess.run([STACK_SH, "pg-stop", self.dir])

    def wait_healthy(self, timeout=30):
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            try:
                last = self.client().get("/healthz")
                if last.status == 200:
                    return last
            except OSError as e:
                last = e
            time.sleep(0.1)
        raise TestFailure(f"the stack did not become healthy in {timeout} s: {last}")

    # --- tools ----------------------------------------------------------------------------

    def client(self):
        return Client(self)

    def cmd(self, *args, input=None, env=None, timeout=120):
        """Runs `portal ARGS` against this stack's database."""
        return subprocess.run([self.portal_bin] + list(args), env=self.env(**(env or {})),
                              input=input, capture_output=True, text=True, cwd=REPO,
                              timeout=timeout)

    def sql(self, query, role="ecoc_owner", params=None):
        """Runs SQL through psql (tab-separated rows, no headers) and returns a list of rows."""
        args = [STACK_SH, "psql", self.dir, str(self.pgport), role, "-At", "-F", "\t",
                "-v", "ON_ERROR_STOP=1"]
        for k, v in (params or {}).items():
            args += ["-v", f"{k}={v}"]
        r = subprocess.run(args, input=query, capture_output=True, text=True)
        if r.returncode != 0:
            raise TestFailure(f"SQL failed ({role}): {r.stderr.strip()}\n{query}")
        return [line.split("\t") for line in r.stdout.splitlines() if line != ""]

    def sql_error(self, query, role="ecoc_app"):
        """Runs SQL expected to fail; returns psql's error text ('' if it succeeded)."""
        args = [STACK_SH, "psql", self.dir, str(self.pgport), role, "-At", "-v",
                "ON_ERROR_STOP=1"]
        r = subprocess.run(args, input=query, capture_output=True, text=True)
        return r.stderr.strip() if r.returncode != 0 else ""

    def scalar(self, query, role="ecoc_owner"):
        rows = self.sql(query, role)
        return rows[0][0] if rows else None

    def worker_pids(self):
        if self.portal is None:
            return []
        out = subprocess.run(["pgrep", "-P", str(self.portal.pid)], capture_output=True,
                             text=True).stdout
        return [int(p) for p in out.split()]

    def log_tail(self, n=20):
        try:
            with open(self.log_path, "rb") as f:
                return b"\n".join(f.read().splitlines()[-n:]).decode("utf-8", "replace")
        except OSError:
            return ""

    def log_text(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def sanitizer_reports(self):
        text = self.log_text()
        pats = ["ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                "SUMMARY: UndefinedBehaviorSanitizer"]
        return [line for line in text.splitlines() if any(p in line for p in pats)]
