"""test_regions.py — the five region plugins seen from outside: metadata, languages and how
pages choose theirs, amounts and dates per language, each region's own pages and rules, a
sixth region loaded without touching core/, and switching a region off and on by settings."""

import os
import re
import signal
import time
import uuid

from harness import REPO, check, eq

EXPECTED = {
    "kaunas": ("LT", ["lt"], "Europe/Vilnius", "EUR", 2022, "Kaunas"),
    "rijeka": ("HR", ["hr"], "Europe/Zagreb", "EUR", 2020, "Rijeka"),
    "timisoara": ("RO", ["ro"], "Europe/Bucharest", "RON", 2023, "West Romania"),
    "matera": ("IT", ["it"], "Europe/Rome", "EUR", 2019, "Basilicata"),
    "leeuwarden": ("NL", ["nl", "fy"], "Europe/Amsterdam", "EUR", 2018, "Northern Netherlands"),
}


def html_lang(text):
    m = re.search(r'<html lang="([a-z]+)"', text)
    return m.group(1) if m else None


def test_each_region_has_its_metadata(stack):
    items = {i["slug"]: i for i in stack.client().get("/api/v1/regions").json()["items"]}
    for slug, (country, langs, tz, cur, year, instrument) in EXPECTED.items():
        got = items[slug]
        eq((got["country"], got["languages"], got["timezone"], got["currency"], got["ecoc_year"]),
           (country, langs, tz, cur, year), slug)
        check(instrument in got["instrument"], f"{slug}'s instrument: {got['instrument']}")


def test_every_catalogue_has_every_key(stack):
    r = stack.cmd("i18n-check")
    missing = r.stdout.splitlines()
    eq(r.returncode, 0, f"{len(missing)} missing keys, e.g. {missing[:15]}")


def test_the_page_language_follows_setting_then_browser_then_region(stack):
    c = stack.client()
    eq(html_lang(c.get("/").text), "en", "the core's own language without any hint")
    eq(html_lang(c.get("/r/leeuwarden").text), "nl", "a region's page: the region's language")
    eq(html_lang(c.get("/r/leeuwarden", headers={"Accept-Language": "fy-NL,fy;q=0.9"}).text),
       "fy", "the browser asks for Frisian")
    eq(html_lang(c.get("/r/kaunas", headers={"Accept-Language": "it;q=0.9,en;q=0.8"}).text),
       "it", "the browser's language wins over the region's")
    person = stack.client()
    person.login("sme@rijeka.example")
    token = person.form_csrf("/account")
    person.post("/account/profile", form={"csrf": token, "name": "Rijeka SME demo", "lang": "ro"})
    eq(html_lang(person.get("/", headers={"Accept-Language": "it"}).text), "ro",
       "the person's setting wins")
    person.post("/account/profile", form={"csrf": person.form_csrf("/account"),
                                          "name": "Rijeka SME demo", "lang": ""})
    visitor = stack.client()
    visitor.post("/language", form={"csrf": visitor.form_csrf("/"), "lang": "lt", "back": "/"})
    eq(html_lang(visitor.get("/", headers={"Accept-Language": "it"}).text), "lt",
       "a visitor's choice in the switcher is their setting")


def test_amounts_and_dates_are_written_the_languages_way(stack):
    lid = stack.scalar("SELECT listing_id FROM listing_index WHERE region = 'timisoara' "
                       "AND price_minor >= 100000 ORDER BY listing_id LIMIT 1")
    minor = int(stack.scalar(f"SELECT price_minor FROM listing_index WHERE listing_id = {lid}"))
    ro = stack.client().get(f"/listings/{lid}", headers={"Accept-Language": "ro"}).text
    en = stack.client().get(f"/listings/{lid}", headers={"Accept-Language": "en"}).text
    whole = f"{minor // 100:,}"
    check(f"{whole} lei".replace(",", ".") in ro or f"{whole.replace(',', '.')}" in ro,
          f"Romanian groups thousands with a dot ({whole})")
    check(f"{whole} lei" in en, f"English groups with a comma ({whole} lei)")
    lid = stack.scalar("SELECT listing_id FROM listing_index WHERE region = 'leeuwarden' "
                       "AND price_minor >= 100000 ORDER BY listing_id LIMIT 1")
    nl = stack.client().get(f"/api/v1/listings/{lid}", headers={"Accept-Language": "nl"}).json()
    check(nl["price"]["display"].startswith("€\u00a0"),
          f"Dutch puts the euro first, with a no-break space: {nl['price']}")


