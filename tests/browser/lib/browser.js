'use strict';
/*
 * browser.js — Debian's Chromium driven by playwright-core, and a Session: one browser context
 * (one person) whose every page is checked as it arrives.
 *
 * Every page a Session lands on is checked for: console errors and uncaught errors, Content-
 * Security-Policy violations, failed requests and requests for a missing asset, style="" / <style>
 * / <script> in the markup, and its weight (the document and its non-image assets under 100 KB).
 * A phone Session (390×844) also checks the layout at every step: no horizontal scrolling, every
 * control at least 24×24 CSS pixels, inside the screen and not covered, and nothing the desktop
 * layout shows hidden on the phone (the same page measured at 1280×900 and at 390×844).
 */

const fs = require('fs');
const assert = require('assert');
const { chromium } = require('playwright-core');

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const BASE = (process.env.BROWSER_BASE_URL || '').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// The flags this closed network needs (.library machines/c.md "Known to work"); Playwright adds
// --headless and a new empty --user-data-dir itself.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-extensions', '--disable-default-apps', '--mute-audio', '--no-default-browser-check',
  '--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication',
];

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const MAX_PAGE_BYTES = 100 * 1024;
const PASSWORD = process.env.DEMO_PASSWORD || 'ecoc-demo-password';
const LANGUAGES = ['en', 'lt', 'hr', 'ro', 'it', 'nl', 'fy'];

// Rules whose every violation fails, whatever impact axe gives it: the brief names landmarks,
// the order of headings and target sizes explicitly.
const AXE_ALWAYS = new Set([
  'heading-order', 'landmark-one-main', 'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo', 'landmark-unique', 'landmark-complementary-is-top-level',
  'landmark-main-is-top-level', 'landmark-banner-is-top-level',
  'landmark-contentinfo-is-top-level', 'page-has-heading-one', 'region', 'target-size',
  'empty-heading', 'label-title-only',
]);

/* The heaviest page any Session saw (suite.js prints it). */
const heaviest = { bytes: 0, path: '' };

async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    timeout: 30000,
  });
}

function url(path) {
  return path.startsWith('http') ? path : BASE + path;
}

function pathOf(u) {
  try {
    const x = new URL(u);
    return x.pathname + x.search;
  } catch (e) {
    return u;
  }
}

