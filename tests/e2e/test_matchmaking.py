"""test_matchmaking.py — matchmaking between calls and listings (docs/matchmaking.md): scores
and their reasons worked out by hand on small fixtures, each hard filter on its own, ties and
determinism, the region plugin's adjustment, who may see matches, the HTML pages, the
dashboard's "calls for you" and the weekly digest (`portal digest` and --dry-run).

The fixtures are organisations, people, listings and calls of their own, inserted as the owner
with made-up words ("quintrek", "zorblax"…) that no demo text has, so the hand-computed key
terms and keywords are exact.  Demo listings that happen to share a sector show up among the
matches too; the assertions look at the fixtures' own order and scores.  The digest changes
people and the outbox, so the module has a stack of its own."""

import json
import os
import re
import uuid

import yaml

from harness import REPO, check, eq

NEEDS_OWN_STACK = True

# The call C1 everything is worked out against (Kaunas, cross-region):
#   sought slugs S = {games, crafts, kaunas-modernism}            (3)   -> sectors 40 * covered / 3
#   keywords T = {zorblax, glimwork}                              (2)   -> 15 * min(shared, 2) / 2
#   working languages {lt, en}                                    (2)   -> 10 * shared / 2
#   region kaunas                                                       -> 15 when the same
#   key terms (title, summary, keywords): quintrek vexalok drobnik plentuk zorblax glimwork
#                                                                       -> 2 per shared term, max 20
#   budget at most 5 000.00 EUR; event on days +100 .. +102.
# Rounding is half up, feature by feature; the score is the sum.
C1_SECTORS = ["games", "crafts"]
C1_SUB = ["kaunas-modernism"]
C1_TAGS = ["zorblax", "glimwork"]
C1_LANGS = ["lt", "en"]
C1_TITLE = "Quintrek vexalok"
C1_SUMMARY = "Drobnik plentuk"
BUDGET = 500000
EVENT = (100, 102)

FX = {}  # the fixtures, made once per stack


# --- helpers ---------------------------------------------------------------------------------

