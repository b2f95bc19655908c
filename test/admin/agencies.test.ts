// Two agencies in one hub: the operator (ADMIN_API_KEY) creates agency B with its first admin;
// every endpoint, called with B's keys on A's objects, answers exactly as for a missing object
// and changes nothing; B's lists hold none of A's data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../support/citizen.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { admin, ADMIN_KEY, as, queueIdle, snapshot, type Answer } from './support.js';

let hub: TestHub;
let keyB: string;
let officerKeyB: string;
let officerKeyA: string;
const a = { complaint: '', trackingId: '', officer: '', job: '', integration: '', audit: '' };
const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  hub = await startTestHub({ ADMIN_API_KEY: ADMIN_KEY, AGENCY_NAME: 'Pemkot Bandung' });
  const { complaint, trackingId } = await fileComplaint(hub);
  a.complaint = complaint.id;
  a.trackingId = trackingId;
  a.integration = complaint.integrationId;

  const created = await admin(hub, 'POST', '/agencies', { id: 'pemkab-garut', name: 'Pemkab Garut', adminName: 'Admin Garut' });
  expect(created.status).toBe(201);
  keyB = created.body.apiKey;

  const officerA = await admin(hub, 'POST', '/officers', { name: 'Petugas Bandung', role: 'officer', apiKey: true, telegramId: '5550001' });
  expect(officerA.status).toBe(201);
  a.officer = officerA.body.officer.id;
  officerKeyA = officerA.body.apiKey;
  const officerB = await as(hub, keyB)('POST', '/officers', { name: 'Petugas Garut', apiKey: true });
  expect(officerB.status).toBe(201);
  officerKeyB = officerB.body.apiKey;

  // A's claim (an audit entry) and a dead job of A's complaint
  expect((await as(hub, officerKeyA)('POST', `/complaints/${a.complaint}/claim`)).status).toBe(200);
  a.job = (await hub.prisma.outboxJob.create({
    data: { kind: 'forward_complaint', payload: { complaintId: a.complaint }, status: 'dead', attempts: 12, lastError: 'LAPOR! answered 503' },
  })).id;
  a.audit = (await hub.prisma.auditEntry.findFirstOrThrow({ where: { agencyId: 'default' }, orderBy: { at: 'desc' } })).id;
  await queueIdle(hub);
}, 60_000);
afterAll(async () => hub?.close());

