#!/usr/bin/env node
'use strict';
/*
 * suite.js — the browser tests: every journey at desktop and phone size, the accessibility sweep
 * (axe-core on every page type, in every language, logged in and out), a journey done with the
 * keyboard alone.  Prints TAP lines and ends with "# browser: N passed, N failed".
 *
 *   BROWSER_BASE_URL=http://127.0.0.1:PORT node tests/browser/suite.js [SUBSTRING...]
 *
 * tests/browser/run.sh starts a throw-away stack and sets BROWSER_BASE_URL.  Settings:
 * BROWSER_CONCURRENCY (2) tests at once, BROWSER_BUDGET_S (420) seconds before the tests not yet
 * started are reported as not run.
 */

const tap = require('./lib/tap');
const browser = require('./lib/browser');

require('./tests/visitor');
require('./tests/sme');
require('./tests/organiser');
require('./tests/admin');
require('./tests/keyboard');
require('./tests/a11y');

async function main() {
  if (!browser.BASE) {
    console.error('suite.js: set BROWSER_BASE_URL (tests/browser/run.sh does)');
    process.exit(2);
  }
  const started = Date.now();
  const budget = Number(process.env.BROWSER_BUDGET_S || 420) * 1000;
  let b;
  try {
    b = await browser.launch();
  } catch (e) {
    tap.line(false, 'browser: Debian chromium starts headless through playwright-core', [String(e.message || e)]);
    return 1;
  }
  tap.line(true, `browser: Debian chromium ${b.version()} starts headless through playwright-core`);
  global.BROWSER = b;
  const { passed, failed } = await tap.run({
    concurrency: Number(process.env.BROWSER_CONCURRENCY || 2),
    deadline: started + budget,
    filters: process.argv.slice(2),
  });
  await Promise.race([b.close(), new Promise((r) => setTimeout(r, 10000))]);
  const h = browser.heaviest;
  if (h.bytes) console.log(`# the heaviest page without images: ${(h.bytes / 1024).toFixed(1)} KB (${h.path})`);
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`# browser: ${passed} passed, ${failed} failed in ${secs} s`);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  console.log(`not ok - browser suite: ${e && e.message}`);
  process.exit(1);
});
