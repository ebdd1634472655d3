"""test_auth.py — accounts, passwords, sessions, CSRF, API tokens, throttling, operator commands
and row-level security, over real HTTP and straight in PostgreSQL."""

import os
import re
import time
import uuid

import fcgi
from harness import DEMO_PASSWORD, check, eq

# Published, valid business IDs per region (see tests/unit/test_bizid.c).
VALID_IDS = {"rijeka": ["33392005961", "69435151530"], "matera": ["00743110157", "12920760159"],
             "timisoara": ["18547290", "11358544"], "kaunas": ["110053842", "188764867"],
             "leeuwarden": ["69599084", "68750110"]}


def unique_email(tag="p"):
    return f"{tag}-{uuid.uuid4().hex[:10]}@test.example"


def fresh_business_id(stack, region):
    """A valid ID of the region that no organisation uses yet."""
    used = {row[0] for row in stack.sql(
        "SELECT business_id FROM organisations WHERE region = :'r'", params={"r": region})}
    for candidate in VALID_IDS[region]:
        if candidate not in used:
            return candidate
    # Free one: move the organisation that has it to a throw-away ID of the same shape.
    stack.sql("UPDATE organisations SET business_id = 'moved-' || id WHERE region = :'r' "
              "AND business_id = :'b'", params={"r": region, "b": VALID_IDS[region][0]})
    return VALID_IDS[region][0]


def register(stack, client, region="rijeka", kind="sme", email=None, password=None):
    email = email or unique_email()
    body = {"email": email, "password": password or "a long enough passphrase",
            "name": "Test Person",
            "organisation": {"kind": kind, "name": f"Test org {uuid.uuid4().hex[:6]}",
                             "region": region, "business_id": fresh_business_id(stack, region)}}
    r = client.api("POST", "/api/v1/accounts", body)
    return email, r


def clear_failures(stack):
    stack.sql("DELETE FROM login_failures")


def test_registration_creates_person_organisation_and_session(stack):
    c = stack.client()
    email, r = register(stack, c)
    eq(r.status, 201, f"status {r.text}")
    check("sid" in c.cookies, "session cookie set")
    me = c.get("/api/v1/me").json()
    eq(me["email"], email, "me")
    eq(me["organisations"][0]["region"], "rijeka", "organisation region")
    eq(me["organisations"][0]["role"], "owner", "role")
    rows = stack.sql("SELECT action, region FROM audit_log a JOIN persons p ON p.id = a.person_id "
                     "WHERE p.email = :'e'", params={"e": email})
    eq(rows, [["registered", "rijeka"]], "audit entry")


def test_email_is_unique_regardless_of_case(stack):
    c = stack.client()
    email, r = register(stack, c)
    eq(r.status, 201, "first")
    _, r = register(stack, stack.client(), email=email.upper())
    eq(r.status, 422, "second")
    check("email" in r.json()["fields"], r.json())


def test_business_id_is_checked_by_the_regions_plugin_in_the_users_language(stack):
    c = stack.client()
    body = {"email": unique_email(), "password": "a long enough passphrase", "name": "X",
            "organisation": {"kind": "sme", "name": "X", "region": "rijeka",
                             "business_id": "33392005962"}}
    r = c.api("POST", "/api/v1/accounts", body, headers={"Accept-Language": "hr"})
    eq(r.status, 422, "status")
    msg = r.json()["fields"]["organisation.business_id"]
    check("OIB" in msg and msg != "bizid.hr.check", f"Croatian message: {msg}")
    eq(stack.sql("SELECT count(*) FROM persons WHERE email = :'e'", params={"e": body["email"]}),
       [["0"]], "nothing written")


def test_password_policy(stack):
    cases = {"short": "too short", "password12345": "common", "x" * 1025: "too long"}
    for password, why in cases.items():
        _, r = register(stack, stack.client(), password=password)
        eq(r.status, 422, why)
        check("password" in r.json()["fields"], f"{why}: {r.json()}")
        check(password not in r.text, "the password is never echoed")


