// Start-up: time from spawning `lapor-hub start` to the first 200 of /healthz.
// PostgreSQL: one start migrates a fresh database, then STARTS (default 5) starts are timed;
// embedded (PGlite): the same, on one DATA_DIR.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, median, startHubProcess } from './support/hub-process.js';

const STARTS = Number(process.env.STARTS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 39310);

async function series(name: string, env: Record<string, string>) {
  const first = await startHubProcess(env, PORT);
  await first.stop();
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const hub = await startHubProcess(env, PORT);
    times.push(hub.startMs);
    await hub.stop();
  }
  console.log(`${name}: first start (migrating) ${first.startMs.toFixed(0)} ms; ${STARTS} starts: ` +
    `min ${Math.min(...times).toFixed(0)} ms, median ${median(times).toFixed(0)} ms (target ≤ 2000 ms)`);
}

const db = await freshDatabase('startup');
try {
  await series('PostgreSQL', { DATABASE_URL: db.url });
} finally {
  await db.drop();
}
await series('embedded (PGlite)', { DATA_DIR: mkdtempSync(join(tmpdir(), 'lapor-bench-startup-')) });
