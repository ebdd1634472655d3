"""test_listings.py — the SME marketplace: the listing lifecycle and its moderation, who may do
what, search (full text, accents, facets, pagination under inserts), HTML and JSON alike, and
bad input."""

import html
import re
import urllib.parse
import uuid

from harness import check, eq


def my_sme(client):
    me = client.get("/api/v1/me").json()
    return next(o for o in me["organisations"] if o["kind"] == "sme")


def listing_body(org_id, **over):
    word = uuid.uuid4().hex[:8]
    body = {"org_id": org_id, "kind": "service", "lang": "en",
            "title": f"Stage lighting rental {word}",
            "summary": "Moving heads, followspots and a technician for small festivals.",
            "description": "We light festival stages up to 400 people; the technician speaks "
                           "English and German.",
            "sectors": ["festivals", "performing-arts"], "tags": ["lighting", word],
            "languages": ["en", "de"], "capacity": 400, "price": "350.50",
            "price_basis": "day", "available_from": "2027-01-01",
            "available_until": "2027-12-31", "contact_email": "hello@lights.example"}
    body.update(over)
    return body, word


def create(stack, client, **over):
    org = my_sme(client)
    body, word = listing_body(org["id"], **over)
    r = client.api("POST", "/api/v1/listings", body)
    eq(r.status, 201, f"create: {r}")
    return r.json()["id"], word


def moderate(client, lid, action, reason=""):
    return client.api("POST", f"/api/v1/listings/{lid}/moderation",
                      {"action": action, "reason": reason})


def search(stack, **params):
    q = urllib.parse.urlencode(params)
    r = stack.client().get(f"/api/v1/listings?{q}")
    eq(r.status, 200, f"search {q}: {r}")
    return r.json()


def test_a_new_listing_is_pending_and_invisible_until_approved(stack):
    sme = stack.client()
    sme.login("sme@kaunas.example")
    lid, word = create(stack, sme)
    eq(sme.get(f"/api/v1/listings/{lid}").json()["status"], "pending", "owner sees it pending")
    eq(stack.client().get(f"/api/v1/listings/{lid}").status, 404, "the public does not")
    eq(search(stack, q=word)["total"], 0, "not in search")
    admin = stack.client()
    admin.login("admin@kaunas.example")
    queue = admin.get("/api/v1/regions/kaunas/moderation").json()
    check(any(i["id"] == lid and i["type"] == "listing" for i in queue["items"]), "in the queue")
    times = [i["submitted_at"] for i in queue["items"]]
    eq(times, sorted(times), "oldest first")
    eq(queue["counts"]["listings"] + queue["counts"]["calls"], queue["total"], "counts")
    eq(moderate(admin, lid, "approve").status, 200, "approve")
    pub = stack.client().get(f"/api/v1/listings/{lid}")
    eq(pub.status, 200, "public after approval")
    eq(pub.json()["price"]["display"], "€350.50", "price in the region's currency")
    eq(search(stack, q=word)["total"], 1, "found")
    audit = sme.get(f"/api/v1/listings/{lid}/audit").json()["items"]
    eq([(a["action"], a["to"]) for a in audit], [("submitted", "pending"), ("approve", "approved")],
       "audit trail")
    check(all(a["who"] for a in audit), "who is named")
    notes = sme.get("/api/v1/notifications").json()["items"]
    check(any(n["kind"] == "listing_approved" for n in notes), "the owner is told")


def test_an_edit_of_an_approved_listing_keeps_the_approved_version_public(stack):
    sme, admin = stack.client(), stack.client()
    sme.login("sme@rijeka.example")
    admin.login("admin@rijeka.example")
    lid, word = create(stack, sme)
    moderate(admin, lid, "approve")
    r = sme.api("PATCH", f"/api/v1/listings/{lid}", {"title": f"Renamed {word}"})
    eq(r.status, 200, f"edit {r}")
    eq(r.json()["status"], "pending", "the edit waits")
    eq(stack.client().get(f"/api/v1/listings/{lid}").json()["title"],
       f"Stage lighting rental {word}", "the public still sees the approved title")
    eq(moderate(admin, lid, "approve").status, 200, "approve the edit")
    eq(stack.client().get(f"/api/v1/listings/{lid}").json()["title"], f"Renamed {word}",
       "now the new title")