def test_registration_form_keeps_the_input_and_shows_errors_next_to_fields(stack):
    c = stack.client()
    token = c.form_csrf("/register")
    r = c.post("/register", form={"csrf": token, "name": "Jūratė", "email": "not-an-email",
                                  "password": "short", "organisation.kind": "sme",
                                  "organisation.name": "Studija <Ąžuolas>",
                                  "organisation.region": "kaunas",
                                  "organisation.business_id": "110053843"})
    eq(r.status, 422, "status")
    check('value="Jūratė"' in r.text, "name kept")
    check('value="Studija &lt;Ąžuolas&gt;"' in r.text, "organisation kept, escaped")
    check('id="f-email-error"' in r.text and 'aria-invalid="true"' in r.text, "error by field")
    check('id="f-organisation-business_id-error"' in r.text, "business ID error by field")
    check("short" not in re.findall(r'name="password"[^>]*', r.text)[0], "password not echoed")


def test_login_gives_a_new_httponly_lax_cookie_and_stores_only_its_hash(stack):
    c1, c2 = stack.client(), stack.client()
    c1.login("sme@kaunas.example")
    c2.login("sme@kaunas.example")
    check(c1.cookies["sid"] != c2.cookies["sid"], "a new token at each login")
    r = stack.client().api("POST", "/api/v1/session",
                           {"email": "sme@kaunas.example", "password": DEMO_PASSWORD})
    cookie = r.header("Set-Cookie")
    for part in ["HttpOnly", "SameSite=Lax", "Path=/"]:
        check(part in cookie, f"{part} in {cookie}")
    check("Secure" not in cookie, "no Secure over plain HTTP")
    token = c1.cookies["sid"]
    eq(len(token), 43, "256-bit token, base64url")
    rows = stack.sql("SELECT encode(token_hash, 'hex') FROM sessions")
    check(all(row[0] != token and len(row[0]) == 64 for row in rows), "hashes only")
    eq(stack.sql("SELECT count(*) FROM sessions WHERE token_hash = convert_to(:'t', 'UTF8') "
                 "OR encode(token_hash, 'escape') LIKE '%' || :'t' || '%'", params={"t": token}),
       [["0"]], "the token itself is not stored")


def test_cookie_is_secure_when_the_request_came_over_https(stack):
    head, body = fcgi.request(stack.socket, {
        "REQUEST_METHOD": "POST", "REQUEST_URI": "/api/v1/session", "QUERY_STRING": "",
        "CONTENT_TYPE": "application/json", "HTTPS": "on", "REMOTE_ADDR": "127.0.0.9"},
        body=b'{"email":"sme@rijeka.example","password":"' + DEMO_PASSWORD.encode() + b'"}')
    check(head["status"][0].startswith("200"), f"status {head.get('status')} {body[:200]}")
    cookie = head["set-cookie"][0]
    check("; Secure" in cookie and "HttpOnly" in cookie, cookie)


def test_logout_destroys_the_session(stack):
    c = stack.client()
    c.login("organiser@matera.example")
    sid = c.cookies["sid"]
    r = c.api("DELETE", "/api/v1/session")
    eq(r.status, 200, "logout")
    c.cookies["sid"] = sid  # a copy of the old cookie
    eq(c.get("/api/v1/me").status, 401, "old cookie after logout")


def test_password_change_ends_every_session_of_the_person(stack):
    email, r = register(stack, stack.client(), password="first long passphrase")
    a, b = stack.client(), stack.client()
    a.login(email, "first long passphrase")
    b.login(email, "first long passphrase")
    token = a.form_csrf("/account")
    r = a.post("/account/password", form={"csrf": token,
                                          "current_password": "first long passphrase",
                                          "new_password": "second long passphrase"})
    eq(r.status, 303, f"change {r}")
    eq(b.get("/api/v1/me").status, 401, "the other session is gone")
    eq(a.get("/api/v1/me").status, 200, "this browser has a fresh session")
    eq(stack.client().api("POST", "/api/v1/session",
                          {"email": email, "password": "second long passphrase"}).status, 200,
       "new password works")


