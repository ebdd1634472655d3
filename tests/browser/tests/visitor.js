'use strict';
/*
 * visitor.js — a visitor searches offers across all regions, narrows by a facet, opens an offer,
 * and subscribes to a region's feed of calls; switches language.  At desktop and phone size.
 */

const assert = require('assert');
const { test } = require('../lib/tap');
const { session } = require('../lib/browser');

const REGIONS = [
  ['Kaunas', '2022'], ['Rijeka', '2020'], ['Timișoara', '2023'], ['Matera', '2019'],
  ['Leeuwarden-Fryslân', '2018'],
];

function count(text) {
  const m = /(\d[\d\s.,\u00a0\u202f]*)/.exec(text);
  return m ? Number(m[1].replace(/\D/g, '')) : NaN;
}

for (const phone of [false, true]) {
  const size = phone ? 'phone' : 'desktop';
  test(`journey: a visitor searches every region, narrows, opens an offer, follows a feed (${size})`, {}, async (t) => {
    const s = await session(t, global.BROWSER, { phone, name: `visitor/${size}` });
    const page = s.page;

    t.step('the home page shows the five regions with their ECoC year');
    await s.goto('/');
    const cards = await s.texts('main .cards .card');
    for (const [name, year] of REGIONS) {
      assert.ok(cards.some((c) => c.includes(name) && c.includes(year)), `home: no card for ${name} ${year}: ${cards.join(' | ')}`);
    }

    t.step('the header leads to the offers of all regions');
    await s.click(page.locator('header nav a[href="/listings"]'));
    assert.match(await s.text('h1'), /all regions/i);
    const all = count(await s.text('#results-count'));
    assert.ok(all > 20, `only ${all} offers in all regions`);

    t.step('a search for "design" finds offers of several regions');
    await page.locator('#search-q').fill('design');
    await s.click(page.locator('form.search button[type=submit]'));
    assert.match(s.path, /^\/listings\?.*q=design/);
    assert.strictEqual(await page.locator('#search-q').inputValue(), 'design', 'the search box keeps the words');
    const found = count(await s.text('#results-count'));
    assert.ok(found > 1 && found < all, `"design" found ${found} of ${all}`);
    const metas = await s.texts('.hit .meta');
    const regionsSeen = REGIONS.filter(([name]) => metas.some((m) => m.includes(name)));
    assert.ok(regionsSeen.length >= 3, `hits from ${regionsSeen.length} regions only: ${metas.slice(0, 5).join(' | ')}`);
    const titles = await s.texts('.hit h2');
    assert.ok(titles.length > 0 && titles.every((x) => x.length > 0), 'every hit has a title');

    t.step('narrowing by the region facet "Rijeka"');
    const facet = page.locator('.facets a', { hasText: /^Rijeka$/ }).first();
    const facetCount = count(await facet.locator('xpath=..').locator('.n').innerText());
    await s.click(facet);
    assert.match(s.path, /region=rijeka/);
    assert.match(s.path, /q=design/, 'the search words stay when narrowing');
    const narrowed = count(await s.text('#results-count'));
    assert.strictEqual(narrowed, facetCount, `the facet promised ${facetCount}, the page has ${narrowed}`);
    const metas2 = await s.texts('.hit .meta');
    assert.ok(metas2.length > 0 && metas2.every((m) => m.includes('Rijeka')), `a hit from elsewhere: ${metas2.join(' | ')}`);

    t.step('narrowing further by a sector facet, then showing all of it again');
    const sector = page.locator('.facet').filter({ has: page.getByRole('heading', { name: 'Sector' }) }).locator('a').first();
    const sectorName = (await sector.innerText()).trim();
    await s.click(sector);
    assert.match(s.path, /sector=/);
    const current = page.locator('.facets a[aria-current]');
    assert.ok(await current.count() >= 1, 'the chosen facet value is marked as current');
    assert.strictEqual((await current.first().innerText()).trim(), sectorName);
    const sectors = await s.texts('.hit .sectors');
    assert.ok(sectors.every((x) => x.includes(sectorName)), `a hit without ${sectorName}: ${sectors.join(' | ')}`);
    await s.click(page.locator('.facets a', { hasText: 'Show all' }).first());
    assert.doesNotMatch(s.path, /sector=/);

    t.step('opening the first offer');
    const first = page.locator('.hit h2 a').first();
    const title = (await first.innerText()).trim();
    await s.click(first);
    assert.match(s.path, /^\/listings\/\d+$/);
    assert.strictEqual(await s.text('h1'), title);
    assert.ok((await s.text('.org-card')).length > 10, 'the organisation is named');
    assert.ok(await page.locator('.org-card a[href^="mailto:"]').count() === 1, 'a contact e-mail');
    const header = await s.text('header .region-badge');
    assert.match(header, /Rijeka/, 'the header names the region');
    assert.match(header, /2020/, 'the header gives the ECoC year');

    t.step("the region's page and its calls");
    await s.click(page.locator('header .region-badge a'));
    assert.strictEqual(s.path, '/r/rijeka');
    await s.click(page.locator('main a[href="/r/rijeka/calls"]').first());
    const openCalls = await page.locator('.hit').count();
    assert.ok(openCalls > 0, 'Rijeka has open calls');

    t.step('following the Atom feed link');
    const feedLink = page.locator('.feeds a[href$=".atom"]');
    assert.strictEqual(await feedLink.count(), 1, 'one Atom link');
    const head = await page.locator('link[rel=alternate][type="application/atom+xml"]').count();
    assert.strictEqual(head, 1, 'the page announces its feed in <head> too');
    const [resp] = await Promise.all([page.waitForNavigation(), feedLink.click()]);
    assert.strictEqual(resp.status(), 200, 'the feed answers');
    assert.match(resp.headers()['content-type'], /^application\/atom\+xml/);
    const xml = await resp.text();
    await page.goBack();
    const feed = await page.evaluate((src) => {
      const doc = new DOMParser().parseFromString(src, 'application/xml');
      if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror').textContent };
      const ns = 'http://www.w3.org/2005/Atom';
      const root = doc.documentElement;
      const entries = [...root.getElementsByTagNameNS(ns, 'entry')].map((e) => ({
        title: (e.getElementsByTagNameNS(ns, 'title')[0] || {}).textContent,
        id: (e.getElementsByTagNameNS(ns, 'id')[0] || {}).textContent,
        updated: (e.getElementsByTagNameNS(ns, 'updated')[0] || {}).textContent,
        link: (e.getElementsByTagNameNS(ns, 'link')[0] || { getAttribute: () => null }).getAttribute('href'),
      }));
      return { root: root.localName, ns: root.namespaceURI, title: (root.getElementsByTagNameNS(ns, 'title')[0] || {}).textContent, entries };
    }, xml);
    assert.ok(!feed.error, `the feed does not parse: ${feed.error}`);
    assert.strictEqual(feed.root, 'feed');
    assert.strictEqual(feed.ns, 'http://www.w3.org/2005/Atom');
    assert.match(feed.title, /Rijeka/);
    assert.strictEqual(feed.entries.length, openCalls, `${feed.entries.length} entries, ${openCalls} open calls on the page`);
    for (const e of feed.entries) {
      assert.ok(e.title && e.id && !Number.isNaN(Date.parse(e.updated)) && /\/calls\/\d+$/.test(e.link), `entry ${JSON.stringify(e)}`);
    }
    const ics = await page.locator('.feeds a[href$=".ics"]').getAttribute('href');
    const cal = await s.ctx.request.get(s.page.url().replace(/\/r\/.*/, '') + ics);
    assert.strictEqual(cal.status(), 200);
    assert.match(await cal.text(), /^BEGIN:VCALENDAR/);

    t.step('the visitor switches to Croatian and back');
    await s.goto('/r/rijeka/calls');
    const englishNav = await s.text('header nav');
    await s.switchLanguage('hr');
    assert.strictEqual(s.path, '/r/rijeka/calls', 'the language form brings one back to the same page');
    assert.notStrictEqual(await s.text('header nav'), englishNav, 'the header is translated');
    assert.notStrictEqual(await s.text('h1'), 'Calls for partners: Rijeka');
    await s.switchLanguage('en');
    assert.match(await s.text('h1'), /Calls for partners: Rijeka/);
  });
}

