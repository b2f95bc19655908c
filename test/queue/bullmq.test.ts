// The BullMQ runner on PostgreSQL + real Redis: the shared contract, plus what only it has
// (the relay's sweep, the rate limiter). Each test uses its own Redis key prefix, dropped after.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { enqueue } from '../../src/queue/outbox.js';
import { createQueueRunner, type QueueRunner, type QueueRunnerOptions } from '../../src/queue/runner.js';
import { createTestDatabase, postgresAvailable } from '../support/db.js';
import { openDatabase } from '../../src/db/client.js';
import { runnerContract } from './contract.js';
import { expectEachKeyInOrder, orderLoad } from './order-check.js';
import { REDIS_URL, dropPrefix, quietLogger, redisAvailable, sleep, testPolicy, uniquePrefix, waitFor } from './support.js';

const [redisUp, pgUp] = await Promise.all([redisAvailable(), postgresAvailable()]);
if (!redisUp) console.warn(`Redis not reachable at ${REDIS_URL}: skipping the BullMQ runner tests`);
if (!pgUp) console.warn('PostgreSQL not reachable: skipping the BullMQ runner tests');

describe.skipIf(!redisUp || !pgUp)('BullMQ runner on PostgreSQL + Redis', () => {
  const opened = createTestDatabase('postgres');
  let db: Database;
  let prefix: string;
  const runners: QueueRunner[] = [];

  beforeEach(async () => {
    db = await opened;
    prefix = uniquePrefix();
    await db.sql.exec('DELETE FROM "OutboxJob"; DELETE FROM "ProcessedKey";');
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await dropPrefix(prefix);
  });
  afterAll(async () => (await opened).close());

  async function make(options: Pick<QueueRunnerOptions, 'handlers'> & Partial<QueueRunnerOptions>): Promise<QueueRunner> {
    const runner = createQueueRunner({
      prisma: db.prisma,
      redisUrl: REDIS_URL,
      logger: quietLogger,
      policy: testPolicy(),
      ...options,
      // a long sweep: tests see notify() and BullMQ's stalled check at work, not the sweep
      bullmq: { prefix, sweepIntervalMs: 60_000, lockDuration: 2000, stalledInterval: 200, ...options.bullmq },
    });
    runners.push(runner);
    await runner.start();
    return runner;
  }

  runnerContract({
    prisma: () => db.prisma,
    make,
    // no lock renewal: its BullMQ lock and row lease lapse as if the process had died; BullMQ's
    // stalled check hands the job to the survivor
    crashed: { renewLease: false, leaseMs: 300, concurrency: 1, bullmq: { lockDuration: 300, workerOptions: { skipLockRenewal: true } } },
    survivor: {},
  });

  it('puts jobs in prefixed queues, one per kind, keyed by the outbox id', async () => {
    let seen = '';
    const runner = await make({ handlers: { forward_complaint: async (_p, job) => void (seen = job.id) } });
    const id = await enqueue(db.prisma, 'forward_complaint', { complaintId: 'c-key' }, { runAt: new Date(Date.now() + 60_000) });
    runner.notify();
    const { Redis } = await import('ioredis');
    const redis = new Redis(REDIS_URL);
    try {
      await waitFor(async () => (await redis.zscore(`${prefix}:forward_complaint:delayed`, id)) !== null, 3000, 'delayed job');
    } finally {
      redis.disconnect();
    }
    expect(seen).toBe('');
  });

  it('finds by its sweep a committed row that was never added to Redis', async () => {
    let runs = 0;
    await make({ handlers: { deliver_message: async () => void runs++ }, bullmq: { sweepIntervalMs: 200 } });
    // committed, but no notify(): as if the process died between commit and add
    const id = await enqueue(db.prisma, 'deliver_message', { messageIds: ['m-sweep'] });
    await waitFor(async () => (await db.prisma.outboxJob.findUniqueOrThrow({ where: { id } })).status === 'done', 3000, 'swept job');
    expect(runs).toBe(1);
  });

  it('runs a job due later only when it is due', async () => {
    let startedAt = 0;
    const runner = await make({ handlers: { post_response: async () => void (startedAt = Date.now()) } });
    const due = Date.now() + 500;
    await enqueue(db.prisma, 'post_response', { complaintId: 'c', eventId: 'e' }, { runAt: new Date(due) });
    runner.notify();
    await waitFor(() => startedAt > 0, 3000, 'start');
    expect(startedAt).toBeGreaterThanOrEqual(due - 20);
  });

  it('rate-limits forward_complaint per the limiter', async () => {
    const starts: number[] = [];
    const runner = await make({
      concurrency: 10,
      handlers: { forward_complaint: async () => void starts.push(Date.now()) },
      bullmq: { rateLimits: { forward_complaint: { max: 4, duration: 500 } } },
    });
    await db.prisma.$transaction(async (tx) => {
      for (let i = 0; i < 10; i++) await enqueue(tx, 'forward_complaint', { complaintId: `c-rl-${i}` });
    });
    runner.notify();
    await waitFor(() => starts.length === 10, 5000, 'all started');
    // BullMQ's limiter counts in fixed windows: 10 jobs at 4 a window need three windows, so the
    // first and the last start are at least one whole window apart (however the first one is aligned)
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(450);
  });

  it('two runners (two processes, own pools) keep the order of each key, retries included', async () => {
    const second = await openDatabase({ url: (await opened).url! });
    const load = orderLoad();
    try {
      const a = await make({ concurrency: 4, handlers: { deliver_message: load.handler('a') } });
      const secondRunner = createQueueRunner({
        prisma: second.prisma, redisUrl: REDIS_URL, logger: quietLogger, policy: testPolicy(), concurrency: 4,
        handlers: { deliver_message: load.handler('b') },
        bullmq: { prefix, sweepIntervalMs: 60_000, lockDuration: 2000, stalledInterval: 200 },
      });
      runners.push(secondRunner);
      await secondRunner.start();
      await load.enqueueAll(db.prisma, () => { a.notify(); secondRunner.notify(); });
      await waitFor(async () => (await db.prisma.outboxJob.count({ where: { status: 'done' } })) === load.total, 30_000, 'all done');
      expectEachKeyInOrder(load, ['a', 'b']);
    } finally {
      await Promise.all(runners.splice(0).map((r) => r.stop()));
      await second.close();
    }
  });

  it('reports health, and not ok once stopped', async () => {
    const runner = await make({ handlers: { deliver_message: async () => {} } });
    expect(await runner.health()).toEqual({ ok: true, detail: 'bullmq' });
    await runner.stop();
    expect((await runner.health()).ok).toBe(false);
    await sleep(10);
  });
});
