// One run of a claimed job, the same for both runners: keep the lease alive, call the handler,
// decide with the retry policy, write the outcome to the row (only while this run owns it).
import type { PrismaClient } from '@prisma/client';
import type { Logger } from '../log.js';
import type { JobHandler, JobHandlers, JobKind, JobPayloads } from './kinds.js';
import type { QueueMetrics } from './metrics.js';
import { createQueueMetrics } from './metrics.js';
import { decide, DEFAULT_RETRY_POLICY, describeError, type Decision, type RetryPolicy } from './retry-policy.js';
import type { DeadJobInfo, QueueRunnerOptions } from './runner.js';
import * as store from './store.js';

export interface ExecuteContext {
  prisma: PrismaClient;
  handlers: JobHandlers;
  policy: RetryPolicy;
  logger: Logger;
  metrics: QueueMetrics;
  leaseMs: number;
  /** false only to simulate a crashed process in tests */
  renewLease: boolean;
  /** BullMQ: a retried row is already delayed in Redis; the relay may look again this long after runAt */
  handedOverMs: number | null;
  onDead?: QueueRunnerOptions['onDead'];
}

export const DEFAULT_LEASE_MS = 30_000;

export function executeContext(options: QueueRunnerOptions, handedOverMs: number | null, leaseMs?: number): ExecuteContext {
  return {
    prisma: options.prisma,
    handlers: options.handlers,
    policy: { ...DEFAULT_RETRY_POLICY, ...options.policy },
    logger: options.logger.child({ component: 'queue' }),
    metrics: createQueueMetrics(options.registry),
    leaseMs: leaseMs ?? options.leaseMs ?? DEFAULT_LEASE_MS,
    renewLease: options.renewLease ?? true,
    handedOverMs,
    onDead: options.onDead,
  };
}

/** The kinds this process has handlers for: the only ones it claims. */
export const handledKinds = (handlers: JobHandlers): JobKind[] =>
  (Object.keys(handlers) as JobKind[]).filter((kind) => typeof handlers[kind] === 'function');

export type Outcome = Decision & { owned: boolean };

export async function execute(ctx: ExecuteContext, job: store.ClaimedJob): Promise<Outcome> {
  const log = ctx.logger.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
  const heartbeat = ctx.renewLease
    ? setInterval(() => {
        store.renewLease(ctx.prisma, job, ctx.leaseMs).then(
          (owned) => owned || log.warn('lease lost while running: another run may take the job over'),
          (error: unknown) => log.warn({ err: describeError(error) }, 'lease renewal failed'),
        );
      }, Math.max(10, Math.floor(ctx.leaseMs / 3)))
    : undefined;

  const handler = ctx.handlers[job.kind] as JobHandler<JobKind> | undefined;
  const started = performance.now();
  let failed = false;
  let error: unknown;
  try {
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    await handler(job.payload as JobPayloads[JobKind], { id: job.id, kind: job.kind, attempts: job.attempts });
  } catch (e) {
    failed = true;
    error = e;
  } finally {
    clearInterval(heartbeat);
  }
  const seconds = (performance.now() - started) / 1000;
  const decision = decide(ctx.policy, { attempt: job.attempts, firstAttemptAt: job.firstAttemptAt, now: new Date(), error, failed });

  let owned: boolean;
  if (decision.action === 'done') owned = await store.markDone(ctx.prisma, job);
  else if (decision.action === 'retry') {
    owned = await store.markRetry(ctx.prisma, job, decision.delayMs, decision.deferred ? null : decision.error, ctx.handedOverMs, decision.notBeforeMs);
  }
  else owned = await store.markDead(ctx.prisma, job, decision.error);

  const outcome = decision.action !== 'retry' ? decision.action : decision.deferred ? 'deferred' : 'retried';
  ctx.metrics.record(job.kind, outcome, seconds);
  if (!owned) log.warn({ outcome: decision.action }, 'run finished after losing its lease; outcome not recorded');
  else if (decision.action === 'retry' && decision.deferred) log.debug({ delayMs: decision.delayMs }, 'job deferred: another process runs what it needs');
  else if (decision.action === 'retry') log.info({ delayMs: decision.delayMs, err: decision.error }, 'job will be retried');
  else if (decision.action === 'dead') {
    log.error({ err: decision.error }, 'job dead-lettered');
    // the hub tells whom it concerns (a citizen whose report could not be filed)
    // the row's payload is the one its kind's enqueue wrote
    await ctx.onDead?.({ id: job.id, kind: job.kind, payload: job.payload } as DeadJobInfo).catch((e: unknown) =>
      log.error({ err: describeError(e) }, 'onDead hook failed'));
  }
  else log.debug({ ms: Math.round(seconds * 1000) }, 'job done');
  return { ...decision, owned };
}
