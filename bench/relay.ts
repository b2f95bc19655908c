// npm run bench:relay: status relay latency. The hub (`lapor-hub start`, built-in LAPOR!
// simulator, LAPOR_POLL_INTERVAL_MS = --poll-ms, default 2000) gets N reports (--n, default 20)
// filed through the web chat; once each is forwarded, its status is changed through the
// simulator's control API, and the time until the citizen's web chat shows the status message
// is measured. Target (issue 12): ≤ poll interval + 1 s. --db postgres|embedded, --json.
import { BenchCitizen } from './support/citizen.js';
import { percentile } from './support/loop.js';
import { benchOptions } from './support/options.js';
import { chooseDb, cleanup, hubStorage, startHubProcess, untilRunning } from './support/processes.js';
import { reportRows } from './support/report.js';

const options = benchOptions();
const db = await chooseDb(options.db);
const reports = options.n ?? 20;
const pollMs = options.pollMs ?? 2000;
const concurrency = options.c ?? 8; // citizens filing at a time
// how often a citizen's page asks for new messages: the figures' resolution
const SEEN_POLL_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` over 0..count-1, `limit` at a time. */
async function pool<T>(count: number, limit: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, count) }, async () => {
    for (let i = next++; i < count; i = next++) out[i] = await work(i);
  }));
  return out;
}

let latencies: number[] = [];
try {
  const hub = await startHubProcess({ env: { ...(await hubStorage(db, 'relay')), LAPOR_POLL_INTERVAL_MS: String(pollMs) } });
  await untilRunning(hub); // the poller runs from here
  const filed = await pool(reports, concurrency, async (i) => {
    const citizen = new BenchCitizen(hub.url, `10.12.${(i >> 8) & 255}.${i & 255}`);
    await citizen.confirm();
    return { citizen, ...(await citizen.untilForwarded()) };
  });

  // each change at a random moment of a poll interval, so the figures sample the poller's phase
  latencies = await Promise.all(filed.map(async ({ citizen, trackingId, last }) => {
    await sleep(Math.random() * pollMs);
    const changed = performance.now();
    const res = await fetch(`${hub.url}/simulator/lapor/control/reports/${trackingId}/status`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'TERDISPOSISI', institution: 'Dinas Perhubungan Kota Bandung' }),
    });
    if (!res.ok) throw new Error(`simulator control answered ${res.status}: ${await res.text()}`);
    const deadline = Date.now() + pollMs + 60_000;
    while ((await citizen.history(last.id)).length === 0) {
      if (Date.now() > deadline) throw new Error(`report ${trackingId}: no status message within ${pollMs + 60_000} ms`);
      await sleep(SEEN_POLL_MS);
    }
    return performance.now() - changed;
  }));
} finally {
  await cleanup();
}
latencies.sort((a, b) => a - b);
const targetMs = pollMs + 1000;
const max = latencies[latencies.length - 1] ?? NaN;
reportRows('bench:relay (status change → citizen\'s web chat)', { reports, pollMs, seenPollMs: SEEN_POLL_MS, db }, [{
  reports: latencies.length, 'p50 ms': percentile(latencies, 0.5), 'p99 ms': percentile(latencies, 0.99), 'max ms': max,
  'target ms': targetMs, met: max <= targetMs,
}], options.json);