def test_pages_show_a_persons_times_in_their_regions_timezone_and_the_api_in_utc(stack):
    """A notification written at 10:00 UTC on 15 January: 12:00 in Kaunas (Europe/Vilnius,
    UTC+2), 11:00 in Leeuwarden (Europe/Amsterdam, UTC+1); the API gives UTC."""
    marker = f"tz-{uuid.uuid4().hex[:8]}"
    for email, local in (("sme@kaunas.example", "12:00"), ("sme@leeuwarden.example", "11:00")):
        stack.sql(f"INSERT INTO notifications (person_id, kind, params, link, created_at) "
                  f"SELECT id, 'call_pending', '{{\"title\": \"{marker}\"}}', '/inbox', "
                  f"'2026-01-15 10:00:00+00' FROM persons WHERE email = '{email}'")
        c = stack.client()
        c.login(email)
        was = stack.sql(f"SELECT coalesce(lang, '-') FROM persons WHERE email = '{email}'")[0][0]
        stack.sql(f"UPDATE persons SET lang = 'en' WHERE email = '{email}'")
        page = c.get("/inbox").text
        line = next((li for li in re.findall(r"<li.*?</li>", page, re.S) if marker in li), "")
        check(local in line and "10:00" not in line, f"{email}: the inbox shows {local}: {line!r}")
        item = next(i for i in c.get("/api/v1/notifications").json()["items"]
                    if marker in i["text"])
        eq(item["at"], "2026-01-15 10:00", f"{email}: the API in UTC")
        stack.sql(f"UPDATE persons SET lang = nullif('{was}', '-') WHERE email = '{email}'")


def test_each_region_has_its_own_home_page(stack):
    pages = {slug: stack.client().get(f"/r/{slug}", headers={"Accept-Language": "en"}).text
             for slug in EXPECTED}
    check('<p class="lead" lang="fy">Iepen Mienskip</p>' in pages["leeuwarden"], "Leeuwarden")
    check("sector=kaunas-modernism" in pages["kaunas"], "Kaunas's modernism shortcut")
    check("sector=rijeka-industrial-heritage" in pages["rijeka"], "Rijeka's heritage")
    check("sector=timisoara-light" in pages["timisoara"], "Timișoara's light")
    check("kind=partnership" in pages["matera"], "Matera's co-creation")
    mains = {re.search(r"<main.*</main>", t, re.S).group(0) for t in pages.values()}
    eq(len(mains), 5, "five different pages")


def test_each_region_applies_its_own_rules(stack):
    sme = stack.client()
    sme.login("sme@leeuwarden.example")
    org = next(o for o in sme.get("/api/v1/me").json()["organisations"] if o["kind"] == "sme")
    body = {"org_id": org["id"], "kind": "skill", "lang": "nl", "title": "Frysk les",
            "summary": "Lessen.", "description": "Lessen Fries.", "sectors": ["cultural-education"],
            "subsectors": ["leeuwarden-frisian-language"], "languages": ["nl"],
            "contact_email": "a@b.example"}
    r = sme.api("POST", "/api/v1/listings", body, headers={"Accept-Language": "fy"})
    eq(r.status, 422, "Leeuwarden's Frisian rule")
    check("Frysk" in r.json()["fields"]["languages"], r.json())
    body["languages"] = ["nl", "fy"]
    eq(sme.api("POST", "/api/v1/listings", body).status, 201, "with Frisian it passes")
    org_r = stack.client()
    org_r.login("organiser@rijeka.example")
    oid = next(o for o in org_r.get("/api/v1/me").json()["organisations"]
               if o["kind"] == "organiser")["id"]
    call = {"org_id": oid, "lang": "hr", "title": "Poziv", "summary": "Kratko.",
            "description": "Opis.", "event_title": "Festival", "sectors": ["music"],
            "languages": ["hr"], "partners_sought": 2, "deadline": "2031-05-01T12:00",
            "cross_region": True}
    r = org_r.api("POST", "/api/v1/calls", call)
    eq(r.status, 422, "Rijeka's cross-region English rule")
    check("languages" in r.json()["fields"], r.json())


