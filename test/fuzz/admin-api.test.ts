// Property-based: the admin API (/api/v1/admin) with generated ids, cursors, filters, bodies
// and Authorization headers never answers 5xx, explains every 4xx in JSON, and changes
// nothing for a request it rejects; without the right key nothing is read or changed. Every
// route of the table is reached: complaints and actions, dead letters, officers, agencies,
// the audit log, integrations.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAPOR_STATUSES } from '../../src/core/taxonomy.js';
import { ADMIN_KEY } from '../admin/support.js';
import { fileComplaint } from '../support/citizen.js';
import {
  expectAlive, expectClientSafe, fuzzParams, FUZZ_TIMEOUT_MS, mutated, nastyString, pathSegment, queryValue, rawJsonText, rawRequest,
  recordUnhandledRejections, stored,
} from '../support/fuzz.js';
import { startTestHub, type TestHub } from '../support/hub.js';

const unhandled = recordUnhandledRejections();
let hub: TestHub;
let complaintId: string;
beforeAll(async () => {
  hub = await startTestHub({ ADMIN_API_KEY: ADMIN_KEY });
  ({ complaint: { id: complaintId } } = await fileComplaint(hub));
});
afterAll(async () => hub?.close());

const id = fc.oneof(
  fc.constant(null).map(() => complaintId),
  fc.constant('bootstrap-admin'),
  fc.uuid(),
  fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
  pathSegment,
);

const filter = fc.oneof(
  fc.constantFrom(...LAPOR_STATUSES, 'CONFIRMED', 'FAILED', 'forward_complaint', 'default', '20', '1', '100', '0', '101', '-1', '1.5', '1e2',
    'me', 'none', 'true', 'false', '2026-12-03', '2026-02-30', '1999-01-01', 'utilitas', 'webchat', 'reply', 'officer.create'),
  fc.constant(null).map(() => complaintId),
  queryValue,
);
const query = fc.array(fc.tuple(fc.constantFrom('status', 'agency', 'limit', 'cursor', 'kind', 'status[]', 'limit[a]', 'x',
  'category', 'channel', 'integration', 'from', 'to', 'q', 'overdue', 'claimed', 'action', 'officer'), filter), { maxLength: 4 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''));

const validBody = {
  filed: fc.record({ trackingId: fc.stringMatching(/^\d{7}$/), url: fc.option(fc.webUrl(), { nil: undefined }) }),
  status: fc.record({ status: fc.constantFrom(...LAPOR_STATUSES), institution: fc.option(fc.oneof(fc.constant('Dinas PUPR'), nastyString), { nil: undefined }) }),
  responses: fc.record({ message: fc.oneof(fc.constant('Sudah kami tindak lanjuti.'), nastyString), author: fc.option(nastyString, { nil: undefined }) }),
  replies: fc.record({ message: fc.oneof(fc.constant('Terima kasih, segera kami periksa.'), nastyString) }),
} as const;

const officerBody = fc.record({
  name: fc.oneof(fc.constant('Petugas Uji'), nastyString),
  role: fc.option(fc.constantFrom('officer', 'admin'), { nil: undefined }),
  telegramId: fc.option(fc.stringMatching(/^\d{1,12}$/), { nil: undefined }),
  apiKey: fc.option(fc.constant(true), { nil: undefined }),
});
const officerChange = fc.record({
  name: fc.option(fc.oneof(fc.constant('Nama Baru'), nastyString), { nil: undefined }),
  role: fc.option(fc.constantFrom('officer', 'admin'), { nil: undefined }),
  telegramId: fc.option(fc.oneof(fc.constant(null), fc.stringMatching(/^\d{1,12}$/)), { nil: undefined }),
  rotateKey: fc.option(fc.constant(true), { nil: undefined }),
});
const agencyBody = fc.record({
  id: fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}$/), fc.constant('default')),
  name: fc.oneof(fc.constant('Pemkab Uji'), nastyString),
  connectorType: fc.option(fc.constantFrom('lapor', 'manual'), { nil: undefined }),
});
const integrationBody = fc.oneof(
  fc.record({ type: fc.constant('telegram'), name: fc.constant('Bot Uji'), settings: fc.record({ token: fc.constantFrom('123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgh', 'nope') }) }),
  fc.record({ type: fc.constant('whatsapp-web'), name: fc.oneof(fc.constant('WA Uji'), nastyString) }),
);
const withBody = (method: string, path: fc.Arbitrary<string>, body: fc.Arbitrary<Json>): fc.Arbitrary<{ method: string; path: string; body: string }> =>
  fc.tuple(path, mutated(body).chain(rawJsonText)).map(([p, b]) => ({ method, path: p, body: b as string }));
