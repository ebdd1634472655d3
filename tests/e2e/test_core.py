"""test_core.py — the core runtime over real HTTP: health, regions, routing, request limits and
encodings, error flavours, security headers, migrations, plugin loading, and the process model
(reload, a killed worker, the request deadline, draining)."""

import os
import signal
import threading
import time

import yaml

from harness import REPO, check, eq

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def test_health_reports_database_and_plugins(stack):
    r = stack.client().get("/healthz")
    eq(r.status, 200, "status")
    eq(r.header("Content-Type"), "application/json; charset=utf-8", "content type")
    body = r.json()
    index = body.pop("search_index")
    eq(sorted(body.pop("page_cache")), ["entries", "hits", "misses"], "the page cache's figures")
    eq(body, {"status": "ok", "db": "ok",
              "plugins": ["kaunas", "rijeka", "timisoara", "matera", "leeuwarden"]}, "body")
    check(index["documents"] > 0, f"the search index reports itself: {index}")


def test_regions_api_gives_the_five_regions_with_their_metadata(stack):
    r = stack.client().get("/api/v1/regions")
    eq(r.status, 200, "status")
    items = {i["slug"]: i for i in r.json()["items"]}
    eq(sorted(items), ["kaunas", "leeuwarden", "matera", "rijeka", "timisoara"], "slugs")
    eq(items["timisoara"]["currency"], "RON", "Timisoara's currency")
    eq(items["leeuwarden"]["languages"], ["nl", "fy"], "Leeuwarden's languages")
    eq(items["kaunas"]["timezone"], "Europe/Vilnius", "Kaunas's timezone")
    eq(items["matera"]["ecoc_year"], 2019, "Matera's ECoC year")
    eq(items["rijeka"]["country"], "HR", "Rijeka's country")
    check(items["leeuwarden"]["instrument"].startswith("Operational Programme Northern"),
          items["leeuwarden"]["instrument"])


def test_every_response_carries_the_security_headers(stack):
    c = stack.client()
    for path in ["/", "/healthz", "/nowhere", "/api/v1/nowhere", "/login"]:
        r = c.get(path)
        for name, value in SECURITY_HEADERS.items():
            eq(r.header(name), value, f"{name} on {path}")
        csp = r.header("Content-Security-Policy") or ""
        check("frame-ancestors 'none'" in csp and "script-src 'self'" in csp
              and "unsafe-inline" not in csp, f"CSP on {path}: {csp}")


def test_unknown_path_is_404_as_a_page_or_as_json(stack):
    c = stack.client()
    r = c.get("/no/such/page")
    eq(r.status, 404, "HTML status")
    check(r.header("Content-Type").startswith("text/html"), "HTML error page")
    check("<html lang=\"en\">" in r.text and "Page not found" in r.text, r.text[:300])
    r = c.get("/api/v1/no-such-thing")
    eq(r.status, 404, "JSON status")
    eq(r.json()["code"], "not_found", "JSON code")
    check(r.json()["error"], "JSON error message")


def test_accept_json_turns_page_errors_into_json(stack):
    r = stack.client().get("/no/such/page", headers={"Accept": "application/json"})
    eq(r.status, 404, "status")
    eq(r.header("Content-Type"), "application/json; charset=utf-8", "content type")


def test_wrong_method_is_405_with_allow(stack):
    c = stack.client()
    r = c.request("PUT", "/api/v1/regions")
    eq(r.status, 405, "status")
    eq(r.header("Allow"), "GET, HEAD", "Allow")
    r = c.request("DELETE", "/login")
    eq(r.status, 405, "status")
    eq(r.header("Allow"), "GET, HEAD, POST", "Allow")


def test_head_gets_the_headers_without_a_body(stack):
    r = stack.client().request("HEAD", "/healthz")
    eq(r.status, 200, "status")
    eq(r.body, b"", "body")


def test_body_over_the_limit_is_413(stack):
    body = b'{"email":"' + b"a" * (1024 * 1024 + 100) + b'"}'
    r = stack.client().request("POST", "/api/v1/session", body=body,
                               headers={"Content-Type": "application/json"})
    eq(r.status, 413, "status")
    check("body_limit" in r.json()["error"], r.json()["error"])


def test_malformed_percent_encoding_is_400_naming_the_field(stack):
    c = stack.client()
    token = c.form_csrf("/login")
    r = c.post("/login", body=f"csrf={token}&email=a%zzb&password=x",
               headers={"Content-Type": "application/x-www-form-urlencoded",
                        "Accept": "application/json"})
    eq(r.status, 400, "status")
    check('"email"' in r.json()["error"], r.json()["error"])
    eq(list(r.json()["fields"]), ["email"], "fields")


