"""test_calls.py — collaboration calls end to end: the lifecycle across organiser, admin and SME
with its audit trail, notifications and e-mails; deadlines as instants in the regions'
timezones (DST included); bad input that must change nothing; the Atom and iCalendar feeds;
the CSV export of answers; and `portal mail-send` in dir and sendmail modes.

Every test creates its own calls (titles carry a unique word) and deletes them with everything
attached when it ends, so the shared stack is left as it was found."""

import csv
import datetime
import email
import email.policy
import html
import io
import os
import re
import shutil
import stat
import tempfile
import uuid
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

from harness import check, eq

ATOM = "{http://www.w3.org/2005/Atom}"


# --- helpers ---------------------------------------------------------------------------------

def login(stack, who, region):
    c = stack.client()
    c.login(f"{who}@{region}.example")
    return c


def org_of(client, kind):
    me = client.get("/api/v1/me").json()
    return next(o for o in me["organisations"] if o["kind"] == kind)


def next_year():
    return datetime.date.today().year + 1


def last_sunday(year, month):
    d = datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)
    return d - datetime.timedelta(days=(d.weekday() + 1) % 7)


def future_local(days=60, time="17:00"):
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat() + "T" + time


class Calls:
    """The calls a test creates: one unique word in every title, deleted with all that hangs
    on them (answers, threads, audit entries, notifications, e-mails) by cleanup()."""

    def __init__(self, stack):
        self.stack = stack
        self.word = "w" + uuid.uuid4().hex[:10]
        self.ids = []

    def body(self, org_id, **over):
        body = {"org_id": org_id, "lang": "en",
                "title": f"Light installations on the river {self.word}",
                "summary": "We look for light artists for ten nights by the river.",
                "description": "Outdoor installations, low power, safe for the wildlife.",
                "event_title": "Autumn lights", "event_start": future_local(90)[:10],
                "event_end": future_local(93)[:10], "venue": "The riverbanks",
                "sectors": ["visual-arts", "design"], "languages": ["en", "ro"],
                "partners_sought": 2, "budget_min": "1000", "budget_max": "5000",
                "deadline": future_local(), "cross_region": False}
        body.update(over)
        return body

    def create(self, organiser, **over):
        org = org_of(organiser, "organiser")
        r = organiser.api("POST", "/api/v1/calls", self.body(org["id"], **over))
        eq(r.status, 201, f"create call: {r}")
        self.ids.append(r.json()["id"])
        return r.json()

    def create_open(self, organiser, admin, **over):
        call = self.create(organiser, **over)
        r = admin.api("POST", f"/api/v1/calls/{call['id']}/moderation", {"action": "approve"})
        eq(r.status, 200, f"approve: {r}")
        return r.json()

    def cleanup(self):
        if not self.ids:
            return
        self.stack.sql(
            "BEGIN;"
            "CREATE TEMP TABLE gone_interests AS SELECT id FROM interests "
            "  WHERE call_id = ANY (:'ids'::bigint[]);"
            "DELETE FROM interest_messages WHERE interest_id IN (SELECT id FROM gone_interests);"
            "DELETE FROM notifications WHERE link IN (SELECT '/interests/' || id "
            "  FROM gone_interests) OR link IN (SELECT '/calls/' || c "
            "  FROM unnest(:'ids'::bigint[]) c);"
            # (the audit log is append-only: its entries about these calls stay)
            "DELETE FROM interests WHERE id IN (SELECT id FROM gone_interests);"
            "DELETE FROM outbox WHERE subject LIKE '%' || :'word' || '%';"
            "DELETE FROM calls WHERE id = ANY (:'ids'::bigint[]);"
            "COMMIT;",
            params={"ids": "{" + ",".join(str(i) for i in self.ids) + "}", "word": self.word})


def public_listings(stack, client, region):
    """The ids of the public listings of the client's SME in `region`, via the search API."""
    sme = org_of(client, "sme")["id"]
    found, page = [], 1
    while True:
        r = stack.client().get(f"/api/v1/listings?region={region}&page={page}")
        eq(r.status, 200, f"listings of {region}: {r}")
        items = r.json()["items"]
        found += [i["id"] for i in items if i["organisation"]["id"] == sme]
        if not items or page * r.json()["per_page"] >= r.json()["total"]:
            return found
        page += 1


def answer(client, call_id, listing_id, message="We would love to take part."):
    return client.api("POST", f"/api/v1/calls/{call_id}/interests",
                      {"listing_id": listing_id, "message": message})


def decide(client, interest_id, action, response=""):
    return client.api("POST", f"/api/v1/interests/{interest_id}/decision",
                      {"action": action, "response": response})


def counts(stack):
    """How many rows each table the call flows write to holds."""
    row = stack.sql("SELECT (SELECT count(*) FROM calls), (SELECT count(*) FROM interests), "
                    "(SELECT count(*) FROM interest_messages), (SELECT count(*) FROM audit_log), "
                    "(SELECT count(*) FROM notifications), (SELECT count(*) FROM outbox)")[0]
    return dict(zip(["calls", "interests", "messages", "audit", "notifications", "outbox"], row))


def audit(stack, entity, entity_id):
    return [tuple(r) for r in stack.sql(
        "SELECT a.action, coalesce(a.from_state, ''), a.to_state, coalesce(p.email, '') "
        "FROM audit_log a LEFT JOIN persons p ON p.id = a.person_id "
        f"WHERE a.entity = '{entity}' AND a.entity_id = {int(entity_id)} ORDER BY a.id")]


def told(stack, link):
    """(e-mail, kind) of every notification with `link`."""
    return {tuple(r) for r in stack.sql(
        "SELECT p.email, n.kind FROM notifications n JOIN persons p ON p.id = n.person_id "
        "WHERE n.link = :'l'", params={"l": link})}


def region_admins(stack, region):
    return {r[0] for r in stack.sql(
        "SELECT p.email FROM region_admins a JOIN persons p ON p.id = a.person_id "
        "WHERE a.region = :'r' AND p.disabled_at IS NULL", params={"r": region})}


# --- the lifecycle ---------------------------------------------------------------------------

