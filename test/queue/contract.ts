// The behaviour both runners share, run against each (in-process on PGlite or PostgreSQL,
// BullMQ on PostgreSQL + Redis). Each test builds its own runners through env.make.
import type { PrismaClient } from '@prisma/client';
import { Registry } from 'prom-client';
import { expect, it } from 'vitest';
import { ConnectorError } from '../../src/connectors/connector.js';
import { ChannelError } from '../../src/core/channel.js';
import { isUniqueViolation } from '../../src/db/client.js';
import { listDeadJobs, retryDeadJob } from '../../src/queue/dead-letters.js';
import { JobDeferred } from '../../src/queue/errors.js';
import type { JobInfo } from '../../src/queue/kinds.js';
import { enqueue } from '../../src/queue/outbox.js';
import type { QueueRunner, QueueRunnerOptions } from '../../src/queue/runner.js';
import { deferred, sleep, testPolicy, waitFor } from './support.js';

export interface ContractEnv {
  prisma(): PrismaClient;
  /** a runner with test defaults, started; stopped after the test */
  make(options: Pick<QueueRunnerOptions, 'handlers'> & Partial<QueueRunnerOptions>): Promise<QueueRunner>;
  /** options that make a runner behave as a process that dies mid-job (no lease/lock renewal) */
  crashed: Partial<QueueRunnerOptions>;
  /** options for the runner that takes over from the crashed one */
  survivor: Partial<QueueRunnerOptions>;
}

