#!/usr/bin/env python3
"""run.py — the soak tests (`make soak`): the faults of tests/e2e/test_outages.py, repeated and
longer, on a stack of their own (var/test/run-PID/soak/), with the same load engine and the same
checks: every answer 2xx or 503 with Retry-After within the request deadline, every write
answered 2xx in the database, one row per intended write once retried with its Idempotency-Key,
nothing half-written.  Prints TAP lines, "# soak: ..." figures (also written to
var/soak/last-run.txt) and "N passed, N failed".  docs/reliability.md ("Outages") shows the
figures of the last run.

  python3 tests/soak/run.py [NAME...]   only the scenarios whose name contains NAME

Settings (environment):
  SOAK_FAULTS (10)      PostgreSQL fast restarts, and worker kills, each series under load
  SOAK_STOPS (3)        PostgreSQL stops of 10 to 30 s under load
  SOAK_OVERLOAD_S (60)  seconds of 2 000 connections (then 30 s of wrk -c2000 if wrk is there)
  SOAK_CLIENTS (200)    connections of the load during the faults
  SOAK_BUILD (asan)     asan: the tests' build, sanitizers watching the whole run;
                        release: build/portal (figures closer to production)
  SOAK_PG_JIT           "off": also ALTER ROLE ecoc_app SET jit = off before serving (core/db.c
                        turns JIT off for its serving connection already; kept for comparing
                        with a portal built before that)
"""

import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "e2e"))
import harness  # noqa: E402
import test_outages as T  # noqa: E402
from harness import REPO, STACK_SH, check, eq  # noqa: E402

FAULTS = int(os.environ.get("SOAK_FAULTS", "10"))
STOPS = int(os.environ.get("SOAK_STOPS", "3"))
OVERLOAD_S = float(os.environ.get("SOAK_OVERLOAD_S", "60"))
CLIENTS = int(os.environ.get("SOAK_CLIENTS", "200"))
BUILD = os.environ.get("SOAK_BUILD", "asan")
FIGURES = os.path.join(REPO, "var", "soak", "last-run.txt")
rnd = random.Random(int(os.environ.get("SOAK_SEED", "10")))


def say(text):
    line = f"# soak: {text}"
    print(line, flush=True)
    with open(FIGURES, "a") as f:
        f.write(line + "\n")


def figures(name, fig):
    say(f"{name}: " + ", ".join(f"{k}={v}" for k, v in fig.items()))


_personas = {}


def personas(stack):
    if stack.dir not in _personas:
        _personas[stack.dir] = T.make_personas(stack, clones=20)
    return _personas[stack.dir]


def faults_under_load(stack, name, faults, clients=CLIENTS, gap_s=(6, 12), recovers=True):
    """One load for the whole series; each fault() in turn, a random gap apart.  A fault returns
    the moment the system should be whole again (PostgreSQL back), or None."""
    pids, log_at = sorted(stack.worker_pids()), len(stack.log_text())
    load = T.Load(stack, personas(stack), clients, tag=f"{name}{int(time.time()) % 100000}",
                  pause_after_503=0.2).start()
    windows = []
    time.sleep(3)
    for fault in faults:
        t_fault = time.monotonic()
        t_back = fault() or time.monotonic()
        windows.append((t_fault, t_back))
        time.sleep(rnd.uniform(*gap_s))
    load.stop()
    attempts = load.attempts()
    T.check_answers(attempts, name)
    failed = [a for a in attempts if not 200 <= a.status < 300]
    early = [a for a in failed if a.t1 < windows[0][0]]
    check(not early, f"{name}: {len(early)} failures before the first fault: {T.examples(early)}")
    served_again = []
    for i, (t_fault, t_back) in enumerate(windows):
        t_next = windows[i + 1][0] if i + 1 < len(windows) else float("inf")
        mine = [a.t1 for a in failed if t_fault <= a.t1 < t_next]
        served_again.append(max([0.0] + [t - t_back for t in mine]))
    if recovers:
        worst = max(served_again)
        check(worst <= 5.0, f"{name}: served again only {worst:.1f} s after a fault ended")
    retried = T.settle(stack, load, limit_s=120)
    T.check_answers(retried, f"{name}, the retries afterwards")
    T.check_one_row_per_write(stack, load)
    fig = T.summary(load, retried)
    fig.update(faults=len(windows), load_s=round(load.t_stop - load.t_start, 1),
               served_again_max_s=round(max(served_again), 2),
               fault_duration_max_s=round(max(b - a for a, b in windows), 1))
    return fig, load, pids, log_at, failed