def test_a_call_goes_from_posted_to_awarded_with_audit_entries_and_notifications(stack):
    org, adm, sme = (login(stack, w, "timisoara") for w in ("organiser", "admin", "sme"))
    calls = Calls(stack)
    try:
        call = calls.create(org)
        cid = call["id"]
        eq(call["status"], "pending", "a new call waits for moderation")
        eq(stack.client().get(f"/api/v1/calls/{cid}").status, 404, "the public does not see it")
        r = adm.api("POST", f"/api/v1/calls/{cid}/moderation", {"action": "approve"})
        eq((r.status, r.json()["status"]), (200, "open"), "approved: open")
        eq(stack.client().get(f"/api/v1/calls/{cid}").json()["status"], "open", "public now")

        listing = public_listings(stack, sme, "timisoara")[0]
        r = answer(sme, cid, listing)
        eq(r.status, 201, f"answer: {r}")
        iid = r.json()["id"]
        r = decide(org, iid, "shortlist")
        eq((r.status, r.json()["status"]), (200, "shortlisted"), "shortlisted")
        r = sme.api("POST", f"/api/v1/interests/{iid}/messages", {"body": "Any questions?"})
        eq(r.status, 201, f"the SME writes: {r}")
        r = org.api("POST", f"/api/v1/interests/{iid}/messages", {"body": "When can you start?"})
        eq(r.status, 201, f"the organiser writes: {r}")
        eq(len(r.json()["messages"]), 2, "both messages in the thread")
        r = decide(org, iid, "accept", "Welcome aboard.")
        eq((r.status, r.json()["status"], r.json()["response"]),
           (200, "accepted", "Welcome aboard."), "accepted with a response")
        r = org.api("POST", f"/api/v1/calls/{cid}/close")
        eq((r.status, r.json()["status"]), (200, "closed"), "closed")
        eq(answer(sme, cid, public_listings(stack, sme, "timisoara")[1]).status, 409,
           "a closed call takes no answers")
        r = org.api("POST", f"/api/v1/calls/{cid}/award")
        eq((r.status, r.json()["status"]), (200, "awarded"), "awarded")
        eq(sme.api("POST", f"/api/v1/calls/{cid}/award").status, 403, "only its organiser")

        eq(audit(stack, "call", cid),
           [("submitted", "", "pending", "organiser@timisoara.example"),
            ("approve", "pending", "open", "admin@timisoara.example"),
            ("closed", "open", "closed", "organiser@timisoara.example"),
            ("awarded", "closed", "awarded", "organiser@timisoara.example")], "call audit")
        eq(audit(stack, "interest", iid),
           [("submitted", "", "submitted", "sme@timisoara.example"),
            ("shortlist", "submitted", "shortlisted", "organiser@timisoara.example"),
            ("accept", "shortlisted", "accepted", "organiser@timisoara.example")],
           "answer audit")

        admins = region_admins(stack, "timisoara")
        check("admin@timisoara.example" in admins, admins)
        want_call = ({(a, "call_pending") for a in admins} |
                     {("organiser@timisoara.example", "call_open"),
                      ("sme@timisoara.example", "call_closed"),
                      ("sme@timisoara.example", "call_awarded")})
        want_interest = {("organiser@timisoara.example", "interest_new"),
                         ("organiser@timisoara.example", "message_new"),
                         ("sme@timisoara.example", "interest_shortlisted"),
                         ("sme@timisoara.example", "message_new"),
                         ("sme@timisoara.example", "interest_accepted")}
        eq(told(stack, f"/calls/{cid}"), want_call, "notified about the call")
        eq(told(stack, f"/interests/{iid}"), want_interest, "notified about the answer")
        mails = {tuple(r) for r in stack.sql(
            "SELECT to_address, kind FROM outbox WHERE subject LIKE '%' || :'w' || '%' "
            "AND sent_at IS NULL", params={"w": calls.word})}
        eq(mails, want_call | want_interest, "one e-mail per notification, to the same people")
        notes = sme.get("/api/v1/notifications").json()["items"]
        check(any(n["kind"] == "call_awarded" for n in notes), "the SME's inbox has it")
    finally:
        calls.cleanup()


# --- deadlines -------------------------------------------------------------------------------

def deadline_edge(stack, region):
    org, adm, sme = (login(stack, w, region) for w in ("organiser", "admin", "sme"))
    calls = Calls(stack)
    try:
        listings = public_listings(stack, sme, region)
        soon = calls.create_open(org, adm)["id"]
        stack.sql(f"UPDATE calls SET deadline = now() + interval '1 minute' WHERE id = {soon}")
        local = stack.scalar(f"SELECT to_char(deadline AT TIME ZONE "
                             f"'{ZONE[region]}', 'YYYY-MM-DD HH24:MI') FROM calls "
                             f"WHERE id = {soon}")
        eq(org.get(f"/api/v1/calls/{soon}").json()["deadline"]["local"], local,
           "the deadline is shown in the region's local time")
        r = answer(sme, soon, listings[0])
        eq(r.status, 201, f"one minute before the deadline: {r}")

        late = calls.create_open(org, adm)["id"]
        stack.sql(f"UPDATE calls SET deadline = now() - interval '1 minute' WHERE id = {late}")
        before = counts(stack)
        r = answer(sme, late, listings[1])
        eq(r.status, 409, f"one minute after the deadline: {r}")
        eq(counts(stack), before, "nothing written")
        eq(stack.scalar(f"SELECT count(*) FROM interests WHERE call_id = {late}"), "0",
           "no answer")
    finally:
        calls.cleanup()


ZONE = {"timisoara": "Europe/Bucharest", "leeuwarden": "Europe/Amsterdam"}


def test_answers_are_taken_until_the_deadline_instant_in_bucharest(stack):
    deadline_edge(stack, "timisoara")


def test_answers_are_taken_until_the_deadline_instant_in_amsterdam(stack):
    deadline_edge(stack, "leeuwarden")


def test_a_local_deadline_is_stored_as_the_right_utc_instant_on_both_sides_of_dst(stack):
    year = next_year()
    spring, autumn = last_sunday(year, 3), last_sunday(year, 10)
    day = datetime.timedelta(days=1)
    cases = [  # region, local deadline, UTC instant expected
        ("timisoara", f"{spring - day}T17:00", f"{spring - day}T15:00:00Z"),  # EET, +02
        ("timisoara", f"{spring}T17:00", f"{spring}T14:00:00Z"),              # EEST, +03
        ("timisoara", f"{autumn}T17:00", f"{autumn}T15:00:00Z"),              # EET again
        ("leeuwarden", f"{autumn - day}T17:00", f"{autumn - day}T15:00:00Z"),  # CEST, +02
        ("leeuwarden", f"{autumn}T17:00", f"{autumn}T16:00:00Z"),              # CET, +01
        ("leeuwarden", f"{spring}T09:30", f"{spring}T07:30:00Z"),              # CEST
    ]
    calls = Calls(stack)
    try:
        for region, local, utc in cases:
            org = login(stack, "organiser", region)
            call = calls.create(org, deadline=local)
            eq(call["deadline"]["utc"], utc, f"{region} {local}: the API's instant")
            eq(call["deadline"]["local"], local.replace("T", " "), f"{region}: local kept")
            stored = stack.scalar("SELECT to_char(deadline AT TIME ZONE 'UTC', "
                                  "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM calls "
                                  f"WHERE id = {call['id']}")
            eq(stored, utc, f"{region} {local}: stored instant")
            zoned = datetime.datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(ZONE[region]))
            eq(zoned.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), utc,
               "the expectation agrees with the tz database")
    finally:
        calls.cleanup()