export function runnerContract(env: ContractEnv): void {
  const row = (id: string) => env.prisma().outboxJob.findUniqueOrThrow({ where: { id } });
  const settled = (id: string, status = 'done') =>
    waitFor(async () => ((await row(id)).status === status ? row(id) : false), 10_000, `job ${status}`);

  it('runs a job once, with its payload and attempt, and marks the row done', async () => {
    const seen: [unknown, JobInfo][] = [];
    const runner = await env.make({ handlers: { forward_complaint: async (p, job) => void seen.push([p, job]) } });
    const id = await env.prisma().$transaction((tx) => enqueue(tx, 'forward_complaint', { complaintId: 'c-once' }));
    runner.notify();
    const done = await settled(id);
    await sleep(150);
    expect(seen).toEqual([[{ complaintId: 'c-once' }, { id, kind: 'forward_complaint', attempts: 1 }]]);
    expect(done).toMatchObject({ status: 'done', attempts: 1, lockedUntil: null });
    expect(done.doneAt).toBeInstanceOf(Date);
    expect(await runner.health()).toMatchObject({ ok: true });
  });

  it('retries a retryable failure and ends done after N+1 runs, counting metrics', async () => {
    const registry = new Registry();
    let runs = 0;
    const runner = await env.make({
      registry,
      handlers: { deliver_message: async () => { if (++runs <= 3) throw new Error('temporary outage'); } },
    });
    const id = await enqueue(env.prisma(), 'deliver_message', { messageIds: ['m-retry'] });
    runner.notify();
    const done = await settled(id);
    expect(runs).toBe(4);
    expect(done).toMatchObject({ status: 'done', attempts: 4, lastError: 'Error: temporary outage' });
    const metrics = await registry.getSingleMetricAsString('lapor_queue_jobs_total');
    expect(metrics).toContain('lapor_queue_jobs_total{kind="deliver_message",outcome="retried"} 3');
    expect(metrics).toContain('lapor_queue_jobs_total{kind="deliver_message",outcome="done"} 1');
  });

  it('runs a job waiting for its retry at once when its kind is expedited', async () => {
    const starts: number[] = [];
    const runner = await env.make({
      policy: { baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 0.9 }, // the retry would wait ~54 s
      handlers: {
        forward_complaint: async () => {
          starts.push(Date.now());
          if (starts.length === 1) throw new ConnectorError('retry', 'HTTP 503', { status: 503 });
        },
      },
    });
    const id = await enqueue(env.prisma(), 'forward_complaint', { complaintId: 'c-expedite' });
    runner.notify();
    await waitFor(async () => (await row(id)).lastError !== null && (await row(id)).status === 'pending', 5000, 'first failure');
    await runner.expedite('forward_complaint');
    await settled(id);
    expect(starts).toHaveLength(2);
    expect(starts[1]! - starts[0]!).toBeLessThan(5_000);
  });

  it('expediting never runs a job before the Retry-After its destination asked for', async () => {
    const starts: number[] = [];
    const runner = await env.make({
      handlers: {
        forward_complaint: async () => {
          starts.push(Date.now());
          if (starts.length === 1) throw new ConnectorError('retry', 'HTTP 429', { status: 429, retryAfterMs: 1_500 });
        },
      },
    });
    const id = await enqueue(env.prisma(), 'forward_complaint', { complaintId: 'c-expedite-429' });
    runner.notify();
    await waitFor(async () => (await row(id)).lastError !== null && (await row(id)).status === 'pending', 5000, 'first failure');
    await runner.expedite('forward_complaint');
    await settled(id);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(1_450);
  });

  it('does not retry before the Retry-After of a retry error', async () => {
    const starts: number[] = [];
    const runner = await env.make({
      handlers: {
        forward_complaint: async () => {
          starts.push(Date.now());
          if (starts.length === 1) throw new ConnectorError('retry', 'HTTP 429', { status: 429, retryAfterMs: 600 });
        },
      },
    });
    const id = await enqueue(env.prisma(), 'forward_complaint', { complaintId: 'c-429' });
    runner.notify();
    await settled(id);
    expect(starts).toHaveLength(2);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(580); // database clock vs ours: a few ms
  });

  it('dead-letters a permanent failure at once, without retry', async () => {
    let forwards = 0;
    let deliveries = 0;
    const runner = await env.make({
      handlers: {
        forward_complaint: async () => {
          forwards++;
          throw new ConnectorError('rejected', 'invalid report', { status: 400 });
        },
        deliver_message: async () => {
          deliveries++;
          throw new ChannelError('blocked', 'bot was blocked by the user');
        },
      },
    });
    const a = await enqueue(env.prisma(), 'forward_complaint', { complaintId: 'c-bad' });
    const b = await enqueue(env.prisma(), 'deliver_message', { messageIds: ['m-blocked'] });
    runner.notify();
    expect(await settled(a, 'dead')).toMatchObject({ attempts: 1, lastError: expect.stringContaining('invalid report') });
    expect(await settled(b, 'dead')).toMatchObject({ attempts: 1, lastError: expect.stringContaining('blocked') });
    await sleep(300);
    expect([forwards, deliveries]).toEqual([1, 1]);
  });

  it('dead-letters a job still failing when the retry window ends', async () => {
    let runs = 0;
    const runner = await env.make({
      policy: testPolicy({ maxAgeMs: 400 }),
      handlers: { post_response: async () => { runs++; throw new Error('still down'); } },
    });
    const id = await enqueue(env.prisma(), 'post_response', { complaintId: 'c-w', eventId: 'e-w' });
    runner.notify();
    const dead = await settled(id, 'dead');
    expect(runs).toBeGreaterThan(1);
    expect(dead.attempts).toBe(runs);
    expect(dead.lastError).toMatch(/gave up after \d+ attempts: Error: still down/);
  });

  it('lists dead letters and retries one back to done', async () => {
    let fixed = false;
    const runner = await env.make({
      handlers: { forward_complaint: async () => { if (!fixed) throw new ConnectorError('conflict', 'key reused'); } },
    });
    const id = await enqueue(env.prisma(), 'forward_complaint', { complaintId: 'c-dl' });
    runner.notify();
    await settled(id, 'dead');
    const dead = await listDeadJobs(env.prisma());
    expect(dead).toEqual([expect.objectContaining({ id, kind: 'forward_complaint', payload: { complaintId: 'c-dl' }, attempts: 1 })]);
    fixed = true;
    expect(await retryDeadJob(env.prisma(), id, runner)).toBe(true);
    expect(await settled(id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await retryDeadJob(env.prisma(), id, runner)).toBe(false);
    expect(await listDeadJobs(env.prisma())).toEqual([]);
  });

  it('takes up a job whose process died mid-run; an idempotent effect happens once', async () => {
    const prisma = env.prisma();
    let runs = 0;
    const effect = async (complaintId: string) => {
      try {
        await prisma.processedKey.create({ data: { key: `filed:${complaintId}` } });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error; // already filed: the effect is not repeated
      }
    };
    const hang = deferred();
    try {
      // the first process files, then dies before recording done (its handler never returns)
      const crashed = await env.make({
        ...env.crashed,
        handlers: { forward_complaint: async ({ complaintId }) => { runs++; await effect(complaintId); await hang.promise; } },
      });
      const id = await enqueue(prisma, 'forward_complaint', { complaintId: 'c-crash' });
      crashed.notify();
      await waitFor(() => runs === 1, 5000, 'first run');
      expect((await row(id)).status).toBe('running');
      const survivor = await env.make({
        ...env.survivor,
        handlers: { forward_complaint: async ({ complaintId }) => { runs++; await effect(complaintId); } },
      });
      survivor.notify();
      expect(await settled(id)).toMatchObject({ status: 'done', attempts: 2 });
      expect(runs).toBe(2);
      expect(await prisma.processedKey.count({ where: { key: 'filed:c-crash' } })).toBe(1);
    } finally {
      hang.resolve();
    }
  });

  // order keys: a chat's batches (deliver_message) one after the other, other chats not held up
  const batch = (tag: string) => ({ messageIds: [tag] });
  // BullMQ: the recheck of a blocked job is far away, so only the hand-on from its predecessor is measured
  const ordered = { bullmq: { blockedRecheckMs: 60_000 } } as const;

  it('a keyed job whose run fails with a retry is not overtaken by the next of its key; other keys run meanwhile', async () => {
    const events: string[] = [];
    let firstRuns = 0;
    const runner = await env.make({
      ...ordered,
      handlers: {
        deliver_message: async ({ messageIds: [tag] }) => {
          events.push(`start ${tag}`);
          if (tag === 'a1' && ++firstRuns === 1) throw new ChannelError('retry', 'HTTP 502', 400);
          events.push(`end ${tag}`);
        },
      },
    });
    const [a1, a2, b1] = await env.prisma().$transaction(async (tx) => [
      await enqueue(tx, 'deliver_message', batch('a1'), { orderKey: 'chat:a' }),
      await enqueue(tx, 'deliver_message', batch('a2'), { orderKey: 'chat:a' }),
      await enqueue(tx, 'deliver_message', batch('b1'), { orderKey: 'chat:b' }),
    ]);
    runner.notify();
    await Promise.all([settled(a1!), settled(a2!), settled(b1!)]);
    const at = (event: string) => events.indexOf(event);
    expect(events.filter((e) => e === 'start a1')).toHaveLength(2);
    expect(at('start a2')).toBeGreaterThan(at('end a1')); // after the retried run, not after the failed one
    expect(at('end b1')).toBeLessThan(at('end a1')); // chat b did not wait for chat a's retry
    expect((await row(a2!)).attempts).toBe(1);
  });

  it('a slow keyed job holds back the next of its key only; the next starts as soon as it ends', async () => {
    const spans = new Map<string, { start: number; end: number }>();
    const runner = await env.make({
      ...ordered,
      handlers: {
        deliver_message: async ({ messageIds: [tag] }) => {
          const start = Date.now();
          await sleep(tag === 'slow' ? 600 : 10);
          spans.set(tag!, { start, end: Date.now() });
        },
      },
    });
    const ids = await env.prisma().$transaction(async (tx) => [
      await enqueue(tx, 'deliver_message', batch('slow'), { orderKey: 'chat:s' }),
      await enqueue(tx, 'deliver_message', batch('next'), { orderKey: 'chat:s' }),
      await enqueue(tx, 'deliver_message', batch('other'), { orderKey: 'chat:o' }),
      await enqueue(tx, 'deliver_message', batch('free'), {}),
    ]);
    runner.notify();
    await Promise.all(ids.map((id) => settled(id)));
    const [slow, next, other, free] = ['slow', 'next', 'other', 'free'].map((t) => spans.get(t)!);
    expect(next!.start).toBeGreaterThanOrEqual(slow!.end);
    expect(next!.start - slow!.end).toBeLessThan(1_000); // not a recheck interval later
    expect(other!.end).toBeLessThan(slow!.end);
    expect(free!.end).toBeLessThan(slow!.end);
  });

  it('a dead job does not hold back the next of its key', async () => {
    const runs: string[] = [];
    const runner = await env.make({
      ...ordered,
      handlers: {
        deliver_message: async ({ messageIds: [tag] }) => {
          runs.push(tag!);
          if (tag === 'bad') throw new ChannelError('permanent', 'Bad Request: message is too long');
        },
      },
    });
    const [bad, good] = await env.prisma().$transaction(async (tx) => [
      await enqueue(tx, 'deliver_message', batch('bad'), { orderKey: 'chat:d' }),
      await enqueue(tx, 'deliver_message', batch('good'), { orderKey: 'chat:d' }),
    ]);
    runner.notify();
    await settled(bad!, 'dead');
    await settled(good!);
    expect(runs).toEqual(['bad', 'good']);
  });

  it('a deferred job (its channel runs in another process) comes back and is never dead-lettered, its order kept', async () => {
    let firstCalls = 0;
    const runs: string[] = [];
    const runner = await env.make({
      ...ordered,
      policy: testPolicy({ maxAgeMs: 100 }), // a failure this old would be dead; a deferral is no failure
      handlers: {
        deliver_message: async ({ messageIds: [tag] }) => {
          if (tag === 'first' && ++firstCalls <= 5) throw new JobDeferred('channel runs elsewhere', 60);
          runs.push(tag!);
        },
      },
    });
    const [first, second] = await env.prisma().$transaction(async (tx) => [
      await enqueue(tx, 'deliver_message', batch('first'), { orderKey: 'chat:e' }),
      await enqueue(tx, 'deliver_message', batch('second'), { orderKey: 'chat:e' }),
    ]);
    runner.notify();
    expect(await settled(first!)).toMatchObject({ status: 'done', attempts: 6, lastError: null });
    await settled(second!);
    expect(firstCalls).toBe(6);
    expect(runs).toEqual(['first', 'second']);
  });

  it('stops gracefully: waits for the running job to finish', async () => {
    const started = deferred();
    let finished = false;
    const runner = await env.make({
      handlers: { deliver_message: async () => { started.resolve(); await sleep(400); finished = true; } },
    });
    const id = await enqueue(env.prisma(), 'deliver_message', { messageIds: ['m-stop'] });
    runner.notify();
    await started.promise;
    await runner.stop();
    expect(finished).toBe(true);
    expect((await row(id)).status).toBe('done');
  });
}
