"""test_reliability.py — what protects the SMEs' data: retries that never duplicate
(Idempotency-Key), a serving role that cannot bypass the database's own rules, and an audit log
nobody can rewrite."""

import subprocess
import time
import uuid

from harness import STACK_SH, check, eq


def test_a_retried_write_with_the_same_idempotency_key_creates_nothing_more(stack):
    c = stack.client()
    c.login("sme@rijeka.example")
    org = next(o for o in c.get("/api/v1/me").json()["organisations"] if o["kind"] == "sme")
    body = {"org_id": org["id"], "kind": "skill", "lang": "hr", "title": "Radionica",
            "summary": "Kratko.", "description": "Opis.", "sectors": ["crafts"],
            "languages": ["hr"], "contact_email": "a@b.example"}
    key = str(uuid.uuid4())
    before = stack.scalar("SELECT count(*) FROM listings")
    first = c.api("POST", "/api/v1/listings", body, headers={"Idempotency-Key": key})
    eq(first.status, 201, "first")
    again = c.api("POST", "/api/v1/listings", body, headers={"Idempotency-Key": key})
    eq(again.status, 201, "the retry gets the same answer")
    eq(again.json()["id"], first.json()["id"], "the same listing")
    eq(again.header("Idempotent-Replayed"), "true", "marked as a replay")
    eq(int(stack.scalar("SELECT count(*) FROM listings")), int(before) + 1, "one listing")
    other = c.api("PATCH", f"/api/v1/listings/{first.json()['id']}", {"title": "Other"},
                  headers={"Idempotency-Key": key})
    eq(other.status, 400, "a key reused for another request is refused")


def test_a_failed_write_does_not_burn_its_idempotency_key(stack):
    c = stack.client()
    c.login("sme@rijeka.example")
    key = str(uuid.uuid4())
    r = c.api("POST", "/api/v1/listings", {"title": ""}, headers={"Idempotency-Key": key})
    eq(r.status, 422, "invalid")
    eq(stack.scalar(f"SELECT count(*) FROM idempotency_keys WHERE key = '{key}'"), "0",
       "the key went with the rolled-back change")


def test_a_database_failure_while_checking_a_form_is_503_not_a_field_error(stack):
    """The soak found it: PostgreSQL restarting between the session lookup and the check of the
    organisation turned a valid new listing into 422 "not your SME".  Here the check's statement
    waits on a lock past statement_timeout (5 s) instead: 503 with Retry-After, no field error,
    nothing written; the same request afterwards is created."""
    c = stack.client()
    c.login("sme@rijeka.example")
    org = next(o for o in c.get("/api/v1/me").json()["organisations"] if o["kind"] == "sme")
    body = {"org_id": org["id"], "kind": "skill", "lang": "hr", "title": "Radionica zaključana",
            "summary": "Kratko.", "description": "Opis.", "sectors": ["crafts"],
            "languages": ["hr"], "contact_email": "a@b.example"}
    before = stack.scalar("SELECT count(*) FROM listings")
    lock = subprocess.Popen([STACK_SH, "psql", stack.dir, str(stack.pgport), "ecoc_owner", "-c",
                             "BEGIN; LOCK TABLE organisations IN ACCESS EXCLUSIVE MODE; "
                             "SELECT pg_sleep(7); COMMIT;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.5)
        r = c.api("POST", "/api/v1/listings", body)
        eq(r.status, 503, f"the database's failure, not the person's: {r}")
        check(r.header("Retry-After"), "with Retry-After")
        check("org_id" not in (r.json().get("fields") or {}), f"no field blamed: {r.json()}")
        eq(stack.scalar("SELECT count(*) FROM listings"), before, "nothing written")
    finally:
        lock.wait(timeout=30)
    eq(c.api("POST", "/api/v1/listings", body).status, 201, "the same request, once it can run")


def test_the_portal_refuses_to_serve_as_a_role_that_bypasses_row_security(stack):
    stack.sql("ALTER ROLE ecoc_app BYPASSRLS", role="postgres")
    try:
        r = stack.cmd("serve", env={"PORTAL_SOCKET": stack.socket + ".other"}, timeout=30)
        eq(r.returncode, 1, "refused")
        check("BYPASSRLS" in r.stderr and "ecoc_app" in r.stderr, r.stderr)
    finally:
        stack.sql("ALTER ROLE ecoc_app NOBYPASSRLS", role="postgres")
    stack.sql("CREATE TABLE owned_by_app (x int); ALTER TABLE owned_by_app OWNER TO ecoc_app;",
              role="postgres")
    try:
        r = stack.cmd("serve", env={"PORTAL_SOCKET": stack.socket + ".other"}, timeout=30)
        eq(r.returncode, 1, "refused")
        check("owns 1 tables" in r.stderr, r.stderr)
    finally:
        stack.sql("DROP TABLE owned_by_app", role="postgres")


def test_the_audit_log_cannot_be_rewritten_even_by_its_owner_by_mistake(stack):
    before = stack.scalar("SELECT md5(string_agg(a::text, '' ORDER BY id)) FROM audit_log a")
    err = stack.sql_error("UPDATE audit_log SET reason = 'rewritten'", role="ecoc_owner")
    check("append-only" in err, f"update refused: {err}")
    err = stack.sql_error("DELETE FROM audit_log", role="ecoc_owner")
    check("append-only" in err, f"delete refused: {err}")
    err = stack.sql_error("UPDATE audit_log SET reason = 'rewritten'")
    check("permission denied" in err, f"the serving role has no UPDATE grant at all: {err}")
    eq(stack.scalar("SELECT md5(string_agg(a::text, '' ORDER BY id)) FROM audit_log a"), before,
       "unchanged")