# --- bad input -------------------------------------------------------------------------------

def test_bad_calls_are_422_per_field_and_write_nothing(stack):
    org = login(stack, "organiser", "timisoara")
    calls = Calls(stack)
    oid = org_of(org, "organiser")["id"]
    before = counts(stack)
    try:
        bad_calls(org, calls, oid)
    finally:
        calls.cleanup()
    eq(counts(stack), before, "nothing written")


def bad_calls(org, calls, oid):
    for over, field in [({"deadline": "2020-01-15T17:00"}, "deadline"),
                        ({"deadline": f"{datetime.date.today() - datetime.timedelta(days=1)}"
                                      "T23:59"}, "deadline"),
                        ({"budget_min": "5000", "budget_max": "1000"}, "budget_max"),
                        ({"event_start": "2027-05-03", "event_end": "2027-05-01"}, "event_end")]:
        r = org.api("POST", "/api/v1/calls", calls.body(oid, **over))
        if r.status == 201:
            calls.ids.append(r.json()["id"])
        eq(r.status, 422, f"{over}: {r}")
        check(field in r.json().get("fields", {}), f"{over}: error on {field}: {r.json()}")
    sme_org = org_of(login(org.stack, "sme", "timisoara"), "sme")["id"]
    r = org.api("POST", "/api/v1/calls", calls.body(sme_org))
    if r.status == 201:
        calls.ids.append(r.json()["id"])
    eq(r.status, 422, f"posting for somebody else's organisation: {r}")
    check("org_id" in r.json()["fields"], r.json())


def test_answering_twice_is_409_and_writes_nothing(stack):
    org, adm, sme = (login(stack, w, "timisoara") for w in ("organiser", "admin", "sme"))
    calls = Calls(stack)
    try:
        cid = calls.create_open(org, adm)["id"]
        listing = public_listings(stack, sme, "timisoara")[0]
        eq(answer(sme, cid, listing).status, 201, "first answer")
        before = counts(stack)
        eq(answer(sme, cid, listing, "Again!").status, 409, "the same offer twice")
        eq(counts(stack), before, "nothing written")
    finally:
        calls.cleanup()


def test_answering_with_somebody_elses_listing_is_422_and_writes_nothing(stack):
    org, adm, sme = (login(stack, w, "timisoara") for w in ("organiser", "admin", "sme"))
    calls = Calls(stack)
    try:
        cid = calls.create_open(org, adm)["id"]
        mine = org_of(sme, "sme")["id"]
        other = stack.scalar("SELECT listing_id FROM listing_index WHERE region = 'timisoara' "
                             f"AND org_id <> {int(mine)} ORDER BY listing_id LIMIT 1")
        before = counts(stack)
        r = answer(sme, cid, int(other))
        eq(r.status, 422, f"another SME's offer: {r}")
        check("listing_id" in r.json()["fields"], r.json())
        eq(counts(stack), before, "nothing written")
    finally:
        calls.cleanup()


def test_accepting_beyond_the_partners_sought_is_409_and_writes_nothing(stack):
    org, adm, sme = (login(stack, w, "timisoara") for w in ("organiser", "admin", "sme"))
    calls = Calls(stack)
    try:
        cid = calls.create_open(org, adm, partners_sought=1)["id"]
        listings = public_listings(stack, sme, "timisoara")
        first, second = (answer(sme, cid, lid).json()["id"] for lid in listings[:2])
        eq(decide(org, first, "accept").status, 200, "the one partner sought")
        before = counts(stack)
        r = decide(org, second, "accept")
        eq(r.status, 409, f"a second partner: {r}")
        eq(counts(stack), before, "nothing written")
        eq(sme.get(f"/api/v1/interests/{second}").json()["status"], "submitted", "unchanged")
        eq(decide(org, second, "decline").status, 200, "declining is still possible")
    finally:
        calls.cleanup()


def test_a_region_only_call_refuses_answers_from_other_regions_and_writes_nothing(stack):
    org, adm = (login(stack, w, "timisoara") for w in ("organiser", "admin"))
    outsider = login(stack, "sme", "kaunas")
    calls = Calls(stack)
    try:
        closed_cid = calls.create_open(org, adm, cross_region=False)["id"]
        open_cid = calls.create_open(org, adm, cross_region=True)["id"]
        listing = public_listings(stack, outsider, "kaunas")[0]
        before = counts(stack)
        r = answer(outsider, closed_cid, listing)
        eq(r.status, 422, f"from Kaunas to a Timișoara-only call: {r}")
        check("listing_id" in r.json()["fields"], r.json())
        eq(counts(stack), before, "nothing written")
        eq(answer(outsider, open_cid, listing).status, 201, "a cross-region call takes it")
    finally:
        calls.cleanup()


# --- feeds -----------------------------------------------------------------------------------

def open_calls(stack, region):
    """id -> (title, local deadline as YYYYMMDDTHHMMSS) of the region's open calls."""
    rows = stack.sql("SELECT id, title, to_char(deadline AT TIME ZONE :'z', "
                     "'YYYYMMDD\"T\"HH24MISS') FROM calls WHERE region = :'r' "
                     "AND status = 'open' AND deadline > now()",
                     params={"r": region, "z": ZONE.get(region, "UTC")})
    return {int(r[0]): (r[1], r[2]) for r in rows}


