// Confirmed complaints reach LAPOR! exactly once while LAPOR! fails in every way the
// contract allows, on the in-process queue (PGlite or PostgreSQL) and on BullMQ + Redis.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmComplaint, fileComplaint } from '../support/citizen.js';
import { createTestDatabase, postgresAvailable } from '../support/db.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { redisAvailable, TEST_REDIS_URL } from '../support/redis.js';
import { WebchatClient } from '../support/webchat-client.js';

const FAST_RETRIES = { baseDelayMs: 50, maxDelayMs: 400 };
const bullmqReady = (await redisAvailable()) && (await postgresAvailable());
if (!bullmqReady) console.warn('Redis or PostgreSQL not reachable: BullMQ forwarding tests are skipped');

const variants = [
  { name: 'in-process queue', redis: false },
  ...(bullmqReady ? [{ name: 'BullMQ on Redis + PostgreSQL', redis: true }] : []),
];

describe.each(variants)('forwarding on the $name', ({ redis }) => {
  let hub: TestHub;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const dataDir = mkdtempSync(join(tmpdir(), 'lapor-forward-'));
  const start = () => startTestHub(
    { DATA_DIR: dataDir, ...(redis ? { REDIS_URL: TEST_REDIS_URL } : {}) },
    {
      db,
      queue: {
        policy: FAST_RETRIES,
        ...(redis ? { bullmq: { prefix: `lapor-test-${randomBytes(4).toString('hex')}`, sweepIntervalMs: 200 } } : {}),
      },
    },
  );
  beforeAll(async () => {
    db = await createTestDatabase(redis ? 'postgres' : undefined);
    hub = await start();
  });
  /** the agency's connector gives up waiting for LAPOR! after `timeoutMs` (only in one test) */
  const setTimeoutMs = async (timeoutMs?: number) => {
    await hub.prisma.agency.update({ where: { id: 'default' }, data: { connectorConfig: timeoutMs ? { timeoutMs } : {} } });
    hub.connectors.forget('default');
  };
  afterAll(async () => {
    await hub?.close();
    await db?.close();
  });

  it('files once through a burst of 503s', async () => {
    const sim = hub.simulator!.control;
    sim.failNext(4, { status: 503, path: 'POST /complaints' });
    const before = sim.reports().length;
    const { complaint } = await fileComplaint(hub);
    expect(sim.reports().length).toBe(before + 1);
    // the row is marked done just after the filing commits
    const job = await eventually(() => hub.prisma.outboxJob.findFirst({
      where: { kind: 'forward_complaint', status: 'done', payload: { equals: { complaintId: complaint.id } } },
    }));
    expect(job.attempts).toBeGreaterThanOrEqual(5); // four 503s, then the filing
  });

  it('waits as long as a 429 Retry-After asks', async () => {
    const sim = hub.simulator!.control;
    sim.failNext(1, { status: 429, retryAfter: '1', path: 'POST /complaints' });
    const started = Date.now();
    await fileComplaint(hub);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('files once when LAPOR! files the report but answers too late (timeout, then retry)', async () => {
    const sim = hub.simulator!.control;
    await setTimeoutMs(500);
    try {
      sim.failNext(1, { delayMs: 1500, path: 'POST /complaints' });
      const before = sim.reports().length;
      const { chat, trackingId } = await fileComplaint(hub);
      await new Promise((resolve) => setTimeout(resolve, 1600)); // the slow first request has finished too
      expect(sim.reports().length).toBe(before + 1);
      const numbers = (await chat.history()).filter((m) => m.text.includes(trackingId));
      expect(numbers).toHaveLength(1);
    } finally {
      await setTimeoutMs();
    }
  });

  it('marks a complaint LAPOR! rejects (400) and tells the citizen what to fix, without retrying', async () => {
    const sim = hub.simulator!.control;
    sim.failNext(1, {
      status: 400, path: 'POST /complaints',
      body: JSON.stringify({ errors: [{ field: 'location', message: 'lokasi tidak dikenal' }] }),
    });
    const chat = new WebchatClient(hub.url);
    await confirmComplaint(chat);
    const rejected = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: chat.sessionId, status: 'REJECTED' } }));
    expect(rejected.rejection).toMatchObject({ errors: [{ field: 'location', message: 'lokasi tidak dikenal' }] });
    const told = await eventually(async () => (await chat.history()).find((m) => m.text.includes('lokasi tidak dikenal')));
    expect(told.text).toContain('Lokasi: lokasi tidak dikenal'); // the field in the citizen's words
  });

  it('loses nothing and files nothing twice through an outage and a restart', async () => {
    const sim = hub.simulator!.control;
    sim.failNext(100_000, { status: 503, path: 'POST /complaints' });
    const chats = Array.from({ length: 4 }, () => new WebchatClient(hub.url));
    for (const chat of chats) await confirmComplaint(chat);
    await new Promise((resolve) => setTimeout(resolve, 700)); // several failed attempts each
    // the hub goes down in the middle of the outage (with BullMQ, the restarted hub's new
    // queue prefix also plays Redis losing every job meanwhile: the outbox is the truth)
    await hub.stop();
    sim.clearFaults(); // LAPOR! recovers while the hub is down
    hub = await start();
    for (const chat of chats) {
      const filed = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: chat.sessionId, trackingId: { not: null } } }), 15_000);
      expect(filed.trackingId).toMatch(/^\d{7}$/);
    }
    const ids = new Set(chats.map((c) => c.sessionId));
    const complaints = await hub.prisma.complaint.findMany({ where: { chatId: { in: [...ids] } } });
    expect(complaints).toHaveLength(4);
    const tracking = new Set(complaints.map((c) => c.trackingId));
    expect(tracking.size).toBe(4);
    const simReports = hub.simulator!.control.reports().filter((r) => tracking.has(r.tracking_id));
    expect(simReports).toHaveLength(4);
  });
});
