'use strict';
/*
 * pages.js — every page type of the portal and how to reach it.  The accessibility sweep visits
 * each in every language; `make screenshots` takes each that has a `shot` name at desktop and
 * phone size.  `go` is a path, or async (session, ids) => { navigate }.
 */

const assert = require('assert');

/* The href of the first element matching `selector` on the current page. */
async function href(s, selector) {
  const loc = s.page.locator(selector).first();
  assert.ok(await loc.count() > 0, `no link ${selector} on ${s.path}`);
  return loc.getAttribute('href');
}

async function submitEmpty(s) {
  await s.nav(() => s.page.locator('main form[novalidate] button[type=submit]').first().click(), { status: 422 });
}

const MY_OFFER = 'section[aria-labelledby=listings-heading] li:has(.status-approved) a';
const MY_CALL = 'section[aria-labelledby=calls-heading] li:has(.status-open) a';

async function myOffer(s) {
  await s.goto('/dashboard');
  return href(s, MY_OFFER);
}

async function myCall(s) {
  await s.goto('/dashboard');
  return href(s, MY_CALL);
}

const P = (name, go, shot) => ({ name, go, shot });

const PUBLIC = [
  P('home', '/', 'home'),
  P('region home: Kaunas', '/r/kaunas', 'region-kaunas'),
  P('region home: Rijeka', '/r/rijeka', 'region-rijeka'),
  P('region home: Timișoara', '/r/timisoara', 'region-timisoara'),
  P('region home: Matera', '/r/matera', 'region-matera'),
  P('region home: Leeuwarden-Fryslân', '/r/leeuwarden', 'region-leeuwarden'),
  P('offers, a search narrowed by a facet', '/listings?q=design&region=rijeka', 'search-narrowed'),
  P('offers, a search that finds nothing', '/listings?q=qqqzzzxxx', 'search-nothing-found'),
  P('offers of a region', '/r/leeuwarden/listings', 'offers-of-a-region'),
  P('an offer', async (s, ids) => s.goto(`/listings/${ids.listing}`), 'offer'),
  P('calls of all regions', '/calls', 'calls'),
  P('calls of a region', '/r/timisoara/calls', 'calls-of-a-region'),
  P('a call', async (s, ids) => s.goto(`/calls/${ids.call}`), 'call'),
  P('register', '/register', 'register'),
  P('register, refused', async (s) => { await s.goto('/register'); await submitEmpty(s); }, 'register-refused'),
  P('log in', '/login', 'login'),
  P('log in, refused', async (s) => {
    await s.goto('/login');
    await s.page.locator('main form input[type=email]').fill('nobody@example.org');
    await s.page.locator('main form input[type=password]').fill('not the password at all');
    await s.nav(() => s.page.locator('main form button[type=submit]').click(), { status: null });
  }, 'login-refused'),
  P('page not found', async (s) => s.goto('/no-such-page', { status: 404 }), 'not-found'),
];

const ROLES = {
  'sme@timisoara.example': [
    P('dashboard (SME)', '/dashboard', 'dashboard-sme'),
    P('home, logged in', '/'),
    P('offers, a search, logged in', '/listings?q=design', 'search'),
    P('account', '/account', 'account'),
    P('inbox', '/inbox', 'inbox'),
    P('new offer', '/listings/new', 'offer-form'),
    P('new offer, refused', async (s) => { await s.goto('/listings/new'); await submitEmpty(s); }, 'offer-form-refused'),
    P('own offer', async (s) => s.goto(await myOffer(s)), 'offer-own'),
    P('own offer, edit', async (s) => s.goto(`${await myOffer(s)}/edit`)),
    P('calls that fit an offer', async (s) => s.goto(`${await myOffer(s)}/matches`), 'offer-matches'),
    P('a call, as an SME', async (s) => { await s.goto('/calls'); await s.goto(await href(s, '.hit h2 a')); }, 'call-as-sme'),
    P('an answer, as the SME', async (s) => { await s.goto('/dashboard'); await s.goto(await href(s, 'a[href^="/interests/"]')); }, 'answer-as-sme'),
  ],
  'organiser@timisoara.example': [
    P('dashboard (organiser)', '/dashboard', 'dashboard-organiser'),
    P('new call', '/calls/new', 'call-form'),
    P('new call, refused', async (s) => { await s.goto('/calls/new'); await submitEmpty(s); }, 'call-form-refused'),
    P('own call', async (s) => s.goto(await myCall(s)), 'call-own'),
    P('own call, edit', async (s) => s.goto(`${await myCall(s)}/edit`)),
    P('offers that fit a call', async (s) => s.goto(`${await myCall(s)}/matches`), 'call-matches'),
    P('an answer, as the organiser', async (s) => {
      await s.goto(await myCall(s));
      await s.goto(await href(s, 'ul.answers a[href^="/interests/"]'));
    }, 'answer-as-organiser'),
  ],
  'admin@timisoara.example': [
    P('dashboard (region admin)', '/dashboard', 'dashboard-admin'),
    P('moderation overview (region admin)', '/moderation', 'moderation-overview'),
    P('moderation queue', '/r/timisoara/moderation', 'moderation-queue'),
    P('an offer waiting, as its moderator', async (s) => { await s.goto('/r/timisoara/moderation'); await s.goto(await href(s, 'ol.queue a[href^="/listings/"]')); }, 'offer-moderation'),
    P('a call waiting, as its moderator', async (s) => { await s.goto('/r/timisoara/moderation'); await s.goto(await href(s, 'ol.queue a[href^="/calls/"]')); }, 'call-moderation'),
  ],
  'super@portal.example': [
    P('moderation overview (super admin)', '/moderation'),
  ],
};

/* An offer and a call anybody may see. */
async function someIds(s) {
  const base = new URL(s.page.url()).origin;
  const l = await (await s.ctx.request.get(`${base}/api/v1/listings?region=matera`)).json();
  const c = await (await s.ctx.request.get(`${base}/api/v1/calls?region=leeuwarden`)).json();
  return { listing: l.items[0].id, call: c.items[0].id };
}

async function visit(s, page, ids) {
  if (typeof page.go === 'string') return s.goto(page.go);
  return page.go(s, ids);
}

module.exports = { PUBLIC, ROLES, someIds, href, visit };