def restart_with(stack, **env):
    stack.stop_portal()
    stack.start_portal(**env)
    stack.wait_healthy()


def test_a_sixth_region_loads_without_touching_core(stack):
    oulu = os.path.join(REPO, "build", "test-plugins", "oulu.so")
    plugins = "kaunas rijeka timisoara matera leeuwarden " + oulu
    try:
        restart_with(stack, PORTAL_PLUGINS=plugins)
        regions = [i["slug"] for i in stack.client().get("/api/v1/regions").json()["items"]]
        eq(regions[-1], "oulu", "the sixth region is listed")
        page = stack.client().get("/r/oulu/about", headers={"Accept-Language": "fi"})
        eq(page.status, 200, "its own page")
        check('<html lang="fi">' in page.text and "kulttuuripääkaupunki" in page.text,
              "in Finnish, from its own template")
        check("region-oulu" in stack.client().get("/r/oulu").text, "its home page override")
        c = stack.client()
        r = c.api("POST", "/api/v1/accounts", {
            "email": f"{uuid.uuid4().hex[:8]}@oulu.example", "password": "long enough passphrase",
            "name": "Aino", "organisation": {"kind": "sme", "name": "Revontuli Oy",
                                             "region": "oulu", "business_id": "0112038-8"}},
            headers={"Accept-Language": "fi"})
        eq(r.status, 422, "a wrong Y-tunnus")
        check("tarkistusnumero" in r.json()["fields"]["organisation.business_id"], r.json())
        r = c.api("POST", "/api/v1/accounts", {
            "email": f"{uuid.uuid4().hex[:8]}@oulu.example", "password": "long enough passphrase",
            "name": "Aino", "organisation": {"kind": "sme", "name": "Revontuli Oy",
                                             "region": "oulu", "business_id": "0112038-9"}})
        eq(r.status, 201, f"a valid Y-tunnus: {r}")
    finally:
        restart_with(stack)
    eq(stack.client().get("/r/oulu").status, 404, "gone again with the default settings")


def test_switching_a_region_off_and_on_is_a_settings_change(stack):
    conf = os.path.join(stack.dir, "regions.conf")
    with open(conf, "w") as f:
        f.write("plugins = kaunas rijeka timisoara matera leeuwarden\n")
    lid = stack.scalar("SELECT listing_id FROM listing_index WHERE region = 'matera' LIMIT 1")
    matera_rows = stack.scalar("SELECT count(*) FROM listings WHERE region = 'matera'")
    try:
        restart_with(stack, PORTAL_CONFIG=conf)
        eq(stack.client().get("/r/matera").status, 200, "on")
        with open(conf, "w") as f:
            f.write("plugins = kaunas rijeka timisoara leeuwarden\n")
        old = set(stack.worker_pids())
        stack.portal.send_signal(signal.SIGHUP)
        deadline = time.time() + 20
        while set(stack.worker_pids()) & old and time.time() < deadline:
            time.sleep(0.1)
        c = stack.client()
        for path in ["/r/matera", "/r/matera/listings", "/r/matera/calls", f"/listings/{lid}",
                     f"/api/v1/listings/{lid}"]:
            eq(c.get(path).status, 404, f"{path} while Matera is off")
        eq(c.get("/api/v1/listings?region=matera").status, 422, "not a region now")
        check("matera" not in c.get("/api/v1/listings").json()["facets"]["region"],
              "its listings leave search")
        eq(stack.scalar("SELECT count(*) FROM listings WHERE region = 'matera'"), matera_rows,
           "its data stays")
        with open(conf, "w") as f:
            f.write("plugins = kaunas rijeka timisoara matera leeuwarden\n")
        old = set(stack.worker_pids())
        stack.portal.send_signal(signal.SIGHUP)
        deadline = time.time() + 20
        while set(stack.worker_pids()) & old and time.time() < deadline:
            time.sleep(0.1)
        eq(stack.client().get(f"/listings/{lid}").status, 200, "back when switched on")
    finally:
        restart_with(stack)
