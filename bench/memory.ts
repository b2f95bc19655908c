// Memory: CONVERSATIONS (default 10,000) open web chat conversations, each with one or two
// messages, posted CONCURRENCY (default 16) at a time from distinct X-Forwarded-For addresses,
// then the hub's RSS (/proc/<pid>/status VmRSS) after SETTLE_MS (default 5 s) idle.
// Hub: `lapor-hub start` on a fresh PostgreSQL database, no Redis.
import { randomBytes } from 'node:crypto';
import { cleanup, createDatabase, rssMb, startHubProcess, untilRunning } from './support/processes.js';

const CONVERSATIONS = Number(process.env.CONVERSATIONS ?? 10_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 5_000);
const PORT = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : undefined;

// 198.18.0.0/15 (benchmarking addresses): one address per 100 conversations, well under 300 per 10 s
const addressOf = (i: number) => `198.18.${Math.floor(i / 100 / 256) % 256}.${Math.floor(i / 100) % 256}`;

try {
  const hub = await startHubProcess({ env: { DATABASE_URL: await createDatabase('memory') }, port: PORT });
  await untilRunning(hub);
  const idle = rssMb(hub.child.pid!);
  const post = async (i: number, sessionId: string, text: string) => {
    const res = await fetch(`${hub.url}/api/v1/webchat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': addressOf(i) },
      body: JSON.stringify({ sessionId, text }),
    });
    if (res.status !== 200) throw new Error(`conversation ${i}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  let next = 0;
  let messages = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let i = next++; i < CONVERSATIONS; i = next++) {
      const sessionId = randomBytes(18).toString('base64url');
      await post(i, sessionId, 'halo');
      messages++;
      // every other conversation has begun its report
      if (i % 2 === 0) {
        await post(i, sessionId, 'Lampu penerangan jalan di Jl. Merdeka mati sudah dua minggu, rawan kejahatan.');
        messages++;
      }
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const loaded = rssMb(hub.child.pid!);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const settled = rssMb(hub.child.pid!);
  console.log(`memory: ${CONVERSATIONS} conversations, ${messages} messages in ${seconds.toFixed(1)} s ` +
    `(${(messages / seconds).toFixed(0)} msg/s, concurrency ${CONCURRENCY}); hub RSS idle ${idle.toFixed(0)} MB, ` +
    `right after ${loaded.toFixed(0)} MB, after ${SETTLE_MS / 1000} s idle ${settled.toFixed(0)} MB (target ≤ 300 MB)`);
} finally {
  await cleanup();
}
