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
  await hub.prisma.agency.update({ where: { id: 'default' }, data: { connectorConfig: { timeoutMs: 400 } } });
  hub.connectors.forget('default');
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

  it('is marked FAILED, not rejected, when LAPOR! answers 409 (key reused with another body)', async () => {
    hub.simulator!.control.failNext(1, { status: 409, path: 'POST /complaints' });
    const chat = new WebchatClient(hub.url);
    await confirmComplaint(chat);
    await eventually(async () => (await complaintOf(chat)).status === 'FAILED');
    expect((await complaintOf(chat)).rejection).toBeNull();
  });

  it('cannot be filed by hand while the hub is still forwarding it', async () => {
    hub.simulator!.control.failNext(10_000, { status: 503, path: 'POST /complaints' });
    try {
      const chat = new WebchatClient(hub.url);
      await confirmComplaint(chat);
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

  it('sends the very same body on every attempt, even if the public URL changes meanwhile', async () => {
    const chat = new WebchatClient(hub.url);
    hub.simulator!.control.failNext(1, { status: 503, path: 'POST /complaints' });
    const { complaint } = await fileComplaint(hub, chat);
    expect(complaint.filedBody).toMatchObject({ source_app: 'webchat', classification: 'PENGADUAN' });
  });
});

describe('LAPOR! news out of order', () => {
  it('applies an update that came before the hub stored the tracking id, once the filing is recorded', async () => {
    const sim = hub.simulator!.control;
    // earlier tests' complaints finish filing first, so the next new report is this one
    await eventually(async () => (await hub.prisma.outboxJob.count({ where: { kind: 'forward_complaint', status: { in: ['pending', 'running'] } } })) === 0);
    const known = new Set(sim.reports().map((r) => r.tracking_id));
    // LAPOR! files the report but answers after the hub gave up waiting (timeout 400 ms)
    sim.failNext(1, { delayMs: 1_200, path: 'POST /complaints' });
    const chat = new WebchatClient(hub.url);
    await confirmComplaint(chat);
    const report = await eventually(async () => sim.reports().find((r) => !known.has(r.tracking_id)));
    sim.setStatus(report.tracking_id, 'TERVERIFIKASI');
    await hub.poller.pollOnce(); // the hub does not know this tracking id yet: kept aside
    if (!(await complaintOf(chat)).trackingId) {
      expect(await hub.prisma.pendingUpdate.count({ where: { trackingId: report.tracking_id } })).toBe(1);
    }
    const filed = await eventually(async () => {
      const c = await complaintOf(chat);
      return c.trackingId ? c : null;
    }, 10_000);
    expect(filed.trackingId).toBe(report.tracking_id);
    await eventually(async () => (await complaintOf(chat)).status === 'TERVERIFIKASI');
    expect(await hub.prisma.pendingUpdate.count({ where: { trackingId: report.tracking_id } })).toBe(0);
    const texts = (await chat.history()).map((m) => m.text);
    expect(texts.filter((t) => t.includes(report.tracking_id)).length).toBeGreaterThanOrEqual(1);
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
