// The runner on Redis: one BullMQ Queue + Worker per job kind, fed by the relay from the outbox.
// The outbox row stays the truth (status, attempts, lastError, doneAt); BullMQ gives fast
// dispatch across processes, rate limits and stalled-job recovery.
// Retries: the worker decides with the shared retry policy (it needs the error's Retry-After and
// the time since the first attempt), writes the row, then moves the job to BullMQ's delayed set
// (job.moveToDelayed + DelayedError). BullMQ's own attempts/backoff stay unused, so both runners
// retry identically. Finished jobs are removed from Redis; dead letters live in the outbox.
// Order keys: a job behind an earlier job of its key waits in the delayed set; the run that
// finishes the earlier one promotes it at once (blockedRecheckMs is only the fallback).
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { describeError } from './retry-policy.js';
import { execute, executeContext, handledKinds } from './execute.js';
import type { JobKind } from './kinds.js';
import { Relay } from './relay.js';
import type { QueueRunner, QueueRunnerOptions } from './runner.js';
import * as store from './store.js';

const DEFAULT_RATE_LIMITS: Partial<Record<JobKind, { max: number; duration: number }>> = {
  forward_complaint: { max: 10, duration: 1000 },
  post_response: { max: 10, duration: 1000 },
};

// Commands wait in ioredis' offline queue while Redis is away (maxRetriesPerRequest: null, as
// workers need): a health check must neither queue behind them nor wait for the reconnect.
const REDIS_PING_TIMEOUT_MS = 1000;

