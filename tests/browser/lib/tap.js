'use strict';
/*
 * tap.js — a tiny test runner that prints TAP lines ("ok - name" / "not ok - name" followed by
 * "#" detail lines), the way tests/run-all.sh counts them.
 *
 *   test(name, { uses: ['admin@rijeka.example'], timeout: 120000 }, async (t) => { … })
 *   await run({ concurrency: 2, deadline: Date.now() + 420000, filters: ['journey'] })
 *
 * Tests run at most `concurrency` at a time, and never two at once that name a common resource
 * in `uses` (a demo account whose language one of them switches, say).  Each has its own time
 * limit; once the run's deadline has passed, the tests not yet started are reported as failed
 * ("not started: out of time") rather than left out.
 *
 * Inside a test:
 *   t.step(text)            what the test is doing now (shown when it fails)
 *   t.problem(text)         a soft failure: the test goes on, and fails at the end
 *   t.report(name, probs)   one more TAP line of its own (a page of an accessibility sweep)
 *   throw / assert          a hard failure
 */

const registered = [];

function test(name, opts, fn) {
  if (typeof opts === 'function') {
    fn = opts;
    opts = {};
  }
  registered.push({ name, fn, uses: opts.uses || [], timeout: opts.timeout || 120000 });
}

let passed = 0;
let failed = 0;

function line(ok, name, details) {
  if (ok) passed++;
  else failed++;
  const out = [`${ok ? 'ok' : 'not ok'} - ${name}`];
  for (const d of (details || []).slice(0, 40)) {
    for (const l of String(d).split('\n')) out.push(`#   ${l}`);
  }
  if (details && details.length > 40) out.push(`#   … and ${details.length - 40} more`);
  process.stdout.write(out.join('\n') + '\n');
}

function withTimeout(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: did not finish in ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

async function runOne(entry) {
  const started = Date.now();
  const t = {
    name: entry.name,
    problems: [],
    steps: [],
    cleanups: [],
    step(text) {
      this.steps.push(text);
    },
    problem(text) {
      const where = this.steps.length ? ` [at: ${this.steps[this.steps.length - 1]}]` : '';
      this.problems.push(`${text}${where}`);
    },
    report(name, problems) {
      line(problems.length === 0, name, problems);
    },
    defer(fn) {
      this.cleanups.push(fn);
    },
  };
  let error = null;
  try {
    await withTimeout(Promise.resolve().then(() => entry.fn(t)), entry.timeout, entry.name);
  } catch (e) {
    error = e;
  }
  for (const fn of t.cleanups.reverse()) {
    try {
      await withTimeout(Promise.resolve().then(fn), 20000, `${entry.name} (clean-up)`);
    } catch (e) {
      if (!error) error = e;
    }
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const details = [...t.problems];
  if (error) {
    const last = t.steps.length ? t.steps[t.steps.length - 1] : '(before the first step)';
    details.push(`failed at step: ${last}`);
    details.push(String(error && error.stack ? error.stack : error).split('\n').slice(0, 8).join('\n'));
  }
  line(!error && t.problems.length === 0, `${entry.name} (${secs}s)`, details);
}

async function run({ concurrency = 2, deadline = Infinity, filters = [] } = {}) {
  const queue = registered.filter(
    (e) => filters.length === 0 || filters.some((f) => e.name.includes(f)));
  const busy = new Set();
  const running = new Set();
  await new Promise((resolve) => {
    const pump = () => {
      if (queue.length === 0 && running.size === 0) {
        resolve();
        return;
      }
      while (running.size < concurrency) {
        const i = queue.findIndex((e) => e.uses.every((u) => !busy.has(u)));
        if (i < 0) break;
        const entry = queue.splice(i, 1)[0];
        if (Date.now() > deadline) {
          line(false, entry.name, ['not started: the browser suite ran out of time']);
          continue;
        }
        entry.uses.forEach((u) => busy.add(u));
        const p = runOne(entry).finally(() => {
          entry.uses.forEach((u) => busy.delete(u));
          running.delete(p);
          pump();
        });
        running.add(p);
      }
      if (queue.length === 0 && running.size === 0) resolve();
    };
    pump();
  });
  return { passed, failed };
}

function counts() {
  return { passed, failed };
}

module.exports = { test, run, line, counts, withTimeout };
