'use strict';
/*
 * steps.js — steps that several journeys share: filling the registration and offer forms,
 * checking that validation errors sit next to their fields with the input kept, working one item
 * of a moderation queue.
 */

const assert = require('assert');
const { word } = require('./data');

/*
 * After a refused form: every field named in `invalid` (input ids) is marked invalid, its error
 * message sits inside the same .field right after the control and is tied to it by
 * aria-describedby; fields in `kept` ({id: value}) show what was typed.
 */
async function expectFieldErrors(s, invalid, kept) {
  const page = s.page;
  assert.ok(await page.locator('[role=alert]').count() >= 1, 'a summary of the problem at the top (role=alert)');
  const report = await page.evaluate(({ invalid, kept }) => {
    const out = { problems: [] };
    for (const id of invalid) {
      const el = document.getElementById(id);
      if (!el) { out.problems.push(`no field #${id}`); continue; }
      const field = el.closest('.field');
      const err = document.getElementById(`${id}-error`) || (field && field.querySelector('.error'));
      if (!err) { out.problems.push(`#${id}: no error message`); continue; }
      if (!field || !field.contains(err)) out.problems.push(`#${id}: its error is not next to it`);
      if (!err.textContent.trim()) out.problems.push(`#${id}: empty error message`);
      const group = el.type === 'checkbox' ? el.closest('fieldset') : el;
      if (el.type !== 'checkbox' && el.getAttribute('aria-invalid') !== 'true') out.problems.push(`#${id}: not aria-invalid`);
      const described = (group.getAttribute('aria-describedby') || '').split(/\s+/);
      if (!described.includes(err.id)) out.problems.push(`#${id}: aria-describedby does not name its error`);
      // The message is seen with the field: right below it, no more than a line away.
      const a = el.getBoundingClientRect();
      const b = err.getBoundingClientRect();
      if (el.type !== 'checkbox' && (b.top < a.top || b.top - a.bottom > 40)) out.problems.push(`#${id}: its error is ${Math.round(b.top - a.bottom)}px away`);
    }
    for (const [id, value] of Object.entries(kept)) {
      const el = document.getElementById(id);
      if (!el) { out.problems.push(`no field #${id}`); continue; }
      const v = el.type === 'checkbox' ? String(el.checked) : el.value;
      if (v !== value) out.problems.push(`#${id}: the input was not kept: "${v}" instead of "${value}"`);
    }
    out.invalidCount = document.querySelectorAll('[aria-invalid=true]').length;
    return out;
  }, { invalid, kept });
  assert.deepStrictEqual(report.problems, [], report.problems.join('; '));
  return report;
}

/* Registers through /register; first with a bad password and business ID (checks the errors),
   then right.  Returns { email, password, org }. */
async function register(t, s, { region, kind = 'sme', businessId, name }) {
  const page = s.page;
  const w = word('');
  const email = `browser-${w}@${region}.example`;
  const password = 'harbour lantern quietly ' + w;
  const org = `${name || 'Studio'} ${w}`;

  t.step('the header leads to the registration form');
  await s.goto('/');
  await s.click(page.locator('header nav a[href="/register"]'));
  assert.strictEqual(s.path, '/register');

  t.step('registering with a short password and a wrong business ID is refused, next to each field');
  await page.locator('#f-name').fill('Ana Browser');
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill('short');
  await page.locator('#f-organisation-kind').selectOption(kind);
  await page.locator('#f-organisation-name').fill(org);
  await page.locator('#f-organisation-region').selectOption(region);
  const wrongId = businessId.slice(0, -1) + ((Number(businessId.slice(-1)) + 1) % 10);
  await page.locator('#f-organisation-business_id').fill(wrongId);
  await page.locator('#f-organisation-city').fill('Old Town');
  await s.click(page.locator('main form button[type=submit]'), { status: 422 });
  await expectFieldErrors(s, ['f-password', 'f-organisation-business_id'], {
    'f-name': 'Ana Browser', 'f-email': email, 'f-organisation-kind': kind, 'f-organisation-name': org,
    'f-organisation-region': region, 'f-organisation-business_id': wrongId, 'f-organisation-city': 'Old Town',
  });

  t.step('registering with a good password and a valid business ID');
  await page.locator('#f-password').fill(password);
  await page.locator('#f-organisation-business_id').fill(businessId);
  await s.click(page.locator('main form button[type=submit]'));
  assert.match(s.path, /^\/dashboard\b/, `after registering: ${s.path}`);
  assert.ok(await page.locator('.notice[role=status]').count() === 1, 'a welcome notice');
  const orgCard = await s.text('main .cards .card');
  assert.ok(orgCard.includes(org), `the dashboard names the organisation: ${orgCard}`);
  return { email, password, org };
}

