'use strict';
/*
 * keyboard.js — one journey with the keyboard alone: skip to the content, register, log out, log
 * in, publish an offer.  Only Tab, Shift+Tab, Enter, Space and typing; every element that gets
 * the focus must show it (an outline of at least 2 px) and be on the screen.
 */

const assert = require('assert');
const { test } = require('../lib/tap');
const { session } = require('../lib/browser');
const { businessId, word } = require('../lib/data');

function focusState() {
  const el = document.activeElement;
  if (!el || el === document.body) return { none: true };
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const text = (el.innerText || el.value || el.name || '').replace(/\s+/g, ' ').trim().slice(0, 40);
  return {
    what: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text}"`,
    visible: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none',
    onScreen: r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth && r.width > 0,
  };
}

class Keyboard {
  constructor(t, s) {
    this.t = t;
    this.s = s;
    this.page = s.page;
    this.seen = new Set();
  }

  async checkFocus() {
    const f = await this.page.evaluate(focusState);
    if (f.none) return f;
    if (!this.seen.has(f.what)) {
      this.seen.add(f.what);
      if (!f.visible) this.t.problem(`keyboard: the focus is invisible on ${f.what} (${this.s.path})`);
      if (!f.onScreen) this.t.problem(`keyboard: the focused ${f.what} is off the screen (${this.s.path})`);
    }
    return f;
  }

  /* Presses Tab (or Shift+Tab) until the focused element matches `selector`. */
  async tabTo(selector, { back = false, max = 60 } = {}) {
    for (let i = 0; i < max; i++) {
      await this.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      await this.checkFocus();
      if (await this.page.evaluate((sel) => document.activeElement && document.activeElement.matches(sel), selector)) return;
    }
    throw new Error(`${max} presses of ${back ? 'Shift+Tab' : 'Tab'} never reached ${selector} on ${this.s.path}`);
  }

  async type(selector, text) {
    await this.tabTo(selector);
    await this.page.keyboard.type(text);
  }

  /* A <select> takes the option whose label starts with the letters typed. */
  async choose(selector, label) {
    await this.tabTo(selector);
    await this.page.keyboard.type(label);
    const got = await this.page.evaluate((sel) => document.querySelector(sel).selectedOptions[0].textContent.trim(), selector);
    assert.ok(got.startsWith(label), `typing "${label}" in ${selector} chose "${got}"`);
  }

  async check(selector) {
    await this.tabTo(selector);
    await this.page.keyboard.press('Space');
    assert.ok(await this.page.evaluate((sel) => document.querySelector(sel).checked, selector), `Space checks ${selector}`);
  }

  /* Enter on the focused element (a link or a button), then the next page. */
  async enter(opts) {
    return this.s.nav(() => this.page.keyboard.press('Enter'), opts);
  }
}

test('keyboard only: skip link, register, log out, log in, publish an offer (desktop)', { timeout: 120000 }, async (t) => {
  const s = await session(t, global.BROWSER, { name: 'keyboard' });
  const page = s.page;
  const kb = new Keyboard(t, s);
  const positive = async () => page.evaluate(() => document.querySelectorAll('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').length);

  t.step('the first Tab shows the skip link, Enter goes to the content');
  await s.goto('/');
  await page.keyboard.press('Tab');
  const skip = await kb.checkFocus();
  assert.match(skip.what, /^a/, `the first Tab reaches ${skip.what}`);
  assert.ok(skip.onScreen, 'the skip link appears when focused');
  assert.strictEqual(await page.evaluate(() => document.activeElement.getAttribute('href')), '#main');
  await page.keyboard.press('Enter');
  assert.match(page.url(), /#main$/);
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => !!document.activeElement.closest('main'));
  assert.ok(inMain, 'after the skip link, Tab goes on inside the content');

  t.step('to the registration form from the header');
  await kb.tabTo('header a[href="/register"]', { back: true });
  await kb.enter();
  assert.strictEqual(s.path, '/register');
  assert.strictEqual(await positive(), 0, 'no positive tabindex');

  t.step('registering with the keyboard');
  const w = word('');
  const email = `keyboard-${w}@rijeka.example`;
  const password = `quiet harbour lamps ${w}`;
  await kb.type('#f-name', 'Kim Keyboard');
  await kb.type('#f-email', email);
  await kb.type('#f-password', password);
  await kb.choose('#f-organisation-kind', 'Cultural');
  await kb.type('#f-organisation-name', `Keys Studio ${w}`);
  await kb.choose('#f-organisation-region', 'Rijeka');
  await kb.type('#f-organisation-business_id', businessId('rijeka'));
  await kb.type('#f-organisation-city', 'Rijeka');
  await kb.tabTo('main form button[type=submit]');
  await kb.enter();
  assert.match(s.path, /^\/dashboard/);

  t.step('logging out with the keyboard');
  await kb.tabTo('header form[action="/logout"] button', { back: true });
  await kb.enter();
  assert.ok(await page.locator('header a[href="/login"]').count() === 1, 'logged out');

  t.step('logging in with the keyboard');
  await kb.tabTo('header a[href="/login"]');
  await kb.enter();
  await kb.type('main form input[type=email]', email);
  await kb.type('main form input[type=password]', password);
  await kb.enter(); // Enter in a field sends its form
  assert.match(s.path, /^\/dashboard/);

  t.step('publishing an offer with the keyboard');
  await kb.tabTo('main a[href^="/listings/new"]');
  await kb.enter();
  assert.match(s.path, /^\/listings\/new/);
  const title = `Sound design by keyboard ${w}`;
  await kb.choose('#f-kind', 'Service');
  await kb.type('#f-title', title);
  await kb.type('#f-summary', 'Sound design and field recordings for exhibitions and theatre.');
  await kb.type('#f-description', 'We record the sounds of your place and compose for your rooms.');
  await kb.choose('#f-lang', 'English');
  await kb.check('input[name=sectors][value=music]');
  await kb.type('#f-languages', 'hr, en');
  await kb.type('#f-price', '300');
  await kb.choose('#f-price_basis', 'Per day');
  await kb.type('#f-contact_email', `hello-${w}@example.org`);
  await kb.tabTo('main form button[type=submit]');
  await kb.enter();
  assert.match(s.path, /^\/listings\/\d+/);
  assert.strictEqual(await s.text('h1'), title);
  assert.match(await s.text('.private .status'), /waiting for moderation/i);
  t.step(`${kb.seen.size} focus stops checked`);
});
