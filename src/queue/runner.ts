// The queue as the hub sees it, and the choice between the two runners:
// REDIS_URL set → BullMQ on Redis (relay from the outbox); unset → in-process over the outbox.
import type { PrismaClient } from '@prisma/client';
import type { Registry } from 'prom-client';
import type { Logger } from '../log.js';
import type { JobHandlers, JobKind, JobPayloads } from './kinds.js';
import type { RetryPolicy } from './retry-policy.js';
import { deferredRunner } from './deferred-runner.js';
import { createInProcessRunner } from './in-process-runner.js';
import { JOB_KINDS } from './kinds.js';
import { registerQueueGauges } from './metrics.js';

export interface QueueRunner {
  start(): Promise<void>;
  /** Call after committing a transaction that enqueued jobs: they start at once. */
  notify(): void;
  /** Jobs of this kind waiting for a retry run now (their destination is back). */
  expedite(kind: JobKind): Promise<void>;
  /** Graceful: stops claiming, waits for running jobs. */
  stop(): Promise<void>;
  health(): Promise<{ ok: boolean; detail?: string }>;
}

export interface BullmqOptions {
  /** Redis key prefix; queues are `<prefix>:<kind>`. Default `lapor-hub`. */
  prefix?: string;
  /** BullMQ limiter per kind (per queue, across all workers). Default 10 jobs/s for forward_complaint and post_response. */
  rateLimits?: Partial<Record<JobKind, { max: number; duration: number }>>;
  /** How often the relay sweeps the outbox for rows not in Redis. Default 5000. */
  sweepIntervalMs?: number;
  /** A pending row handed to Redis is looked at again this long after its runAt. Default 60000. */
  handOverGraceMs?: number;
  /** BullMQ job lock; a crashed worker's job is taken up within lockDuration + stalledInterval. Default 30000. */
  lockDuration?: number;
  /** Default 15000. */
  stalledInterval?: number;
  /**
   * A job behind an earlier one of its order key is looked at again after this long; normally
   * the run finishing the earlier one starts it at once. Default 5000.
   */
  blockedRecheckMs?: number;
  /** Default 2; beyond it BullMQ fails the job and the relay's sweep re-adds it from the outbox. */
  maxStalledCount?: number;
  /** Raw overrides of BullMQ worker options (tests: skipLockRenewal to simulate a crash). */
  workerOptions?: Record<string, unknown>;
}

export interface QueueRunnerOptions {
  prisma: PrismaClient;
  /** set: BullMQ on Redis; unset: in-process */
  redisUrl?: string;
  handlers: JobHandlers;
  logger: Logger;
  policy?: Partial<RetryPolicy>;
  /** prom-client registry for job counters and durations */
  registry?: Registry;
  /** jobs run at once per process (BullMQ: per kind). Default 4. */
  concurrency?: number;
  /**
   * true when no other process can use the database (the embedded PGlite): jobs left running
   * at start belong to a dead process and are taken up at once (in-process runner).
   */
  soleProcess?: boolean;
  /** lease on a running row, renewed every leaseMs/3 while the handler runs. Default 30000 (BullMQ: lockDuration). */
  leaseMs?: number;
  /** in-process: how often due jobs are looked for besides notify(). Default 1000. */
  pollIntervalMs?: number;
  /** false only in tests, to simulate a process that died mid-job. Default true. */
  renewLease?: boolean;
  bullmq?: BullmqOptions;
  /** called once a job is dead-lettered (after its row says so) */
  onDead?: (job: DeadJobInfo) => Promise<void>;
}

/** A dead-lettered job, its payload typed by its kind (check `kind` to narrow it). */
export type DeadJobInfo = { [K in JobKind]: { id: string; kind: K; payload: JobPayloads[K] } }[JobKind];

export function createQueueRunner(options: QueueRunnerOptions): QueueRunner {
  if (options.registry) registerQueueGauges(options.registry, options.prisma, JOB_KINDS);
  const { redisUrl } = options;
  return redisUrl
    ? deferredRunner(async () => (await import('./bullmq-runner.js')).createBullmqRunner({ ...options, redisUrl }))
    : createInProcessRunner(options);
}
