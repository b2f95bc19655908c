// Start-up: time from spawning `lapor-hub start` to the first 200 of /healthz.
// PostgreSQL: one start migrates a fresh database, then STARTS (default 5) starts are timed;
// embedded (PGlite): the same, on one DATA_DIR.
import { cleanup, createDatabase, startHubProcess, tempDir } from './support/processes.js';

const STARTS = Number(process.env.STARTS ?? 5);
const PORT = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : undefined;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function series(name: string, env: Record<string, string>) {
  const first = await startHubProcess({ env, port: PORT });
  await first.stop();
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const hub = await startHubProcess({ env, port: PORT });
    times.push(hub.startMs);
    await hub.stop();
  }
  console.log(`${name}: first start (migrating) ${first.startMs.toFixed(0)} ms; ${STARTS} starts: ` +
    `min ${Math.min(...times).toFixed(0)} ms, median ${median(times).toFixed(0)} ms (target ≤ 2000 ms)`);
}

try {
  await series('PostgreSQL', { DATABASE_URL: await createDatabase('startup') });
  // one DATA_DIR for the series: the first start creates and migrates the PGlite database
  await series('embedded (PGlite)', { DATA_DIR: await tempDir('lapor-bench-startup-') });
} finally {
  await cleanup();
}