async function pingRedis(redis: Redis): Promise<void> {
  if (redis.status !== 'ready') throw new Error(`connection ${redis.status}`);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to PING within ${REDIS_PING_TIMEOUT_MS} ms`)), REDIS_PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([redis.ping(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function createBullmqRunner(options: QueueRunnerOptions & { redisUrl: string }): QueueRunner {
  const b = options.bullmq ?? {};
  const prefix = b.prefix ?? 'lapor-hub';
  const lockDuration = b.lockDuration ?? 30_000;
  const handOverGraceMs = b.handOverGraceMs ?? 60_000;
  const blockedRecheckMs = b.blockedRecheckMs ?? 5_000;
  // the row lease follows the BullMQ lock: a crashed worker's row is claimable when its job stalls
  const ctx = executeContext(options, handOverGraceMs, options.leaseMs ?? lockDuration);
  const kinds = handledKinds(options.handlers);
  const rateLimits = b.rateLimits ?? DEFAULT_RATE_LIMITS;
  const log = options.logger.child({ component: 'queue', runner: 'bullmq', prefix });

  // Redis objects are made in start(): constructing them connects.
  let connection: Redis | undefined;
  let relay: Relay | undefined;
  const queues = new Map<JobKind, Queue>();
  const workers: Worker[] = [];
  let state: 'new' | 'started' | 'stopped' = 'new';

  async function processJob(job: Job, token?: string): Promise<void> {
    const id = job.id!;
    const claimed = await store.claimById(options.prisma, id, ctx.leaseMs);
    if (!claimed) {
      const seen = await store.peek(options.prisma, id);
      if (seen.finished) return; // done, dead or deleted: nothing to do; the job leaves Redis
      // not due yet (runAt later), still leased by a run elsewhere, or behind an earlier job of
      // its order key (promoted when that one finishes): come back then
      await job.moveToDelayed(Date.now() + (seen.blocked ? Math.max(seen.waitMs, blockedRecheckMs) : seen.waitMs), token);
      // the earlier job may have finished while this one was not yet in the delayed set
      if (seen.blocked) await promoteIfRunnable(job, id);
      throw new DelayedError();
    }
    const outcome = await execute(ctx, claimed);
    if (outcome.owned && outcome.action !== 'retry' && claimed.orderKey) await startSuccessor(claimed.orderKey, claimed.seq);
    if (outcome.action === 'retry' && outcome.owned) {
      await job.moveToDelayed(Date.now() + outcome.delayMs, token);
      // expedite() may have made the row due while this job was not yet in the delayed set
      await promoteIfRunnable(job, id);
      throw new DelayedError();
    }
  }

  async function promoteIfRunnable(job: Job, id: string): Promise<void> {
    const seen = await store.peek(options.prisma, id);
    if (!seen.finished && seen.waitMs === 0 && !seen.blocked) await job.promote().catch(() => {});
  }

  /** A keyed job finished: the next one of its key need not wait for its recheck. */
  async function startSuccessor(orderKey: string, seq: string): Promise<void> {
    try {
      const next = await store.successor(options.prisma, orderKey, seq);
      const queue = next && queues.get(next.kind);
      if (!next || !queue) return; // a kind this process does not handle waits for its recheck
      const job = await queue.getJob(next.id);
      if (job && (await job.isDelayed())) await promoteIfRunnable(job, next.id);
    } catch (error) {
      log.warn({ err: describeError(error) }, 'starting the next job of an order key failed; it runs at its recheck');
    }
  }

  return {
    async start() {
      if (state !== 'new') return;
      state = 'started';
      // Workers need maxRetriesPerRequest: null (blocking commands); BullMQ duplicates this connection for them.
      const redis = (connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null }));
      redis.on('error', (error) => log.warn({ err: describeError(error) }, 'redis connection error'));
      for (const kind of kinds) {
        const queue = new Queue(kind, { connection: redis, prefix, defaultJobOptions: { removeOnComplete: true, removeOnFail: true } });
        queue.on('error', (error) => log.warn({ kind, err: describeError(error) }, 'queue error'));
        queues.set(kind, queue);
      }
      const current = (relay = new Relay(options.prisma, queues, { sweepIntervalMs: b.sweepIntervalMs ?? 5000, handOverGraceMs }, log));
      // after a lost connection, what Redis held may be gone (a restart without persistence)
      let lost = false;
      redis.on('close', () => (lost = state === 'started'));
      redis.on('ready', () => {
        if (!lost || state !== 'started') return;
        lost = false;
        log.info('redis is back: handing the outbox over again');
        void current.rehandAll();
      });
      for (const kind of kinds) {
        const worker = new Worker(kind, processJob, {
          connection: redis,
          prefix,
          concurrency: options.concurrency ?? 4,
          lockDuration,
          stalledInterval: b.stalledInterval ?? 15_000,
          maxStalledCount: b.maxStalledCount ?? 2,
          ...(rateLimits[kind] && { limiter: rateLimits[kind] }),
          ...b.workerOptions,
        });
        worker.on('error', (error) => log.error({ kind, err: describeError(error) }, 'worker error'));
        worker.on('failed', (job, error) =>
          log.warn({ kind, jobId: job?.id, err: describeError(error) }, 'job failed in BullMQ; the sweep will re-add it from the outbox'));
        workers.push(worker);
      }
      await Promise.all(workers.map((w) => w.waitUntilReady()));
      await relay.start();
      log.info({ kinds }, 'BullMQ queue runner started');
    },
    notify: () => relay?.trigger(),
    async expedite(kind) {
      const queue = queues.get(kind);
      if (!queue) return;
      // their BullMQ jobs wait in the delayed set: promote them (a job promoted while its row is
      // not due yet is delayed again by processJob). One still on its way to the delayed set
      // checks its row itself after the move (processJob).
      for (const id of await store.expedite(options.prisma, kind)) {
        const job = await queue.getJob(id);
        if (job && (await job.isDelayed())) await job.promote().catch(() => {});
      }
    },
    async stop() {
      if (state !== 'started') return;
      state = 'stopped';
      await relay?.stop();
      await Promise.all(workers.map((w) => w.close())); // waits for active jobs
      await Promise.all([...queues.values()].map((q) => q.close()));
      await connection?.quit().catch(() => connection?.disconnect());
      log.info('BullMQ queue runner stopped');
    },
    async health() {
      if (state !== 'started') return { ok: false, detail: `runner ${state}` };
      try {
        await pingRedis(connection!);
      } catch (error) {
        return { ok: false, detail: `redis: ${describeError(error)}` };
      }
      try {
        await options.prisma.$queryRawUnsafe('SELECT 1');
      } catch (error) {
        return { ok: false, detail: `database: ${describeError(error)}` };
      }
      const stopped = workers.filter((w) => !w.isRunning()).length;
      return stopped ? { ok: false, detail: `${stopped} worker(s) not running` } : { ok: true, detail: 'bullmq' };
    },
  };
}
