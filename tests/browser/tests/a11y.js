'use strict';
/*
 * a11y.js — axe-core on every page type, in every language of the portal, logged out and logged
 * in (as an SME, an organiser, a region's administrator and the super administrator): no serious
 * or critical violation, and none of the rules the brief names (landmarks, heading order, target
 * size).  Every page is also given the clean-page checks of every Session and the phone layout
 * checks (390×844 against 1280×900), since a longer language is what breaks a layout.  One TAP
 * line per page type and language.
 */

const { test } = require('../lib/tap');
const { session, LANGUAGES, PASSWORD } = require('../lib/browser');

const { PUBLIC, ROLES, someIds, visit } = require('../lib/pages');

async function sweep(t, s, pages, lang, who) {
  const ids = await someIds(s);
  for (const p of pages) {
    const label = `axe: ${p.name} [${lang}, ${who}]`;
    const before = t.problems.length;
    const problems = [];
    try {
      t.step(label);
      await visit(s, p, ids);
      const lang2 = await s.page.evaluate(() => document.documentElement.lang);
      if (lang2 !== lang) problems.push(`the page is in "${lang2}", not "${lang}"`);
      for (const v of await s.axe()) {
        problems.push(`${v.id} (${v.impact}, ${v.count}×): ${v.help}`);
        for (const n of v.nodes) problems.push(`    ${n}`);
      }
    } catch (e) {
      problems.push(String(e.message || e).split('\n')[0]);
    }
    // The page checks (clean page, phone layout) of this page belong to its own line.
    problems.push(...t.problems.splice(before));
    t.report(label, problems);
  }
}

for (const lang of LANGUAGES) {
  test(`accessibility sweep, logged out [${lang}]`, { timeout: 240000 }, async (t) => {
    const s = await session(t, global.BROWSER, { name: `visitor/${lang}`, checkLayout: true });
    await s.goto('/');
    if (lang !== 'en') await s.switchLanguage(lang);
    await sweep(t, s, PUBLIC, lang, 'logged out');
  });
}

for (const [who, pages] of Object.entries(ROLES)) {
  for (const lang of LANGUAGES) {
    test(`accessibility sweep, ${who} [${lang}]`, { uses: [who], timeout: 240000 }, async (t) => {
      const s = await session(t, global.BROWSER, { name: `${who}/${lang}`, checkLayout: true });
      await s.login(who, { password: PASSWORD });
      if (lang !== 'en') {
        await s.switchLanguage(lang);
        t.defer(async () => {
          await s.goto('/dashboard').catch(() => {});
          await s.switchLanguage('en');
        });
      }
      await sweep(t, s, pages, lang, who.replace(/@.*/, ''));
    });
  }
}