/* In the page: what a phone must show and let one reach. */
function layoutProbe(withReach) {
  const doc = document.documentElement;
  const vw = doc.clientWidth;
  const out = { vw, overflow: doc.scrollWidth - vw, small: [], outside: [], covered: [], controls: [] };
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const name = (el) => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || el.name || el.id || '')
      .replace(/\s+/g, ' ').trim().slice(0, 60);
    return `${el.tagName.toLowerCase()}${el.type && el.tagName !== 'A' ? '[' + el.type + ']' : ''} "${text}"` +
      (el.getAttribute('href') ? ` → ${el.getAttribute('href')}` : '');
  };
  const shown = (el) => {
    if (el.closest('.skip')) return false; // shown on focus: the keyboard test covers it
    const closed = el.closest('details:not([open])');
    if (closed && !(el.tagName === 'SUMMARY' && el.parentElement === closed)) return false;
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true })) return false;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none') return false;
    const r = el.getBoundingClientRect();
    if (r.width < 2 && r.height < 2) return false; // not rendered, or visually hidden
    return true;
  };
  if (out.overflow > 0) {
    // The widest culprits: elements reaching past the right edge whose parent does not.
    out.wide = [...document.body.querySelectorAll('*')].filter((el) => {
      const r = el.getBoundingClientRect();
      const p = el.parentElement.getBoundingClientRect();
      return r.right > vw + 1 && p.right <= vw + 1;
    }).slice(0, 5).map((el) => `${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''} "${(el.innerText || '').slice(0, 40)}" ends at ${Math.round(el.getBoundingClientRect().right)}`);
  }
  const x0 = window.scrollX;
  const y0 = window.scrollY;
  for (const el of document.querySelectorAll(sel)) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    const n = name(el);
    out.controls.push(n);
    if (r.width < 23.99 || r.height < 23.99) out.small.push(`${n}: ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
    if (r.left < -1 || r.right > vw + 1) out.outside.push(`${n}: x ${r.left.toFixed(0)}…${r.right.toFixed(0)} of ${vw}`);
    if (withReach) {
      el.scrollIntoView({ block: 'center', inline: 'nearest' });
      const rect = el.getClientRects()[0] || el.getBoundingClientRect();
      const x = Math.min(Math.max(rect.left + rect.width / 2, 0), vw - 1);
      const y = rect.top + rect.height / 2;
      const hit = document.elementFromPoint(x, y);
      const ok = hit && (hit === el || el.contains(hit) ||
        (el.labels && [...el.labels].some((l) => l.contains(hit))));
      if (!ok) out.covered.push(`${n}: under ${hit ? hit.tagName.toLowerCase() + (hit.className ? '.' + hit.className : '') : 'nothing'}`);
    }
  }
  window.scrollTo(x0, y0);
  out.words = (document.body.innerText || '').split(/\s+/).filter(Boolean);
  return out;
}

class Session {
  /*
   * t: the test (tap.js); browser: from launch(); opts.phone: a 390×844 touch screen;
   * opts.name: who this is, in messages ("visitor", "admin@rijeka").
   */
  constructor(t, browser, opts = {}) {
    this.t = t;
    this.browser = browser;
    this.phone = !!opts.phone;
    this.who = opts.name || (this.phone ? 'phone' : 'desktop');
    this.events = [];
    this.responses = [];
    this.documents = new Set();
    this.assetBytes = new Map();
    this.checkLayout = opts.checkLayout !== undefined ? opts.checkLayout : this.phone;
    this.checkedPages = 0;
  }

  async open() {
    this.ctx = await this.browser.newContext({
      viewport: this.phone ? PHONE : DESKTOP,
      isMobile: this.phone,
      hasTouch: this.phone,
      deviceScaleFactor: 1,
      locale: 'en-GB',
      timezoneId: 'Europe/Berlin',
      acceptDownloads: false,
      serviceWorkers: 'block',
    });
    this.ctx.setDefaultTimeout(15000);
    this.ctx.setDefaultNavigationTimeout(20000);
    await this.ctx.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}` +
          (e.sample ? ` (“${e.sample}”)` : '') + (e.lineNumber ? ` at line ${e.lineNumber}` : ''));
      });
    });
    this.page = await this.ctx.newPage();
    const page = this.page;
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) {
        // A page answered with 404 or 422 on purpose: its status is checked where it is expected.
        const at = m.location() && m.location().url;
        if (/^Failed to load resource/.test(m.text()) && at && this.documents.has(at)) return;
        this.events.push(`console ${m.type()}: ${m.text().slice(0, 300)}${at ? ' (' + pathOf(at) + ')' : ''}`);
      }
    });
    page.on('pageerror', (e) => this.events.push(`uncaught error: ${e.message}`));
    page.on('requestfailed', (r) => {
      const f = r.failure();
      if (f && /ERR_ABORTED/.test(f.errorText)) return; // left behind by a navigation
      this.events.push(`request failed: ${r.method()} ${pathOf(r.url())}: ${f ? f.errorText : '?'}`);
    });
    page.on('response', (resp) => {
      const req = resp.request();
      if (req.frame() !== page.mainFrame()) return;
      this.responses.push(resp);
      if (req.resourceType() === 'document') this.documents.add(resp.url());
      if (req.resourceType() !== 'document' && resp.status() >= 400) {
        this.events.push(`missing asset: ${resp.status()} for ${req.resourceType()} ${pathOf(resp.url())}`);
      }
    });
    this.t.defer(() => this.close());
    return this;
  }

  async close() {
    if (this.ctx) {
      const c = this.ctx;
      this.ctx = null;
      await c.close().catch(() => {});
    }
  }

  get path() {
    return pathOf(this.page.url());
  }

  // --- navigation --------------------------------------------------------------------------

  /* Goes to `path`; expects `status` (200 unless told); checks the page. */
  async goto(path, { status = 200, label } = {}) {
    this.responses = [];
    const resp = await this.page.goto(url(path), { waitUntil: 'load' });
    assert.ok(resp, `no response for ${path}`);
    if (status !== null) {
      assert.strictEqual(resp.status(), status, `GET ${path}: status ${resp.status()}, expected ${status}`);
    }
    await this.check(label || path);
    return resp;
  }

  /* Runs `action` (a click, a key press) that leaves the page; waits for the next one to load. */
  async nav(action, { status = 200, label } = {}) {
    this.responses = [];
    const [resp] = await Promise.all([
      this.page.waitForNavigation({ waitUntil: 'load', timeout: 20000 }),
      action(),
    ]);
    if (status !== null && resp && resp.status() !== status) {
      const why = await this.page.evaluate(() => [...document.querySelectorAll('main .error, main [role=alert]')]
        .map((e) => `${e.id || e.className}: ${e.textContent.trim()}`).join('; ')).catch(() => '');
      assert.fail(`${label || 'navigation'} → ${this.path}: status ${resp.status()}, expected ${status}. ${why}`);
    }
    await this.check(label || this.path);
    return resp;
  }

  /* Clicks a button or link (a locator, or its accessible name) and waits for the next page. */
  async click(target, opts = {}) {
    const loc = typeof target === 'string'
      ? this.page.getByRole('button', { name: target, exact: true }).or(
        this.page.getByRole('link', { name: target, exact: true })).first()
      : target;
    return this.nav(() => loc.click(), opts);
  }

  // --- checks of every page -----------------------------------------------------------------

  async check(label) {
    const page = this.page;
    const where = `${this.who} ${label}`;
    const problems = this.events.splice(0);
    const dom = await page.evaluate(() => {
      const v = window.__csp || [];
      window.__csp = [];
      return {
        csp: v,
        styled: [...document.querySelectorAll('[style]')].map((e) => e.outerHTML.slice(0, 100)),
        styles: document.querySelectorAll('style').length,
        scripts: document.querySelectorAll('script').length,
        lang: document.documentElement.getAttribute('lang'),
        title: document.title,
        h1: document.querySelectorAll('h1').length,
        main: document.querySelectorAll('main').length,
      };
    });
    for (const c of dom.csp) problems.push(`Content-Security-Policy violation: ${c}`);
    for (const s of dom.styled) problems.push(`style attribute: ${s}`);
    if (dom.styles) problems.push(`${dom.styles} <style> element(s)`);
    if (dom.scripts) problems.push(`${dom.scripts} <script> element(s): the portal has no JavaScript`);
    if (!dom.lang) problems.push('<html> has no lang');
    if (!dom.title.trim()) problems.push('empty <title>');
    if (dom.h1 !== 1) problems.push(`${dom.h1} <h1> elements (expected exactly one)`);
    if (dom.main !== 1) problems.push(`${dom.main} <main> elements`);

    // Weight: the document as transferred, plus every non-image asset it uses (counted even
    // when the browser had it cached, so that no page gets lighter for coming second).
    let bytes = 0;
    for (const resp of this.responses) {
      const req = resp.request();
      const type = req.resourceType();
      if (type === 'image' || type === 'media' || type === 'font' && false) continue;
      let size = 0;
      try {
        const s = await req.sizes();
        size = s.responseBodySize + s.responseHeadersSize;
      } catch (e) {
        size = 0;
      }
      if (type === 'document') bytes += size;
      else if (size > 0) this.assetBytes.set(resp.url(), size);
    }
    const assets = await page.evaluate(() => [...document.querySelectorAll('link[rel=stylesheet][href]')].map((l) => l.href));
    for (const a of assets) bytes += this.assetBytes.get(a) || 0;
    this.lastWeight = bytes;
    if (bytes > heaviest.bytes) Object.assign(heaviest, { bytes, path: this.path });
    if (bytes > MAX_PAGE_BYTES) problems.push(`weighs ${(bytes / 1024).toFixed(1)} KB without images (limit 100 KB)`);

    if (this.checkLayout) problems.push(...await this.layoutProblems());
    for (const p of problems) this.t.problem(`${where}: ${p}`);
    this.checkedPages++;
    return problems;
  }

  /* The phone checks of the current page: measured at 390×844, compared with 1280×900. */
  async layoutProblems() {
    const page = this.page;
    const problems = [];
    const phoneView = this.phone ? PHONE : PHONE;
    await page.setViewportSize(DESKTOP);
    const desk = await page.evaluate(layoutProbe, false);
    await page.setViewportSize(phoneView);
    const ph = await page.evaluate(layoutProbe, true);
    if (!this.phone) await page.setViewportSize(DESKTOP);
    if (ph.overflow > 0) problems.push(`phone: scrolls sideways by ${ph.overflow}px: ${(ph.wide || []).join('; ')}`);
    for (const s of ph.small) problems.push(`phone: control smaller than 24×24: ${s}`);
    for (const s of ph.outside) problems.push(`phone: control outside the screen: ${s}`);
    for (const s of ph.covered) problems.push(`phone: control covered: ${s}`);
    const phoneControls = new Set(ph.controls);
    for (const c of new Set(desk.controls)) {
      if (!phoneControls.has(c)) problems.push(`phone hides a control the desktop shows: ${c}`);
    }
    const count = (ws) => ws.reduce((m, w) => m.set(w, (m.get(w) || 0) + 1), new Map());
    const dw = count(desk.words);
    const pw = count(ph.words);
    const lost = [...dw].filter(([w, n]) => (pw.get(w) || 0) < n).map(([w]) => w);
    if (lost.length) problems.push(`phone hides text the desktop shows: ${lost.slice(0, 12).join(' ')}`);
    return problems;
  }

  /* axe-core in the page; returns the violations that fail (serious, critical, or always). */
  async axe() {
    const page = this.page;
    const has = await page.evaluate(() => typeof window.axe === 'object');
    if (!has) await page.evaluate(`${AXE_SOURCE}\n;true`);
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 220)}`),
        count: v.nodes.length,
      }));
    });
    return result.filter((v) => v.impact === 'serious' || v.impact === 'critical' || AXE_ALWAYS.has(v.id));
  }

  // --- people ------------------------------------------------------------------------------

  async login(email, { password = PASSWORD, next } = {}) {
    await this.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
    await this.page.locator('main form input[type=email]').fill(email);
    await this.page.locator('main form input[type=password]').fill(password);
    await this.nav(() => this.page.locator('main form button[type=submit]').click(), { label: `log in as ${email}` });
    assert.ok(!/\/login/.test(this.path), `still on ${this.path} after logging in as ${email}`);
    return this;
  }

  async logout() {
    await this.nav(() => this.page.locator('form[action="/logout"] button').click(), { label: 'log out' });
  }

  /* Switches the page's language with the header's form; returns the <html lang>. */
  async switchLanguage(code) {
    await this.page.locator('#language-choice').selectOption(code);
    await this.nav(() => this.page.locator('form.language button[type=submit]').click(), { label: `language → ${code}` });
    const lang = await this.page.evaluate(() => document.documentElement.lang);
    assert.strictEqual(lang, code, `after choosing ${code} the page is in ${lang}`);
    return lang;
  }

  /* The text of the first element matching `selector` (trimmed, spaces collapsed). */
  async text(selector) {
    const t = await this.page.locator(selector).first().innerText();
    return t.replace(/\s+/g, ' ').trim();
  }

  async texts(selector) {
    return (await this.page.locator(selector).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }
}

async function session(t, browser, opts) {
  return new Session(t, browser, opts).open();
}

module.exports = {
  launch, session, Session, url, pathOf, BASE, DESKTOP, PHONE, PASSWORD, LANGUAGES, AXE_SOURCE,
  MAX_PAGE_BYTES, heaviest,
};