def test_changes_requested_and_rejected_need_a_reason_the_owner_sees(stack):
    sme, admin = stack.client(), stack.client()
    sme.login("sme@matera.example")
    admin.login("admin@matera.example")
    lid, word = create(stack, sme)
    r = moderate(admin, lid, "request_changes")
    eq(r.status, 422, "a reason is required")
    check("reason" in r.json()["fields"], r.json())
    r = moderate(admin, lid, "request_changes", "Please add photos of past work.")
    eq(r.status, 200, "asked")
    page = sme.get(f"/listings/{lid}").text
    check("Please add photos of past work." in page, "the owner sees the reason")
    eq(moderate(admin, lid, "approve").status, 409, "not pending any more")
    eq(stack.client().get(f"/api/v1/listings/{lid}").status, 404, "still not public")
    sme.api("PATCH", f"/api/v1/listings/{lid}", {"summary": "Now with photos."})
    eq(moderate(admin, lid, "reject", "Not a cultural offer.").status, 200, "rejected")
    eq(search(stack, q=word)["total"], 0, "a rejected listing is not found")


def test_archiving_takes_a_listing_out_of_search(stack):
    sme, admin = stack.client(), stack.client()
    sme.login("sme@leeuwarden.example")
    admin.login("admin@leeuwarden.example")
    lid, word = create(stack, sme)
    moderate(admin, lid, "approve")
    eq(search(stack, q=word)["total"], 1, "found")
    eq(sme.api("DELETE", f"/api/v1/listings/{lid}").status, 200, "archived")
    eq(search(stack, q=word)["total"], 0, "gone from search")
    eq(stack.client().get(f"/api/v1/listings/{lid}").status, 404, "not public")
    eq(sme.api("PATCH", f"/api/v1/listings/{lid}", {"title": "x"}).status, 409, "no edits")


def test_who_may_moderate_and_edit_what(stack):
    sme = stack.client()
    sme.login("sme@timisoara.example")
    lid, _ = create(stack, sme)
    for who, expected in [("admin@kaunas.example", 403), ("organiser@timisoara.example", 403),
                          ("sme@timisoara.example", 403)]:
        c = stack.client()
        c.login(who)
        before = stack.sql(f"SELECT status FROM listings WHERE id = {lid}")
        r = moderate(c, lid, "approve")
        check(r.status in (expected, 404), f"{who} moderating: {r}")
        eq(stack.sql(f"SELECT status FROM listings WHERE id = {lid}"), before, "unchanged")
    other = stack.client()
    other.login("sme@kaunas.example")
    r = other.api("PATCH", f"/api/v1/listings/{lid}", {"title": "Hijacked"})
    check(r.status in (403, 404), f"another SME editing: {r}")
    eq(stack.scalar(f"SELECT count(*) FROM listing_versions WHERE listing_id = {lid}"), "1",
       "no version added")
    superadmin = stack.client()
    superadmin.login("super@portal.example")
    eq(moderate(superadmin, lid, "approve").status, 200, "the super admin may")


def test_bad_input_is_422_per_field_and_writes_nothing(stack):
    sme = stack.client()
    sme.login("sme@kaunas.example")
    org = my_sme(sme)
    before = stack.scalar("SELECT count(*) FROM listings")
    body, _ = listing_body(org["id"], title="x" * 121, sectors=["festivals", "astrology"],
                           languages=["en", "zz"], price="-5", available_from="2027-05-01",
                           available_until="2027-04-01", kind="miracle")
    r = sme.api("POST", "/api/v1/listings", body)
    eq(r.status, 422, "status")
    fields = r.json()["fields"]
    for f in ["title", "sectors", "languages", "price", "available_until", "kind"]:
        check(f in fields, f"{f} reported: {fields}")
    eq(stack.scalar("SELECT count(*) FROM listings"), before, "nothing written")
    r = stack.client().get("/api/v1/listings?region=atlantis")
    eq(r.status, 422, "unknown region")
    check("region" in r.json()["fields"], r.json())