/* How the page's language writes a date, a time and a number (CLDR, as Node's ICU has it). */
const LOCALE = { en: 'en-GB', lt: 'lt', hr: 'hr', ro: 'ro', it: 'it', nl: 'nl', fy: 'fy' };
const norm = (x) => x.replace(/[\s\u00a0\u202f]+/g, ' ').trim().toLowerCase();

test('dates, times and amounts are written the way the page\'s language writes them', {}, async (t) => {
  const s = await session(t, global.BROWSER, { name: 'visitor/formats' });
  const page = s.page;
  // A call in Timișoara (lei) and one in Leeuwarden (euros), each with a budget.
  const calls = [];
  for (const region of ['timisoara', 'leeuwarden']) {
    await s.goto(`/r/${region}/calls`);
    const links = await page.locator('.hit h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of links) {
      await s.goto(href);
      const facts = await s.text('dl.facts');
      if (/Budget/.test(facts)) {
        const budget = await page.locator('dt', { hasText: 'Budget' }).locator('xpath=following-sibling::dd[1]').innerText();
        const amounts = (budget.match(/\d[\d,]*(\.\d+)?/g) || []).map((x) => Number(x.replace(/,/g, '')));
        const utc = await page.locator('time[datetime]').first().getAttribute('datetime');
        const tz = /\(([A-Za-z]+\/[A-Za-z_]+)\)/.exec(facts)[1];
        assert.ok(amounts.length >= 1, `amounts in "${budget}"`);
        calls.push({ href, amounts, utc, tz });
        break;
      }
    }
  }
  assert.strictEqual(calls.length, 2, 'a call with a budget in each of the two regions');
  for (const lang of ['en', 'lt', 'hr', 'ro', 'it', 'nl', 'fy']) {
    t.step(`in ${lang}`);
    await s.goto('/');
    if (lang !== 'en') await s.switchLanguage(lang);
    for (const c of calls) {
      await s.goto(c.href);
      const when = new Date(c.utc);
      assert.ok(!Number.isNaN(when.getTime()), `the deadline's datetime="${c.utc}" is a date`);
      const date = new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: c.tz }).format(when);
      const time = new Intl.DateTimeFormat(LOCALE[lang], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: c.tz }).format(when);
      const deadline = norm(await s.text('time[datetime]'));
      if (!deadline.includes(norm(date))) t.problem(`${lang} ${c.href}: the deadline reads "${deadline}", ${lang} writes "${date}"`);
      if (!deadline.includes(norm(time))) t.problem(`${lang} ${c.href}: the deadline reads "${deadline}", without the time ${time}`);
      const facts = norm(await s.text('dl.facts'));
      for (const n of c.amounts) {
        const written = new Intl.NumberFormat(LOCALE[lang], { useGrouping: 'always', maximumFractionDigits: 2 }).format(n);
        if (!facts.includes(norm(written))) t.problem(`${lang} ${c.href}: the amount ${n} is not written "${written}": ${facts.slice(0, 400)}`);
      }
    }
    if (lang !== 'en') await s.switchLanguage('en');
  }
});