def test_invalid_utf8_is_400_naming_the_field(stack):
    c = stack.client()
    r = c.post("/login", body="email=ok%40x.example&password=%C3%28",
               headers={"Content-Type": "application/x-www-form-urlencoded",
                        "Accept": "application/json"})
    eq(r.status, 400, "status")
    check('"password"' in r.json()["error"] and "UTF-8" in r.json()["error"], r.json()["error"])
    r = c.get("/?q=%FF")
    eq(r.status, 400, "query status")
    check('&quot;q&quot;' in r.text, "the page names the query field")


def test_too_many_fields_is_400(stack):
    body = "&".join(f"f{i}=1" for i in range(300))
    r = stack.client().post("/login", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
    eq(r.status, 400, "status")
    check("more than 256 fields" in r.json()["error"], r.json()["error"])


def test_json_with_duplicate_keys_or_too_deep_is_400(stack):
    c = stack.client()
    h = {"Content-Type": "application/json"}
    r = c.request("POST", "/api/v1/session", body='{"email":"a","email":"b"}', headers=h)
    eq(r.status, 400, "duplicate keys")
    check("duplicate" in r.json()["error"], r.json()["error"])
    r = c.request("POST", "/api/v1/session", body="[" * 40 + "]" * 40, headers=h)
    eq(r.status, 400, "depth")
    check("nested more than 32" in r.json()["error"], r.json()["error"])
    r = c.request("POST", "/api/v1/session", body='["not", "an", "object"]', headers=h)
    eq(r.status, 400, "not an object")
    r = c.request("POST", "/api/v1/session", body='{"email": "\xff"}'.encode("latin-1"),
                  headers=h)
    eq(r.status, 400, "invalid UTF-8 in JSON")


def test_uploads_and_unknown_bodies_are_415(stack):
    r = stack.client().request("POST", "/api/v1/session", body="--x\r\n\r\n--x--",
                               headers={"Content-Type": "multipart/form-data; boundary=x"})
    eq(r.status, 415, "status")


def test_path_with_bad_encoding_is_400(stack):
    r = stack.client().get("/r/%C3%28")
    eq(r.status, 400, "status")


def test_switched_off_or_unknown_region_is_404(stack):
    eq(stack.client().get("/r/atlantis").status, 404, "unknown region")
    eq(stack.client().get("/r/kaunas").status, 200, "known region")


def test_migrate_twice_is_a_no_op(stack):
    before = stack.sql("SELECT version, applied_at FROM schema_migrations ORDER BY version")
    r = stack.cmd("migrate")
    eq(r.returncode, 0, f"exit status ({r.stderr})")
    check("up to date" in r.stdout, r.stdout)
    eq(stack.sql("SELECT version, applied_at FROM schema_migrations ORDER BY version"), before,
       "schema_migrations")


def test_a_newer_schema_is_refused_by_migrate_and_serve(stack):
    stack.sql("INSERT INTO schema_migrations (version, name) VALUES (999, '999_future.sql')")
    try:
        r = stack.cmd("migrate")
        eq(r.returncode, 1, "migrate's exit status")
        check("version 999" in r.stderr and "newer" in r.stderr, r.stderr)
        env = {"PORTAL_SOCKET": os.path.join(stack.dir, "run", "other.sock")}
        r = stack.cmd("serve", env=env, timeout=30)
        eq(r.returncode, 1, "serve's exit status")
        check("newer than this program" in r.stderr, r.stderr)
    finally:
        stack.sql("DELETE FROM schema_migrations WHERE version = 999")


def test_each_plugin_loading_failure_names_the_file_and_the_reason(stack):
    cases = {
        "abi": "built for plugin ABI version 2, this portal speaks version 1",
        "size": "its descriptor is",
        "no_symbol": "does not export portal_plugin_descriptor()",
        "incomplete": "its descriptor lacks timezone",
        "init": "its init() failed",
    }
    for kind, reason in cases.items():
        path = os.path.join(REPO, "build", "test-plugins", f"broken_{kind}.so")
        r = stack.cmd("check-config", env={"PORTAL_PLUGINS": f"kaunas {path}"})
        eq(r.returncode, 1, f"exit status for {kind}")
        check(path in r.stderr and reason in r.stderr, f"{kind}: {r.stderr}")
    r = stack.cmd("check-config", env={"PORTAL_PLUGINS": "kaunas atlantis"})
    eq(r.returncode, 1, "missing file")
    check("atlantis.so" in r.stderr and "No such file" in r.stderr, r.stderr)
    # serve stops at start-up, naming the same
    path = os.path.join(REPO, "build", "test-plugins", "broken_abi.so")
    r = stack.cmd("serve", env={"PORTAL_PLUGINS": path,
                                "PORTAL_SOCKET": os.path.join(stack.dir, "run", "x.sock")},
                  timeout=60)
    eq(r.returncode, 1, "serve's exit status")
    check(path in r.stderr and "ABI version" in r.stderr, r.stderr)


def test_health_is_503_while_the_database_is_down_and_recovers_without_restart(stack):
    pids = stack.worker_pids()
    stack.pg_stop()
    try:
        c = stack.client()
        r = c.get("/healthz")
        eq(r.status, 503, "status while down")
        eq(r.json()["db"], "down", "db")
        check(r.header("Retry-After"), "Retry-After while down")
        r = c.get("/api/v1/regions")
        eq(r.status, 200, "pages without the database still work")
    finally:
        stack.pg_start()
    deadline = time.time() + 10
    while stack.client().get("/healthz").status != 200:
        check(time.time() < deadline, "health did not come back within 10 s")
        time.sleep(0.2)
    eq(sorted(stack.worker_pids()), sorted(pids), "the same workers (no restart)")


def test_unknown_options_and_help(stack):
    r = stack.cmd("--help")
    eq(r.returncode, 0, "--help")
    for word in ["serve", "migrate", "user", "demo-data", "PORTAL_DATABASE_URL", "body_limit"]:
        check(word in r.stdout, f"--help mentions {word}")
    r = stack.cmd("migrate", "--help")
    check("--status" in r.stdout, r.stdout)
    r = stack.cmd("migrate", "--frobnicate")
    eq(r.returncode, 2, "unknown option")
    check('"--frobnicate"' in r.stderr, r.stderr)
    r = stack.cmd("frobnicate")
    eq(r.returncode, 2, "unknown command")
    r = stack.cmd("check-config", env={"PORTAL_WORKERS": "lots"})
    eq(r.returncode, 2, "bad value")
    check("PORTAL_WORKERS" in r.stderr and '"lots"' in r.stderr, r.stderr)


def _hammer(stack, stop, results):
    c = stack.client()
    while not stop.is_set():
        try:
            results.append(c.get("/api/v1/regions").status)
        except OSError as e:
            results.append(str(e))


def test_sighup_reloads_without_dropping_requests(stack):
    before = set(stack.worker_pids())
    stop, results = threading.Event(), []
    threads = [threading.Thread(target=_hammer, args=(stack, stop, results)) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    stack.portal.send_signal(signal.SIGHUP)
    deadline = time.time() + 20
    while (set(stack.worker_pids()) & before) and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join()
    after = set(stack.worker_pids())
    check(after and not (after & before), f"new workers after reload: {before} -> {after}")
    bad = [s for s in results if s != 200]
    check(len(results) > 50 and not bad,
          f"{len(results)} requests during the reload, failures: {bad[:5]}")


def test_a_killed_worker_is_replaced(stack):
    pids = stack.worker_pids()
    os.kill(pids[0], signal.SIGKILL)
    deadline = time.time() + 10
    while len(stack.worker_pids()) < len(pids) or pids[0] in stack.worker_pids():
        check(time.time() < deadline, "no replacement worker within 10 s")
        time.sleep(0.1)
    for _ in range(20):
        eq(stack.client().get("/healthz").status, 200, "health after the kill")
    check("died of signal 9" in stack.log_text(), "the master logged the death")


def test_a_request_past_its_deadline_is_cut_and_the_worker_replaced(stack):
    # With these argon2id limits a login takes well over 100 ms, so a 100 ms deadline cuts it.
    stack.stop_portal()
    try:
        stack.start_portal(PORTAL_REQUEST_DEADLINE_MS="100", PORTAL_PASSWORD_OPS="4",
                           PORTAL_PASSWORD_MEM_KIB="131072")
        stack.wait_healthy()
        t0 = time.time()
        r = stack.client().api("POST", "/api/v1/session",
                               {"email": "nobody@nowhere.example", "password": "x" * 20})
        # nginx answers the cut connection with its own 503 (deploy/nginx), never a bare 502.
        eq(r.status, 503, f"cut request: {r}")
        eq(r.header("Retry-After"), "5", "it says when to try again")
        check(time.time() - t0 < 5, "the cut came quickly")
        stack.wait_healthy()
        check("exceeded request_deadline_ms" in stack.log_text(), "logged")
    finally:
        stack.stop_portal()
        stack.start_portal()
        stack.wait_healthy()


def test_sigterm_drains_and_stops(stack):
    rc = stack.stop_portal(signal.SIGTERM, timeout=20)
    try:
        eq(rc, 0, "exit status")
        check(not os.path.exists(stack.socket), "the socket file is removed")
        check("stopped" in stack.log_text(), "logged")
    finally:
        stack.start_portal()
        stack.wait_healthy()


def test_openapi_describes_exactly_the_routers_api(stack):
    with open(os.path.join(REPO, "docs", "openapi.yaml")) as f:
        doc = yaml.safe_load(f)
    eq(doc.get("openapi", "")[:2], "3.", "OpenAPI version")
    documented = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops
                  if m in ("get", "post", "put", "patch", "delete")}
    r = stack.cmd("routes")
    eq(r.returncode, 0, r.stderr)
    routed = {(line.split("\t")[0], line.split("\t")[1]) for line in r.stdout.splitlines()
              if line.split("\t")[1].startswith("/api/v1/")}
    eq(sorted(routed - documented), [], "routes missing from docs/openapi.yaml")
    eq(sorted(documented - routed), [], "documented routes the router lacks")
