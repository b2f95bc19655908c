// The admin API is off without ADMIN_API_KEY, needs the key with it, and answers a client's
// mistakes with 400/404 and a reason, never 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../support/citizen.js';
import { createTestDatabase } from '../support/db.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { admin, ADMIN_KEY } from './support.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let hub: TestHub;
let off: TestHub;
beforeAll(async () => {
  db = await createTestDatabase();
  hub = await startTestHub({ ADMIN_API_KEY: ADMIN_KEY }, { db });
  // the same database served by a hub without a key
  off = await startTestHub({}, { db, workers: false });
});
afterAll(async () => {
  await off?.close();
  await hub?.close();
  await db?.close();
});

describe('access', () => {
  it('is off (404 JSON on every path) when ADMIN_API_KEY is unset, key or not', async () => {
    for (const path of ['/complaints', '/dead-letters', '/nothing/here']) {
      const res = await admin(off, 'GET', path);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatch(/ADMIN_API_KEY/);
    }
    expect((await admin(off, 'POST', '/complaints/x/filed', { trackingId: '1234567' })).status).toBe(404);
  });

  it('answers 401 without the key or with a wrong one, and serves the right one', async () => {
    const missing = await admin(hub, 'GET', '/complaints', undefined, null);
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatch(/Authorization: Bearer/);
    expect((await admin(hub, 'GET', '/complaints', undefined, 'wrong-key')).status).toBe(401);
    expect((await admin(hub, 'GET', '/complaints', undefined, `${ADMIN_KEY}x`)).status).toBe(401);
    // a bad body is not even read before the key is checked
    expect((await admin(hub, 'POST', '/complaints/x/filed', '{not json', 'wrong-key')).status).toBe(401);
    const ok = await admin(hub, 'GET', '/complaints');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ complaints: expect.any(Array), nextCursor: null });
  });
});

describe('validation', () => {
  let complaintId: string;
  beforeAll(async () => {
    ({ complaint: { id: complaintId } } = await fileComplaint(hub));
  });

  it('refuses a bad tracking id, URL or body with 400 naming the field', async () => {
    for (const trackingId of ['123456', '12345678', 'abcdefg', 1234567, '']) {
      const res = await admin(hub, 'POST', `/complaints/${complaintId}/filed`, { trackingId });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(/^trackingId: .*7 digits/);
    }
    const url = await admin(hub, 'POST', `/complaints/${complaintId}/filed`, { trackingId: '1234567', url: 'javascript:alert(1)' });
    expect(url.status).toBe(400);
    expect(url.body.error).toMatch(/^url: /);
    const noBody = await admin(hub, 'POST', `/complaints/${complaintId}/filed`);
    expect(noBody.status).toBe(400);
    expect(noBody.body.error).toMatch(/JSON object/);
    const array = await admin(hub, 'POST', `/complaints/${complaintId}/filed`, [1]);
    expect(array.status).toBe(400);
    const broken = await admin(hub, 'POST', `/complaints/${complaintId}/filed`, '{"trackingId": ');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatch(/JSON/);
  });

  it('refuses an unknown status word and an empty response', async () => {
    const status = await admin(hub, 'POST', `/complaints/${complaintId}/status`, { status: 'DONE' });
    expect(status.status).toBe(400);
    expect(status.body.error).toMatch(/^status: must be one of BELUM_TERVERIFIKASI, /);
    const lower = await admin(hub, 'POST', `/complaints/${complaintId}/status`, { status: 'selesai' });
    expect(lower.status).toBe(400);
    const response = await admin(hub, 'POST', `/complaints/${complaintId}/responses`, { message: '   ' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/^message: must not be empty/);
  });

  it('refuses a bad limit, status filter, cursor or dead-letter kind', async () => {
    for (const limit of ['0', '101', 'ten', '2.5']) {
      const res = await admin(hub, 'GET', `/complaints?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(/^limit: /);
    }
    expect((await admin(hub, 'GET', '/complaints?limit=1&limit=2')).status).toBe(400);
    const status = await admin(hub, 'GET', '/complaints?status=OPEN');
    expect(status.status).toBe(400);
    expect(status.body.error).toMatch(/^status: /);
    const cursor = await admin(hub, 'GET', '/complaints?cursor=nope');
    expect(cursor.status).toBe(400);
    expect(cursor.body.error).toMatch(/^cursor: /);
    const kind = await admin(hub, 'GET', '/dead-letters?kind=send_email');
    expect(kind.status).toBe(400);
    expect(kind.body.error).toMatch(/^kind: must be one of forward_complaint/);
  });

  it('answers 404 for unknown ids and paths', async () => {
    const id = '00000000-0000-0000-0000-000000000000';
    expect((await admin(hub, 'GET', `/complaints/${id}`)).status).toBe(404);
    expect((await admin(hub, 'POST', `/complaints/${id}/filed`, { trackingId: '7654321' })).status).toBe(404);
    expect((await admin(hub, 'POST', `/complaints/${id}/status`, { status: 'SELESAI' })).status).toBe(404);
    expect((await admin(hub, 'POST', `/complaints/${id}/responses`, { message: 'Baik.' })).status).toBe(404);
    expect((await admin(hub, 'POST', `/dead-letters/${id}/retry`)).status).toBe(404);
    const unknownPath = await admin(hub, 'GET', '/nothing/here');
    expect(unknownPath.status).toBe(404);
    expect(unknownPath.body.error).toMatch(/no admin route/);
  });
});