def test_sessions_expire_when_idle_and_absolutely(stack):
    c = stack.client()
    c.login("sme@timisoara.example")
    eq(c.get("/api/v1/me").status, 200, "fresh")
    stack.sql("UPDATE sessions SET last_seen_at = now() - interval '3 hours' "
              "WHERE person_id = (SELECT id FROM persons WHERE email = 'sme@timisoara.example')")
    eq(c.get("/api/v1/me").status, 401, "idle for longer than session_idle_minutes")
    c.login("sme@timisoara.example")
    stack.sql("UPDATE sessions SET expires_at = now() - interval '1 second' "
              "WHERE person_id = (SELECT id FROM persons WHERE email = 'sme@timisoara.example')")
    eq(c.get("/api/v1/me").status, 401, "past the absolute expiry")


def test_activity_keeps_a_session_alive_written_at_most_once_a_minute(stack):
    c = stack.client()
    c.login("sme@matera.example")
    who = "person_id = (SELECT id FROM persons WHERE email = 'sme@matera.example')"

    def idle_s():
        return float(stack.sql(f"SELECT extract(epoch FROM now() - max(last_seen_at)) "
                               f"FROM sessions WHERE {who}")[0][0])

    stack.sql(f"UPDATE sessions SET last_seen_at = now() - interval '100 minutes' WHERE {who}")
    eq(c.get("/api/v1/me").status, 200, "100 minutes idle: still within session_idle_minutes")
    check(idle_s() < 5, f"the request wrote last_seen_at (idle {idle_s():.0f} s)")
    stack.sql(f"UPDATE sessions SET last_seen_at = now() - interval '30 seconds' WHERE {who}")
    eq(c.get("/api/v1/me").status, 200, "seen 30 s ago")
    check(idle_s() >= 29, f"seen within the minute: not written again (idle {idle_s():.0f} s)")


def test_a_change_of_memberships_or_admin_rights_counts_from_the_next_request(stack):
    """What a person may do is kept per person (person_access, sql/008) by triggers: a right
    given or taken away counts from the next request, in the sessions already open."""
    c = stack.client()
    c.login("sme@kaunas.example")
    me = "(SELECT id FROM persons WHERE email = 'sme@kaunas.example')"
    eq(c.get("/r/rijeka/moderation").status, 403, "not an admin of Rijeka")
    check('id="calls-heading"' not in c.get("/dashboard").text, "no organiser yet")
    stack.sql(f"INSERT INTO region_admins (person_id, region) VALUES ({me}, 'rijeka')")
    eq(c.get("/api/v1/me").json()["admin_regions"], ["rijeka"], "the right counts at once")
    eq(c.get("/r/rijeka/moderation").status, 200, "Rijeka's queue opens")
    org = ("(SELECT m.org_id FROM memberships m JOIN persons p ON p.id = m.person_id "
           "WHERE p.email = 'organiser@kaunas.example' LIMIT 1)")
    stack.sql(f"INSERT INTO memberships (person_id, org_id) VALUES ({me}, {org})")
    check('id="calls-heading"' in c.get("/dashboard").text,
          "a member of an organiser now: the dashboard shows the calls")
    stack.sql(f"DELETE FROM region_admins WHERE person_id = {me}")
    stack.sql(f"DELETE FROM memberships WHERE person_id = {me} AND org_id = {org}")
    eq(c.get("/r/rijeka/moderation").status, 403, "the right taken away counts at once")
    eq(c.get("/api/v1/me").json()["admin_regions"], [], "no region left")
    check('id="calls-heading"' not in c.get("/dashboard").text, "no longer an organiser")
    # An operator's TRUNCATE (rolled back) and an organisation moved to another region.
    rows = stack.sql(f"""BEGIN;
        INSERT INTO region_admins (person_id, region) VALUES ({me}, 'matera');
        TRUNCATE region_admins;
        SELECT admin_regions FROM person_access WHERE person_id = {me};
        UPDATE organisations SET region = 'matera' WHERE id =
          (SELECT org_id FROM memberships WHERE person_id = {me} ORDER BY org_id LIMIT 1);
        SELECT home_region FROM person_access WHERE person_id = {me};
        ROLLBACK;""")
    got = [r[0] for r in rows if r and r[0] in ("{}", "{matera}", "matera", "kaunas")]
    eq(got, ["{}", "matera"], f"TRUNCATE and a region change reach person_access: {rows}")


