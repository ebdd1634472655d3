'use strict';
/*
 * sme.js — an SME registers (a valid business ID of its region), publishes an offer, sees it
 * waiting, sees it public once the region's administrator has approved it (in a second browser
 * context), answers an open call (the call page first says what to do, then lists the answer
 * with its state) and exchanges messages with the organiser (a third context); the empty
 * dashboard says what to do next; switches language.  Desktop in Rijeka, phone in Kaunas.
 */

const assert = require('assert');
const { test } = require('../lib/tap');
const { session } = require('../lib/browser');
const { businessId, word } = require('../lib/data');
const steps = require('../lib/steps');

const PLANS = [
  { phone: false, region: 'rijeka', regionName: 'Rijeka', lang: 'hr', langs: 'hr, en' },
  { phone: true, region: 'kaunas', regionName: 'Kaunas', lang: 'lt', langs: 'lt, en' },
];

for (const plan of PLANS) {
  const size = plan.phone ? 'phone' : 'desktop';
  const admin = `admin@${plan.region}.example`;
  const organiser = `organiser@${plan.region}.example`;
  test(`journey: an SME registers, publishes an offer, gets it approved, answers a call, talks with the organiser (${size}, ${plan.regionName})`,
    { uses: [admin, organiser], timeout: 180000 }, async (t) => {
      const { phone, region } = plan;
      const sme = await session(t, global.BROWSER, { phone, name: `new SME/${size}` });
      const page = sme.page;

      const bid = businessId(region);
      t.step(`registering with business ID ${bid}`);
      await steps.register(t, sme, { region, businessId: bid, name: 'Atelier' });

      t.step('the empty dashboard says what to do next');
      const empty = page.locator('section[aria-labelledby=listings-heading] .empty');
      assert.strictEqual(await empty.count(), 2, 'an empty state for offers, one for answers to calls');
      assert.strictEqual(await empty.first().locator('a[href^="/listings/new"]').count(), 1, `the offers' leads to the offer form: ${await empty.first().innerText()}`);
      assert.match(await empty.nth(1).innerText(), /not answered a call/i, 'the answers\' says there are none yet');
      assert.strictEqual(await empty.nth(1).locator('a[href^="/calls"]').count(), 1, 'and leads to the open calls');

      t.step('the dashboard leads to the offer form');
      await sme.click(page.locator('main a[href^="/listings/new"]').first());
      const title = `Exhibition design ${word('')}`;
      const listing = await steps.createListing(t, sme, { title, lang: 'en', languages: plan.langs, sectors: ['design', 'heritage'] });

      t.step('the new offer is waiting for moderation, and only its owner sees it');
      assert.ok(await page.locator('.notice[role=status]').count() === 1, 'a "saved" notice');
      assert.match(await sme.text('.private .status'), /waiting for moderation/i);
      assert.match(await sme.text('dl.facts'), /1,250\.50/, 'the price as English writes it');
      const visitor = await session(t, global.BROWSER, { phone, name: `visitor/${size}` });
      await visitor.goto(listing.url, { status: 404 });
      assert.ok((await visitor.text('main')).length > 10, 'the 404 page says something');
      await sme.click(page.locator('header nav a[href="/dashboard"]'));
      const mine = page.locator('section[aria-labelledby=listings-heading] ul.plain > li', { hasText: title });
      assert.match(await mine.innerText(), /waiting for moderation/i, 'the dashboard shows it waiting');

      t.step(`the administrator of ${plan.regionName} approves it, in a second browser`);
      const adm = await session(t, global.BROWSER, { phone, name: `${admin}/${size}` });
      await adm.login(admin);
      await steps.openQueue(adm, region);
      await steps.decide(adm, title, 'approve');
      assert.strictEqual(await steps.queueItem(adm, title).count(), 0, 'approved, it leaves the queue');

      t.step('the SME sees it published, and so does everybody');
      await sme.goto(listing.url);
      assert.match(await sme.text('.private .status'), /published/i);
      const audit = await sme.texts('ol.audit li');
      assert.ok(audit.some((a) => /approv/i.test(a)), `the history shows the approval: ${audit.join(' | ')}`);
      await visitor.goto(`/r/${region}/listings?q=${encodeURIComponent(title.split(' ').pop())}`);
      assert.strictEqual(await visitor.page.locator('.hit h2 a', { hasText: title }).count(), 1, 'found by a visitor');
      await visitor.click(visitor.page.locator('.hit h2 a', { hasText: title }));
      assert.strictEqual(await visitor.text('h1'), title);

      t.step(`the organiser's open call (${organiser})`);
      const org = await session(t, global.BROWSER, { phone, name: `${organiser}/${size}` });
      await org.login(organiser);
      const openCall = org.page.locator('main li').filter({ has: org.page.locator('.status-open') }).locator('a').first();
      const callTitle = (await openCall.innerText()).trim();
      const callUrl = await openCall.getAttribute('href');

      t.step('the SME answers that call with its new offer');
      await sme.goto('/calls');
      await sme.goto(callUrl);
      assert.strictEqual(await sme.text('h1'), callTitle);
      assert.match(await sme.text('section.answer .empty'), /not answered this call yet/i, 'the call page says what to do');
      await page.locator('#f-listing_id').selectOption({ label: title });
      await sme.click(page.locator('form[action$="/interests"] button[type=submit]'), { status: 422 }).catch(async (e) => {
        throw new Error(`an answer without a message: ${e.message}`);
      });
      await steps.expectFieldErrors(sme, ['f-message'], {});
      await page.locator('#f-listing_id').selectOption({ label: title });
      const pitch = `We have built three exhibitions in old halls like yours. ${word('pitch')}`;
      await page.locator('#f-message').fill(pitch);
      await sme.click(page.locator('form[action$="/interests"] button[type=submit]'));
      assert.match(sme.path, /^\/interests\/\d+\b/, `after answering: ${sme.path}`);
      assert.ok(await page.locator('.notice[role=status]').count() === 1, 'a "sent" notice');
      const interestUrl = sme.path.replace(/\?.*/, '');
      assert.match(await sme.text('dl.facts .status'), /sent/i);
      assert.strictEqual(await sme.text('blockquote.message'), pitch);
      await sme.goto(callUrl);
      const mineOnCall = page.locator('section.answer li', { hasText: title });
      assert.match(await mineOnCall.locator('.status.status-submitted').innerText(), /sent/i, 'the call page lists the answer with its state');
      await sme.goto(interestUrl);

      t.step('the SME writes to the organiser');
      const question = `Could we visit the hall next week? ${word('q')}`;
      await page.locator('#f-body').fill(question);
      await sme.click(page.locator('form[action$="/messages"] button[type=submit]'));
      assert.ok((await sme.texts('ol.thread li')).some((m) => m.includes(question)), 'the message is in the thread');

      t.step('the organiser finds the answer in the inbox and replies');
      await org.goto('/dashboard');
      assert.ok(await org.page.locator('header nav .count').count() === 1, 'the header counts unread notifications');
      await org.click(org.page.locator('header nav a[href="/inbox"]'));
      const note = org.page.locator('ol.inbox li.unread a').first();
      assert.ok(await note.count() === 1, 'an unread notification');
      await org.goto(interestUrl);
      assert.strictEqual(await org.text('blockquote.message'), pitch);
      assert.ok((await org.texts('ol.thread li')).some((m) => m.includes(question)), "the organiser reads the SME's message");
      const reply = `Yes: Tuesday at ten, at the main gate. ${word('r')}`;
      await org.page.locator('#f-body').fill(reply);
      await org.click(org.page.locator('form[action$="/messages"] button[type=submit]'));

      t.step('the SME reads the reply');
      await sme.goto('/inbox');
      assert.ok(await page.locator('ol.inbox li').count() >= 1, 'the reply is in the inbox');
      await sme.goto(interestUrl);
      const thread = await sme.texts('ol.thread li');
      assert.ok(thread.some((m) => m.includes(reply)), `the reply is in the thread: ${thread.join(' | ')}`);
      assert.ok(thread.findIndex((m) => m.includes(question)) < thread.findIndex((m) => m.includes(reply)), 'in order');

      t.step(`the SME switches to ${plan.lang} and back`);
      const before = await sme.text('header nav');
      await sme.switchLanguage(plan.lang);
      assert.strictEqual(sme.path, interestUrl, 'the same page');
      assert.notStrictEqual(await sme.text('header nav'), before, 'the header is translated');
      assert.ok(thread.length === (await sme.texts('ol.thread li')).length, 'the thread is all there');
      await sme.switchLanguage('en');
      assert.strictEqual(await sme.text('header nav'), before);
    });
}