describe('agencies', () => {
  it('only the operator creates an agency; its first admin\'s key works once made, for B only', async () => {
    const me = await as(hub, keyB)('GET', '/me');
    expect(me.body).toEqual({ officerId: expect.any(String), name: 'Admin Garut', role: 'admin', agencyId: 'pemkab-garut', agencyName: 'Pemkab Garut', operator: false });
    expect((await as(hub, keyB)('GET', '/agency')).body).toMatchObject({ id: 'pemkab-garut', name: 'Pemkab Garut', connectorType: 'lapor' });
    // B's admin, A's officer: not the operator
    for (const key of [keyB, officerKeyA]) {
      const res = await as(hub, key)('POST', '/agencies', { id: 'pemkot-cimahi', name: 'Pemkot Cimahi' });
      expect(res.status).toBe(403);
    }
    expect(await hub.prisma.agency.findUnique({ where: { id: 'pemkot-cimahi' } })).toBeNull();
    const again = await admin(hub, 'POST', '/agencies', { id: 'pemkab-garut', name: 'Lain' });
    expect(again.status).toBe(409);
    const bad = await admin(hub, 'POST', '/agencies', { id: 'Pemkab Garut!', name: '', connectorType: 'webhook' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['connectorType', 'id', 'name']);
    // the operator still works in the default agency
    expect((await admin(hub, 'GET', '/me')).body).toMatchObject({ officerId: 'bootstrap-admin', agencyId: 'default', operator: true });
    const audit = await admin(hub, 'GET', '/audit?action=agency.create');
    expect(audit.body.entries).toEqual([expect.objectContaining({ actor: 'Admin', target: 'agency:pemkab-garut', source: expect.stringMatching(/^api /) })]);
    expect((await as(hub, keyB)('GET', '/audit?action=agency.create')).body.entries).toHaveLength(1);
  });

  it('B\'s lists hold none of A\'s data', async () => {
    for (const key of [keyB, officerKeyB]) {
      const b = as(hub, key);
      expect((await b('GET', '/complaints')).body).toEqual({ complaints: [], nextCursor: null });
      expect((await b('GET', `/complaints?q=${a.trackingId}`)).body.complaints).toEqual([]);
      expect((await b('GET', `/complaints?integration=${a.integration}`)).body.complaints).toEqual([]);
      expect((await b('GET', '/complaints/counts')).body).toEqual({ total: 0, open: 0, overdue: 0, unclaimed: 0, byStatus: {} });
      expect((await b('GET', '/dead-letters')).body).toEqual({ deadLetters: [] });
      expect((await b('GET', '/undelivered')).body).toEqual({ messages: [] });
      expect((await b('GET', '/integrations')).body).toEqual({ integrations: [] });
    }
    const officers = await as(hub, keyB)('GET', '/officers');
    expect(officers.body.officers.map((o: { name: string }) => o.name).sort()).toEqual(['Admin Garut', 'Petugas Garut']);
    const audit = await as(hub, keyB)('GET', '/audit?limit=200');
    expect(audit.body.entries.map((e: { action: string }) => e.action).sort()).toEqual(['agency.create', 'officer.create']);
    // while A sees its own
    expect((await admin(hub, 'GET', '/complaints')).body.complaints.map((c: { id: string }) => c.id)).toEqual([a.complaint]);
    expect((await admin(hub, 'GET', '/dead-letters')).body.deadLetters.map((j: { id: string }) => j.id)).toEqual([a.job]);
  });

  /** Each endpoint that names an object: [method, path, body] for an id. */
  const byId: [string, 'GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?][] = [
    ['complaint', 'GET', '/complaints/:id'],
    ['complaint', 'POST', '/complaints/:id/replies', { message: 'Laporan Anda sedang kami tangani.' }],
    ['complaint', 'POST', '/complaints/:id/status', { status: 'SELESAI' }],
    ['complaint', 'POST', '/complaints/:id/filed', { trackingId: '7777777' }],
    ['complaint', 'POST', '/complaints/:id/responses', { message: 'Sudah diperbaiki.' }],
    ['complaint', 'POST', '/complaints/:id/claim'],
    ['complaint', 'GET', '/complaints?cursor=:id'],
    ['job', 'POST', '/dead-letters/:id/retry'],
    ['officer', 'PATCH', '/officers/:id', { name: 'Diambil alih' }],
    ['officer', 'PATCH', '/officers/:id', { rotateKey: true }],
    ['officer', 'DELETE', '/officers/:id'],
    ['audit', 'GET', '/audit?cursor=:id'],
    ['integration', 'GET', '/integrations/:id'],
    ['integration', 'PATCH', '/integrations/:id', { name: 'Diambil alih' }],
    ['integration', 'PATCH', '/integrations/:id', { settings: { token: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgh' } }],
    ['integration', 'DELETE', '/integrations/:id'],
    ['integration', 'GET', '/complaints?integration=:id'],
  ];

  const same = (res: Answer, id: string) => ({ status: res.status, body: JSON.parse(JSON.stringify(res.body).replaceAll(id, '<id>')) });

  it.each(byId)('%s: %s %s with B\'s keys answers as for a missing one and changes nothing', async (what, method, template, body) => {
    const id = a[what as keyof typeof a];
    const path = (value: string) => template.replace(':id', value);
    for (const key of [keyB, officerKeyB]) {
      const before = await snapshot(hub);
      const foreign = await admin(hub, method, path(id), body, key);
      const missing = await admin(hub, method, path(MISSING), body, key);
      expect(same(foreign, id)).toEqual(same(missing, MISSING));
      expect([200, 400, 403, 404]).toContain(foreign.status); // 200: a filter that finds nothing
      if (key === keyB) expect(foreign.status).not.toBe(403); // B's admin reaches the lookup itself
      expect(await snapshot(hub)).toEqual(before);
    }
  });

  it('B\'s officer is not an admin: officers and the audit log are refused (403)', async () => {
    const b = as(hub, officerKeyB);
    expect((await b('GET', '/officers')).status).toBe(403);
    expect((await b('GET', '/audit')).status).toBe(403);
    expect((await b('POST', '/officers', { name: 'X', apiKey: true })).status).toBe(403);
  });

  it('A\'s objects are unchanged and A\'s officer still works on them', async () => {
    const complaint = await admin(hub, 'GET', `/complaints/${a.complaint}`);
    expect(complaint.status).toBe(200);
    expect(complaint.body).toMatchObject({ id: a.complaint, trackingId: a.trackingId, claim: { by: a.officer, name: 'Petugas Bandung' } });
    expect(complaint.body.events.map((e: { type: string }) => e.type)).not.toContain('officer_reply');
    expect((await as(hub, officerKeyA)('GET', '/me')).body).toMatchObject({ officerId: a.officer, agencyId: 'default' });
  });
});
