'use strict';
/*
 * admin.js — a region's administrator starts from the dashboard (the region's queue and what
 * waits in it), works the moderation queue: approves one offer, asks for changes to another
 * (first without a reason: refused, back in the queue, next to that offer's reason field),
 * rejects a third, deciding from each item's summary; sees the history of each; the SME sees the
 * outcome and the reasons.  Switches language.  Desktop and phone, in Timișoara; the three
 * offers are made through the JSON API as sme@timisoara.
 */

const assert = require('assert');
const { test } = require('../lib/tap');
const { session, PASSWORD } = require('../lib/browser');
const { word, isoDate } = require('../lib/data');
const steps = require('../lib/steps');

const REGION = 'timisoara';
const ADMIN = `admin@${REGION}.example`;
const SME = `sme@${REGION}.example`;

/* Three offers waiting for moderation, made through the API in the SME's own browser context. */
async function threeOffers(sme) {
  const req = sme.ctx.request;
  const base = new URL(sme.page.url()).origin;
  const login = await req.post(`${base}/api/v1/session`, { data: { email: SME, password: PASSWORD } });
  assert.strictEqual(login.status(), 200, `API login: ${await login.text()}`);
  const csrf = (await login.json()).csrf_token;
  const me = await (await req.get(`${base}/api/v1/me`)).json();
  const org = me.organisations.find((o) => o.kind === 'sme');
  const w = word('');
  const offers = [];
  for (const [i, what] of ['Lantern workshop', 'Light projection', 'Paper lamps'].entries()) {
    const title = `${what} ${w} ${'ABC'[i]}`;
    const r = await req.post(`${base}/api/v1/listings`, {
      headers: { 'X-CSRF-Token': csrf, Accept: 'application/json' },
      data: {
        org_id: org.id, kind: 'service', lang: 'en', title,
        summary: 'Hands-on light workshops for families and schools during festivals.',
        description: 'We bring the materials and two facilitators; groups of up to 25 build lanterns in two hours.',
        sectors: ['cultural-education', 'crafts'], tags: ['lanterns', w], languages: ['ro', 'en'],
        price: '450', price_basis: 'day', available_from: isoDate(30), available_until: isoDate(300),
        contact_email: 'lumina@example.org',
      },
    });
    assert.strictEqual(r.status(), 201, `creating "${title}": ${await r.text()}`);
    offers.push({ title, url: `/listings/${(await r.json()).id}` });
  }
  return offers;
}

