#!/usr/bin/env node
'use strict';
/*
 * screenshots.js — `make screenshots`: every page type (lib/pages.js) at desktop (1280×900) and
 * phone (390×844) size, in English, into docs/screenshots/NAME-desktop.png and NAME-phone.png
 * (the page from its top, at most SHOT_MAX_HEIGHT (2000) CSS pixels of it).  Run by
 * tests/browser/run.sh screenshots, which starts the stack and sets BROWSER_BASE_URL.
 */

const fs = require('fs');
const path = require('path');
const browser = require('./lib/browser');
const { PUBLIC, ROLES, someIds, visit } = require('./lib/pages');
const { REPO } = require('./lib/data');

const OUT = process.env.SHOT_DIR || path.join(REPO, 'docs', 'screenshots');
const MAX_HEIGHT = Number(process.env.SHOT_MAX_HEIGHT || 2000);

async function shoot(s, name, problems) {
  for (const [size, viewport] of [['desktop', browser.DESKTOP], ['phone', browser.PHONE]]) {
    await s.page.setViewportSize(viewport);
    const height = await s.page.evaluate(() => document.documentElement.scrollHeight);
    const file = path.join(OUT, `${name}-${size}.png`);
    await s.page.screenshot({
      path: file, fullPage: true, animations: 'disabled', caret: 'hide',
      clip: { x: 0, y: 0, width: viewport.width, height: Math.min(height, MAX_HEIGHT) },
    });
    problems.written.push(path.relative(REPO, file));
  }
  await s.page.setViewportSize(browser.DESKTOP);
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const b = await browser.launch();
  const problems = { written: [], failed: [] };
  // A test-like object for Session: page problems are reported, not fatal, here.
  const t = { problems: [], step() {}, problem(p) { this.problems.push(p); }, defer() {} };
  const groups = [[null, PUBLIC], ...Object.entries(ROLES)];
  for (const [who, pages] of groups) {
    const s = await browser.session(t, b, { name: who || 'visitor' });
    try {
      await s.goto('/');
      if (who) await s.login(who);
      const ids = await someIds(s);
      for (const p of pages) {
        if (!p.shot) continue;
        try {
          await visit(s, p, ids);
          await shoot(s, p.shot, problems);
        } catch (e) {
          problems.failed.push(`${p.name}: ${String(e.message || e).split('\n')[0]}`);
        }
      }
    } finally {
      await s.close();
    }
  }
  await b.close();
  for (const f of problems.written) console.log(`# wrote ${f}`);
  for (const f of problems.failed) console.log(`not ok - screenshot of ${f}`);
  for (const p of t.problems) console.log(`# page problem: ${p}`);
  console.log(`# screenshots: ${problems.written.length} written, ${problems.failed.length} failed, into ${path.relative(REPO, OUT)}/`);
  return problems.failed.length ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  console.log(`not ok - screenshots: ${e && e.message}`);
  process.exit(1);
});
