// LAPOR! answers 503 for minutes while citizens keep confirming reports: afterwards every
// report is filed, and none twice. Default retry policy; embedded and PostgreSQL + Redis.
// OUTAGE_SECONDS (default 120) and REPORTS (default 20) bound the run.
import { randomBytes } from 'node:crypto';
import { confirmComplaint } from '../test/support/citizen.js';
import { createTestDatabase, postgresAvailable } from '../test/support/db.js';
import { startTestHub } from '../test/support/hub.js';
import { redisAvailable, TEST_REDIS_URL } from '../test/support/redis.js';
import { WebchatClient } from '../test/support/webchat-client.js';

const OUTAGE_MS = Number(process.env.OUTAGE_SECONDS ?? 120) * 1000;
const REPORTS = Number(process.env.REPORTS ?? 20);

async function run(name: string, redis: boolean) {
  const db = await createTestDatabase(redis ? 'postgres' : 'pglite');
  const hub = await startTestHub(redis ? { REDIS_URL: TEST_REDIS_URL } : {}, {
    db, queue: redis ? { bullmq: { prefix: `lapor-outage-${randomBytes(4).toString('hex')}` } } : {},
  });
  const sim = hub.simulator!.control;
  try {
    sim.failNext(1_000_000, { status: 503, path: 'POST /complaints' });
    const started = Date.now();
    const chats: WebchatClient[] = [];
    // confirmations spread over the outage
    for (let i = 0; i < REPORTS; i++) {
      const chat = new WebchatClient(hub.url);
      await confirmComplaint(chat);
      chats.push(chat);
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS / REPORTS / 2));
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - started))));
    const attempts = await hub.prisma.outboxJob.aggregate({ where: { kind: 'forward_complaint' }, _sum: { attempts: true } });
    sim.clearFaults();
    const recovered = Date.now();
    const ids = chats.map((c) => c.sessionId);
    for (;;) {
      const filed = await hub.prisma.complaint.count({ where: { chatId: { in: ids }, trackingId: { not: null } } });
      if (filed === REPORTS) break;
      if (Date.now() - recovered > 20 * 60_000) throw new Error(`${name}: only ${filed} of ${REPORTS} filed 20 minutes after recovery`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const complaints = await hub.prisma.complaint.findMany({ where: { chatId: { in: ids } } });
    const tracking = new Set(complaints.map((c) => c.trackingId));
    const simReports = sim.reports().filter((r) => tracking.has(r.tracking_id)).length;
    console.log(`${name}: outage ${OUTAGE_MS / 1000} s, ${REPORTS} reports confirmed during it, ` +
      `${attempts._sum.attempts} failed attempts; all filed ${((Date.now() - recovered) / 1000).toFixed(1)} s after recovery; ` +
      `complaints ${complaints.length}, distinct tracking ids ${tracking.size}, reports at LAPOR! ${simReports} (all ${sim.reports().length})`);
  } finally {
    await hub.close();
    await db.close();
  }
}

await run('embedded (PGlite, in-process)', false);
if ((await redisAvailable()) && (await postgresAvailable())) await run('PostgreSQL + Redis (BullMQ)', true);