def lit(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "ARRAY[" + ",".join(lit(v) for v in value) + "]::text[]"
    return "'" + str(value).replace("'", "''") + "'"


def one(stack, query):
    return stack.scalar(query)


def days(n):
    return "NULL" if n is None else f"current_date + {int(n)}"


def new_org(stack, kind, region):
    tag = uuid.uuid4().hex[:8]
    return int(one(stack, "INSERT INTO organisations (kind, name, region, business_id, city) "
                          f"VALUES ({lit(kind)}, {lit('Fixture ' + kind + ' ' + tag)}, "
                          f"{lit(region)}, {lit('mm-' + tag)}, 'Testville') RETURNING id"))


def new_person(stack, org_id, lang="en", digest=True, sent_days_ago=None, admin_of=None):
    """A person who can log in with the demo password, member of org_id."""
    email = f"mm-{uuid.uuid4().hex[:8]}@test.example"
    sent = "NULL" if sent_days_ago is None else f"now() - interval '{int(sent_days_ago)} days'"
    pid = one(stack, "INSERT INTO persons (email, name, password_hash, lang, digest_weekly, "
                     f"digest_sent_at) SELECT {lit(email)}, 'Fixture Person', password_hash, "
                     f"{lit(lang)}, {lit(digest)}, {sent} FROM persons "
                     "WHERE email = 'sme@kaunas.example' RETURNING id")
    if org_id is not None:
        stack.sql(f"INSERT INTO memberships (person_id, org_id, role) VALUES ({pid}, {org_id}, "
                  "'owner')")
    if admin_of is not None:
        stack.sql(f"INSERT INTO region_admins (person_id, region) VALUES ({pid}, "
                  f"{lit(admin_of)})")
    return email


def new_listing(stack, org_id, region, title, summary, sectors, languages, sub=(), tags=(),
                price=None, avail=(None, None), status="approved"):
    lid = one(stack, "INSERT INTO listings (org_id, region, status) VALUES "
                     f"({org_id}, {lit(region)}, {lit(status)}) RETURNING id")
    vid = one(stack, "INSERT INTO listing_versions (listing_id, kind, lang, title, summary, "
                     "description, sectors, subsectors, tags, languages, price_minor, price_basis, "
                     "available_from, available_until, contact_email) VALUES "
                     f"({lid}, 'service', 'en', {lit(title)}, {lit(summary)}, '', {lit(sectors)}, "
                     f"{lit(list(sub))}, {lit(list(tags))}, {lit(languages)}, {lit(price)}, "
                     f"{lit('fixed' if price is not None else None)}, {days(avail[0])}, "
                     f"{days(avail[1])}, 'fixture@test.example') RETURNING id")
    live = vid if status == "approved" else "NULL"
    stack.sql(f"UPDATE listings SET latest_version = {vid}, live_version = {live} "
              f"WHERE id = {lid}")
    if status == "approved":
        stack.sql(f"SELECT listing_index_refresh({lid})")
    return int(lid)


def new_call(stack, org_id, region, title, cross=True, status="open", sectors=None, sub=None,
             tags=None, languages=None, summary=C1_SUMMARY, deadline="now() + interval '30 days'",
             opened="now()", budget_max=BUDGET):
    sectors = C1_SECTORS if sectors is None else sectors
    sub = C1_SUB if sub is None else sub
    tags = C1_TAGS if tags is None else tags
    languages = C1_LANGS if languages is None else languages
    cid = one(stack, "INSERT INTO calls (org_id, region, status, lang, title, summary, "
                     "description, event_title, event_start, event_end, sectors, subsectors, "
                     "tags, languages, partners_sought, budget_max_minor, deadline, cross_region, "
                     "document, opened_at) VALUES "
                     f"({org_id}, {lit(region)}, {lit(status)}, 'en', {lit(title)}, "
                     f"{lit(summary)}, '', 'Fixture event', {days(EVENT[0])}, {days(EVENT[1])}, "
                     f"{lit(sectors)}, {lit(sub)}, {lit(tags)}, {lit(languages)}, 2, "
                     f"{lit(budget_max)}, {deadline}, {lit(cross)}, "
                     f"listing_document('en', {lit(title)}, {lit(summary)}, ' Fixture event ', "
                     f"{lit(tags)}, ''), "
                     f"{opened if status != 'pending' else 'NULL'}) RETURNING id")
    return int(cid)


def fixtures(stack):
    key = id(stack)
    if key in FX:
        return FX[key]
    f = {}
    # Organisations: the call's organiser O, SMEs A, B (Kaunas), R (Rijeka), T (Timișoara, RON).
    f["O"] = new_org(stack, "organiser", "kaunas")
    for name, region in [("A", "kaunas"), ("B", "kaunas"), ("R", "rijeka"), ("T", "timisoara"),
                         ("H", "kaunas")]:
        f[name] = new_org(stack, "sme", region)
    f["organiser"] = new_person(stack, f["O"])                 # the call's organiser, English
    f["owner_a"] = new_person(stack, f["A"])                   # owns L1; wants the digest
    f["owner_b"] = new_person(stack, f["B"], digest=False)     # does not want it
    f["owner_r"] = new_person(stack, f["R"], sent_days_ago=2)  # had one two days ago
    f["owner_t"] = new_person(stack, f["T"], lang=None)        # nothing scores 40 for T
    # An administrator of Kaunas who is also a member of SME H.
    f["admin_h"] = new_person(stack, f["H"], admin_of="kaunas")

    common = dict(sectors=C1_SECTORS, sub=C1_SUB, tags=["Zorblax", "glimwork"],
                  languages=C1_LANGS, price=BUDGET, avail=(-10, 200))
    # L1: sectors 3/3 -> 40; key terms quintrek vexalok drobnik zorblax glimwork = 5 -> 10;
    #     keywords 2/2 -> 15 (Zorblax folds to zorblax); languages 2/2 -> 10; Kaunas -> 15.
    #     Price 5 000.00 = the budget (within); available -10..+200 overlaps +100..+102.  = 90
    f["L1"] = new_listing(stack, f["A"], "kaunas", "Quintrek vexalok", "Drobnik", **common)
    # L2 (Rijeka): sectors 1/3 -> 13 (13.3); terms plentuk zorblax -> 4; keywords 1/2 -> 8 (7.5
    #     rounds up); languages en of lt,en -> 5; other region -> 0.                     = 30
    f["L2"] = new_listing(stack, f["R"], "rijeka", "Plentuk", "Ordinary", ["games"],
                          ["en", "hr"], tags=["zorblax"])
    # L3: sectors 2/3 -> 27 (26.7); no shared term; no keyword; lt -> 5; Kaunas -> 15.  = 47
    f["L3"] = new_listing(stack, f["B"], "kaunas", "Ordinary offer", "Nothing special",
                          ["crafts", "games"], ["lt"])
    # L4: sectors 1/3 -> 13; terms glimwork zorblax -> 4; keywords 2/2 -> 15; en -> 5;
    #     Kaunas -> 15.                                                                  = 52
    f["L4"] = new_listing(stack, f["B"], "kaunas", "Workshop", "Hands on", ["crafts"], ["en"],
                          tags=["glimwork", "zorblax", "pottery"])
    # L5: the same as L3, published later: 47 too, after L3 (equal scores go by id).
    f["L5"] = new_listing(stack, f["B"], "kaunas", "Ordinary offer", "Nothing special",
                          ["crafts", "games"], ["lt"])
    # L6 (Timișoara): price 90 000.00 RON is above 5 000 but in another currency: not
    #     compared.  sectors 1/3 -> 13; term zorblax -> 2; en -> 5.                        = 20
    f["L6"] = new_listing(stack, f["T"], "timisoara", "Zorblax", "Ordinary", ["crafts"],
                          ["ro", "en"], price=9000000)
    # One fixture per hard filter: each is L1 but for exactly one thing, so it would score 90.
    f["H_pending"] = new_listing(stack, f["A"], "kaunas", "Quintrek vexalok", "Drobnik",
                                 status="pending", **common)
    f["H_price"] = new_listing(stack, f["A"], "kaunas", "Quintrek vexalok", "Drobnik",
                               **dict(common, price=BUDGET + 1))
    f["H_until"] = new_listing(stack, f["A"], "kaunas", "Quintrek vexalok", "Drobnik",
                               **dict(common, avail=(-10, EVENT[0] - 1)))
    f["H_from"] = new_listing(stack, f["A"], "kaunas", "Quintrek vexalok", "Drobnik",
                              **dict(common, avail=(EVENT[1] + 1, None)))
    f["H_callers"] = new_listing(stack, f["H"], "kaunas", "Quintrek vexalok", "Drobnik",
                                 **common)
    f["H_calls_own"] = new_listing(stack, f["O"], "kaunas", "Quintrek vexalok", "Drobnik",
                                   **common)
    # Shares keywords, languages, terms and region but no sought sector: not a candidate.
    f["H_nosector"] = new_listing(stack, f["A"], "kaunas", "Quintrek vexalok", "Drobnik",
                                  **dict(common, sectors=["music"], sub=[]))

    f["C1"] = new_call(stack, f["O"], "kaunas", C1_TITLE)
    f["C2"] = new_call(stack, f["O"], "kaunas", "Vexalok quintrek", cross=False)
    f["C3"] = new_call(stack, f["O"], "kaunas", "Quintrek vexalok closed", status="closed")
    f["C4"] = new_call(stack, f["O"], "kaunas", "Quintrek vexalok late",
                       deadline="now() - interval '1 hour'")
    f["C5"] = new_call(stack, f["O"], "kaunas", "Quintrek vexalok pending", status="pending")
    f["C_old"] = new_call(stack, f["O"], "kaunas", "Quintrek vexalok earlier",
                          opened="now() - interval '10 days'")
    FX[key] = f
    return f


def login(stack, email):
    c = stack.client()
    c.login(email)
    return c


def matches(client, kind, ident, page=None):
    q = f"?page={page}" if page is not None else ""
    r = client.get(f"/api/v1/{kind}/{ident}/matches{q}", headers={"Accept": "application/json"})
    eq(r.status, 200, f"{kind}/{ident}/matches: {r}")
    return r.json()


def every_match(client, kind, ident):
    """All pages of matches, as one body."""
    body = matches(client, kind, ident)
    page = 1
    while page * body["per_page"] < body["total"]:
        page += 1
        body["items"] += matches(client, kind, ident, page)["items"]
    return body


def item_id(item):
    return (item.get("listing") or item.get("call"))["id"]


def only(body, ids):
    """[(fixture name, score)] of the fixtures among the matches, in the order given."""
    names = {v: k for k, v in ids.items()}
    return [(names[item_id(i)], i["score"]) for i in body["items"] if item_id(i) in names]


def reasons(body, ident):
    item = next(i for i in body["items"] if item_id(i) == ident)
    return [(r["text"], r["points"]) for r in item["reasons"]]


def listing_fixtures(f):
    return {k: v for k, v in f.items() if k.startswith(("L", "H_"))}


def call_fixtures(f):
    return {k: v for k, v in f.items() if k.startswith("C")}


# --- the model, worked out by hand -------------------------------------------------------------

def test_a_calls_matches_have_the_hand_computed_order_and_scores(stack):
    f = fixtures(stack)
    body = every_match(login(stack, f["organiser"]), "calls", f["C1"])
    # H_callers is L1 in SME H (see the filters below): 90 too, after L1 by id.
    eq(only(body, listing_fixtures(f)),
       [("L1", 90), ("H_callers", 90), ("L4", 52), ("L3", 47), ("L5", 47), ("L2", 30),
        ("L6", 20)], "fixtures in order with their scores")
    scores = [i["score"] for i in body["items"]]
    eq(scores, sorted(scores, reverse=True), "best first")
    eq((body["page"], body["per_page"], body["matchable"]), (1, 20, True), "paging fields")
    eq(len(body["items"]), body["total"], "total counts every match")


def test_each_reason_says_what_it_is_worth_and_they_add_up_to_the_score(stack):
    f = fixtures(stack)
    body = every_match(login(stack, f["organiser"]), "calls", f["C1"])
    eq(reasons(body, f["L1"]),
       [("sectors Games, Crafts and Interwar modernist architecture", 40),
        ("key terms in common: 5", 10), ("keywords zorblax and glimwork", 15),
        ("speaks Lietuvių and English", 10), ("same region: Kaunas", 15)], "L1's reasons")
    eq(reasons(body, f["L2"]),
       [("sector Games", 13), ("key terms in common: 2", 4), ("keyword zorblax", 8),
        ("speaks English", 5)], "L2's reasons (no region point)")
    eq(reasons(body, f["L3"]),
       [("sectors Games and Crafts", 27), ("speaks Lietuvių", 5), ("same region: Kaunas", 15)],
       "L3's reasons (no term, no keyword)")
    for item in body["items"]:
        eq(sum(r["points"] for r in item["reasons"]), item["score"], f"sum for {item_id(item)}")
    listing = next(i["listing"] for i in body["items"] if item_id(i) == f["L1"])
    eq((listing["title"], listing["region"], listing["url"], listing["price"]["amount_minor"]),
       ("Quintrek vexalok", "kaunas", f"/listings/{f['L1']}", BUDGET), "the listing's card")


def test_a_listings_matches_are_the_open_calls_scored_the_same_way(stack):
    f = fixtures(stack)
    body = every_match(login(stack, f["owner_a"]), "listings", f["L1"])
    # C1 and C2 score 90 like L1 for C1 (the model is the same in both directions); equal
    # scores go by id.  C3 is closed, C4 past its deadline, C5 pending; C_old is open and fits.
    eq(only(body, call_fixtures(f)), [("C1", 90), ("C2", 90), ("C_old", 90)], "open calls")
    eq(reasons(body, f["C1"]),
       reasons(every_match(login(stack, f["organiser"]), "calls", f["C1"]), f["L1"]),
       "the same reasons from either side")
    call = next(i["call"] for i in body["items"] if item_id(i) == f["C1"])
    eq((call["title"], call["url"]), (C1_TITLE, f"/calls/{f['C1']}"), "the call's card")
    check(call["deadline"]["utc"].endswith("Z") and len(call["deadline"]["local"]) == 16,
          f"deadline {call['deadline']}")


# --- each hard filter on its own ---------------------------------------------------------------

def test_each_hard_filter_alone_takes_a_listing_out(stack):
    f = fixtures(stack)
    shown = {n for n, _ in only(every_match(login(stack, f["organiser"]), "calls", f["C1"]),
                                listing_fixtures(f))}
    for name, why in [("H_pending", "not approved"), ("H_price", "price above the budget"),
                      ("H_until", "available only until the day before the event"),
                      ("H_from", "available only from the day after the event"),
                      ("H_calls_own", "the call's own organisation"),
                      ("H_nosector", "no sought sector: not a candidate")]:
        check(name not in shown, f"{name} ({why}) is not a match")
    check("H_callers" in shown, "a listing of another organisation is a match for the organiser")
    check("L1" in shown and "L6" in shown,
          "price = budget is within; another currency is not compared")


def test_the_callers_own_organisation_is_left_out(stack):
    f = fixtures(stack)
    # The administrator of Kaunas is a member of SME H: H's listing is not shown to them…
    mine = only(every_match(login(stack, f["admin_h"]), "calls", f["C1"]), listing_fixtures(f))
    check("H_callers" not in dict(mine), f"own organisation left out: {mine}")
    eq(dict(mine).get("L1"), 90, "the rest as for the organiser")
    # The organiser, who does not belong to H, sees it.
    shown = dict(only(every_match(login(stack, f["organiser"]), "calls", f["C1"]),
                      listing_fixtures(f)))
    eq(shown.get("H_callers"), 90, "shown to someone outside H")


def test_a_region_only_call_leaves_out_the_other_regions(stack):
    f = fixtures(stack)
    organiser = login(stack, f["organiser"])
    eq(only(every_match(organiser, "calls", f["C2"]), listing_fixtures(f)),
       [("L1", 90), ("H_callers", 90), ("L4", 52), ("L3", 47), ("L5", 47)],
       "C2 is C1 without cross-region")
    eq(only(every_match(login(stack, f["owner_r"]), "listings", f["L2"]), call_fixtures(f)),
       [("C1", 30), ("C_old", 30)], "the Rijeka listing sees the cross-region calls only")


def test_the_matches_answers_are_what_docs_openapi_yaml_says(stack):
    """Both matches answers carry the fields of the Matches schema, and nothing it leaves out."""
    with open(os.path.join(REPO, "docs", "openapi.yaml")) as f:
        schema = yaml.safe_load(f)["components"]["schemas"]["Matches"]
    item_schema = schema["properties"]["items"]["items"]
    reason_schema = item_schema["properties"]["reasons"]["items"]
    f = fixtures(stack)
    for client, kind, ident, subject in ((login(stack, f["organiser"]), "calls", f["C1"], "listing"),
                                         (login(stack, f["owner_a"]), "listings", f["L1"], "call")):
        body = matches(client, kind, ident)
        eq(sorted(body), sorted(schema["properties"]), f"{kind}: the top-level fields")
        check(body["items"], f"{kind}: has matches to look at")
        for item in body["items"]:
            eq(sorted(item), sorted([subject, "score", "reasons"]), f"{kind}: an item's fields")
            check(0 <= item["score"] <= 100, f"{kind}: a score from 0 to 100: {item['score']}")
            for reason in item["reasons"]:
                eq(sorted(reason), sorted(reason_schema["properties"]), f"{kind}: a reason")


def test_a_call_that_is_not_open_has_no_matches(stack):
    f = fixtures(stack)
    organiser = login(stack, f["organiser"])
    for name in ("C3", "C4", "C5"):
        body = matches(organiser, "calls", f[name])
        eq((body["items"], body["total"], body["matchable"]), ([], 0, False), name)
    r = organiser.get(f"/calls/{f['C3']}/matches")
    eq(r.status, 200, "the page")
    check("Matches are shown while the call is open." in r.text, "says why it is empty")


def test_the_price_and_availability_filters_hold_from_the_listings_side_too(stack):
    f = fixtures(stack)
    owner = login(stack, f["owner_a"])
    for name in ("H_price", "H_until", "H_from"):
        shown = dict(only(every_match(owner, "listings", f[name]), call_fixtures(f)))
        check("C1" not in shown and "C2" not in shown, f"{name}: {shown}")
    body = matches(owner, "listings", f["H_pending"])
    eq((body["items"], body["matchable"]), ([], False), "a listing that is not public")


# --- order, determinism, paging ----------------------------------------------------------------

def test_the_same_request_gives_the_same_body(stack):
    f = fixtures(stack)
    c = login(stack, f["organiser"])
    first = c.get(f"/api/v1/calls/{f['C1']}/matches", headers={"Accept": "application/json"})
    second = c.get(f"/api/v1/calls/{f['C1']}/matches", headers={"Accept": "application/json"})
    eq(first.body, second.body, "identical JSON")
    a = login(stack, f["owner_a"])
    eq(a.get(f"/api/v1/listings/{f['L1']}/matches").body,
       a.get(f"/api/v1/listings/{f['L1']}/matches").body, "identical JSON for a listing")


def test_pages_hold_twenty_and_neither_repeat_nor_skip(stack):
    f = fixtures(stack)
    c = login(stack, f["organiser"])
    # Enough Kaunas listings sharing a sector to need a second page.
    b = f["B"]
    for k in range(25):
        new_listing(stack, b, "kaunas", f"Filler {k}", "Filler", ["games"], ["de"])
    first, second = matches(c, "calls", f["C1"], 1), matches(c, "calls", f["C1"], 2)
    eq(len(first["items"]), 20, "a full first page")
    eq(first["total"], second["total"], "the same total")
    ids = [item_id(i) for i in first["items"] + second["items"]]
    eq(len(ids), len(set(ids)), "no repeats")
    eq(len(ids), min(first["total"], 40), "nothing skipped")
    scores = [i["score"] for i in first["items"] + second["items"]]
    eq(scores, sorted(scores, reverse=True), "best first across pages")
    r = c.get(f"/api/v1/calls/{f['C1']}/matches?page=0", headers={"Accept": "application/json"})
    eq(r.status, 422, "page 0")
    check("page" in r.json()["fields"], r.text)


# --- the region plugin's adjustment ------------------------------------------------------------

def test_the_region_plugin_adjusts_a_score_and_says_why(stack):
    """Leeuwarden favours offers in Frisian: +8, reason key leeuwarden.match.frisian (the hook
    is plugins/leeuwarden's adjust_match).  Both listings score 65 before the plugin:
    heritage 1/1 -> 40, nl 1/1 -> 10, same region -> 15 (no keyword, no shared term)."""
    fixtures(stack)
    org = new_org(stack, "organiser", "leeuwarden")
    sme = new_org(stack, "sme", "leeuwarden")
    plain = new_listing(stack, sme, "leeuwarden", "Anders", "Niks", ["heritage"], ["nl"])
    frisian = new_listing(stack, sme, "leeuwarden", "Oars", "Neat", ["heritage"], ["nl", "fy"])
    call = new_call(stack, org, "leeuwarden", "Skrabnik", cross=False, sectors=["heritage"],
                    sub=[], tags=[], languages=["nl"], summary="Frotwal")
    body = every_match(login(stack, "super@portal.example"), "calls", call)
    got = only(body, {"plain": plain, "frisian": frisian})
    core = [("sector Heritage and museums", 40), ("speaks Nederlands", 10),
            ("same region: Leeuwarden-Fryslân", 15)]
    eq(reasons(body, plain), core, "the core's reasons, no adjustment for Dutch only")
    eq(reasons(body, frisian)[:3], core, "the core's part of the Frisian offer")
    eq(dict(got)["plain"], 65, "no adjustment")
    # --- depends on the Leeuwarden adjust_match hook (plugins/leeuwarden) ---
    eq(dict(got)["frisian"], 73, "65 + 8 from the Leeuwarden plugin")
    extra = reasons(body, frisian)[3:]
    eq(len(extra), 1, f"one plugin reason: {extra}")
    text, points = extra[0]
    eq(points, 8, "the adjustment shown with its points")
    check(text and text != "leeuwarden.match.frisian", f"the reason in words: {text!r}")
    eq(got, [("frisian", 73), ("plain", 65)], "the adjustment changes the order")


# --- who may see matches ---------------------------------------------------------------------

def test_a_calls_matches_are_for_its_organiser_and_the_regions_admins(stack):
    f = fixtures(stack)
    path = f"/api/v1/calls/{f['C1']}/matches"
    eq(stack.client().get(path, headers={"Accept": "application/json"}).status, 401, "anonymous")
    for who, status in [(f["organiser"], 200), ("admin@kaunas.example", 200),
                        ("super@portal.example", 200), ("organiser@kaunas.example", 403),
                        ("sme@kaunas.example", 403), ("sme@rijeka.example", 403),
                        ("admin@rijeka.example", 403), (f["owner_a"], 403)]:
        eq(login(stack, who).get(path, headers={"Accept": "application/json"}).status, status,
           who)
        eq(login(stack, who).get(f"/calls/{f['C1']}/matches").status, status, f"{who}, page")
    eq(login(stack, f["organiser"]).get("/api/v1/calls/999999999/matches").status, 404,
       "no such call")


def test_a_listings_matches_are_for_its_owner_and_the_regions_admins(stack):
    f = fixtures(stack)
    path = f"/api/v1/listings/{f['L1']}/matches"
    for who, status in [(f["owner_a"], 200), ("admin@kaunas.example", 200),
                        ("sme@kaunas.example", 403), (f["owner_b"], 403),
                        (f["organiser"], 403), ("admin@rijeka.example", 403)]:
        eq(login(stack, who).get(path, headers={"Accept": "application/json"}).status, status,
           who)
    eq(stack.client().get(f"/listings/{f['L1']}/matches").status, 401, "anonymous, page")


# --- pages -----------------------------------------------------------------------------------

def test_the_match_page_shows_scores_and_reasons(stack):
    f = fixtures(stack)
    c = login(stack, f["organiser"])
    r = c.get(f"/calls/{f['C1']}/matches")
    eq(r.status, 200, "page")
    check(r.header("Content-Type").startswith("text/html"), r.header("Content-Type"))
    for text in ["Offers that fit “Quintrek vexalok”", "90/100",
                 "sectors Games, Crafts and Interwar modernist architecture: <strong>+40</strong>",
                 "same region: Kaunas: <strong>+15</strong>", f'href="/listings/{f["L1"]}"',
                 f'href="/calls/{f["C1"]}"']:
        check(text in r.text, f"{text!r} on the page")
    r = login(stack, f["owner_a"]).get(f"/listings/{f['L1']}/matches")
    eq(r.status, 200, "a listing's page")
    check(f'href="/calls/{f["C1"]}"' in r.text and "Open calls that fit" in r.text, r.text[:500])


def test_the_sme_dashboard_shows_calls_for_you(stack):
    f = fixtures(stack)
    r = login(stack, f["owner_a"]).get("/dashboard")
    eq(r.status, 200, "dashboard")
    check('id="for-you-heading"' in r.text and "Calls for you" in r.text, "the section")
    check(f'href="/calls/{f["C1"]}"' in r.text, "C1 is among the calls for you")
    check(f'href="/listings/{f["L1"]}/matches"' in r.text, "a link to all of L1's matches")
    check(f'href="/calls/{f["C3"]}"' not in r.text, "not a closed call")
    r = login(stack, f["organiser"]).get("/dashboard")
    check('id="for-you-heading"' not in r.text, "an organiser has no calls for you")


# --- the weekly digest -----------------------------------------------------------------------

def digest_rows(stack, email):
    """[(subject, body, lang)] of the person's digests (as JSON: bodies have new lines)."""
    text = stack.scalar(
        "SELECT coalesce(json_agg(json_build_array(o.subject, o.body, o.lang) ORDER BY o.id), "
        "'[]') FROM outbox o JOIN persons p ON p.id = o.person_id "
        f"WHERE p.email = {lit(email)} AND o.kind = 'digest'")
    return [tuple(row) for row in json.loads(text)]


def state(stack):
    return (stack.sql("SELECT count(*) FROM outbox"),
            stack.sql("SELECT id, digest_sent_at FROM persons ORDER BY id"))


def test_the_digest_dry_run_prints_and_changes_nothing(stack):
    f = fixtures(stack)
    before = state(stack)
    r = stack.cmd("digest", "--dry-run")
    eq(r.returncode, 0, r.stderr)
    check(f["owner_a"] in r.stdout and f"/calls/{f['C1']}" in r.stdout, r.stdout[-2000:])
    for who in ("owner_b", "owner_r", "owner_t"):
        check(f[who] not in r.stdout, f"{who} gets none")
    eq(state(stack), before, "outbox and digest_sent_at unchanged")


def test_the_digest_queues_new_matching_calls_once_a_week(stack):
    f = fixtures(stack)
    r = stack.cmd("digest")
    eq(r.returncode, 0, r.stderr)
    rows = digest_rows(stack, f["owner_a"])
    eq(len(rows), 1, "one e-mail")
    subject, body, lang = rows[0]
    eq(lang, "en", "the person's language")
    check("2" in subject, f"two calls: {subject}")
    # The calls opened this week that fit A's listings with 40 or more, best first, then by id:
    # C1 and C2 (90 each, through L1).  C_old opened ten days ago; C3, C4, C5 are not open.
    urls = [f"/calls/{f[c]}" for c in ("C1", "C2")]
    check(all(u in body for u in urls) and body.index(urls[0]) < body.index(urls[1]), body)
    check("(90/100)" in body, body)
    for c in ("C3", "C4", "C5", "C_old"):
        check(f"/calls/{f[c]}\n" not in body + "\n", f"{c} not in the digest")
    eq(stack.sql("SELECT digest_sent_at > now() - interval '1 minute' FROM persons "
                 "WHERE email = :'e'", params={"e": f["owner_a"]}), [["t"]], "digest_sent_at set")
    for who in ("owner_b", "owner_r", "owner_t"):
        eq(digest_rows(stack, f[who]), [], f"{who}: no digest")
    # A new call that fits, the same week: nothing more.
    f["C6"] = new_call(stack, f["O"], "kaunas", "Quintrek vexalok again")
    before = state(stack)[0]
    eq(stack.cmd("digest").returncode, 0, "second run")
    eq(len(digest_rows(stack, f["owner_a"])), 1, "not twice in a week")
    eq(state(stack)[0], before, "nobody got a second one")
    # A week later the new call comes.
    stack.sql("UPDATE persons SET digest_sent_at = now() - interval '8 days' "
              "WHERE email = :'e'", params={"e": f["owner_a"]})
    eq(stack.cmd("digest").returncode, 0, "a week later")
    rows = digest_rows(stack, f["owner_a"])
    eq(len(rows), 2, "the next week's digest")
    check(f"/calls/{f['C6']}" in rows[1][1], rows[1][1])


# --- the postings follow the listings and calls ------------------------------------------------

def test_an_archived_listing_and_a_closed_call_leave_the_matches_at_once(stack):
    """Runs last: it archives L5 and closes C2 through the API, as their owners would.  The
    answers just given are in the workers' caches: the change must show at once all the same."""
    f = fixtures(stack)
    organiser, owner = login(stack, f["organiser"]), login(stack, f["owner_a"])
    for _ in range(4):  # every worker has the answers cached
        check("L5" in dict(only(every_match(organiser, "calls", f["C1"]), listing_fixtures(f))),
              "L5 is a match before")
        check("C2" in dict(only(every_match(owner, "listings", f["L1"]), call_fixtures(f))),
              "C2 is a match before")
    # The pages too (kept rendered per worker, per language): each worker has them.
    call_page, listing_page = f"/calls/{f['C1']}/matches", f"/listings/{f['L1']}/matches"
    l5_link, c2_link = f'href="/listings/{f["L5"]}"', f'href="/calls/{f["C2"]}"'
    for _ in range(4):
        check(l5_link in organiser.get(call_page).text, "L5 on the call's page before")
        check(c2_link in owner.get(listing_page).text, "C2 on the listing's page before")
    english = organiser.get(call_page).text
    person = f"FROM persons WHERE email = '{f['organiser']}'"
    was = stack.sql(f"SELECT coalesce(lang, '-') {person}")[0][0]
    stack.sql(f"UPDATE persons SET lang = 'lt' WHERE email = '{f['organiser']}'")
    lithuanian = organiser.get(call_page).text
    stack.sql(f"UPDATE persons SET lang = nullif('{was}', '-') WHERE email = '{f['organiser']}'")
    h1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
    check(h1.search(english).group(1) != h1.search(lithuanian).group(1) and
          'lang="lt"' in lithuanian.split("<body", 1)[0],
          "each language has its own page: "
          f"{h1.search(english).group(1)!r} / {h1.search(lithuanian).group(1)!r}")
    r = login(stack, f["owner_b"]).api("DELETE", f"/api/v1/listings/{f['L5']}")
    eq(r.status, 200, f"archive: {r}")
    shown = dict(only(every_match(login(stack, f["organiser"]), "calls", f["C1"]),
                      listing_fixtures(f)))
    check("L5" not in shown and shown.get("L3") == 47, f"L5 gone, L3 still there: {shown}")
    for _ in range(4):
        check(l5_link not in organiser.get(call_page).text, "L5 gone from the call's page")
    r = login(stack, f["organiser"]).api("POST", f"/api/v1/calls/{f['C2']}/close")
    eq(r.status, 200, f"close: {r}")
    shown = dict(only(every_match(login(stack, f["owner_a"]), "listings", f["L1"]),
                      call_fixtures(f)))
    check("C2" not in shown and shown.get("C1") == 90, f"C2 gone, C1 still there: {shown}")
    for _ in range(4):
        check(c2_link not in owner.get(listing_page).text, "C2 gone from the listing's page")
    body = matches(login(stack, f["organiser"]), "calls", f["C2"])
    eq((body["matchable"], body["items"]), (False, []), "a closed call has no matches")