def test_state_changes_without_the_csrf_token_are_403_and_change_nothing(stack):
    c = stack.client()
    c.login("sme@leeuwarden.example")
    before = stack.sql("SELECT name FROM persons WHERE email = 'sme@leeuwarden.example'")
    r = c.post("/account/profile", form={"name": "Hijacked"})
    eq(r.status, 403, "form without token")
    r = c.post("/account/profile", form={"name": "Hijacked", "csrf": "x" * 43})
    eq(r.status, 403, "form with a wrong token")
    r = c.request("POST", "/api/v1/tokens", json_body={"name": "stolen"},
                  headers={"Accept": "application/json"})
    eq(r.status, 403, "JSON without X-CSRF-Token")
    eq(stack.sql("SELECT name FROM persons WHERE email = 'sme@leeuwarden.example'"), before,
       "unchanged")
    r = c.api("POST", "/api/v1/tokens", {"name": "legit"})
    eq(r.status, 201, "with the token")


def test_visitor_forms_need_the_double_submit_token(stack):
    c = stack.client()
    r = c.post("/login", form={"email": "x@x.example", "password": "whatever whatever"})
    eq(r.status, 403, "no token")
    token = c.form_csrf("/login")
    r = c.post("/login", form={"csrf": token, "email": "x@x.example",
                               "password": "whatever whatever"})
    eq(r.status, 401, "with the visitor's token, the login itself is judged")
    clear_failures(stack)


def test_api_tokens_are_shown_once_stored_hashed_and_revocable(stack):
    c = stack.client()
    c.login("organiser@kaunas.example")
    r = c.api("POST", "/api/v1/tokens", {"name": "sync"})
    eq(r.status, 201, "created")
    token, tid = r.json()["token"], r.json()["id"]
    listed = c.get("/api/v1/tokens").text
    check(token not in listed, "never listed again")
    check(stack.scalar(f"SELECT count(*) FROM api_tokens WHERE id = {int(tid)} "
                       f"AND token_hash = sha256(convert_to('{token}', 'UTF8'))") == "1",
          "stored as SHA-256")
    bearer = stack.client()
    r = bearer.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    eq(r.status, 200, "bearer works")
    eq(r.json()["email"], "organiser@kaunas.example", "as its person")
    r = bearer.request("POST", "/api/v1/tokens", json_body={"name": "by bearer"},
                       headers={"Authorization": f"Bearer {token}"})
    eq(r.status, 201, "no CSRF token needed with a bearer token")
    eq(c.api("DELETE", f"/api/v1/tokens/{tid}").status, 200, "revoked")
    eq(bearer.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status, 401,
       "revoked token refused")
    eq(bearer.get("/api/v1/me", headers={"Authorization": "Bearer nonsense"}).status, 401,
       "malformed token refused")


def test_five_failed_logins_for_an_account_give_429_with_retry_after(stack):
    clear_failures(stack)
    c = stack.client()
    try:
        for i in range(5):
            r = c.api("POST", "/api/v1/session",
                      {"email": "sme@matera.example", "password": f"wrong password {i}"})
            eq(r.status, 401, f"failure {i + 1}")
        r = c.api("POST", "/api/v1/session",
                  {"email": "sme@matera.example", "password": DEMO_PASSWORD})
        eq(r.status, 429, "even the right password is throttled")
        retry = int(r.header("Retry-After"))
        check(0 < retry <= 15 * 60, f"Retry-After {retry}")
    finally:
        clear_failures(stack)


def test_twenty_failed_logins_from_one_address_give_429(stack):
    clear_failures(stack)
    c = stack.client()
    try:
        for i in range(20):
            r = c.api("POST", "/api/v1/session",
                      {"email": f"nobody{i}@nowhere.example", "password": "not the password"})
            eq(r.status, 401, f"failure {i + 1}")
        r = c.api("POST", "/api/v1/session",
                  {"email": "sme@kaunas.example", "password": DEMO_PASSWORD})
        eq(r.status, 429, "the address is throttled")
    finally:
        clear_failures(stack)


