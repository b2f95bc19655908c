// SIGKILL of the whole `lapor-hub start` process group while 30 web chat conversations are in
// flight (some confirmed, the others at every stage), then an immediate restart on the same
// database: each conversation resumes at the question it was at, and every confirmed report is
// filed exactly once. On PostgreSQL + Redis (BullMQ), and on the embedded defaults (PGlite in
// DATA_DIR, in-process queue). LAPOR! is a simulator in this test process: it outlives the hub.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { startLaporSimulator } from '../doubles/lapor-simulator.js';
import { dropDatabase, postgresAvailable, TEST_PG_URL } from '../support/db.js';
import { killGroup, startHubGroup, type HubGroup } from '../support/hub-group.js';
import { freePort } from '../support/process.js';
import { RedisServer, redisServerInstalled } from '../support/servers.js';
import { CitizenDriver } from './citizen-driver.js';
import { expectFiledOnce } from './support.js';

const CONVERSATIONS = 30;
const CONFIRMED_BEFORE_KILL = 10;
const TOKEN = 'fault-test-token';

const pgUp = await postgresAvailable();
const redisInstalled = redisServerInstalled();
if (!pgUp) console.warn('PostgreSQL not reachable: SKIPPING the SIGKILL fault test on PostgreSQL + Redis');
if (!redisInstalled) console.warn('redis-server is not installed: SKIPPING the SIGKILL fault test on PostgreSQL + Redis');

async function killMidFlightAndResume(env: Record<string, string>, database: { url?: string; dataDir?: string }) {
  const port = await freePort();
  const lapor = await startLaporSimulator({ token: TOKEN });
  const hubEnv = { ...env, PORT: String(port), LAPOR_API_URL: lapor.url, LAPOR_API_TOKEN: TOKEN, LAPOR_POLL_INTERVAL_MS: '600000' };
  let hub: HubGroup | undefined;
  try {
    hub = await startHubGroup(hubEnv);
    const citizens = Array.from({ length: CONVERSATIONS }, (_, n) => new CitizenDriver(`http://127.0.0.1:${port}`, n));

    // all 30 talk at once, staggered so that they are at different stages; the kill comes
    // the moment the tenth confirm is answered, with the others mid-request
    let killing: Promise<unknown> | undefined;
    const confirmedCount = () => citizens.filter((c) => c.confirmed).length;
    await Promise.all(citizens.map(async (citizen, n) => {
      await new Promise((resolve) => setTimeout(resolve, n * 40));
      try {
        while (!killing && (await citizen.step())) {
          if (confirmedCount() >= CONFIRMED_BEFORE_KILL) killing ??= killGroup(hub!);
        }
        if (confirmedCount() >= CONFIRMED_BEFORE_KILL) killing ??= killGroup(hub!);
      } catch {
        if (!killing) throw new Error(`conversation ${n} failed before the kill`);
      }
    }));
    expect(await killing).toBeNull(); // killed by the signal, no goodbye
    const confirmedBeforeKill = citizens.filter((c) => c.confirmed);
    expect(confirmedBeforeKill.length).toBeGreaterThanOrEqual(CONFIRMED_BEFORE_KILL);
    expect(citizens.filter((c) => !c.confirmed).length).toBeGreaterThan(0);

    hub = await startHubGroup(hubEnv); // immediately, on the same database
    for (const citizen of citizens.filter((c) => !c.confirmed)) {
      const seenBefore = citizen.asked;
      const certain = !citizen.uncertain;
      const at = await citizen.resume();
      // a conversation whose last answer came back resumes at exactly that question
      if (certain) expect(at).toBe(seenBefore);
    }
    await Promise.all(citizens.map(async (citizen) => {
      for (let turn = 0; turn < 15 && (await citizen.step()); turn++);
      if (!citizen.confirmed) throw new Error('a conversation did not reach its confirm');
    }));

    // every complaint filed: each citizen has their tracking number in the chat (the queue
    // drains after the restart; a filing the killed process had in flight is taken up again).
    // LAPOR!'s count alone would not do: the killed process may have filed a report there
    // without living to record its tracking id.
    const hasTrackingNumber = async (citizen: (typeof citizens)[number]) =>
      (await citizen.chat.history()).some((m) => /\b\d{7}\b/.test(m.text));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const told = await Promise.all(citizens.map(hasTrackingNumber));
      if (told.every(Boolean)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a duplicate would show up now
    expect(await killGroup(hub, 'SIGTERM')).toBe(0);
    hub = undefined;
    const db = await openDatabase(database);
    try {
      await expectFiledOnce(db.prisma, lapor.control.reports(), CONVERSATIONS);
      const chats = await db.prisma.complaint.findMany({ select: { chatId: true } });
      expect(new Set(chats.map((c) => c.chatId))).toEqual(new Set(citizens.map((c) => c.chat.sessionId)));
    } finally {
      await db.close();
    }
  } finally {
    if (hub) await killGroup(hub);
    await lapor.close();
  }
}

describe('SIGKILL during 30 conversations, immediate restart', () => {
  const redis = pgUp && redisInstalled ? RedisServer.start() : undefined;
  afterAll(async () => (await redis)?.stop());

  it.skipIf(!pgUp || !redisInstalled)('on PostgreSQL + Redis', { timeout: 150_000 }, async () => {
    // a fresh database on the shared server; the hub migrates it
    const name = `lapor_fault_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
    const url = Object.assign(new URL(TEST_PG_URL), { pathname: `/${name}` }).toString();
    try {
      await killMidFlightAndResume(
        { DATABASE_URL: url, REDIS_URL: (await redis!).url, DATA_DIR: mkdtempSync(join(tmpdir(), 'lapor-fault-kill-')) },
        { url },
      );
    } finally {
      await dropDatabase(name);
    }
  });

  it('on the embedded database (PGlite in DATA_DIR, in-process queue)', { timeout: 150_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lapor-fault-kill-'));
    await killMidFlightAndResume({ DATA_DIR: dataDir }, { dataDir });
  });
});