def test_the_html_form_keeps_the_input_and_marks_each_field(stack):
    sme = stack.client()
    sme.login("sme@kaunas.example")
    org = my_sme(sme)
    token = sme.form_csrf("/listings/new")
    r = sme.post("/listings", form={"csrf": token, "org_id": org["id"], "kind": "service",
                                    "lang": "lt", "title": "Keramikos dirbtuvės <vaikams>",
                                    "summary": "", "description": "Aprašymas",
                                    "sectors": ["crafts"], "languages": "lt, xx",
                                    "contact_email": "x@y.example", "price": "-1"})
    eq(r.status, 422, "status")
    check("Keramikos dirbtuvės &lt;vaikams&gt;" in r.text, "title kept, escaped")
    for f in ["summary", "languages", "price"]:
        check(f'id="f-{f}-error"' in r.text, f"error shown next to {f}")
    check(re.search(r'value="crafts" checked', r.text), "the chosen sector stays checked")


def test_search_folds_accents_and_never_shows_unapproved(stack):
    r = search(stack, q="Timisoara")
    r2 = search(stack, q="Timișoara")
    eq(r["total"], r2["total"], "accents folded")
    check(r["total"] > 0, "the demo data mentions Timișoara")
    ids = {i["id"] for i in search(stack, q="")["items"]}
    hidden = stack.sql("SELECT id FROM listings WHERE live_version IS NULL OR status = 'archived'")
    check(hidden, "the demo data has unapproved listings")
    check(not ids & {int(h[0]) for h in hidden}, "no unapproved listing on the first page")
    total = search(stack)["total"]
    eq(total, int(stack.scalar("SELECT count(*) FROM listing_index")), "every public one counted")


def test_facet_counts_equal_the_filtered_totals(stack):
    base = search(stack, region="rijeka")
    for facet, param in [("sector", "sector"), ("kind", "kind"), ("language", "lang")]:
        for value, count in list(base["facets"][facet].items())[:6]:
            eq(search(stack, region="rijeka", **{param: value})["total"], count,
               f"{facet}={value}")
    for region, count in search(stack)["facets"]["region"].items():
        eq(search(stack, region=region)["total"], count, f"region {region}")


def test_pagination_neither_repeats_nor_skips_while_listings_are_added(stack):
    first = search(stack)
    as_of = first["as_of"]
    check(first["total"] > 40, "enough listings for three pages")
    pages = [first["items"]]
    sme, admin = stack.client(), stack.client()
    sme.login("sme@kaunas.example")
    admin.login("admin@kaunas.example")
    lid, _ = create(stack, sme)
    moderate(admin, lid, "approve")  # a new listing appears in the middle of paging
    for page in (2, 3):
        pages.append(search(stack, page=page, as_of=as_of)["items"])
    seen = [i["id"] for p in pages for i in p]
    eq(len(seen), len(set(seen)), "no repeats")
    newest_first = [i["id"] for i in search(stack, sort="newest", as_of=as_of, page=1)["items"]]
    eq(seen[:20], newest_first, "the same order as a fresh first page of that moment")
    check(lid not in seen, "the new listing does not shift the pages")
    eq(search(stack)["items"][0]["id"], lid, "a new search shows it first")


def test_html_and_json_give_the_same_results(stack):
    j = search(stack, q="design", region="matera")
    page = stack.client().get("/r/matera/listings?q=design").text
    titles = re.findall(r'<h2><a href="/listings/(\d+)"', page)
    eq([int(t) for t in titles], [i["id"] for i in j["items"]], "same items in the same order")


def test_a_listing_page_shows_the_organisations_card(stack):
    lid = search(stack, region="leeuwarden")["items"][0]["id"]
    j = stack.client().get(f"/api/v1/listings/{lid}").json()
    page = stack.client().get(f"/listings/{lid}").text
    check(j["organisation"]["name"].replace("&", "&amp;") in page, "organisation name")
    check('class="org-card"' in page, "the card")
    check('<html lang="' in page, "the page says its language")