def test_unknown_email_and_wrong_password_look_the_same(stack):
    clear_failures(stack)
    c = stack.client()
    times = {"unknown": [], "wrong": []}
    bodies = {}
    for _ in range(3):
        for kind, email in (("unknown", "nobody@nowhere.example"), ("wrong", "sme@rijeka.example")):
            t0 = time.time()
            r = c.api("POST", "/api/v1/session", {"email": email, "password": "not it at all"})
            times[kind].append(time.time() - t0)
            bodies[kind] = (r.status, r.json())
    clear_failures(stack)
    eq(bodies["unknown"], bodies["wrong"], "same answer")
    u, w = sorted(times["unknown"])[1], sorted(times["wrong"])[1]
    check(0.5 < u / w < 2.0, f"similar time: unknown {u:.3f}s, wrong {w:.3f}s")


def test_password_is_rehashed_at_login_when_the_limits_changed(stack):
    email = unique_email("rehash")
    r = stack.cmd("user", "add", "--email", email, input="a weak-cost passphrase\n",
                  env={"PORTAL_PASSWORD_OPS": "1", "PORTAL_PASSWORD_MEM_KIB": "8192"})
    eq(r.returncode, 0, r.stderr)
    before = stack.scalar(f"SELECT password_hash FROM persons WHERE email = '{email}'")
    check("m=8192,t=1" in before, before)
    stack.client().login(email, "a weak-cost passphrase")
    after = stack.scalar(f"SELECT password_hash FROM persons WHERE email = '{email}'")
    check("m=65536,t=2" in after, f"rehashed with the interactive limits: {after}")


def test_operator_commands_add_list_and_disable(stack):
    email = unique_email("admin")
    r = stack.cmd("user", "add", "--email", email, "--role", "region-admin", "--region",
                  "matera", input="operator chosen passphrase\n")
    eq(r.returncode, 0, r.stderr)
    check("operator chosen passphrase" not in r.stdout + r.stderr, "password never printed")
    r = stack.cmd("user", "list")
    line = [ln for ln in r.stdout.splitlines() if ln.startswith(email)]
    check(line and "\tmatera\t" in line[0], f"listed as admin of matera: {line}")
    c = stack.client()
    c.login(email, "operator chosen passphrase")
    eq(c.get("/api/v1/me").json()["admin_regions"], ["matera"], "admin of matera")
    r = stack.cmd("user", "disable", "--email", email)
    eq(r.returncode, 0, r.stderr)
    eq(c.get("/api/v1/me").status, 401, "sessions ended")
    r = stack.client().api("POST", "/api/v1/session",
                           {"email": email, "password": "operator chosen passphrase"})
    eq(r.status, 401, "cannot log in")
    clear_failures(stack)
    r = stack.cmd("user", "add", "--email", unique_email(), "--role", "region-admin",
                  "--region", "atlantis", input="operator chosen passphrase\n")
    eq(r.returncode, 2, "unknown region")
    check('"atlantis"' in r.stderr, r.stderr)


def test_row_level_security_hides_other_regions_audit_entries_from_a_bare_query(stack):
    # The serving role, with no portal code in between: what may each actor see?
    q = ("BEGIN; SELECT set_config('app.person_id', :'p', true), "
         "set_config('app.org_ids', '{}', true), set_config('app.admin_regions', :'a', true), "
         "set_config('app.super', 'off', true); "
         "SELECT count(*), count(*) FILTER (WHERE region <> 'kaunas') FROM audit_log; COMMIT;")
    nobody = stack.sql(q, role="ecoc_app", params={"p": "", "a": "{}"})
    eq(nobody[-1], ["0", "0"], "a visitor sees no audit entries")
    admin = stack.sql(q, role="ecoc_app", params={"p": "", "a": "{kaunas}"})
    total_kaunas = stack.scalar("SELECT count(*) FROM audit_log WHERE region = 'kaunas'")
    eq(admin[-1], [total_kaunas, "0"], "a Kaunas admin sees Kaunas's entries only")
    err = stack.sql_error("UPDATE audit_log SET reason = 'rewritten'")
    check("permission denied" in err, f"the audit log cannot be rewritten: {err}")
    err = stack.sql_error("DELETE FROM audit_log")
    check("permission denied" in err, f"nor erased: {err}")
