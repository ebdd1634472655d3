'use strict';
/*
 * data.js — what the journeys type: valid business IDs that no demo organisation has (computed
 * from each country's check-digit rule, like the region plugins check them), unique words, dates.
 */

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const REPO = path.resolve(__dirname, '..', '..', '..');

/* Every business ID in the demo data, normalised to its digits. */
function demoBusinessIds() {
  const ids = new Set();
  const dir = path.join(REPO, 'deploy', 'demo');
  for (const f of fs.readdirSync(dir)) {
    if (!f.endsWith('.json')) continue;
    const d = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    for (const o of d.organisations || []) ids.add(String(o.business_id).replace(/\D/g, ''));
  }
  return ids;
}

function randomDigits(n) {
  let s = '';
  while (s.length < n) s += crypto.randomInt(0, 10);
  return s;
}

/* Croatian OIB: ten digits and an ISO 7064 MOD 11,10 check digit. */
function oibCheckDigit(ten) {
  let rem = 10;
  for (const ch of ten) {
    let sum = (Number(ch) + rem) % 10;
    if (sum === 0) sum = 10;
    rem = (sum * 2) % 11;
  }
  return (11 - rem) % 10;
}

function isOib(s) {
  return /^\d{11}$/.test(s) && oibCheckDigit(s.slice(0, 10)) === Number(s[10]);
}

/* Lithuanian company code: nine digits, weights 1…9 (then 3…9,1,2 when the first gives 10). */
function ltCheckDigit(body) {
  const sum = (first) => [...body].reduce((s, ch, i) => s + (((first - 1 + i) % 9) + 1) * Number(ch), 0) % 11;
  let r = sum(1);
  if (r === 10) r = sum(3);
  return r % 10;
}

function isLtCompanyCode(s) {
  return /^\d{9}$/.test(s) && !/^0+$/.test(s) && ltCheckDigit(s.slice(0, 8)) === Number(s[8]);
}

const used = demoBusinessIds();
const handedOut = new Set();

function fresh(make) {
  for (;;) {
    const id = make();
    if (!used.has(id) && !handedOut.has(id)) {
      handedOut.add(id);
      return id;
    }
  }
}

/* A valid business ID of `region` that no demo organisation has (and none handed out before). */
function businessId(region) {
  if (region === 'rijeka') {
    return fresh(() => {
      const ten = crypto.randomInt(1, 10) + randomDigits(9);
      return ten + oibCheckDigit(ten);
    });
  }
  if (region === 'kaunas') {
    return fresh(() => {
      const body = '30' + randomDigits(6); // legal entities' codes start with 1, 2 or 3
      return body + ltCheckDigit(body);
    });
  }
  throw new Error(`no business ID generator for ${region}`);
}

/* A word no page has yet: to find what a test made. */
function word(prefix = 'w') {
  return prefix + crypto.randomBytes(5).toString('hex');
}

/* YYYY-MM-DD, `days` from today. */
function isoDate(days) {
  const d = new Date(Date.now() + days * 86400000);
  return d.toISOString().slice(0, 10);
}

module.exports = { businessId, isOib, isLtCompanyCode, word, isoDate, demoBusinessIds, REPO };
