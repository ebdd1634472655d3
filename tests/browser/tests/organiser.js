'use strict';
/*
 * organiser.js — an organiser posts a call (after a refused first try), the region's
 * administrator opens it, the organiser sees the offers that match with their reasons, an SME
 * answers, the organiser shortlists and accepts the answer (the SME reads each decision in its
 * answer's history; the decision form shows what the SME was last told); switches language.
 * Desktop in Matera, phone in Leeuwarden-Fryslân.
 */

const assert = require('assert');
const { test } = require('../lib/tap');
const { session } = require('../lib/browser');
const { word, isoDate } = require('../lib/data');
const steps = require('../lib/steps');

const PLANS = [
  { phone: false, region: 'matera', regionName: 'Matera', lang: 'it', langs: 'it, en', sectors: ['design', 'crafts'] },
  { phone: true, region: 'leeuwarden', regionName: 'Leeuwarden-Fryslân', lang: 'fy', langs: 'nl, fy, en', sectors: ['design', 'crafts'] },
];

for (const plan of PLANS) {
  const size = plan.phone ? 'phone' : 'desktop';
  const who = `organiser@${plan.region}.example`;
  const admin = `admin@${plan.region}.example`;
  const smeWho = `sme@${plan.region}.example`;
  test(`journey: an organiser posts a call, sees its matches and why, shortlists and accepts an answer (${size}, ${plan.regionName})`,
    { uses: [who, admin, smeWho], timeout: 180000 }, async (t) => {
      const { phone, region } = plan;
      const org = await session(t, global.BROWSER, { phone, name: `${who}/${size}` });
      const page = org.page;
      await org.login(who);

      t.step('the dashboard leads to the call form');
      await org.click(page.locator('main a[href^="/calls/new"]').first());
      assert.match(org.path, /^\/calls\/new/);
      const title = `Stage design and props for the summer festival ${word('')}`;

      t.step('a call with only a title is refused: each missing field says so, next to it');
      const orgSelect = page.locator('#f-org_id');
      if (!(await orgSelect.inputValue())) await orgSelect.selectOption({ index: 1 });
      await page.locator('#f-title').fill(title);
      await page.locator('#f-budget_min').fill('5000');
      await page.locator('#f-budget_max').fill('12500');
      await org.click(page.locator('main form button[type=submit]'), { status: 422 });
      await steps.expectFieldErrors(org, ['f-summary', 'f-description', 'f-event_title', 'f-languages', 'f-deadline'],
        { 'f-title': title, 'f-budget_min': '5000', 'f-budget_max': '12500' });

      t.step('the complete call is sent for moderation');
      await page.locator('#f-summary').fill('We look for designers and makers to build the stage, props and signage of an open-air festival.');
      await page.locator('#f-description').fill('Ten evenings of music and theatre in the old town squares. We need a stage set that travels between three squares, props for two shows and signage in three languages.');
      await page.locator('#f-lang').selectOption('en');
      await page.locator('#f-event_title').fill('Summer in the squares');
      await page.locator('#f-event_start').fill(isoDate(120));
      await page.locator('#f-event_end').fill(isoDate(130));
      await page.locator('#f-venue').fill('The old town squares');
      for (const s of plan.sectors) await page.locator(`input[name=sectors][value="${s}"]`).check();
      await page.locator('#f-tags').fill('stage, props, signage');
      await page.locator('#f-languages').fill(plan.langs);
      await page.locator('#f-partners_sought').fill('2');
      await page.locator('#f-deadline').fill(`${isoDate(45)}T17:00`);
      await org.click(page.locator('main form button[type=submit]'));
      const m = /^\/calls\/(\d+)/.exec(org.path);
      assert.ok(m, `after sending the call: ${org.path}`);
      const callUrl = `/calls/${m[1]}`;
      assert.strictEqual(await org.text('h1'), title);
      assert.match(await org.text('.kicker .status'), /waiting for moderation/i);
      assert.match(await org.text('dl.facts'), /€5,000 – €12,500/, 'the budget as English writes it');

      t.step(`the administrator of ${plan.regionName} opens the call`);
      const adm = await session(t, global.BROWSER, { phone, name: `${admin}/${size}` });
      await adm.login(admin);
      await steps.openQueue(adm, region);
      await steps.decide(adm, title, 'approve');

      t.step('the call is open; its matches are listed with the reasons for each');
      await org.goto(callUrl);
      assert.match(await org.text('.kicker .status'), /open/i);
      const matchesLink = page.locator('.private a[href$="/matches"]');
      assert.strictEqual(await matchesLink.count(), 1, 'a link to the matches');
      await org.click(matchesLink);
      assert.strictEqual(org.path, `${callUrl}/matches`);
      assert.match(await org.text('h1'), new RegExp(title.split(' ').pop()));
      const matches = page.locator('ol.matches > li');
      assert.ok(await matches.count() >= 1, 'at least one offer fits');
      for (let i = 0; i < Math.min(await matches.count(), 5); i++) {
        const card = matches.nth(i);
        assert.match(await card.locator('.score').innerText(), /\d+\s*\/\s*100/, 'a score');
        const reasons = await card.locator('.reasons li').allInnerTexts();
        assert.ok(reasons.length >= 1 && reasons.every((r) => /\S.*[+-]\d+/.test(r)), `reasons with their points: ${reasons.join(' | ')}`);
      }
      await org.click(page.locator('main a[href="' + callUrl + '"]').first());

      t.step(`${smeWho} answers the call`);
      const sme = await session(t, global.BROWSER, { phone, name: `${smeWho}/${size}` });
      await sme.login(smeWho);
      await sme.goto(callUrl);
      await sme.page.locator('#f-listing_id').selectOption({ index: 1 });
      const offer = (await sme.page.locator('#f-listing_id option:checked').innerText()).trim();
      const pitch = `Our workshop builds touring stage sets; we can show you two. ${word('p')}`;
      await sme.page.locator('#f-message').fill(pitch);
      await sme.click(sme.page.locator('form[action$="/interests"] button[type=submit]'));
      const interestUrl = sme.path.replace(/\?.*/, '');
      assert.match(interestUrl, /^\/interests\/\d+$/);

      t.step('the organiser sees the answer on the call and shortlists it');
      await org.goto(callUrl);
      const answer = page.locator('ul.answers > li').filter({ hasText: offer });
      assert.strictEqual(await answer.count(), 1, `the answer with "${offer}" is listed`);
      assert.match(await answer.innerText(), new RegExp(pitch.split(' ').pop()));
      await org.click(answer.locator('h4 a'));
      assert.strictEqual(org.path, interestUrl);
      await page.locator('#f-response').fill('Thank you: we would like to meet you next week.');
      await org.click(page.locator('button[value=shortlist]'));
      assert.match(await org.text('dl.facts .status'), /shortlisted/i);

      t.step('the SME sees it shortlisted, with the organiser\'s words');
      await sme.goto(interestUrl);
      assert.match(await sme.text('dl.facts .status'), /shortlisted/i);
      assert.match(await sme.text('main'), /meet you next week/);
      const smeHistory = await sme.texts('ol.audit li');
      assert.ok(smeHistory.some((a) => /shortlisted/i.test(a) && /meet you next week/.test(a)), `the SME's history shows the decision: ${smeHistory.join(' | ')}`);

      t.step('the organiser accepts it');
      await org.goto(interestUrl);
      assert.strictEqual(await page.locator('#f-response').inputValue(), 'Thank you: we would like to meet you next week.',
        'the decision form shows what the SME was told');
      await page.locator('#f-response').fill('Welcome aboard: the contract follows by e-mail.');
      await org.click(page.locator('button[value=accept]'));
      assert.match(await org.text('dl.facts .status'), /accepted/i);
      const audit = await org.texts('ol.audit li');
      assert.ok(audit.some((a) => /shortlist/i.test(a)) && audit.some((a) => /accept/i.test(a)), `the history: ${audit.join(' | ')}`);

      t.step('the SME sees its answer accepted');
      await sme.goto(interestUrl);
      assert.match(await sme.text('dl.facts .status'), /accepted/i);
      assert.match(await sme.text('main'), /Welcome aboard/);

      t.step(`the organiser switches to ${plan.lang} and back`);
      await org.goto(callUrl);
      const before = await org.text('header nav');
      await org.switchLanguage(plan.lang);
      assert.strictEqual(org.path, callUrl);
      assert.notStrictEqual(await org.text('header nav'), before);
      await org.switchLanguage('en');
      assert.strictEqual(await org.text('header nav'), before);
    });
}
