// Redis stopped (SIGKILL, no persistence: its jobs are gone) and started again while citizens
// keep confirming reports: intake continues into the outbox, /readyz reports the outage, and
// once Redis is back the queue drains, each report filed exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmComplaint } from '../support/citizen.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { RedisServer, redisServerInstalled } from '../support/servers.js';
import { WebchatClient } from '../support/webchat-client.js';
import { expectFiledOnce, readiness } from './support.js';

const installed = redisServerInstalled();
if (!installed) console.warn('redis-server is not installed: SKIPPING the Redis outage fault test');

describe.skipIf(!installed)('Redis outage while reports come in', () => {
  let redis: RedisServer;
  let hub: TestHub;

  beforeAll(async () => {
    redis = await RedisServer.start();
    hub = await startTestHub({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await redis?.start().catch(() => {}); // let the runner close its connections cleanly
    await hub?.close();
    await redis?.stop();
  });

  it('takes reports during the outage, says so on /readyz, and drains once Redis is back', { timeout: 60_000 }, async () => {
    const before = new WebchatClient(hub.url);
    await confirmComplaint(before);
    await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: before.sessionId, trackingId: { not: null } } }));

    await redis.stop();
    const during = Array.from({ length: 4 }, () => new WebchatClient(hub.url));
    // every confirm answers 200 (confirmComplaint throws otherwise): the outbox takes them
    await Promise.all(during.map((chat) => confirmComplaint(chat)));
    const outage = await readiness(hub.url, 3_000);
    expect(outage.status).toBe(503);
    expect(outage.body.checks.queue.ok).toBe(false);
    expect(await hub.prisma.complaint.count({ where: { trackingId: { not: null } } })).toBe(1);

    await redis.start();
    // well within the relay's hand-over grace (60 s): Redis coming back is a reason to re-add
    await eventually(async () => (await hub.prisma.complaint.count({ where: { trackingId: { not: null } } })) === 5, 15_000, 100);
    expect((await readiness(hub.url, 3_000)).status).toBe(200);
    await expectFiledOnce(hub.prisma, hub.simulator!.control.reports(), 5);
  });

  it('runs a retry that waited in Redis when it was lost at its time, not after the hand-over grace', { timeout: 60_000 }, async () => {
    // LAPOR! asks for 3 s: the filing waits for its retry in BullMQ's delayed set
    hub.simulator!.control.failNext(1, { status: 503, retryAfter: '3', path: 'POST /complaints' });
    const chat = new WebchatClient(hub.url);
    await confirmComplaint(chat);
    const complaint = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: chat.sessionId } }));
    await eventually(() => hub.prisma.outboxJob.findFirst({
      where: { kind: 'forward_complaint', status: 'pending', attempts: 1, payload: { equals: { complaintId: complaint.id } } },
    }), 10_000, 50);

    await redis.stop(); // the delayed job is gone with it
    await redis.start();
    const filed = await eventually(() => hub.prisma.complaint.findFirst({ where: { id: complaint.id, trackingId: { not: null } } }), 15_000, 100);
    expect(filed.trackingId).toMatch(/^\d{7}$/);
    await expectFiledOnce(hub.prisma, hub.simulator!.control.reports(), 6);
  });
});