def test_row_level_security_hides_unapproved_listings_from_a_bare_query(stack):
    q = ("BEGIN; SELECT set_config('app.person_id', '', true), set_config('app.org_ids', :'o', "
         "true), set_config('app.admin_regions', :'a', true), set_config('app.super', 'off', "
         "true); SELECT count(*), count(*) FILTER (WHERE region <> 'kaunas') FROM listings "
         "WHERE live_version IS NULL; SELECT count(*) FROM listing_versions v "
         "JOIN listings l ON l.id = v.listing_id WHERE l.live_version IS NULL; COMMIT;")
    rows = stack.sql(q, role="ecoc_app", params={"o": "{}", "a": "{}"})
    eq(rows[-2:], [["0", "0"], ["0"]], "a visitor's bare query sees no unapproved listing")
    rows = stack.sql(q, role="ecoc_app", params={"o": "{}", "a": "{kaunas}"})
    pending_kaunas = stack.scalar("SELECT count(*) FROM listings WHERE live_version IS NULL "
                                  "AND region = 'kaunas'")
    eq(rows[-2][:2], [pending_kaunas, "0"], "a Kaunas admin sees Kaunas's only")
    err = stack.sql_error("BEGIN; SELECT set_config('app.org_ids', '{}', true); "
                          "INSERT INTO listings (org_id, region, status) VALUES "
                          "((SELECT min(id) FROM organisations), 'kaunas', 'pending'); COMMIT;")
    check("row-level security" in err, f"writing for another's organisation is refused: {err}")


def test_a_listing_refused_in_the_queue_comes_back_to_the_queue_with_its_reason_marked(stack):
    sme, admin = stack.client(), stack.client()
    sme.login("sme@rijeka.example")
    admin.login("admin@rijeka.example")
    lid, _ = create(stack, sme)
    queue = "/r/rijeka/moderation"
    token = admin.form_csrf(queue)
    en = {"Accept-Language": "en"}
    r = admin.post(f"/listings/{lid}/moderation", headers=en,
                   form={"csrf": token, "back": queue, "action": "request_changes",
                         "reason": ""})
    eq(r.status, 422, f"no reason: {r}")
    check("<h1>Moderation queue: Rijeka</h1>" in r.text, "back in the queue, not on the offer")
    m = re.search(rf'<li class="card" id="item-listing-{lid}">(.*?)</li>', r.text, re.S)
    check(m is not None, "the offer is in it")
    check(f'id="reason-listing-{lid}"' in m.group(1) and 'aria-invalid="true"' in m.group(1) and
          f'aria-describedby="reason-listing-{lid}-error"' in m.group(1),
          "its reason is marked and tied to the message")
    check("Please give a reason" in m.group(1), "the message, next to the field")
    eq(r.text.count('aria-invalid="true"'), 1, "no other item is marked")

    typed = "Mention the & <b>price</b> " * 80
    r = admin.post(f"/listings/{lid}/moderation", headers=en,
                   form={"csrf": token, "back": queue, "action": "reject", "reason": typed})
    eq(r.status, 422, f"a reason too long: {r}")
    m = re.search(rf'<textarea id="reason-listing-{lid}"[^>]*>(.*?)</textarea>', r.text, re.S)
    check(m is not None and html.unescape(m.group(1)) == typed, "what was typed is kept, escaped")
    eq(stack.scalar(f"SELECT status FROM listings WHERE id = {lid}"), "pending", "unchanged")

    r = admin.post(f"/listings/{lid}/moderation", headers=en,
                   form={"csrf": token, "action": "reject", "reason": typed})
    eq(r.status, 422, f"from the offer's own page: {r}")
    check(f'id="reason-{lid}-error"' in r.text, "the offer's page, marked next to the reason")
    m = re.search(rf'<textarea id="reason-{lid}"[^>]*>(.*?)</textarea>', r.text, re.S)
    check(m is not None and html.unescape(m.group(1)) == typed, "and the reason kept there too")

    r = admin.post(f"/listings/{lid}/moderation",
                   form={"csrf": token, "back": queue, "action": "approve", "reason": ""})
    eq((r.status, r.header("Location")), (303, queue), "approved: back to the queue")
