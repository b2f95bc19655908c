// Queue bench: enqueue→start latency (p50/p99, one job at a time) and throughput (a batch of
// no-op jobs) for the in-process runner (PGlite; PostgreSQL when reachable) and the BullMQ runner
// (Redis + PostgreSQL, when both are reachable). Bounded: fixed counts, 60 s per phase at most.
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { enqueue } from '../src/queue/outbox.js';
import { createQueueRunner } from '../src/queue/runner.js';
import { createTestDatabase, postgresAvailable } from '../test/support/db.js';
import { REDIS_URL, dropPrefix, redisAvailable, uniquePrefix } from '../test/queue/support.js';

const LATENCY_SAMPLES = 200;
const THROUGHPUT_JOBS = 2000;
const PHASE_LIMIT_MS = 60_000;
const logger = pino({ level: 'silent' });

async function bench(label: string, dbKind: 'pglite' | 'postgres', redisUrl?: string) {
  const db = await createTestDatabase(dbKind);
  const prefix = uniquePrefix();
  const started = new Map<string, number>();
  let done = 0;
  const runner = createQueueRunner({
    prisma: db.prisma,
    redisUrl,
    logger,
    handlers: { deliver_message: async ({ messageIds }) => { started.set(messageIds[0]!, performance.now()); done++; } },
    bullmq: { prefix },
  });
  await runner.start();
  const waitUntil = async (check: () => boolean) => {
    const limit = performance.now() + PHASE_LIMIT_MS;
    while (!check()) {
      if (performance.now() > limit) throw new Error(`${label}: phase over ${PHASE_LIMIT_MS} ms`);
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  try {
    // latency: enqueue (commit included) → handler start, one job at a time
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const id = `lat-${i}`;
      const t0 = performance.now();
      await enqueue(db.prisma, 'deliver_message', { messageIds: [id] });
      runner.notify();
      await waitUntil(() => started.has(id));
      latencies.push(started.get(id)! - t0);
    }
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);

    // throughput: enqueue in transactions of 100, notify after each commit, until all done
    done = 0;
    const t0 = performance.now();
    for (let i = 0; i < THROUGHPUT_JOBS; i += 100) {
      await db.prisma.$transaction(async (tx) => {
        for (let j = i; j < i + 100; j++) await enqueue(tx, 'deliver_message', { messageIds: [`tp-${j}`] });
      });
      runner.notify();
    }
    const enqueued = performance.now() - t0;
    await waitUntil(() => done >= THROUGHPUT_JOBS);
    const total = performance.now() - t0;
    console.log(
      `${label.padEnd(34)} latency p50 ${pct(0.5).padStart(6)} ms  p99 ${pct(0.99).padStart(6)} ms | ` +
      `${THROUGHPUT_JOBS} jobs in ${(total / 1000).toFixed(2)} s = ${Math.round(THROUGHPUT_JOBS / (total / 1000))} jobs/s ` +
      `(enqueue alone ${Math.round(THROUGHPUT_JOBS / (enqueued / 1000))} jobs/s)`,
    );
  } finally {
    await runner.stop();
    await db.close();
    if (redisUrl) await dropPrefix(prefix);
  }
}

console.log(`queue bench: no-op handler, concurrency 4, ${LATENCY_SAMPLES} latency samples, ${THROUGHPUT_JOBS} jobs for throughput`);
await bench('in-process on PGlite', 'pglite');
const pg = await postgresAvailable();
if (pg) await bench('in-process on PostgreSQL', 'postgres');
else console.log('PostgreSQL not reachable: in-process on PostgreSQL and BullMQ skipped');
if (pg && (await redisAvailable())) await bench('BullMQ on Redis + PostgreSQL', 'postgres', REDIS_URL);
else if (pg) console.log(`Redis not reachable at ${REDIS_URL}: BullMQ skipped`);