def soak_postgresql_fast_restarts(stack):
    fig, _, pids, log_at, _ = faults_under_load(
        stack, "pg-restarts", [stack.pg_restart_fast] * FAULTS)
    T.workers_unchanged(stack, pids, log_at)
    figures("pg-restarts", fig)


def soak_postgresql_stops(stack):
    def stop():
        stack.pg_stop()
        time.sleep(rnd.uniform(10, 30))
        stack.pg_start()
        return time.monotonic()

    fig, _, pids, log_at, _ = faults_under_load(stack, "pg-stops", [stop] * STOPS)
    T.workers_unchanged(stack, pids, log_at)
    figures("pg-stops", fig)


def soak_worker_kills(stack):
    killed = []

    def kill():
        pids = stack.worker_pids()
        victim = rnd.choice(pids)
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)
        T.wait_for("a replacement worker",
                   lambda: len(stack.worker_pids()) == stack.workers
                   and victim not in stack.worker_pids(), 15)
        return None

    log_at = len(stack.log_text())
    fig, load, _, _, failed = faults_under_load(stack, "worker-kills", [kill] * FAULTS,
                                                gap_s=(2, 5), recovers=False)
    check(len(failed) <= len(killed), f"at most one request lost per kill: {len(failed)} "
                                      f"failed for {len(killed)} kills: {T.examples(failed)}")
    log = stack.log_text()[log_at:]
    for pid in killed:
        check(f"worker {pid} died of signal 9; starting another" in log, f"kill of {pid} seen")
    fig.update(kills=len(killed), requests_lost_to_kills=len(failed))
    figures("worker-kills", fig)


def overload(stack, name, seconds, clients=2000, strict=True):
    """2 000 connections for `seconds`; strict: every answer 2xx or 503 within the deadline
    (else only counted: the queue experiments below measure configurations that may fail)."""
    pids, log_at = sorted(stack.worker_pids()), len(stack.log_text())
    load = T.Load(stack, personas(stack), clients, write_share=0.1,
                  tag=f"{name}{int(time.time()) % 100000}", pause_after_503=1.0).start()
    time.sleep(seconds)
    load.stop()
    t0 = time.monotonic()
    status = stack.client().get("/healthz", timeout=5 if strict else 60).status
    healthz_ms = (time.monotonic() - t0) * 1000
    eq(status, 200, "/healthz right after")
    check(healthz_ms < 1000 or not strict, f"/healthz right after took {healthz_ms:.0f} ms")
    attempts = load.attempts()
    if strict:
        T.check_answers(attempts, name)
    ok = sorted(a.latency for a in attempts if 200 <= a.status < 300)
    shed = sorted(a.latency for a in attempts if a.status == 503)
    retried = T.settle(stack, load, limit_s=180)
    T.check_answers(retried, f"{name}, the retries afterwards")
    T.check_one_row_per_write(stack, load)
    fig = T.summary(load, retried)
    fig.update(seconds=seconds, answered_2xx=len(ok), shed_503=len(shed),
               per_s_2xx=round(len(ok) / seconds), p99_2xx_s=round(ok[int(len(ok) * .99)], 3)
               if ok else None, p99_503_s=round(shed[int(len(shed) * .99)], 3) if shed else None,
               healthz_after_ms=round(healthz_ms, 1),
               over_deadline=sum(1 for a in attempts if a.latency > T.REQUEST_DEADLINE_S),
               neither_2xx_nor_503=sum(1 for a in attempts
                                       if not (200 <= a.status < 300 or a.status == 503)))
    return fig, pids, log_at


