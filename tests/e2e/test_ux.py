"""test_ux.py — what the pages tell a person: the dashboard of a region's administrator (the
queues of their regions, with what waits in each) and the empty states that say what to do next;
who is named in a history when no person acted; the demo answers' histories; the summary of each
item in a moderation queue.

Pages are read in English (Accept-Language: en) and picked apart with regular expressions over
the exact markup of templates/*.tpl."""

import html
import re
import uuid

from harness import DEMO_PASSWORD, check, eq

EN = {"Accept-Language": "en"}
REGIONS = ["kaunas", "leeuwarden", "matera", "rijeka", "timisoara"]


def login(stack, email):
    c = stack.client()
    c.login(email)
    return c


def text_of(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def section(page, heading_id):
    """The <section> labelled by `heading_id`, or None."""
    m = re.search(rf'<section aria-labelledby="{heading_id}">(.*?)</section>', page, re.S)
    return m.group(1) if m else None


def audit_entries(page):
    m = re.search(r'<ol class="audit">(.*?)</ol>', page, re.S)
    check(m is not None, "the page has a history")
    return [text_of(li) for li in re.findall(r"<li>(.*?)</li>", m.group(1), re.S)]


def pending(stack, region):
    return tuple(int(stack.scalar(f"SELECT count(*) FROM {t} WHERE region = '{region}' "
                                  "AND status = 'pending'")) for t in ("listings", "calls"))


# --- the dashboard ---------------------------------------------------------------------------

def queue_cards(page):
    """region name -> card text of the dashboard's moderation section."""
    part = section(page, "moderation-heading")
    check(part is not None, "the dashboard has a moderation section")
    cards = re.findall(r'<li class="card">(.*?)</li>', part, re.S)
    out = {}
    for card in cards:
        m = re.search(r'<h3><a href="(/r/[a-z-]+/moderation)">(.*?)</a></h3>', card)
        check(m is not None, f"each card links to its queue: {card}")
        out[html.unescape(m.group(2))] = (m.group(1), text_of(card))
    return out


def test_a_region_admin_sees_the_queue_of_the_region_with_what_waits(stack):
    page = login(stack, "admin@timisoara.example").get("/dashboard", headers=EN).text
    check("You do not belong to any organisation" not in page,
          "an admin is not told about organisations first")
    cards = queue_cards(page)
    eq(list(cards), ["Timișoara"], "the one region administered")
    href, text = cards["Timișoara"]
    eq(href, "/r/timisoara/moderation", "the link to the queue")
    listings, calls = pending(stack, "timisoara")
    check(f"Offers waiting: {listings}" in text and f"Calls waiting: {calls}" in text,
          f"the counts, {listings} offers and {calls} calls: {text}")
    check(section(page, "orgs-heading") is None,
          "an admin of no organisation sees no empty organisations section")


def test_the_dashboard_counts_follow_the_queue(stack):
    sme, admin = login(stack, "sme@rijeka.example"), login(stack, "admin@rijeka.example")
    before = queue_cards(admin.get("/dashboard", headers=EN).text)["Rijeka"][1]
    org = next(o for o in sme.get("/api/v1/me").json()["organisations"] if o["kind"] == "sme")
    word = uuid.uuid4().hex[:8]
    r = sme.api("POST", "/api/v1/listings", {
        "org_id": org["id"], "kind": "service", "lang": "en", "title": f"Sound walks {word}",
        "summary": "Guided sound walks through the harbour.", "description": "Two hours.",
        "sectors": ["music"], "languages": ["en"], "contact_email": "walks@example.org"})
    eq(r.status, 201, f"a new offer: {r}")
    lid = r.json()["id"]
    try:
        listings, calls = pending(stack, "rijeka")
        after = queue_cards(admin.get("/dashboard", headers=EN).text)["Rijeka"][1]
        check(f"Offers waiting: {listings}" in after and f"Calls waiting: {calls}" in after,
              f"one more offer waiting: {before} → {after}")
    finally:
        admin.api("POST", f"/api/v1/listings/{lid}/moderation",
                  {"action": "reject", "reason": "A test offer."})


def test_the_super_admin_sees_every_regions_queue(stack):
    cards = queue_cards(login(stack, "super@portal.example").get("/dashboard", headers=EN).text)
    eq(sorted(href for href, _ in cards.values()),
       [f"/r/{r}/moderation" for r in REGIONS], "one card per region")
    for name, (href, text) in cards.items():
        listings, calls = pending(stack, href.split("/")[2])
        check(f"Offers waiting: {listings}" in text and f"Calls waiting: {calls}" in text,
              f"{name}: {text}")


def test_an_sme_or_organiser_has_no_moderation_section(stack):
    for who in ("sme@kaunas.example", "organiser@kaunas.example"):
        page = login(stack, who).get("/dashboard", headers=EN).text
        check(section(page, "moderation-heading") is None, f"{who}: no queues")
        check(section(page, "orgs-heading") is not None, f"{who}: the organisations")


def test_a_new_smes_dashboard_says_what_to_do_instead_of_empty_lists(stack):
    word = uuid.uuid4().hex[:8]
    email = f"empty-{word}@test.example"
    ids = stack.sql(
        "WITH o AS (INSERT INTO organisations (kind, name, region, business_id, city) "
        "VALUES ('sme', 'Empty studio ' || :'w', 'matera', 'ux-' || :'w', 'Matera') "
        "RETURNING id), p AS (INSERT INTO persons (email, name, password_hash) "
        "SELECT :'e', 'Empty Person', password_hash FROM persons "
        "WHERE email = 'sme@matera.example' RETURNING id) "
        "INSERT INTO memberships (person_id, org_id, role) SELECT p.id, o.id, 'owner' FROM o, p "
        "RETURNING person_id, org_id", params={"w": word, "e": email})[0]
    try:
        c = stack.client()
        c.login(email, DEMO_PASSWORD)
        page = c.get("/dashboard", headers=EN).text
        part = section(page, "listings-heading")
        check(part is not None, "the SME's section")
        empties = re.findall(r'<p class="empty">(.*?)</p>', part, re.S)
        eq(len(empties), 2, f"two empty states, offers and answers: {empties}")
        answers = next(e for e in empties if "answered" in e)
        check("You have not answered a call yet" in text_of(answers) and
              'href="/calls?status=open"' in answers,
              f"no answers: what to do, and where: {text_of(answers)}")
        check("<ul" not in part.split('id="answers-heading"')[1], "no empty list of answers")
    finally:
        stack.sql("DELETE FROM persons WHERE id = :'p'; DELETE FROM organisations WHERE id = :'o'",
                  params={"p": ids[0], "o": ids[1]})


# --- histories -------------------------------------------------------------------------------

def test_a_history_entry_without_a_person_names_the_organisation_or_the_portal(stack):
    sme = login(stack, "sme@timisoara.example")
    org = next(o for o in sme.get("/api/v1/me").json()["organisations"] if o["kind"] == "sme")
    lid = stack.scalar("SELECT l.id FROM listings l JOIN audit_log a ON a.entity = 'listing' "
                       "AND a.entity_id = l.id AND a.person_id IS NULL "
                       f"WHERE l.org_id = {int(org['id'])} ORDER BY l.id LIMIT 1")
    check(lid is not None, "a demo offer submitted by nobody in particular")
    entries = audit_entries(sme.get(f"/listings/{lid}", headers=EN).text)
    check(entries and all(" · · " not in e for e in entries), f"nobody unnamed: {entries}")
    check(org["name"] in entries[0], f"the organisation submitted it: {entries[0]}")
    items = sme.get(f"/api/v1/listings/{lid}/audit").json()["items"]
    eq(items[0]["who"], org["name"], "the same in JSON")

    stack.sql("INSERT INTO audit_log (region, entity, entity_id, action, from_state, to_state) "
              f"VALUES ('timisoara', 'listing', {int(lid)}, 'resubmitted', 'approved', "
              "'pending')")
    entries = audit_entries(login(stack, "admin@timisoara.example")
                            .get(f"/listings/{lid}", headers=EN).text)
    check(any(" · the portal · submitted changes" in e for e in entries),
          f"no person, no organisation: the portal: {entries}")


def test_every_demo_answer_has_its_history_written_as_the_portal_writes_it(stack):
    rows = stack.sql(
        "SELECT i.id, i.status, "
        "  (SELECT count(*) FROM audit_log a JOIN memberships m ON m.person_id = a.person_id "
        "    AND m.org_id = i.org_id WHERE a.entity = 'interest' AND a.entity_id = i.id "
        "    AND a.action = 'submitted' AND a.to_state = 'submitted' "
        "    AND a.org_id = i.call_org_id AND a.region = i.region), "
        "  (SELECT count(*) FROM audit_log a JOIN memberships m ON m.person_id = a.person_id "
        "    AND m.org_id = i.call_org_id WHERE a.entity = 'interest' AND a.entity_id = i.id "
        "    AND a.action <> 'submitted' AND a.to_state = i.status) "
        "FROM interests i JOIN persons p ON p.email LIKE 'sme@%.example' "
        "JOIN memberships mm ON mm.person_id = p.id AND mm.org_id = i.org_id "
        "WHERE i.created_at < now() - interval '1 hour'")
    check(len(rows) >= 5, f"the demo SMEs have answers: {len(rows)}")
    for iid, status, submitted, decided in rows:
        eq(submitted, "1", f"answer {iid}: submitted by a member of the SME")
        eq(decided, "0" if status == "submitted" else "1",
           f"answer {iid} ({status}): decided by a member of the organiser")
    sme = login(stack, "sme@timisoara.example")
    decided = next(r for r in rows if r[1] == "accepted"
                   and stack.scalar(f"SELECT region FROM interests WHERE id = {r[0]}")
                   == "timisoara")
    entries = audit_entries(sme.get(f"/interests/{decided[0]}", headers=EN).text)
    eq(len(entries), 2, f"the SME reads the whole history of its answer: {entries}")
    check("submitted" in entries[0] and "accepted" in entries[1], entries)
    part = section(sme.get("/dashboard", headers=EN).text, "listings-heading")
    answers = re.findall(r"<li>(.*?)</li>", part.split('id="answers-heading"')[1], re.S)
    check(answers and all('<span class="status status-' in a for a in answers),
          "the dashboard shows each answer's state as a status chip")


# --- the moderation queue --------------------------------------------------------------------

def test_each_item_of_the_moderation_queue_shows_its_summary(stack):
    sme, admin = login(stack, "sme@leeuwarden.example"), login(stack, "admin@leeuwarden.example")
    org = next(o for o in sme.get("/api/v1/me").json()["organisations"] if o["kind"] == "sme")
    word = uuid.uuid4().hex[:8]
    summary = f"Boat tours on the Frisian lakes for festival guests & crews, {word}."
    r = sme.api("POST", "/api/v1/listings", {
        "org_id": org["id"], "kind": "service", "lang": "en", "title": f"Boat tours {word}",
        "summary": summary, "description": "Up to 40 guests.", "sectors": ["festivals"],
        "languages": ["en", "nl"], "contact_email": "boats@example.org"})
    eq(r.status, 201, f"a new offer: {r}")
    lid = r.json()["id"]
    try:
        page = admin.get("/r/leeuwarden/moderation", headers=EN).text
        m = re.search(rf'<li class="card" id="item-listing-{lid}">(.*?)</li>', page, re.S)
        check(m is not None, "the offer waits in the queue")
        s = re.search(r'<p class="summary" lang="en">(.*?)</p>', m.group(1), re.S)
        check(s is not None and html.unescape(s.group(1)) == summary,
              f"its summary, escaped once: {s and s.group(1)}")
        items = re.findall(r'<li class="card" id="item-[a-z]+-\d+">(.*?)</li>', page, re.S)
        check(all(re.search(r'<p class="summary" lang="[a-z]+">\S', i) for i in items),
              "every item has its summary")
        mine = next(i for i in admin.get("/api/v1/regions/leeuwarden/moderation").json()["items"]
                    if i["type"] == "listing" and i["id"] == lid)
        eq(mine["summary"], summary, "the JSON queue has it too")
    finally:
        admin.api("POST", f"/api/v1/listings/{lid}/moderation",
                  {"action": "reject", "reason": "A test offer."})