type Json = Record<string, unknown>;

const route: fc.Arbitrary<{ method: string; path: string; body?: string }> = fc.oneof(
  fc.tuple(fc.constant('GET'), fc.constant('/complaints'), query).map(([m, p, q]) => ({ method: m, path: `${p}${q}` })),
  fc.tuple(id, query).map(([i, q]) => ({ method: 'GET', path: `/complaints/${i}${q}` })),
  query.map((q) => ({ method: 'GET', path: `/dead-letters${q}` })),
  id.map((i) => ({ method: 'POST', path: `/dead-letters/${i}/retry` })),
  ...(['/me', '/agency', '/complaints/counts', '/officers', '/audit', '/undelivered', '/integrations'] as const)
    .map((path) => query.map((q) => ({ method: 'GET', path: `${path}${q}` }))),
  fc.tuple(fc.constantFrom('GET', 'DELETE'), fc.constantFrom('officers', 'integrations'), id).map(([m, kind, i]) => ({ method: m, path: `/${kind}/${i}` })),
  id.map((i) => ({ method: 'POST', path: `/complaints/${i}/claim` })),
  withBody('POST', fc.constant('/officers'), officerBody as fc.Arbitrary<Json>),
  withBody('PATCH', id.map((i) => `/officers/${i}`), officerChange as fc.Arbitrary<Json>),
  withBody('POST', fc.constant('/agencies'), agencyBody as fc.Arbitrary<Json>),
  withBody('POST', fc.constant('/integrations'), integrationBody as fc.Arbitrary<Json>),
  withBody('PATCH', id.map((i) => `/integrations/${i}`), fc.record({ name: fc.oneof(fc.constant('Nama'), nastyString) }) as fc.Arbitrary<Json>),
  ...(['filed', 'status', 'responses', 'replies'] as const).map((action) =>
    fc.tuple(id, mutated(validBody[action]).chain(rawJsonText)).map(([i, body]) => ({ method: 'POST', path: `/complaints/${i}/${action}`, body }))),
  fc.tuple(fc.constantFrom('PUT', 'DELETE', 'PATCH', 'GET', 'POST'), pathSegment).map(([m, p]) => ({ method: m, path: `/${p}` })),
);

const authorization = fc.oneof(
  { weight: 6, arbitrary: fc.constant(`Bearer ${ADMIN_KEY}`) },
  fc.constantFrom(undefined, '', 'Bearer', 'Bearer ', `bearer ${ADMIN_KEY}`, `Bearer  ${ADMIN_KEY} `, `Basic ${ADMIN_KEY}`, `Bearer ${ADMIN_KEY}x`, `Bearer ${ADMIN_KEY.slice(1)}`),
  fc.stringMatching(/^[\x20-\x7e]{0,60}$/),
);
const rightKey = (auth: string | undefined) => auth !== undefined && /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1] === ADMIN_KEY;

// failed authentications are throttled per address (10 a minute): each request without the
// right key comes from an address of its own, so every one of them must get its 401
let nextAddress = 0;
const freshLoopback = () => {
  nextAddress++;
  return `127.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${(nextAddress & 255) || 1}`;
};

describe('the admin API, generated requests', () => {
  it('never answers 5xx, explains every 4xx in JSON, changes nothing it rejects, and nothing without the key', async () => {
    await fc.assert(
      fc.asyncProperty(route, authorization, fc.constantFrom('application/json', 'text/plain', ''), async (request, auth, type) => {
        const before = await stored(hub.db, hub.config.DATA_DIR);
        const res = await rawRequest(hub.url, {
          method: request.method,
          path: `/api/v1/admin${request.path}`,
          headers: { ...(auth !== undefined && { authorization: auth }), ...('body' in request && type && { 'content-type': type }) },
          ...('body' in request && { body: request.body }),
          ...(!rightKey(auth) && { localAddress: freshLoopback() }),
        });
        const what = `${request.method} ${request.path} auth=${JSON.stringify(auth)} ${(request.body ?? '').slice(0, 200)}`;
        expectClientSafe(res, what);
        // unstorable text is refused before any router, the key unread: that 400 is no leak
        const refusedText = res.status === 400 && /NUL character or an unpaired surrogate/.test(res.text);
        if (!rightKey(auth) && !refusedText) expect(res.status, what).toBe(401);
        if (res.status >= 400) expect(await stored(hub.db, hub.config.DATA_DIR), what).toEqual(before);
      }),
      fuzzParams('admin API'),
    );
    await expectAlive(hub.url);
  }, FUZZ_TIMEOUT_MS);
});

describe('the run as a whole', () => {
  it('saw no unhandled rejection', () => {
    expect(unhandled).toEqual([]);
  });
});
