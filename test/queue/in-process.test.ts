// The in-process runner over the outbox: PGlite by default, PostgreSQL with LAPOR_TEST_DB=postgres;
// plus two runners (two "processes", two connection pools) sharing one PostgreSQL.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { enqueue } from '../../src/queue/outbox.js';
import { createQueueRunner, type QueueRunner } from '../../src/queue/runner.js';
import { createTestDatabase, postgresAvailable, testDbKind } from '../support/db.js';
import { runnerContract } from './contract.js';
import { expectEachKeyInOrder, orderLoad } from './order-check.js';
import { quietLogger, sleep, testPolicy, waitFor } from './support.js';

describe(`in-process runner on ${testDbKind()}`, () => {
  const opened = createTestDatabase();
  let db: Database;
  const runners: QueueRunner[] = [];
  beforeEach(async () => {
    db = await opened;
    await db.sql.exec('DELETE FROM "OutboxJob"; DELETE FROM "ProcessedKey";');
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => (await opened).close());

  runnerContract({
    prisma: () => db.prisma,
    async make(options) {
      const runner = createQueueRunner({ prisma: db.prisma, logger: quietLogger, policy: testPolicy(), pollIntervalMs: 50, ...options });
      runners.push(runner);
      await runner.start();
      return runner;
    },
    crashed: { renewLease: false, leaseMs: 300, concurrency: 1 },
    survivor: { leaseMs: 300 },
  });

  it('starts a notified job without waiting for the poll', async () => {
    let startedAt = 0;
    const runner = createQueueRunner({
      prisma: db.prisma, logger: quietLogger, pollIntervalMs: 60_000,
      handlers: { forward_complaint: async () => void (startedAt = Date.now()) },
    });
    runners.push(runner);
    await runner.start();
    await sleep(50);
    const t0 = Date.now();
    await enqueue(db.prisma, 'forward_complaint', { complaintId: 'c-fast' });
    runner.notify();
    await waitFor(() => startedAt > 0, 2000, 'start');
    expect(startedAt - t0).toBeLessThan(500);
  });

  it('leaves kinds it has no handler for alone', async () => {
    const runner = createQueueRunner({ prisma: db.prisma, logger: quietLogger, pollIntervalMs: 20, handlers: {} });
    runners.push(runner);
    await runner.start();
    const id = await enqueue(db.prisma, 'post_response', { complaintId: 'c', eventId: 'e' });
    await sleep(150);
    expect((await db.prisma.outboxJob.findUniqueOrThrow({ where: { id } })).status).toBe('pending');
  });
});

const pgReachable = await postgresAvailable();
if (!pgReachable) console.warn('PostgreSQL not reachable: skipping the two-runners-on-one-PostgreSQL test');

describe.skipIf(!pgReachable)('two in-process runners on one PostgreSQL', () => {
  it('never run a job twice', async () => {
    const main = await createTestDatabase('postgres');
    const second = await openDatabase({ url: main.url! }); // its own pool: another process
    const runs = new Map<string, number>();
    const by = { a: 0, b: 0 };
    const handler = (who: 'a' | 'b') => async (p: { messageIds: string[] }) => {
      runs.set(p.messageIds[0]!, (runs.get(p.messageIds[0]!) ?? 0) + 1);
      by[who]++;
      await sleep(Math.random() * 5);
    };
    const options = { logger: quietLogger, pollIntervalMs: 20, concurrency: 4, leaseMs: 10_000 };
    const a = createQueueRunner({ ...options, prisma: main.prisma, handlers: { deliver_message: handler('a') } });
    const b = createQueueRunner({ ...options, prisma: second.prisma, handlers: { deliver_message: handler('b') } });
    try {
      await Promise.all([a.start(), b.start()]);
      const total = 300;
      for (let i = 0; i < total; i += 50) {
        await main.prisma.$transaction(async (tx) => {
          for (let j = i; j < i + 50; j++) await enqueue(tx, 'deliver_message', { messageIds: [`m${j}`] });
        });
        a.notify();
        b.notify();
      }
      await waitFor(async () => (await main.prisma.outboxJob.count({ where: { status: 'done' } })) === total, 30_000, 'all done');
      expect(runs.size).toBe(total);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
      expect(by.a).toBeGreaterThan(0);
      expect(by.b).toBeGreaterThan(0);
      expect(await main.prisma.outboxJob.count({ where: { attempts: { not: 1 } } })).toBe(0);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await second.close();
      await main.close();
    }
  });

  it('keep the order of each key: one job of a key at a time, in enqueue order, retries included', async () => {
    const main = await createTestDatabase('postgres');
    const second = await openDatabase({ url: main.url! });
    const load = orderLoad();
    const options = { logger: quietLogger, pollIntervalMs: 20, concurrency: 4, leaseMs: 10_000, policy: testPolicy() };
    const a = createQueueRunner({ ...options, prisma: main.prisma, handlers: { deliver_message: load.handler('a') } });
    const b = createQueueRunner({ ...options, prisma: second.prisma, handlers: { deliver_message: load.handler('b') } });
    try {
      await Promise.all([a.start(), b.start()]);
      await load.enqueueAll(main.prisma, () => { a.notify(); b.notify(); });
      await waitFor(async () => (await main.prisma.outboxJob.count({ where: { status: 'done' } })) === load.total, 30_000, 'all done');
      expectEachKeyInOrder(load, ['a', 'b']);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await second.close();
      await main.close();
    }
  });
});
