// Time from a citizen's confirmation to the tracking number in their chat, on the embedded
// defaults (PGlite + in-process queue) and on PostgreSQL + Redis (BullMQ), through the real
// web chat API and the built-in simulator. Bounded: N complaints per variant.
import { randomBytes } from 'node:crypto';
import { confirmComplaint } from '../test/support/citizen.js';
import { createTestDatabase, postgresAvailable } from '../test/support/db.js';
import { eventually, startTestHub } from '../test/support/hub.js';
import { redisAvailable, TEST_REDIS_URL } from '../test/support/redis.js';
import { WebchatClient } from '../test/support/webchat-client.js';

const N = Number(process.env.BENCH_N ?? 30);

async function run(name: string, redis: boolean) {
  const db = await createTestDatabase(redis ? 'postgres' : 'pglite');
  const hub = await startTestHub(redis ? { REDIS_URL: TEST_REDIS_URL } : {}, {
    db,
    queue: redis ? { bullmq: { prefix: `lapor-bench-${randomBytes(4).toString('hex')}` } } : {},
  });
  const latencies: number[] = [];
  try {
    for (let i = 0; i < N; i++) {
      const chat = new WebchatClient(hub.url);
      const confirmed = await confirmComplaint(chat);
      const at = new Date(confirmed[confirmed.length - 1]!.createdAt).getTime();
      const complaint = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: chat.sessionId, trackingId: { not: null } } }), 30_000, 2);
      const told = await eventually(() => hub.prisma.message.findFirst({
        where: { chatId: chat.sessionId, direction: 'out', text: { contains: complaint.trackingId! } },
      }), 30_000, 2);
      latencies.push(told.createdAt.getTime() - at);
    }
  } finally {
    await hub.close();
    await db.close();
  }
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  console.log(`${name.padEnd(34)} n=${N}  confirmation → tracking number: p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${q(1)} ms`);
}

await run('embedded (PGlite, in-process queue)', false);
if ((await redisAvailable()) && (await postgresAvailable())) await run('PostgreSQL + Redis (BullMQ)', true);
else console.log('PostgreSQL + Redis not reachable: skipped');