for (const phone of [false, true]) {
  const size = phone ? 'phone' : 'desktop';
  test(`journey: a region admin approves, asks for changes, rejects, and reads the audit trail (${size}, Timișoara)`,
    { uses: [ADMIN, SME], timeout: 150000 }, async (t) => {
      const sme = await session(t, global.BROWSER, { phone, name: `${SME}/${size}` });
      await sme.goto('/');
      t.step('three offers wait for moderation');
      const [a, b, c] = await threeOffers(sme);

      const adm = await session(t, global.BROWSER, { phone, name: `${ADMIN}/${size}` });
      const page = adm.page;
      await adm.login(ADMIN);

      t.step("the dashboard shows the region's queue, with what waits in it");
      await adm.goto('/dashboard');
      const queues = page.locator('section[aria-labelledby=moderation-heading] .card');
      assert.strictEqual(await queues.count(), 1, 'one region administered');
      assert.match(await queues.first().innerText(), /Timișoara[\s\S]*Offers waiting: [1-9]\d*[\s\S]*Calls waiting: \d+/);
      assert.strictEqual(await page.locator('main').getByText('You do not belong to any organisation').count(), 0,
        'no "no organisation" message for an admin');
      await adm.click(queues.first().locator(`h3 a[href="/r/${REGION}/moderation"]`));
      assert.strictEqual(adm.path, `/r/${REGION}/moderation`);

      t.step("the header's Moderation link leads to the region's queue, with the number waiting");
      await adm.click(page.locator('header nav a[href="/moderation"]'));
      const card = page.locator('main .cards .card', { has: page.locator(`a[href="/r/${REGION}/moderation"]`) });
      assert.match(await card.innerText(), /\d+ waiting/);
      await adm.click(card.locator('a'));
      assert.match(await adm.text('header .region-badge'), /Timișoara.*2023/, "the header names the region and its ECoC year");
      const waiting = Number(/(\d+)/.exec(await adm.text('main > p[role=status]'))[1]);
      for (const o of [a, b, c]) {
        const item = steps.queueItem(adm, o.title);
        assert.strictEqual(await item.count(), 1, `"${o.title}" waits in the queue`);
        assert.match(await item.locator('.kicker').innerText(), /offer/i);
        assert.match(await item.locator('.summary').innerText(), /Hands-on light workshops/, 'the summary to decide from');
      }

      t.step('approving the first');
      await steps.decide(adm, a.title, 'approve');
      assert.strictEqual(adm.path, `/r/${REGION}/moderation`, 'back to the queue');
      assert.strictEqual(await steps.queueItem(adm, a.title).count(), 0);
      assert.match(await adm.text('main > p[role=status]'), new RegExp(`${waiting - 1}`));

      t.step('asking for changes without a reason is refused: back in the queue, next to that offer\'s reason');
      await steps.decide(adm, b.title, 'request_changes', '', { status: 422 });
      assert.match(await adm.text('h1'), /Moderation queue/, 'back in the queue');
      const reasonField = steps.queueItem(adm, b.title).locator('textarea[name=reason]');
      const reasonId = await reasonField.getAttribute('id');
      const report = await steps.expectFieldErrors(adm, [reasonId], {});
      assert.strictEqual(report.invalidCount, 1, 'only that offer\'s reason is marked');
      await page.locator(`main [role=alert] a[href="#${reasonId}"]`).click();
      assert.strictEqual(await page.evaluate(() => location.hash.slice(1)), reasonId, 'the message at the top leads to the field');

      t.step('asking for changes with a reason');
      const why = `Please add photos of past workshops and the group size. ${word('why')}`;
      await steps.decide(adm, b.title, 'request_changes', why);
      assert.strictEqual(adm.path, `/r/${REGION}/moderation`, 'back to the queue');
      assert.strictEqual(await steps.queueItem(adm, b.title).count(), 0, 'it leaves the queue');

      t.step('rejecting the third, with a reason');
      const no = `Workshops with open flames are not allowed in the venues. ${word('no')}`;
      await steps.decide(adm, c.title, 'reject', no);
      assert.strictEqual(await steps.queueItem(adm, c.title).count(), 0);

      t.step('the audit trail of each');
      await adm.goto(b.url);
      let audit = await adm.texts('ol.audit li');
      assert.ok(audit.some((x) => x.includes(why) && /Timi/.test(x)), `the changes asked for, by whom, why: ${audit.join(' | ')}`);
      assert.ok(audit.every((x) => /\d{4}/.test(x)), 'every entry is dated');
      await adm.goto(a.url);
      audit = await adm.texts('ol.audit li');
      assert.ok(audit.some((x) => /approv|published/i.test(x)), `the approval: ${audit.join(' | ')}`);
      await adm.goto(c.url);
      audit = await adm.texts('ol.audit li');
      assert.ok(audit.some((x) => x.includes(no)), `the rejection and its reason: ${audit.join(' | ')}`);

      t.step('the SME sees each outcome and the reasons on its dashboard');
      await sme.goto('/dashboard'); // logged in through the API, in the same browser
      const row = (o) => sme.page.locator('section[aria-labelledby=listings-heading] ul.plain > li', { hasText: o.title });
      assert.match(await row(a).innerText(), /published/i);
      assert.match(await row(b).innerText(), /changes requested/i);
      assert.ok((await row(b).innerText()).includes(why), 'the reason for changes');
      assert.match(await row(c).innerText(), /rejected/i);
      assert.ok((await row(c).innerText()).includes(no), 'the reason for the rejection');

      t.step('the admin switches to Romanian and back');
      await adm.goto(`/r/${REGION}/moderation`);
      const before = await adm.text('h1');
      await adm.switchLanguage('ro');
      assert.strictEqual(adm.path, `/r/${REGION}/moderation`);
      assert.notStrictEqual(await adm.text('h1'), before, 'the heading is translated');
      await adm.switchLanguage('en');
      assert.strictEqual(await adm.text('h1'), before);
    });
}
