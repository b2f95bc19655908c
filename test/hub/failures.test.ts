// What happens when filing cannot succeed, or LAPOR!'s news comes early or late.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmComplaint, fileComplaint } from '../support/citizen.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { WebchatClient } from '../support/webchat-client.js';

const ADMIN_KEY = 'admin-key-for-failure-tests';
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ ADMIN_API_KEY: ADMIN_KEY }, {
    // a short retry window: a job still failing after 1.5 s is dead
    queue: { policy: { baseDelayMs: 30, maxDelayMs: 100, maxAgeMs: 1_500 } },
  });
});
afterAll(async () => hub?.close());

const complaintOf = (chat: WebchatClient) => hub.prisma.complaint.findFirstOrThrow({ where: { chatId: chat.sessionId } });

describe('a complaint the hub cannot file', () => {
  it('is kept as FAILED once its job is dead-lettered, and the citizen is told', async () => {
    const sim = hub.simulator!.control;
    sim.failNext(10_000, { status: 503, path: 'POST /complaints' });
    try {
      const chat = new WebchatClient(hub.url);
      await confirmComplaint(chat);
      await eventually(async () => (await complaintOf(chat)).status === 'FAILED', 10_000);
      const told = await eventually(async () => (await chat.history()).find((m) => /gangguan teknis/.test(m.text)));
      expect(told).toBeTruthy();
      // an officer may now file it by hand
      const res = await fetch(`${hub.url}/api/v1/admin/complaints/${(await complaintOf(chat)).id}/filed`, {
        method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ trackingId: '7000001' }),
      });
      expect(res.status).toBeLessThan(300);
    } finally {
      sim.clearFaults();
    }
  });

  it('is filed after all when an operator retries its dead letter', async () => {
    const sim = hub.simulator!.control;
    sim.failNext(10_000, { status: 503, path: 'POST /complaints' });
    const chat = new WebchatClient(hub.url);
    try {
      await confirmComplaint(chat);
      await eventually(async () => (await complaintOf(chat)).status === 'FAILED', 10_000);
    } finally {
      sim.clearFaults();
    }
    const { id } = await complaintOf(chat);
    const dead = await hub.prisma.outboxJob.findFirstOrThrow({ where: { kind: 'forward_complaint', status: 'dead', payload: { equals: { complaintId: id } } } });
    const res = await fetch(`${hub.url}/api/v1/admin/dead-letters/${dead.id}/retry`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(res.status).toBe(202);
    const filed = await eventually(async () => {
      const c = await complaintOf(chat);
      return c.trackingId ? c : null;
    });
    expect(filed.status).toBe('BELUM_TERVERIFIKASI');
  });

  it('is marked FAILED, not rejected, when LAPOR! answers 409 (key reused with another body)', async () => {
    hub.simulator!.control.failNext(1, { status: 409, path: 'POST /complaints' });
    const chat = new WebchatClient(hub.url);
    await confirmComplaint(chat);
    await eventually(async () => (await complaintOf(chat)).status === 'FAILED');
    expect((await complaintOf(chat)).rejection).toBeNull();
  });

  it('cannot be filed by hand while the hub is still forwarding it', async () => {
    // LAPOR! takes 3 s to answer: the forward job is in flight meanwhile
    hub.simulator!.control.failNext(1, { delayMs: 3_000, path: 'POST /complaints' });
    try {
      const chat = new WebchatClient(hub.url);
      await confirmComplaint(chat);
      await eventually(async () => (await hub.prisma.outboxJob.count({ where: { kind: 'forward_complaint', status: 'running' } })) > 0);
      const res = await fetch(`${hub.url}/api/v1/admin/complaints/${(await complaintOf(chat)).id}/filed`, {
        method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ trackingId: '7000002' }),
      });
      expect(res.status).toBe(409);
      expect((await res.json()).error).toMatch(/still forwarding/);
    } finally {
      hub.simulator!.control.clearFaults();
    }
  });

  it('keeps the body of the first attempt and sends exactly that again', async () => {
    const chat = new WebchatClient(hub.url);
    hub.simulator!.control.failNext(1, { status: 503, path: 'POST /complaints' });
    const { complaint, trackingId } = await fileComplaint(hub, chat);
    expect(complaint.filedBody).toMatchObject({ source_app: 'webchat', classification: 'PENGADUAN' });
    expect(hub.simulator!.control.report(trackingId)!.report).toEqual(complaint.filedBody);
  });
});

describe('LAPOR! news out of order', () => {
  it('keeps an update for a tracking id it does not know yet, and applies it once that number is filed', async () => {
    // an agency that files by hand: the officer enters the number after LAPOR! has already moved
    await hub.prisma.agency.update({ where: { id: 'default' }, data: { connectorType: 'manual' } });
    hub.connectors.forget('default');
    try {
      const chat = new WebchatClient(hub.url);
      await confirmComplaint(chat);
      await eventually(async () => (await complaintOf(chat)).status === 'WAITING_MANUAL');
      const early = { id: 'early-1', trackingId: '7123456', type: 'status' as const, status: 'TERVERIFIKASI' as const, at: new Date(Date.now() - 60_000) };
      expect(await hub.relay.apply('default', early)).toBe('unknown_report');
      expect(await hub.prisma.pendingUpdate.count({ where: { trackingId: '7123456' } })).toBe(1);

      const res = await fetch(`${hub.url}/api/v1/admin/complaints/${(await complaintOf(chat)).id}/filed`, {
        method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ trackingId: '7123456' }),
      });
      expect(res.status).toBeLessThan(300);
      expect((await complaintOf(chat)).status).toBe('TERVERIFIKASI');
      expect(await hub.prisma.pendingUpdate.count({ where: { trackingId: '7123456' } })).toBe(0);
      const texts = (await chat.history()).map((m) => m.text);
      expect(texts.filter((t) => t.includes('7123456')).length).toBeGreaterThanOrEqual(1);
      // the same update polled again later changes nothing
      expect(await hub.relay.apply('default', early)).toBe('duplicate');
    } finally {
      await hub.prisma.agency.update({ where: { id: 'default' }, data: { connectorType: 'lapor' } });
      hub.connectors.forget('default');
    }
  });

  it('does not roll the status back for an update older than the current status', async () => {
    const { chat, trackingId, complaint } = await fileComplaint(hub);
    const now = Date.now();
    await hub.relay.apply('default', { id: `late-new-${trackingId}`, trackingId, type: 'status', status: 'TERDISPOSISI', institution: 'Dinas X', at: new Date(now) });
    const before = (await chat.history()).length;
    const outcome = await hub.relay.apply('default', { id: `late-old-${trackingId}`, trackingId, type: 'status', status: 'TERVERIFIKASI', at: new Date(now - 60_000) });
    expect(outcome).toBe('applied');
    expect((await hub.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).status).toBe('TERDISPOSISI');
    expect((await chat.history()).length).toBe(before);
  });
});