WRK_LUA = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
local paths = {}
for p in string.gmatch(os.getenv("SOAK_PATHS"), "%S+") do table.insert(paths, p) end
local i = 0
s2xx, s503, sother = 0, 0, 0
function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], {["Accept"] = "application/json"})
end
function response(status, headers, body)
  if status >= 200 and status < 300 then s2xx = s2xx + 1
  elseif status == 503 then s503 = s503 + 1
  else sother = sother + 1 end
end
function done(summary, latency, requests)
  local a, b, c = 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("s2xx"); b = b + t:get("s503"); c = c + t:get("sother")
  end
  io.write(string.format("WRK answered_2xx=%d shed_503=%d other=%d max_ms=%.1f p99_ms=%.1f "
    .. "p50_ms=%.1f errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d\n",
    a, b, c, latency.max / 1000, latency:percentile(99) / 1000, latency:percentile(50) / 1000,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
"""


def soak_overload_2000_connections(stack):
    fig, pids, log_at = overload(stack, "overload", OVERLOAD_S)
    T.workers_unchanged(stack, pids, log_at)
    figures("overload", fig)
    if shutil.which("wrk") is None:
        say("overload-wrk: skipped (wrk is not installed: apt-get install wrk)")
        return
    lua = os.path.join(stack.dir, "soak.lua")
    with open(lua, "w") as f:
        f.write(WRK_LUA)
    paths = "/healthz /api/v1/listings?region=rijeka /api/v1/listings?region=kaunas " \
            "/api/v1/calls/3 /listings /"
    r = subprocess.run(["wrk", "-t2", "-c2000", "-d30s", "--timeout", "30s", "-s", lua,
                        f"http://127.0.0.1:{stack.port}/"], capture_output=True, text=True,
                       env=dict(os.environ, SOAK_PATHS=paths), timeout=120)
    m = re.search(r"^WRK (.*)$", r.stdout, re.M)
    check(m is not None, f"wrk's report: {r.stdout} {r.stderr}")
    got = dict(kv.split("=") for kv in m.group(1).split())
    # What wrk left queued (in nginx, in the socket's backlog) drains first: /healthz answers
    # 503 at once meanwhile, then 200 — within seconds, never a wait without bound.
    t0, status = time.monotonic(), None
    while time.monotonic() - t0 < 10:
        status = stack.client().get("/healthz", timeout=5).status
        if status == 200:
            break
        time.sleep(0.05)
    eq(status, 200, "/healthz within 10 s of wrk's end")
    got["healthz_200_after_ms"] = round((time.monotonic() - t0) * 1000, 1)
    eq(got["other"], "0", "wrk: answers neither 2xx nor 503")
    check(float(got["max_ms"]) < T.REQUEST_DEADLINE_S * 1000, f"wrk: max latency {got}")
    eq(got["errors_timeout"], "0", "wrk: requests that timed out (30 s)")
    got.update(connections=2000, seconds=30, paths="reads, no pause after a 503")
    figures("overload-wrk", got)


def restart_nginx(stack, max_conns):
    subprocess.run([STACK_SH, "nginx-stop", stack.dir], check=True)
    subprocess.run([STACK_SH, "nginx-start", stack.dir, str(stack.port), stack.socket],
                   check=True, env=dict(os.environ, NGINX_MAX_CONNS=str(max_conns)))


def portal_with_backlog(stack, backlog):
    """The portal serving on a unix socket with the given listen backlog, handed over as fd 0
    (the spawn-fcgi way the portal supports), so the backlog can be tried without a rebuild."""
    stack.stop_portal()
    if os.path.exists(stack.socket):
        os.unlink(stack.socket)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(stack.socket)
    os.chmod(stack.socket, 0o660)
    s.listen(backlog)
    with open(stack.log_path, "ab") as log:
        stack.portal = subprocess.Popen([stack.portal_bin, "serve"], stdin=s.fileno(),
                                        stdout=log, stderr=log, env=stack.env(), cwd=REPO)
    s.close()
    stack.wait_healthy()


def soak_queue_bounds_nginx_max_conns_and_the_portal_backlog(stack):
    """What bounds the queue: nginx's max_conns (as shipped, 256) with the portal's listen
    backlog at 1024 (core/server.c today) and at 256, and without nginx's cap, the backlog alone
    at 1024 and at 256."""
    seconds = 20
    try:
        for label, max_conns, backlog in [("nginx-256+backlog-1024", 256, 1024),
                                          ("nginx-256+backlog-256", 256, 256),
                                          ("nginx-unlimited+backlog-1024", 0, 1024),
                                          ("nginx-unlimited+backlog-256", 0, 256)]:
            restart_nginx(stack, max_conns)
            portal_with_backlog(stack, backlog)
            fig, _, _ = overload(stack, f"queue-{label}", seconds, strict=False)
            keep = ("answered_2xx", "shed_503", "per_s_2xx", "p99_2xx_s", "max_latency_s",
                    "over_deadline", "neither_2xx_nor_503", "answers_503_by_nginx",
                    "answers_503_by_portal", "healthz_after_ms")
            figures(f"queue {label}", {k: fig[k] for k in keep})
    finally:
        stack.stop_portal()
        if os.path.exists(stack.socket):
            os.unlink(stack.socket)
        stack.start_portal()
        restart_nginx(stack, 256)
        stack.wait_healthy()


def soak_backup_while_writing(stack):
    """A backup taken while clients write: the restored copy holds every write acknowledged
    before the backup began, none begun after it ended, and nothing half-written."""
    load = T.Load(stack, personas(stack), 100, tag=f"bk{int(time.time()) % 100000}").start()
    time.sleep(5)
    dump = os.path.join(stack.dir, "soak.dump")
    t_b0 = time.monotonic()
    r = stack.cmd("backup", dump)
    t_b1 = time.monotonic()
    eq(r.returncode, 0, f"portal backup: {r.stderr}")
    time.sleep(5)
    load.stop()
    db = "ecoc_soak"
    T.fresh_database(stack, db)
    url = stack.url_for("ecoc_owner").replace("dbname=ecoc", f"dbname={db}")
    r = stack.cmd("restore", dump, env={"PORTAL_ADMIN_DATABASE_URL": url})
    eq(r.returncode, 0, f"portal restore: {r.stderr}")
    titles = set(T.psql_db(stack, db, "SELECT title FROM listing_versions WHERE title LIKE "
                           f"'{load.tag}-%';").split())
    bodies = set(T.psql_db(stack, db, "SELECT message FROM interests WHERE message LIKE "
                           f"'{load.tag}-%' UNION ALL SELECT body FROM interest_messages "
                           f"WHERE body LIKE '{load.tag}-%';").split())
    present = titles | bodies
    before = [it for it in load.intents if any(200 <= a.status < 300 and a.t1 < t_b0
                                               for a in it.attempts)]
    after = [it for it in load.intents if it.attempts[0].t0 > t_b1]
    lost = [it.marker for it in before if it.marker not in present]
    check(not lost, f"{len(lost)} writes acknowledged before the backup are not in it: {lost[:5]}")
    late = [it.marker for it in after if it.marker in present]
    check(not late, f"{len(late)} writes begun after the backup are in it: {late[:5]}")
    half = T.psql_db(stack, db, "SELECT count(*) FROM listings l WHERE l.latest_version IS NULL "
                     "OR NOT EXISTS (SELECT 1 FROM listing_versions v WHERE v.listing_id = l.id);")
    eq(half.strip(), "0", "half-written listings in the restored copy")
    T.settle(stack, load)
    T.check_one_row_per_write(stack, load)
    T.psql_db(stack, "postgres", f"DROP DATABASE {db};", role="postgres")
    figures("backup-while-writing", {
        "writes_meant": len(load.intents), "acknowledged_before_backup": len(before),
        "found_in_restored_copy": len(before) - len(lost), "begun_after_backup": len(after),
        "of_those_in_copy": len(late), "backup_s": round(t_b1 - t_b0, 2),
        "dump_bytes": os.path.getsize(dump)})


def soak_leaksanitizer_after_everything(stack):
    if BUILD != "asan":
        say("leaks: skipped (SOAK_BUILD=release has no LeakSanitizer)")
        return
    log_at = len(stack.log_text())
    old = sorted(stack.worker_pids())
    stack.portal.send_signal(signal.SIGHUP)
    T.wait_gone(old, 20)
    T.wait_for("the new generation", lambda: len(stack.worker_pids()) == stack.workers, 30)
    log = stack.log_text()[log_at:]
    for sign in ("LeakSanitizer", "AddressSanitizer", "runtime error"):
        check(sign not in log, f"{sign} when the soaked workers exited: {log[-3000:]}")
    figures("leaks", {"workers_retired": len(old), "leak_reports": 0})


SCENARIOS = [soak_postgresql_fast_restarts, soak_postgresql_stops, soak_worker_kills,
             soak_overload_2000_connections,
             soak_queue_bounds_nginx_max_conns_and_the_portal_backlog,
             soak_backup_while_writing, soak_leaksanitizer_after_everything]


def main():
    filters = sys.argv[1:]
    chosen = [s for s in SCENARIOS if not filters or any(f in s.__name__ for f in filters)]
    os.makedirs(os.path.dirname(FIGURES), exist_ok=True)
    with open(FIGURES, "w") as f:
        f.write(f"# make soak, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
                f"{os.cpu_count()} cores, build {BUILD}, faults {FAULTS}, stops {STOPS}, "
                f"overload {OVERLOAD_S:.0f} s, clients {CLIENTS}, "
                f"jit {os.environ.get('SOAK_PG_JIT', 'as configured')}\n")
    portal, plugins = (("build/asan/portal", "build/asan/plugins") if BUILD == "asan"
                       else ("build/portal", "build/plugins"))
    stack = harness.Stack("soak", portal=portal, plugin_dir=plugins)
    passed = failed = 0
    t_all = time.time()
    try:
        stack.start()
        if os.environ.get("SOAK_PG_JIT") == "off":
            stack.sql("ALTER ROLE ecoc_app SET jit = off", role="postgres")
            stack.stop_portal()
            stack.start_portal()
            stack.wait_healthy()
        for fn in chosen:
            t0 = time.time()
            try:
                fn(stack)
                passed += 1
                print(f"ok - {fn.__name__} ({time.time() - t0:.0f}s)", flush=True)
            except Exception as e:  # a failing scenario, whatever it raised
                failed += 1
                print(f"not ok - {fn.__name__}", flush=True)
                detail = str(e) if isinstance(e, harness.TestFailure) else traceback.format_exc()
                for line in detail.splitlines()[-15:]:
                    print(f"#   {line}", flush=True)
    finally:
        stack.stop()
        reports = stack.sanitizer_reports()
        if reports:
            failed += 1
            print("not ok - sanitizers stayed silent in the portal during the soak")
            for line in reports[:10]:
                print(f"#   {line}")
    say(f"{passed} passed, {failed} failed in {(time.time() - t_all) / 60:.1f} min")
    print(f"{passed} passed, {failed} failed")
    run_dir = os.path.join(REPO, "var", "test", f"run-{os.getpid()}")
    if failed == 0:
        shutil.rmtree(run_dir, ignore_errors=True)
    else:
        print(f"# logs: {run_dir}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