def test_the_atom_feed_parses_and_holds_exactly_the_regions_open_calls(stack):
    org, adm = (login(stack, w, "timisoara") for w in ("organiser", "admin"))
    calls = Calls(stack)
    try:
        tricky = f"Tom & Jerry's <b>\"lights\"</b> ș {calls.word}"
        cid = calls.create_open(org, adm, title=tricky)["id"]
        pending = calls.create(org)["id"]
        # Characters XML 1.0 does not allow: the feed must drop them, not break.
        stack.sql(f"UPDATE calls SET summary = 'Bell' || chr(7) || ' and ' || chr(65534) "
                  f"|| ' end' WHERE id = {cid}")
        r = stack.client().get("/r/timisoara/calls.atom")
        eq(r.status, 200, f"feed: {r}")
        eq(r.header("Content-Type"), "application/atom+xml; charset=utf-8", "type")
        root = ET.fromstring(r.body)
        eq(root.tag, f"{ATOM}feed", "an Atom feed")
        base = f"http://127.0.0.1:{stack.port}"
        eq(root.find(f"{ATOM}id").text, f"{base}/r/timisoara/calls.atom", "feed id")
        check("Timișoara" in root.find(f"{ATOM}title").text, root.find(f"{ATOM}title").text)
        check(root.find(f"{ATOM}updated").text.endswith("Z"), "updated in UTC")
        links = {l.get("rel"): l.get("href") for l in root.findall(f"{ATOM}link")}
        eq(links, {"self": f"{base}/r/timisoara/calls.atom",
                   "alternate": f"{base}/r/timisoara/calls"}, "absolute links")
        entries = root.findall(f"{ATOM}entry")
        want = open_calls(stack, "timisoara")
        eq({e.find(f"{ATOM}id").text for e in entries},
           {f"{base}/calls/{i}" for i in want}, "exactly the open calls")
        check(f"{base}/calls/{pending}" not in r.text, "not the pending one")
        published = [e.find(f"{ATOM}published").text for e in entries]
        eq(published, sorted(published, reverse=True), "newest opened first")
        mine = next(e for e in entries if e.find(f"{ATOM}id").text == f"{base}/calls/{cid}")
        eq(mine.find(f"{ATOM}title").text, tricky, "the title survives escaping")
        check(mine.find(f"{ATOM}summary").text.startswith("Bell and  end"),
              f"forbidden characters dropped: {mine.find(f'{ATOM}summary').text!r}")
        eq(mine.find(f"{ATOM}link").get("href"), f"{base}/calls/{cid}", "entry link")
        eq(mine.find(f"{ATOM}author/{ATOM}name").text, org_of(org, "organiser")["name"],
           "the organiser is the author")
        eq(sorted(c.get("term") for c in mine.findall(f"{ATOM}category")),
           ["design", "visual-arts"], "one category per sector")
        for e in entries:
            for tag in ("id", "title", "updated", "published", "summary"):
                check(e.find(f"{ATOM}{tag}") is not None, f"every entry has {tag}")
        eq(stack.client().get("/r/atlantis/calls.atom").status, 404, "unknown region")
    finally:
        calls.cleanup()