/* Fills the offer form (on /listings/new) and sends it; first with mistakes.  Returns
   { title, id, url }. */
async function createListing(t, s, { title, lang = 'en', languages = 'en', sectors = ['design'], mistakes = true }) {
  const page = s.page;
  assert.match(s.path, /^\/listings\/new/);
  const orgSelect = page.locator('#f-org_id');
  if (await orgSelect.count()) {
    const v = await orgSelect.inputValue();
    if (!v) await orgSelect.selectOption({ index: 1 });
  }
  await page.locator('#f-kind').selectOption('service');
  await page.locator('#f-title').fill(title);
  await page.locator('#f-description').fill('We plan, design and install exhibitions in old industrial halls, with our own carpenters and lighting.');
  await page.locator('#f-lang').selectOption(lang);
  for (const sec of sectors) await page.locator(`input[name=sectors][value="${sec}"]`).check();
  await page.locator('#f-contact_email').fill('studio@example.org');
  if (mistakes) {
    t.step('an offer without a summary, with an unknown language and a negative price is refused');
    await page.locator('#f-summary').fill('');
    await page.locator('#f-languages').fill('en, xx');
    await page.locator('#f-price').fill('-1');
    await s.click(page.locator('main form button[type=submit]'), { status: 422 });
    const ids = await page.evaluate((secs) => secs.map((v) => document.querySelector(`input[name=sectors][value="${v}"]`).id), sectors);
    const keptById = { 'f-title': title, 'f-languages': 'en, xx', 'f-price': '-1' };
    ids.forEach((id) => { keptById[id] = 'true'; });
    await expectFieldErrors(s, ['f-summary', 'f-languages', 'f-price'], keptById);
  }
  t.step('the offer, complete, is sent for moderation');
  await page.locator('#f-summary').fill('Exhibition design and installation for heritage spaces, from concept to opening night.');
  await page.locator('#f-languages').fill(languages);
  await page.locator('#f-price').fill('1250.50');
  await page.locator('#f-price_basis').selectOption({ index: 1 });
  await s.click(page.locator('main form button[type=submit]'));
  const m = /^\/listings\/(\d+)/.exec(s.path);
  assert.ok(m, `after sending the offer: ${s.path}`);
  assert.strictEqual(await s.text('h1'), title);
  return { title, id: m[1], url: `/listings/${m[1]}` };
}

/* In the admin's session: the queue of `region` from the header's Moderation link. */
async function openQueue(s, region) {
  const page = s.page;
  await s.click(page.locator('header nav a[href="/moderation"]'));
  await s.click(page.locator(`main a[href="/r/${region}/moderation"]`));
  assert.strictEqual(s.path, `/r/${region}/moderation`);
}

/* The queue's card of the item titled `title`. */
function queueItem(s, title) {
  return s.page.locator('ol.queue > li').filter({ has: s.page.getByRole('link', { name: title, exact: true }) });
}

/* Decides on the queue's item titled `title`; returns after the next page has loaded. */
async function decide(s, title, action, reason, opts = {}) {
  const item = queueItem(s, title);
  assert.strictEqual(await item.count(), 1, `"${title}" is in the queue once`);
  if (reason !== undefined) await item.locator('textarea[name=reason]').fill(reason);
  await s.click(item.locator(`button[value=${action}]`), opts);
}

module.exports = { expectFieldErrors, register, createListing, openQueue, queueItem, decide };
