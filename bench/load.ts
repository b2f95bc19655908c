// npm run bench:load: the hub's web chat against a baseline (node:http + one INSERT per
// message into the same PostgreSQL), the same closed-loop load on both in one run.
// C sessions at a time (default 100; 20 embedded) for D seconds (default 20) after a
// warm-up (default 5 s); --db postgres|embedded (default PostgreSQL + Redis when reachable);
// --json prints one JSON object. See docs/benchmarks.md.
import { runLoop, type Result } from './support/loop.js';
import { benchOptions } from './support/options.js';
import { cleanup, createDatabase, freeRedisDatabase, reachable, startBaseline, startHub } from './support/processes.js';
import { report } from './support/report.js';
import { webchatLoad } from './support/webchat-load.js';

const options = benchOptions();
const serversUp = (await reachable('postgres')) && (await reachable('redis'));
const db = options.db ?? (serversUp ? 'postgres' : 'embedded');
const concurrency = options.c ?? (db === 'embedded' ? 20 : 100);
const seconds = options.d ?? 20;
const warmupSeconds = options.warmup ?? 5;

const results: Result[] = [];
try {
  const loop = { concurrency, seconds, warmupSeconds, next: webchatLoad() };
  if (await reachable('postgres')) {
    const baseline = await startBaseline(await createDatabase('load_baseline'));
    results.push(await runLoop({ target: 'baseline', url: baseline, ...loop }));
  }
  const env: Record<string, string> = db === 'postgres'
    ? { DATABASE_URL: await createDatabase('load_hub'), REDIS_URL: await freeRedisDatabase() }
    : {};
  const hub = await startHub(env);
  results.push(await runLoop({ target: `hub (${db === 'postgres' ? 'PostgreSQL + Redis' : 'embedded'})`, url: hub, ...loop }));
} finally {
  await cleanup();
}
report('bench:load (web chat messages)', { sessions: concurrency, seconds, warmupSeconds, db }, results, options.json);
