// Prometheus metrics of job runs; a no-op without a registry. Shared registries are fine:
// a metric already registered (a second runner, a test) is reused, not registered twice.
import type { PrismaClient } from '@prisma/client';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type RunOutcome = 'done' | 'retried' | 'deferred' | 'dead';

export interface QueueMetrics {
  record(kind: string, outcome: RunOutcome, seconds: number): void;
}

export function createQueueMetrics(registry?: Registry): QueueMetrics {
  if (!registry) return { record: () => {} };
  const jobs = (registry.getSingleMetric('lapor_queue_jobs_total') as Counter<'kind' | 'outcome'> | undefined)
    ?? new Counter({
      name: 'lapor_queue_jobs_total',
      help: 'Job runs by kind and outcome (done, retried, deferred, dead)',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    });
  const duration = (registry.getSingleMetric('lapor_queue_job_duration_seconds') as Histogram<'kind' | 'outcome'> | undefined)
    ?? new Histogram({
      name: 'lapor_queue_job_duration_seconds',
      help: 'Handler run time by kind and outcome',
      labelNames: ['kind', 'outcome'],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    });
  return {
    record(kind, outcome, seconds) {
      jobs.inc({ kind, outcome });
      duration.observe({ kind, outcome }, seconds);
    },
  };
}

/**
 * Gauges of the outbox, read at scrape time: the outbox table is the source of truth for both
 * runners (BullMQ holds only what the relay handed over), so these hold for either. A failed
 * read (database away) leaves them empty rather than failing the scrape.
 */
export function registerQueueGauges(registry: Registry, prisma: PrismaClient, kinds: readonly string[]): void {
  if (registry.getSingleMetric('lapor_queue_depth')) return;
  // one query per scrape, shared by the five gauges (prom-client collects each one in turn)
  let pending: Promise<void> | undefined;
  const refresh = () => (pending ??= readOutbox(prisma).then((rows) => {
    const byKind = new Map(rows.map((r) => [r.kind, r]));
    for (const kind of kinds) {
      const r = byKind.get(kind);
      depth.set({ kind }, Number(r?.depth ?? 0));
      due.set({ kind }, Number(r?.due ?? 0));
      oldest.set({ kind }, Number(r?.oldestAge ?? 0));
      late.set({ kind }, Number(r?.dueWait ?? 0));
      dead.set({ kind }, Number(r?.dead ?? 0));
    }
  }, () => {
    for (const g of [depth, due, oldest, late, dead]) g.reset();
  }).finally(() => setImmediate(() => (pending = undefined))));
  const gauge = (name: string, help: string) => new Gauge({ name, help, labelNames: ['kind'], registers: [registry], collect: refresh });
  const depth = gauge('lapor_queue_depth', 'Jobs waiting or running, by kind');
  const due = gauge('lapor_queue_due_jobs', 'Jobs due to run now and not running, by kind');
  const oldest = gauge('lapor_queue_oldest_job_age_seconds', 'Age of the oldest job waiting or running, by kind (0 when none)');
  const late = gauge('lapor_queue_oldest_due_job_wait_seconds', 'How long the oldest due job has waited past its run time, by kind (0 when none)');
  const dead = gauge('lapor_queue_dead_letters', 'Dead-lettered jobs (not retried), by kind');
}

interface OutboxRow { kind: string; depth: bigint; due: bigint; dead: bigint; oldestAge: number | null; dueWait: number | null }

function readOutbox(prisma: PrismaClient): Promise<OutboxRow[]> {
  const now = `(now() AT TIME ZONE 'UTC')`;
  return prisma.$queryRawUnsafe<OutboxRow[]>(
    `SELECT kind,
       count(*) FILTER (WHERE status IN ('pending', 'running')) AS depth,
       count(*) FILTER (WHERE status = 'pending' AND "runAt" <= ${now}) AS due,
       count(*) FILTER (WHERE status = 'dead') AS dead,
       EXTRACT(EPOCH FROM ${now} - min("createdAt") FILTER (WHERE status IN ('pending', 'running')))::float8 AS "oldestAge",
       EXTRACT(EPOCH FROM ${now} - min("runAt") FILTER (WHERE status = 'pending' AND "runAt" <= ${now}))::float8 AS "dueWait"
     FROM "OutboxJob" WHERE status IN ('pending', 'running', 'dead') GROUP BY kind`,
  );
}