def ics_lines(body):
    """The calendar's content lines, unfolded, after checking the physical lines."""
    check(body.endswith(b"\r\n"), "ends with CRLF")
    physical = body[:-2].split(b"\r\n")
    for line in physical:
        check(b"\n" not in line and b"\r" not in line, f"bare line break in {line!r}")
        check(len(line) <= 75, f"longer than 75 octets: {len(line)} {line!r}")
        line.decode("utf-8")  # no UTF-8 sequence split by the folding
    lines = []
    for line in physical:
        if line.startswith(b" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    out = []
    for line in lines:
        text = line.decode("utf-8")
        head, _, value = text.partition(":")
        name, *params = head.split(";")
        out.append((name, params, value))
    return out


def ics_unescape(value):
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def components(lines, kind):
    found, current = [], None
    for name, params, value in lines:
        if name == "BEGIN" and value == kind:
            current = {}
        elif name == "END" and value == kind:
            found.append(current)
            current = None
        elif current is not None:
            current.setdefault(name, (params, value))
    return found


def test_the_icalendar_feed_unfolds_parses_and_has_each_deadline_in_local_time(stack):
    org, adm = (login(stack, w, "leeuwarden") for w in ("organiser", "admin"))
    calls = Calls(stack)
    try:
        title = f"Fryslân: light, sound; and \\ back-slashes {calls.word} " + "ljocht " * 8
        # A long run of two-byte characters: folding at a fixed octet count would split one.
        summary = "Line one, with a comma;\nline two — ûnder de seedyk. " + "ș" * 90
        cid = calls.create_open(org, adm, title=title.strip(), summary=summary,
                                deadline=f"{last_sunday(next_year(), 10)}T17:00",
                                event_start=f"{next_year()}-11-20",
                                event_end=f"{next_year()}-11-22")["id"]
        r = stack.client().get("/r/leeuwarden/calls.ics")
        eq(r.status, 200, f"calendar: {r}")
        eq(r.header("Content-Type"), "text/calendar; charset=utf-8", "type")
        lines = ics_lines(r.body)
        eq(lines[0], ("BEGIN", [], "VCALENDAR"), "a calendar")
        eq(lines[-1], ("END", [], "VCALENDAR"), "ends")
        cal = {n: v for n, p, v in lines}
        eq(cal["VERSION"], "2.0", "version")
        eq(cal["CALSCALE"], "GREGORIAN", "calscale")
        check(cal["PRODID"] and "Leeuwarden" in ics_unescape(cal["X-WR-CALNAME"]),
              "PRODID and the calendar's name")

        tz = components(lines, "VTIMEZONE")
        eq(len(tz), 1, "one VTIMEZONE")
        eq(tz[0]["TZID"][1], "Europe/Amsterdam", "its zone")
        summer, winter = components(lines, "DAYLIGHT"), components(lines, "STANDARD")
        eq((len(summer), len(winter)), (1, 1), "one summer time and one winter time")
        eq((summer[0]["TZOFFSETFROM"][1], summer[0]["TZOFFSETTO"][1],
            summer[0]["DTSTART"][1][8:], summer[0]["RRULE"][1]),
           ("+0100", "+0200", "T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"), "CEST starts")
        eq((winter[0]["TZOFFSETFROM"][1], winter[0]["TZOFFSETTO"][1],
            winter[0]["DTSTART"][1][8:], winter[0]["RRULE"][1]),
           ("+0200", "+0100", "T030000", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"), "CET starts")
        for c in summer + winter:
            start = datetime.date(int(c["DTSTART"][1][:4]), int(c["DTSTART"][1][4:6]),
                                  int(c["DTSTART"][1][6:8]))
            eq(start.weekday(), 6, "the observances start on a Sunday")

        events = components(lines, "VEVENT")
        host = "127.0.0.1"
        deadlines = {e["UID"][1]: e for e in events if "-deadline@" in e["UID"][1]}
        want = open_calls(stack, "leeuwarden")
        eq(set(deadlines), {f"call-{i}-deadline@{host}" for i in want},
           "one deadline per open call")
        for i, (t, local) in want.items():
            e = deadlines[f"call-{i}-deadline@{host}"]
            eq(e["DTSTART"], (["TZID=Europe/Amsterdam"], local), f"call {i}: local deadline")
            eq(ics_unescape(e["SUMMARY"][1]), f"Deadline: {t}", f"call {i}: summary")
            eq(e["URL"][1], f"http://127.0.0.1:{stack.port}/calls/{i}", "URL")
            check(re.fullmatch(r"\d{8}T\d{6}Z", e["DTSTAMP"][1]), "DTSTAMP in UTC")
        mine = deadlines[f"call-{cid}-deadline@{host}"]
        eq(mine["DTSTART"][1], f"{last_sunday(next_year(), 10):%Y%m%d}T170000",
           "17:00 local on the day winter time starts")
        check(summary in ics_unescape(mine["DESCRIPTION"][1]), "the summary, line break kept")
        check("\\;" in mine["SUMMARY"][1] and "\\," in mine["SUMMARY"][1] and
              "\\\\" in mine["SUMMARY"][1], f"TEXT escapes: {mine['SUMMARY'][1]}")
        event = next(e for e in events if e["UID"][1] == f"call-{cid}-event@{host}")
        eq(event["DTSTART"], (["VALUE=DATE"], f"{next_year()}1120"), "the event's first day")
        eq(event["DTEND"], (["VALUE=DATE"], f"{next_year()}1123"), "exclusive end")
        check(len(r.body.split(b"\r\n")) > len(lines), "long lines were folded")
    finally:
        calls.cleanup()


def test_the_timezone_of_an_eet_region_starts_summer_time_at_three(stack):
    lines = ics_lines(stack.client().get("/r/timisoara/calls.ics").body)
    eq(components(lines, "VTIMEZONE")[0]["TZID"][1], "Europe/Bucharest", "zone")
    summer, winter = components(lines, "DAYLIGHT")[0], components(lines, "STANDARD")[0]
    eq((summer["TZOFFSETFROM"][1], summer["TZOFFSETTO"][1], summer["DTSTART"][1][8:]),
       ("+0200", "+0300", "T030000"), "EEST from 03:00 local")
    eq((winter["TZOFFSETFROM"][1], winter["TZOFFSETTO"][1], winter["DTSTART"][1][8:]),
       ("+0300", "+0200", "T040000"), "EET from 04:00 local")


# --- the CSV export --------------------------------------------------------------------------

def test_the_csv_export_survives_commas_quotes_and_new_lines_and_neutralises_formulas(stack):
    org, adm, sme = (login(stack, w, "timisoara") for w in ("organiser", "admin", "sme"))
    calls = Calls(stack)
    try:
        cid = calls.create_open(org, adm)["id"]
        listings = public_listings(stack, sme, "timisoara")
        tricky = 'Hello, "organiser";\nwe are ready — ș, ț.\r\nBye'
        first = answer(sme, cid, listings[0], tricky).json()["id"]
        second = answer(sme, cid, listings[1], "=HYPERLINK(\"http://evil.example\")").json()["id"]
        eq(decide(org, first, "shortlist", 'Thanks, "really"').status, 200, "response")

        r = org.get(f"/calls/{cid}/answers.csv")
        eq(r.status, 200, f"export: {r}")
        eq(r.header("Content-Type"), "text/csv; charset=utf-8", "type")
        eq(r.header("Content-Disposition"), f'attachment; filename="call-{cid}-answers.csv"',
           "a download")
        check(r.body.startswith(b"\xef\xbb\xbf"), "a UTF-8 byte order mark")
        text = r.body[3:].decode("utf-8")
        check(text.endswith("\r\n") and text.split("\r\n", 1)[0].count(",") == 9,
              "CRLF rows, ten columns")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        eq(len(rows), 3, "header and two answers")
        eq(len(rows[0]), 10, "ten columns")
        by_id = {int(row[0]): row for row in rows[1:]}
        sme_org = org_of(sme, "sme")
        row = by_id[first]
        stored = sme.get(f"/api/v1/interests/{first}").json()["message"]
        eq(row[8], stored, "the message exactly as stored")
        eq(row[8].replace("\r\n", "\n"), tricky.replace("\r\n", "\n"), "the message, intact")
        eq(row[9], 'Thanks, "really"', "the organiser's response")
        eq(row[2], sme_org["name"], "the SME")
        eq(row[4], sme_org["business_id"], "its business ID")
        eq(row[6], f"http://127.0.0.1:{stack.port}/listings/{listings[0]}", "the offer's URL")
        local = stack.scalar("SELECT to_char(created_at AT TIME ZONE 'Europe/Bucharest', "
                             f"'YYYY-MM-DD HH24:MI:SS') FROM interests WHERE id = {first}")
        eq(row[1], local, "submitted at, in Timișoara's time")
        eq(by_id[second][8], "'=HYPERLINK(\"http://evil.example\")", "formula neutralised")

        eq(adm.get(f"/calls/{cid}/answers.csv").status, 200, "the region's admin may")
        eq(sme.get(f"/calls/{cid}/answers.csv").status, 403, "an SME may not")
        eq(login(stack, "admin", "kaunas").get(f"/calls/{cid}/answers.csv").status, 403,
           "nor another region's admin")
        check(stack.client().get(f"/calls/{cid}/answers.csv").status in (401, 303),
              "nor a visitor")
    finally:
        calls.cleanup()


# --- mail-send -------------------------------------------------------------------------------

class OthersHeldBack:
    """Moves every due e-mail that is not the test's a century ahead while the test runs, and
    back afterwards, so `mail-send` only touches the test's own rows."""

    def __init__(self, stack, word):
        self.stack, self.word = stack, word

    def __enter__(self):
        self.ids = [r[0] for r in self.stack.sql(
            "UPDATE outbox SET next_attempt_at = next_attempt_at + interval '100 years' "
            "WHERE sent_at IS NULL AND subject NOT LIKE '%' || :'w' || '%' RETURNING id",
            params={"w": self.word})]
        return self

    def __exit__(self, *exc):
        if self.ids:
            self.stack.sql("UPDATE outbox SET next_attempt_at = next_attempt_at - "
                           "interval '100 years' WHERE id = ANY (:'ids'::bigint[])",
                           params={"ids": "{" + ",".join(self.ids) + "}"})


def make_mail(stack, calls):
    """Queues e-mails by posting and approving a call whose title is not ASCII; returns the
    outbox rows (id, to, subject, body, lang)."""
    org, adm = (login(stack, w, "timisoara") for w in ("organiser", "admin"))
    calls.create_open(org, adm, title=f"Lumini pe Bega — ediția de toamnă, ș ț ă {calls.word}")
    # Bodies hold line breaks, which psql's rows cannot: they travel in hex.
    rows = stack.sql("SELECT id, to_address, subject, encode(convert_to(body, 'UTF8'), 'hex'), "
                     "lang FROM outbox WHERE subject LIKE '%' || :'w' || '%' ORDER BY id",
                     params={"w": calls.word})
    check(len(rows) >= 2, f"e-mails queued: {rows}")
    return [(i, to, subject, bytes.fromhex(body).decode("utf-8"), lang)
            for i, to, subject, body, lang in rows]


def mail_rows(stack, word):
    return stack.sql("SELECT id, sent_at IS NOT NULL, attempts, coalesce(last_error, ''), "
                     "CASE WHEN isfinite(next_attempt_at) "
                     "THEN extract(epoch FROM next_attempt_at - now())::int END "
                     "FROM outbox WHERE subject LIKE '%' || :'w' || '%' ORDER BY id",
                     params={"w": word})


def test_mail_send_in_dir_mode_writes_exactly_the_outbox_and_marks_it_sent(stack):
    calls = Calls(stack)
    maildir = tempfile.mkdtemp(prefix="mail-", dir=stack.dir)
    # The organiser reads English for this test, the admin Romanian (their region's language).
    was = stack.scalar("SELECT coalesce(lang, 'none') FROM persons "
                       "WHERE email = 'organiser@timisoara.example'")
    stack.sql("UPDATE persons SET lang = 'en' WHERE email = 'organiser@timisoara.example'")
    try:
        rows = make_mail(stack, calls)
        with OthersHeldBack(stack, calls.word):
            r = stack.cmd("mail-send", env={"PORTAL_MAIL_DIR": maildir})
            eq(r.returncode, 0, r.stderr)
            check(re.fullmatch(rf"sent {len(rows)}, failed 0, waiting \d+\n", r.stdout),
                  r.stdout)
            eq(sorted(os.listdir(maildir)), sorted(f"{row[0]}.eml" for row in rows),
               "one file per e-mail, no temporary files left")
            for mid, to, subject, body, lang in rows:
                raw = open(os.path.join(maildir, f"{mid}.eml"), "rb").read()
                head = raw.split(b"\r\n\r\n", 1)[0]
                check(all(len(line) <= 78 for line in head.split(b"\r\n")),
                      "header lines within 78 characters")
                check(b"=?UTF-8?B?" in head, "the subject is RFC 2047 encoded")
                msg = email.message_from_bytes(raw, policy=email.policy.default)
                eq(str(msg["To"]), to, "To")
                eq(str(msg["Subject"]), subject, "Subject, decoded")
                check(str(msg["From"]).startswith("ECoC-SME portal <no-reply@127.0.0.1>"),
                      msg["From"])
                check(msg["Date"] is not None and msg["Message-ID"].endswith("@127.0.0.1>"),
                      "Date and Message-ID")
                eq(msg["MIME-Version"], "1.0", "MIME")
                eq(msg.get_content_type(), "text/plain", "plain text")
                eq(msg.get_content_charset(), "utf-8", "UTF-8")
                eq(msg["Content-Language"], lang, "the recipient's language")
                eq(msg.get_content().replace("\r\n", "\n"), body, "the body as queued")
            by_to = {to: (subject, body, lang) for _, to, subject, body, lang in rows}
            subject, body, lang = by_to["organiser@timisoara.example"]
            eq(lang, "en", "the organiser's own setting")
            check(subject.startswith("Your call is open:") and "Open it on the portal:" in body,
                  f"in English: {subject} / {body}")
            subject, body, lang = by_to["admin@timisoara.example"]
            eq(lang, stack.scalar("SELECT coalesce(lang, 'ro') FROM persons "
                                  "WHERE email = 'admin@timisoara.example'"),
               "the admin's own, else the region's")
            check(lang != "en" and "Open it on the portal:" not in body,
                  f"not in English: {body}")
            eq({(row[1], row[2]) for row in mail_rows(stack, calls.word)}, {("t", "1")},
               "all marked sent after one attempt")
            r = stack.cmd("mail-send", env={"PORTAL_MAIL_DIR": maildir})
            check(r.stdout.startswith("sent 0, failed 0"), f"nothing twice: {r.stdout}")
    finally:
        stack.sql("UPDATE persons SET lang = nullif(:'l', 'none') "
                  "WHERE email = 'organiser@timisoara.example'", params={"l": was})
        calls.cleanup()
        shutil.rmtree(maildir, ignore_errors=True)


def test_a_failing_sendmail_leaves_the_mail_unsent_and_retries_later(stack):
    calls = Calls(stack)
    try:
        rows = make_mail(stack, calls)
        with OthersHeldBack(stack, calls.word):
            env = {"PORTAL_MAIL_MODE": "sendmail", "PORTAL_SENDMAIL": "/bin/false"}
            r = stack.cmd("mail-send", env=env)
            eq(r.returncode, 0, r.stderr)
            check(re.fullmatch(rf"sent 0, failed {len(rows)}, waiting \d+\n", r.stdout),
                  r.stdout)
            after = mail_rows(stack, calls.word)
            for mid, sent, attempts, error, wait in after:
                eq((sent, attempts), ("f", "1"), f"e-mail {mid}: unsent, one attempt")
                check("exited with status 1" in error, f"why: {error}")
                check(50 <= int(wait) <= 70, f"retried in a minute, not {wait} s")
            r = stack.cmd("mail-send", env=env)
            check(r.stdout.startswith("sent 0, failed 0"), f"not due yet: {r.stdout}")
            # The second failure waits 5 minutes; the tenth gives up for good.
            first, last = after[0][0], after[-1][0]
            stack.sql(f"UPDATE outbox SET next_attempt_at = now() WHERE id = {first}")
            stack.sql(f"UPDATE outbox SET next_attempt_at = now(), attempts = 9 WHERE id = {last}")
            stack.cmd("mail-send", env=env)
            rows_now = {row[0]: row for row in mail_rows(stack, calls.word)}
            eq(rows_now[first][2], "2", "second attempt")
            check(290 <= int(rows_now[first][4]) <= 310, f"5 minutes: {rows_now[first]}")
            eq(rows_now[last][2], "10", "tenth attempt")
            check(rows_now[last][3].startswith("gave up after 10 attempts"), rows_now[last][3])
            eq(stack.scalar(f"SELECT next_attempt_at = 'infinity' FROM outbox WHERE id = {last}"),
               "t", "never again")
    finally:
        calls.cleanup()


def test_mail_send_runs_sendmail_without_a_shell_and_refuses_header_injection(stack):
    calls = Calls(stack)
    work = tempfile.mkdtemp(prefix="sendmail-", dir=stack.dir)
    try:
        fake = os.path.join(work, "fake sendmail")  # a space: a shell would split the name
        with open(fake, "w") as f:
            f.write(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{work}/args"\n'
                    f'cat >> "{work}/messages"\nprintf "\\n=====\\n" >> "{work}/messages"\n')
        os.chmod(fake, stat.S_IRWXU)
        rows = make_mail(stack, calls)
        bad = stack.sql(
            "INSERT INTO outbox (to_address, subject, body, lang, kind) VALUES "
            "('victim@example.com', 'Hi ' || :'w' || E'\\r\\nBcc: all@example.com', 'x', 'en', "
            "'test'), ('a@example.com, b@example.com', 'Hi ' || :'w', 'x', 'en', 'test') "
            "RETURNING id", params={"w": calls.word})
        with OthersHeldBack(stack, calls.word):
            r = stack.cmd("mail-send", env={"PORTAL_MAIL_MODE": "sendmail",
                                            "PORTAL_SENDMAIL": fake})
            eq(r.returncode, 0, r.stderr)
            check(r.stdout.startswith(f"sent {len(rows)}, failed 2,"), r.stdout)
        eq(open(os.path.join(work, "args")).read(), "-t\n-oi\n", "sendmail -t -oi")
        sent = open(os.path.join(work, "messages"), "rb").read().split(b"\n=====\n")[:-1]
        eq(len(sent), len(rows), "one message per good e-mail")
        check(b"Bcc" not in b"".join(sent) and b"b@example.com" not in b"".join(sent),
              "the injected headers went nowhere")
        for raw in sent:
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            check(calls.word in str(msg["Subject"]), msg["Subject"])
        for mid, in bad:
            state = stack.sql(f"SELECT sent_at IS NULL, next_attempt_at = 'infinity', last_error "
                              f"FROM outbox WHERE id = {mid}")[0]
            eq(state[:2], ["t", "t"], f"e-mail {mid}: refused for good")
            check("refused" in state[2], state[2])
    finally:
        calls.cleanup()
        shutil.rmtree(work, ignore_errors=True)


# --- what the pages show ---------------------------------------------------------------------

EN = {"Accept-Language": "en"}


def text_of(fragment):
    """The text of an HTML fragment: tags dropped, entities decoded, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def audit_entries(page):
    """The entries of the page's history (ol.audit), as text."""
    m = re.search(r'<ol class="audit">(.*?)</ol>', page, re.S)
    check(m is not None, "the page has a history")
    return [text_of(li) for li in re.findall(r"<li>(.*?)</li>", m.group(1), re.S)]


def textarea(page, element_id):
    """The text in the textarea with `element_id`, or None."""
    m = re.search(rf'<textarea id="{re.escape(element_id)}"[^>]*>(.*?)</textarea>', page, re.S)
    return html.unescape(m.group(1)) if m else None


def queue_item(page, key):
    """The card of item `key` ("call-12") of a moderation queue page, or None."""
    m = re.search(rf'<li class="card" id="item-{re.escape(key)}">(.*?)</li>', page, re.S)
    return m.group(1) if m else None


def test_accepting_after_shortlisting_keeps_the_organisers_earlier_message(stack):
    org, adm, sme = (login(stack, w, "timisoara") for w in ("organiser", "admin", "sme"))
    calls = Calls(stack)
    try:
        cid = calls.create_open(org, adm)["id"]
        iid = answer(sme, cid, public_listings(stack, sme, "timisoara")[0]).json()["id"]
        said = "We would like to meet you on Monday at ten."
        eq(decide(org, iid, "shortlist", said).json()["response"], said, "shortlisted, with words")
        r = decide(org, iid, "accept")
        eq((r.status, r.json()["status"], r.json()["response"]), (200, "accepted", said),
           "accepted without new words: the earlier ones stay")
        check(html.escape(said) in sme.get(f"/interests/{iid}", headers=EN).text,
              "the SME still reads them")
        eq(audit(stack, "interest", iid)[-1][:3], ("accept", "shortlisted", "accepted"),
           "the acceptance is in the history")
        eq(textarea(org.get(f"/interests/{iid}", headers=EN).text, "f-response"), said,
           "the decision form shows the words the SME was sent")
        token = org.form_csrf(f"/interests/{iid}")
        r = org.post(f"/interests/{iid}/decision",
                     form={"csrf": token, "action": "decline", "response": "Sorry: plans changed."})
        check(r.status in (302, 303), f"declined through the form: {r}")
        eq(sme.get(f"/api/v1/interests/{iid}").json()["response"], "Sorry: plans changed.",
           "new words replace the earlier ones")
    finally:
        calls.cleanup()


def test_the_sme_reads_every_decision_on_its_own_answer_and_nothing_of_the_others(stack):
    org, adm, sme = (login(stack, w, "timisoara") for w in ("organiser", "admin", "sme"))
    other = login(stack, "sme", "kaunas")
    calls = Calls(stack)
    try:
        cid = calls.create_open(org, adm, cross_region=True)["id"]
        mine = answer(sme, cid, public_listings(stack, sme, "timisoara")[0]).json()["id"]
        theirs = answer(other, cid, public_listings(stack, other, "kaunas")[0]).json()["id"]
        eq(decide(org, mine, "shortlist", "Let us talk.").status, 200, "shortlisted")
        eq(decide(org, mine, "accept").status, 200, "accepted")
        eq(decide(org, theirs, "decline", "Not this time.").status, 200, "the other declined")

        history = audit_entries(sme.get(f"/interests/{mine}", headers=EN).text)
        eq(len(history), 3, f"the SME sees the whole history of its answer: {history}")
        organiser = stack.scalar("SELECT name FROM persons "
                                 "WHERE email = 'organiser@timisoara.example'")
        check("submitted" in history[0], history)
        check("shortlisted" in history[1] and organiser in history[1] and
              "Let us talk." in history[1], f"the shortlisting, by whom, why: {history}")
        check("accepted" in history[2] and organiser in history[2], history)
        eq(len(audit_entries(org.get(f"/interests/{mine}", headers=EN).text)), 3,
           "the organiser sees the same")

        # The second wall on its own: the serving role acting for the SME's organisation.
        q = ("BEGIN; SELECT set_config('app.person_id', '', true), set_config('app.org_ids', "
             ":'o', true), set_config('app.admin_regions', '{}', true), set_config('app.super', "
             "'off', true); SELECT entity_id, action FROM audit_log WHERE entity = 'interest' "
             "AND entity_id IN (:m, :t) ORDER BY id; COMMIT;")
        sme_org = str(org_of(sme, "sme")["id"])
        rows = stack.sql(q, role="ecoc_app", params={"o": "{" + sme_org + "}", "m": mine,
                                                    "t": theirs})
        eq([tuple(r) for r in rows if len(r) == 2],
           [(str(mine), "submitted"), (str(mine), "shortlist"), (str(mine), "accept")],
           "row security: every entry of its own answer, none of another SME's")
        check(sme.get(f"/interests/{theirs}").status == 404, "nor the other answer itself")
    finally:
        calls.cleanup()


def test_a_call_moderated_without_a_reason_is_marked_next_to_the_reason_and_keeps_it(stack):
    org, adm = (login(stack, w, "timisoara") for w in ("organiser", "admin"))
    calls = Calls(stack)
    try:
        cid = calls.create(org)["id"]
        token = adm.form_csrf(f"/calls/{cid}")
        r = adm.post(f"/calls/{cid}/moderation", headers=EN,
                     form={"csrf": token, "action": "request_changes", "reason": ""})
        eq(r.status, 422, f"no reason: {r}")
        check('<div class="field invalid"><label for="call-reason">' in r.text,
              "the reason's field is marked")
        check(re.search(r'<textarea id="call-reason"[^>]*aria-invalid="true"', r.text),
              "the reason is aria-invalid")
        m = re.search(r'<p class="error" id="call-reason-error"[^>]*>(.*?)</p>', r.text, re.S)
        check(m is not None and "reason" in text_of(m.group(1)), "its message, next to it")
        long_reason = "Please describe the venue and the schedule in more detail. " * 40
        r = adm.post(f"/calls/{cid}/moderation", headers=EN,
                     form={"csrf": token, "action": "reject", "reason": long_reason})
        eq(r.status, 422, f"a reason too long: {r}")
        check('id="call-reason-error"' in r.text, "marked next to the reason")
        eq(textarea(r.text, "call-reason"), long_reason, "what was typed is kept")
        eq(stack.scalar(f"SELECT status FROM calls WHERE id = {cid}"), "pending", "unchanged")
    finally:
        calls.cleanup()


def test_a_call_refused_in_the_queue_comes_back_to_the_queue_with_its_reason_marked(stack):
    org, adm = (login(stack, w, "timisoara") for w in ("organiser", "admin"))
    calls = Calls(stack)
    try:
        cid = calls.create(org)["id"]
        other = calls.create(org)["id"]
        queue = "/r/timisoara/moderation"
        token = adm.form_csrf(queue)
        r = adm.post(f"/calls/{cid}/moderation", headers=EN,
                     form={"csrf": token, "back": queue, "action": "reject", "reason": ""})
        eq(r.status, 422, f"no reason: {r}")
        check("<h1>Moderation queue: Timișoara</h1>" in r.text, "back in the queue")
        item = queue_item(r.text, f"call-{cid}")
        check(item is not None, "the call is in it")
        check('aria-invalid="true"' in item and f'id="reason-call-{cid}-error"' in item,
              "its reason is marked, with the message next to it")
        eq(r.text.count('aria-invalid="true"'), 1, "only that one")
        check("aria-invalid" not in queue_item(r.text, f"call-{other}"), "not the other call")
        check(re.search(rf'role="alert"><a href="#reason-call-{cid}">', r.text),
              "the message at the top leads to the field")

        typed = "x" * 2001
        r = adm.post(f"/calls/{cid}/moderation", headers=EN,
                     form={"csrf": token, "back": queue, "action": "reject", "reason": typed})
        eq(r.status, 422, f"too long: {r}")
        eq(textarea(r.text, f"reason-call-{cid}"), typed, "what was typed is kept")
        eq(textarea(r.text, f"reason-call-{other}"), "", "the other item's reason stays empty")

        r = adm.post(f"/calls/{cid}/moderation",
                     form={"csrf": token, "back": queue, "action": "reject", "reason": "No."})
        eq((r.status, r.header("Location")), (303, queue), "decided: back to the queue")
        r = adm.post(f"/calls/{cid}/moderation", headers=EN,
                     form={"csrf": token, "back": queue, "action": "approve", "reason": ""})
        eq(r.status, 409, f"decided already: {r}")
        check("<h1>Moderation queue: Timișoara</h1>" in r.text and
              "not waiting for moderation" in r.text, "the queue again, saying why")
        check(queue_item(r.text, f"call-{cid}") is None, "the call has left the queue")
        eq(stack.scalar(f"SELECT status FROM calls WHERE id = {cid}"), "rejected", "rejected once")

        outsider = login(stack, "admin", "kaunas")
        r = outsider.post(f"/calls/{other}/moderation", headers=EN,
                          form={"csrf": outsider.form_csrf("/r/kaunas/moderation"),
                                "back": queue, "action": "reject", "reason": "x" * 2001})
        check(r.status in (403, 404, 422) and "Moderation queue" not in r.text,
              f"another region's admin is never shown this queue: {r}")
    finally:
        calls.cleanup()


def test_the_call_form_says_the_language_is_the_calls(stack):
    page = login(stack, "organiser", "timisoara").get("/calls/new", headers=EN).text
    m = re.search(r'<p class="hint" id="f-lang-hint">(.*?)</p>', page, re.S)
    check(m is not None, "the language field has a hint")
    eq(text_of(m.group(1)), "The language you write this call in.", "the call's own hint")


def sme_part(page):
    """The SME's part of a call page (its answers and the answer form)."""
    m = re.search(r'<section class="answer"[^>]*>(.*?)</section>', page, re.S)
    check(m is not None, "the call page has the SME's part")
    return m.group(1)


def test_an_sme_that_has_not_answered_a_call_is_told_what_to_do(stack):
    org, adm, sme = (login(stack, w, "timisoara") for w in ("organiser", "admin", "sme"))
    calls = Calls(stack)
    try:
        cid = calls.create_open(org, adm)["id"]
        part = sme_part(sme.get(f"/calls/{cid}", headers=EN).text)
        check('<p class="empty">' in part and "You have not answered this call yet" in
              text_of(part), f"an empty state saying what to do: {text_of(part)}")
        check("<ul" not in part, "no empty list")
        answer(sme, cid, public_listings(stack, sme, "timisoara")[0])
        part = sme_part(sme.get(f"/calls/{cid}", headers=EN).text)
        check("You have not answered" not in part and "<ul" in part, "its answer instead")
        stack.sql(f"UPDATE calls SET deadline = now() - interval '1 minute' WHERE id = {cid}")
        part = sme_part(login(stack, "sme", "kaunas").get(f"/calls/{cid}", headers=EN).text)
        check("takes no more answers" in text_of(part) and 'href="/calls?status=open"' in part,
              f"a closed call not answered: where to go instead: {text_of(part)}")
    finally:
        calls.cleanup()


def test_answers_on_a_call_page_carry_the_same_status_chip_as_elsewhere(stack):
    org, adm, sme = (login(stack, w, "timisoara") for w in ("organiser", "admin", "sme"))
    calls = Calls(stack)
    try:
        cid = calls.create_open(org, adm)["id"]
        iid = answer(sme, cid, public_listings(stack, sme, "timisoara")[0]).json()["id"]
        eq(decide(org, iid, "shortlist").status, 200, "shortlisted")
        chip = '<span class="status status-shortlisted">Shortlisted</span>'
        m = re.search(r'<ul class="answers">(.*?)</ul>', org.get(f"/calls/{cid}", headers=EN).text,
                      re.S)
        check(m and chip in m.group(1), "the organiser sees the answer's state as a chip")
        part = sme_part(sme.get(f"/calls/{cid}", headers=EN).text)
        check(f'href="/interests/{iid}"' in part and chip in part,
              "the SME sees its answer with the same chip")
        check(chip in sme.get(f"/interests/{iid}", headers=EN).text, "as on the answer's page")
    finally:
        calls.cleanup()