test('journey: a visitor narrows offers by a language spoken (desktop)', {}, async (t) => {
  const s = await session(t, global.BROWSER, { name: 'visitor/language facet' });
  const page = s.page;
  await s.goto('/listings?q=design');
  const facet = page.locator('.facet').filter({ has: page.getByRole('heading', { name: 'Language spoken' }) });
  const frysk = facet.locator('a', { hasText: /^Frysk$/ });
  assert.strictEqual(await frysk.count(), 1, 'a language facet value "Frysk"');
  const promised = count(await frysk.locator('xpath=..').locator('.n').innerText());
  const href = await frysk.getAttribute('href');
  assert.match(href, /[?&]lang=fy\b/, `the facet link "Frysk" says which language: href="${href}"`);
  await s.click(frysk);
  assert.strictEqual(count(await s.text('#results-count')), promised, 'the page has what the facet promised');
  assert.strictEqual(await page.locator('.facets a[aria-current]', { hasText: 'Frysk' }).count(), 1, 'marked as chosen');
});

test('journey: switching language keeps the search one is in (desktop)', {}, async (t) => {
  const s = await session(t, global.BROWSER, { name: 'visitor/language in a search' });
  await s.goto('/listings?q=design&region=rijeka');
  const before = await s.text('#results-count');
  await s.switchLanguage('it');
  assert.strictEqual(s.path, '/listings?q=design&region=rijeka', `the language form brought the visitor to ${s.path}`);
  assert.strictEqual(count(await s.text('#results-count')), count(before), 'the same results');
});
