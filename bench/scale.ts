// npm run bench:scale: scaling out on PostgreSQL + Redis.
// (a) bench:load's closed-loop web chat load against one `lapor-hub start`, then against two on
//     one database and one Redis DB; the load's workers alternate between the two addresses (a
//     client-side round robin: sessions live in the database, so either process serves any).
// (b) backlog drain: N (--n, default 50) confirmed reports whose forward_complaint jobs wait in
//     a paused BullMQ queue; the queue is resumed and the time until every job's outbox row is
//     done is measured, with 0 and with 1 extra `lapor-hub worker`.
// C (default 100), D (default 20), warm-up (default 5 s), --json. See docs/benchmarks.md.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { BenchCitizen } from './support/citizen.js';
import { runLoop, type Result } from './support/loop.js';
import { benchOptions } from './support/options.js';
import { cleanup, hubStorage, reachable, startHubProcess, untilRunning } from './support/processes.js';
import { report, reportRows } from './support/report.js';
import { webchatLoad } from './support/webchat-load.js';

const options = benchOptions();
if (options.db === 'embedded' || !(await reachable('postgres')) || !(await reachable('redis'))) {
  throw new Error('bench:scale needs PostgreSQL and Redis (several processes share them)');
}
const concurrency = options.c ?? 100;
const seconds = options.d ?? 20;
const warmupSeconds = options.warmup ?? 5;
const backlog = options.n ?? 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** forward_complaint outbox rows not yet finished (done or dead). */
async function unfinishedForwards(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "OutboxJob" WHERE kind = 'forward_complaint' AND status NOT IN ('done', 'dead')`);
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}

/** Drains a backlog of `count` forwards with `extraWorkers` `lapor-hub worker`s beside the hub; ms. */
async function drain(hubUrl: string, storage: Record<string, string>, count: number, extraWorkers: number): Promise<number> {
  const workers = [];
  // the worker serves no HTTP: it reaches the built-in simulator in the hub's process
  for (let i = 0; i < extraWorkers; i++) {
    workers.push(await startHubProcess({ command: 'worker', env: { ...storage, LAPOR_API_URL: `${hubUrl}/simulator/lapor` } }));
  }
  // the hub's own BullMQ queue (prefix lapor-hub), paused for every process while the backlog builds
  const redis = new Redis(storage.REDIS_URL!, { maxRetriesPerRequest: null });
  const queue = new Queue('forward_complaint', { connection: redis, prefix: 'lapor-hub' });
  try {
    await queue.pause();
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let i = next++; i < count; i = next++) await new BenchCitizen(hubUrl, `10.13.${extraWorkers}.${i & 255}`).confirm();
    }));
    while ((await unfinishedForwards(storage.DATABASE_URL!)) < count) await sleep(50);
    const started = performance.now();
    await queue.resume();
    while ((await unfinishedForwards(storage.DATABASE_URL!)) > 0) await sleep(50);
    return performance.now() - started;
  } finally {
    await queue.resume().catch(() => {});
    await queue.close();
    redis.disconnect();
    for (const worker of workers) await worker.stop();
  }
}

const results: Result[] = [];
const drains: Array<Record<string, unknown>> = [];
try {
  const loop = { concurrency, seconds, warmupSeconds };
  const one = await startHubProcess({ env: await hubStorage('postgres', 'scale_one') });
  results.push(await runLoop({ target: 'hub × 1', url: one.url, ...loop, next: webchatLoad() }));
  await one.stop();

  const shared = await hubStorage('postgres', 'scale_two');
  const a = await startHubProcess({ env: shared });
  const b = await startHubProcess({ env: shared });
  results.push(await runLoop({ target: 'hub × 2', url: [a.url, b.url], ...loop, next: webchatLoad() }));
  await b.stop();
  await a.stop();

  const storage = await hubStorage('postgres', 'scale_drain');
  const hub = await startHubProcess({ env: storage });
  await untilRunning(hub);
  for (const extra of [0, 1]) {
    const ms = await drain(hub.url, storage, backlog, extra);
    drains.push({ 'extra workers': extra, jobs: backlog, 'drain ms': ms, 'jobs/s': backlog / (ms / 1000) });
  }
} finally {
  await cleanup();
}
const [single, double] = results;
report('bench:scale (a) web chat messages, 1 vs 2 processes', {
  sessions: concurrency, seconds, warmupSeconds, ratio: single && double ? Math.round((double.perSecond / single.perSecond) * 100) / 100 : null,
}, results, options.json);
reportRows('bench:scale (b) forward_complaint backlog drain', { backlog }, drains, options.json);
