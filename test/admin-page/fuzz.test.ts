// Property-based: the officers' page with generated paths, queries, form bodies and CSRF
// tokens never answers 5xx, and a form it refuses (403, 404, 400, or a redirect with ?err=)
// changes nothing; a sign-in with a generated body never signs anyone in.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAPOR_STATUSES } from '../../src/core/taxonomy.js';
import { fileComplaint } from '../support/citizen.js';
import {
  expectAlive, fuzzParams, FUZZ_TIMEOUT_MS, pathSegment, queryValue, rawRequest, recordUnhandledRejections, stored,
} from '../support/fuzz.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { ADMIN_KEY, PageClient } from './support.js';

const unhandled = recordUnhandledRejections();
let hub: TestHub;
let complaintId: string;
let officer: PageClient;

beforeAll(async () => {
  hub = await startTestHub({ ADMIN_API_KEY: ADMIN_KEY });
  ({ complaint: { id: complaintId } } = await fileComplaint(hub));
  officer = new PageClient(hub.url);
  await officer.signIn(ADMIN_KEY);
});
afterAll(async () => hub?.close());

const id = fc.oneof(fc.constant(null).map(() => complaintId), fc.uuid(), pathSegment);
const field = fc.constantFrom('message', 'status', 'institution', 'trackingId', 'url', 'key', '_csrf', 'q', 'message[]', '__proto__');
const value = fc.oneof(
  queryValue,
  fc.constantFrom(...LAPOR_STATUSES, '1234567', 'https://lapor.go.id/x', 'javascript:alert(1)', ''),
  fc.string({ maxLength: 50, unit: "grapheme" }).map(encodeURIComponent),
);
const form = fc.array(fc.tuple(field, value), { maxLength: 5 });
const csrf = fc.oneof(fc.constant(null).map(() => officer.csrf!), queryValue, fc.constant(undefined));

/** the state an officer's form could change */
async function footprint() {
  const [counts, audits, complaint] = await Promise.all([
    stored(hub.db, hub.config.DATA_DIR),
    hub.prisma.auditEntry.count(),
    hub.prisma.complaint.findUniqueOrThrow({ where: { id: complaintId } }),
  ]);
  return { ...counts, audits, status: complaint.status, trackingId: complaint.trackingId, claimedBy: complaint.claimedBy };
}

describe('the officers\' page under generated input', () => {
  it('answers any page path and query below 500', async () => {
    const query = fc.array(fc.tuple(fc.constantFrom('status', 'category', 'channel', 'q', 'overdue', 'mine', 'cursor', 'ok', 'err', 'status[]', 'x'), value), { maxLength: 4 })
      .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''));
    const path = fc.oneof(
      fc.tuple(query).map(([q]) => `/admin/${q}`),
      fc.tuple(id, query).map(([i, q]) => `/admin/complaints/${i}${q}`),
      fc.tuple(pathSegment).map(([s]) => `/admin/${s}`),
      fc.tuple(pathSegment, query).map(([s, q]) => `/admin/lang/${s}${q}`),
    );
    await fc.assert(fc.asyncProperty(path, async (p) => {
      const res = await rawRequest(hub.url, { method: 'GET', path: p, headers: { cookie: officer.cookie! } });
      expect(res.status, `${p} -> ${res.status} ${res.text.slice(0, 200)}`).toBeLessThan(500);
    }), fuzzParams('admin page GET'));
    await expectAlive(hub.url);
  }, FUZZ_TIMEOUT_MS);

  it('answers any form post below 500, and a refused one changes nothing', async () => {
    const action = fc.constantFrom('reply', 'status', 'tracking', 'claim', 'nope');
    await fc.assert(fc.asyncProperty(id, action, form, csrf, async (target, what, pairs, token) => {
      const body = [...pairs.map(([k, v]) => `${k}=${v}`), ...(token !== undefined ? [`_csrf=${token}`] : [])].join('&');
      const before = await footprint();
      const res = await rawRequest(hub.url, {
        method: 'POST',
        path: `/admin/complaints/${target}/${what}`,
        headers: { cookie: officer.cookie!, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      const context = `${what} ${target} ${body} -> ${res.status} ${String(res.headers.location ?? '')} ${res.text.slice(0, 200)}`;
      expect(res.status, context).toBeLessThan(500);
      const refused = res.status !== 303 || /[?&]err=/.test(String(res.headers.location));
      if (refused) expect(await footprint(), context).toEqual(before);
    }), fuzzParams('admin page POST'));
    await expectAlive(hub.url);
  }, FUZZ_TIMEOUT_MS);

  it('never signs in on a generated sign-in body', async () => {
    await fc.assert(fc.asyncProperty(form, fc.integer({ min: 2, max: 250 }), async (pairs, address) => {
      const body = pairs.map(([k, v]) => `${k}=${v}`).join('&');
      const res = await rawRequest(hub.url, {
        method: 'POST', path: '/admin/login', localAddress: `127.0.0.${address}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' }, body,
      });
      expect(res.status, `${body} -> ${res.status}`).toBeLessThan(500);
      expect(res.status).not.toBe(303);
      expect(String(res.headers['set-cookie'] ?? '')).not.toContain('lh_admin_session=');
    }), fuzzParams('admin page sign-in'));
    await expectAlive(hub.url);
    expect(unhandled).toEqual([]);
  }, FUZZ_TIMEOUT_MS);
});
