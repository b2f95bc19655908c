// With REDIS_URL the web chat's rate limits are counted in Redis: they hold across processes.
// With Redis unreachable they fall back to per-process counts, and the web chat still answers.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRateLimitRedis } from '../../src/hub/rate-limit-redis.js';
import { createLogger } from '../../src/log.js';
import { createTestDatabase, postgresAvailable } from '../support/db.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { redisAvailable, TEST_REDIS_URL } from '../support/redis.js';
import { WebchatClient } from '../support/webchat-client.js';

const shared = (await redisAvailable()) && (await postgresAvailable());

describe.skipIf(!shared)('the web chat rate limits with REDIS_URL (two processes, one PostgreSQL, one Redis)', () => {
  // one deployment: the same queue prefix and the same limit prefix, apart from other tests'
  const prefix = `lapor-test-${randomBytes(4).toString('hex')}`;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TestHub;
  let b: TestHub;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const start = () => startTestHub({ REDIS_URL: TEST_REDIS_URL }, {
      db,
      queue: { bullmq: { prefix } },
      channelTuning: { webchat: { rateLimitPrefix: `${prefix}:webchat` } },
    });
    a = await start();
    b = await start();
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.close();
    // the queues' and the limits' keys of this test
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('answers a session\'s 21st message within 10 s with 429 though the first 20 went to the other process', async () => {
    const viaA = new WebchatClient(a.url);
    for (let i = 0; i < 20; i++) expect((await viaA.post({ text: 'halo' })).status).toBe(200);
    const limited = await new WebchatClient(b.url, viaA.sessionId).post({ text: 'halo' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body.error).toMatch(/too many messages; try again in \d+ s/);
    // another session is not affected, on either process
    expect((await new WebchatClient(b.url).post({ text: 'halo' })).status).toBe(200);
  });
});

describe('the web chat rate limits with Redis unreachable', () => {
  // The queue cannot run on a Redis that is down (BullMQ's workers wait for it, and start()
  // with them), so this hub's queue is in-process and only the limits are given the dead Redis:
  // the web chat's path is the same as in a hub whose Redis went away.
  const logger = createLogger('silent');
  let deadRedis: Awaited<ReturnType<typeof openRateLimitRedis>>;
  let hub: TestHub;
  beforeAll(async () => {
    deadRedis = await openRateLimitRedis('redis://127.0.0.1:1', logger);
    hub = await startTestHub({}, { channelTuning: { webchat: { redis: deadRedis } } });
  });
  afterAll(async () => {
    await hub?.close();
    deadRedis?.disconnect();
  });

  it('still answers, and still limits a session, in this process', async () => {
    const chat = new WebchatClient(hub.url);
    const first = await chat.post({ text: 'halo' });
    expect(first.status).toBe(200);
    expect(first.body.messages.length).toBeGreaterThan(0);
    for (let i = 0; i < 19; i++) expect((await chat.post({ text: 'halo' })).status).toBe(200);
    const limited = await chat.post({ text: 'halo' });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatch(/too many messages/);
  });
});
