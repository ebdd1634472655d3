"""test_authz.py — the authorisation matrix, generated from the route table.

`portal routes` prints every route with its access action, the roles the action allows and its
scope.  For every route × every persona (a visitor; an SME member, an organiser member and an
admin of Kaunas; an admin of Rijeka — the other region —; the super admin) the expected answer
follows from that table alone: refused (401 for a visitor, 403 or 404 for a logged-in person)
or let through to the handler.  Every refused request must leave the database exactly as it
was.  A second pass sends every state-changing request without its CSRF token: 403 and nothing
changed.  The resources in the paths belong to Kaunas's demo SME and organiser.
"""

import uuid

from harness import check, eq

PERSONAS = {
    "visitor": None,
    "sme": "sme@kaunas.example",
    "organiser": "organiser@kaunas.example",
    "admin": "admin@kaunas.example",
    "other-admin": "admin@rijeka.example",
    "super": "super@portal.example",
}
ROLES = {
    "visitor": {"anonymous"},
    "sme": {"member", "sme"},
    "organiser": {"member", "organiser"},
    "admin": {"member", "region-admin"},
    "other-admin": {"member", "region-admin"},
    "super": {"member", "super"},
}
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
# Routes that end the session they are sent with: the persona logs in again after them.
ENDS_SESSION = {("POST", "/logout"), ("DELETE", "/api/v1/session")}

# The tables whose content a refused request must not change.
FINGERPRINT_TABLES = ["persons", "organisations", "memberships", "region_admins", "audit_log",
                      "listings", "listing_versions", "listing_index", "calls", "interests",
                      "interest_messages", "notifications", "outbox"]


def fingerprint(stack):
    parts = " UNION ALL ".join(
        f"SELECT '{t}', md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM {t} x"
        for t in FINGERPRINT_TABLES)
    tokens = ("SELECT 'api_tokens', md5(coalesce(string_agg(id || name || coalesce(revoked_at::text,"
              " ''), '|' ORDER BY id), '')) FROM api_tokens")
    return stack.sql(parts + " UNION ALL " + tokens)


def routes(stack):
    r = stack.cmd("routes")
    eq(r.returncode, 0, r.stderr)
    out = []
    for line in r.stdout.splitlines():
        method, pattern, action, owner, roles, scope = line.split("\t")
        out.append({"method": method, "pattern": pattern, "action": action, "owner": owner,
                    "roles": set(roles.split(",")), "scope": scope})
    check(len(out) > 60, f"the route table has {len(out)} routes")
    return out


def fixtures(stack):
    """Ids of things owned by Kaunas's demo SME and organiser, one of each kind."""
    sme_org = stack.scalar("SELECT m.org_id FROM memberships m JOIN persons p ON p.id = m.person_id "
                           "WHERE p.email = 'sme@kaunas.example'")
    org_org = stack.scalar("SELECT m.org_id FROM memberships m JOIN persons p ON p.id = m.person_id "
                           "WHERE p.email = 'organiser@kaunas.example'")
    listing = stack.scalar(f"SELECT id FROM listings WHERE org_id = {sme_org} "
                           "AND status = 'pending' ORDER BY id LIMIT 1") or \
        stack.scalar(f"SELECT id FROM listings WHERE org_id = {sme_org} ORDER BY id LIMIT 1")
    call = stack.scalar(f"SELECT id FROM calls WHERE org_id = {org_org} AND status = 'open' "
                        "ORDER BY id LIMIT 1")
    interest = stack.scalar(f"SELECT id FROM interests WHERE call_org_id = {org_org} "
                            "ORDER BY id LIMIT 1")
    return {"listing": listing, "call": call, "interest": interest, "sme_org": sme_org,
            "organiser_org": org_org}


def concrete_path(pattern, fx):
    path = pattern.replace("{region}", "kaunas")
    if "{id}" in path:
        if "/listings/" in path:
            ident = fx["listing"]
        elif "/calls/" in path:
            ident = fx["call"]
        elif "/interests/" in path:
            ident = fx["interest"]
        elif "/organisations/" in path:
            ident = fx["sme_org"]
        else:
            ident = "999999"  # someone else's or nobody's token: the handler says 404
        path = path.replace("{id}", str(ident))
    return path


def resource_owner(method, pattern):
    if method == "POST" and pattern.endswith("/calls/{id}/interests"):
        return "sme"  # answering: the resource checked is the SME's own listing
    if "/listings/" in pattern:
        return "sme"
    if "/calls/" in pattern:
        return "organiser"
    if "/interests/" in pattern:
        return "both"
    return None


def expectation(route, persona):
    """'refused' or 'through' (the handler decides), from the access table only."""
    if not (route["roles"] & ROLES[persona]):
        return "refused"
    scope = route["scope"]
    if scope == "admin-of-path-region":
        return "through" if persona in ("admin", "super") else "refused"
    owner = resource_owner(route["method"], route["pattern"])
    is_owner = owner == persona or (owner == "both" and persona in ("sme", "organiser"))
    if scope == "owner":
        return "through" if is_owner else "refused"
    if scope == "owner-or-region-admin":
        return "through" if is_owner or persona in ("admin", "super") else "refused"
    if scope == "region-admin-of-resource":
        return "through" if persona in ("admin", "super") else "refused"
    return "through"


