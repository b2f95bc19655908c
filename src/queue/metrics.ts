// Prometheus metrics of job runs; a no-op without a registry. Shared registries are fine:
// a metric already registered (a second runner, a test) is reused, not registered twice.
import { Counter, Histogram, type Registry } from 'prom-client';

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
