// A short LAPOR! outage costs the citizen seconds: through the real hub and the simulator's
// fault injection, four 503s then a 429 with Retry-After: 1, and the tracking number must
// reach the web chat about a second after the 429, on both queue runners. The default retry
// policy, with its jitter fixed at the middle (random 0.5) so the figures repeat.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmComplaint } from '../support/citizen.js';
import { createTestDatabase, postgresAvailable } from '../support/db.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { redisAvailable, TEST_REDIS_URL } from '../support/redis.js';
import { WebchatClient } from '../support/webchat-client.js';

const bullmqReady = (await redisAvailable()) && (await postgresAvailable());
if (!bullmqReady) console.warn('Redis or PostgreSQL not reachable: the BullMQ variant is skipped');

const variants = [
  { name: 'in-process queue', redis: false },
  ...(bullmqReady ? [{ name: 'BullMQ on Redis + PostgreSQL', redis: true }] : []),
];

describe.each(variants)('a short outage on the $name', ({ redis }) => {
  let hub: TestHub;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase(redis ? 'postgres' : undefined);
    hub = await startTestHub(redis ? { REDIS_URL: TEST_REDIS_URL } : {}, {
      db,
      queue: {
        policy: { random: () => 0.5 },
        ...(redis ? { bullmq: { prefix: `lapor-test-${randomBytes(4).toString('hex')}` } } : {}),
      },
    });
  });
  afterAll(async () => {
    await hub?.close();
    await db?.close();
  });

  it('four 503s, then 429 Retry-After: 1: the tracking number follows the 429 by about a second', async () => {
    const sim = hub.simulator!.control;
    sim.failNext(4, { status: 503, path: 'POST /complaints' });
    sim.failNext(1, { status: 429, retryAfter: '1', path: 'POST /complaints' });
    const chat = new WebchatClient(hub.url);
    await confirmComplaint(chat);
    const confirmed = Date.now();

    // the five failures are served in order; the last one taken is the 429
    await eventually(async () => sim.pendingFaults() === 0, 30_000, 10);
    const answered429 = Date.now();
    const message = await eventually(async () => {
      const complaint = await hub.prisma.complaint.findFirst({ where: { chatId: chat.sessionId, trackingId: { not: null } } });
      return complaint && (await chat.history()).find((m) => m.text.includes(complaint.trackingId!));
    }, 6_000, 20);
    const told = Date.now();
    console.log(`${redis ? 'bullmq' : 'in-process'}: 429 answered ${((answered429 - confirmed) / 1000).toFixed(1)} s after confirming; `
      + `tracking number in the chat ${((told - answered429) / 1000).toFixed(1)} s after the 429 (${((told - confirmed) / 1000).toFixed(1)} s in all)`);
    expect(message).toBeDefined();
    // Retry-After: 1 means the next attempt at 1 s, not later; the filing itself is quick
    expect(told - answered429).toBeGreaterThanOrEqual(900);
    expect(told - answered429).toBeLessThan(2_500);
    // the 503s (no Retry-After) back off briefly: about 0.5 + 1 + 2 + 4 s at the middle of the jitter
    expect(answered429 - confirmed).toBeLessThan(12_000);
  });
});