def client_for(stack, persona):
    c = stack.client()
    if PERSONAS[persona]:
        c.login(PERSONAS[persona])
    else:
        c.form_csrf("/login")  # the visitor's double-submit cookie
    return c


def clients(stack):
    return {persona: client_for(stack, persona) for persona in PERSONAS}


def send(client, route, path, with_csrf=True):
    method = route["method"]
    api = path.startswith("/api/")
    headers = {"Accept": "application/json"} if api else {}
    if method not in STATE_CHANGING:
        return client.request(method, path, headers=headers)
    token = client.csrf if client.csrf else client.cookies.get("csrf")
    if api:
        if with_csrf and client.csrf:
            headers["X-CSRF-Token"] = client.csrf
        return client.request(method, path, json_body={}, headers=headers)
    form = {"csrf": token} if with_csrf and token else {}
    return client.request(method, path, form=form, headers=headers)


def test_every_route_answers_every_persona_as_the_access_table_says(stack):
    table, fx = routes(stack), fixtures(stack)
    check(all(fx.values()), f"fixtures: {fx}")
    people = clients(stack)
    failures, refused_cases = [], 0
    for route in table:
        path = concrete_path(route["pattern"], fx)
        for persona in PERSONAS:
            client = people[persona]
            want = expectation(route, persona)
            before = fingerprint(stack) if want == "refused" else None
            r = send(client, route, path)
            case = f"{route['method']} {route['pattern']} as {persona}: {r.status}"
            if want == "refused":
                refused_cases += 1
                ok_status = r.status == 401 if persona == "visitor" else r.status in (403, 404)
                if not ok_status:
                    failures.append(f"{case}, expected a refusal")
                elif fingerprint(stack) != before:
                    failures.append(f"{case}: refused, but the database changed")
            elif r.status in (401, 403):
                failures.append(f"{case}, expected to reach the handler")
            elif r.status >= 500:
                failures.append(f"{case}: server error {r.text[:200]}")
            if (route["method"], route["pattern"]) in ENDS_SESSION:
                people[persona] = client_for(stack, persona)
    check(refused_cases > 100, f"{refused_cases} refused cases checked")
    eq(failures, [], "authorisation matrix")


def test_every_state_changing_route_needs_the_csrf_token(stack):
    table, fx = routes(stack), fixtures(stack)
    people = clients(stack)
    failures, checked = [], 0
    for route in table:
        if route["method"] not in STATE_CHANGING:
            continue
        path = concrete_path(route["pattern"], fx)
        allowed = [p for p in PERSONAS if p != "visitor" and expectation(route, p) == "through"]
        persona = allowed[0] if allowed else None
        if persona is None:
            continue
        before = fingerprint(stack)
        r = send(people[persona], route, path, with_csrf=False)
        checked += 1
        if r.status != 403:
            failures.append(f"{route['method']} {route['pattern']} as {persona} without "
                            f"CSRF: {r.status}")
        elif fingerprint(stack) != before:
            failures.append(f"{route['method']} {route['pattern']}: 403, but the database changed")
    # The visitor's HTML forms (log in, register, language) need the double-submit token too.
    visitor = stack.client()
    for path in ["/login", "/register", "/language"]:
        before = fingerprint(stack)
        r = visitor.post(path, form={"email": f"{uuid.uuid4().hex}@x.example", "lang": "lt"})
        checked += 1
        if r.status != 403 or fingerprint(stack) != before:
            failures.append(f"POST {path} as a visitor without a token: {r.status}")
    check(checked > 30, f"{checked} state-changing routes checked")
    eq(failures, [], "CSRF")
    stack.sql("DELETE FROM login_failures")


def test_a_kaunas_admin_can_do_nothing_admin_like_in_rijeka(stack):
    admin = stack.client()
    admin.login("admin@kaunas.example")
    eq(admin.get("/r/rijeka/moderation").status, 403, "Rijeka's queue")
    eq(admin.get("/api/v1/regions/rijeka/moderation").status, 403, "Rijeka's queue as JSON")
    pending = stack.scalar("SELECT id FROM listings WHERE region = 'rijeka' AND status = 'pending' "
                           "ORDER BY id LIMIT 1")
    before = fingerprint(stack)
    r = admin.api("POST", f"/api/v1/listings/{pending}/moderation", {"action": "approve"})
    check(r.status in (403, 404), f"approving a Rijeka listing: {r.status}")
    call = stack.scalar("SELECT id FROM calls WHERE region = 'rijeka' AND status = 'pending' "
                        "ORDER BY id LIMIT 1")
    r = admin.api("POST", f"/api/v1/calls/{call}/moderation", {"action": "approve"})
    check(r.status in (403, 404), f"opening a Rijeka call: {r.status}")
    eq(fingerprint(stack), before, "nothing changed")
