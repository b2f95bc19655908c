// Run once per deployment, on PostgreSQL: two hubs on one database with a run-once channel
// start it in exactly one process (the holder of the integration's advisory lock); the other
// takes over when the holder stops, and a holder whose lock connection is killed stops at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/app.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createTestDatabase, testDbKind } from '../support/db.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { FakeChannelProbe, fakeChannel } from './fake-channel.js';

const RETRY_MS = 200;

describe.runIf(testDbKind() === 'postgres')('a run-once channel on PostgreSQL', () => {
  let db: Database & { url?: string };
  let second: Database;
  const hubs: (TestHub | undefined)[] = [];
  const probes = [new FakeChannelProbe(), new FakeChannelProbe()];

  const start = (index: number, database: Database) => startTestHub({}, {
    db: database,
    channelFactories: [...CHANNELS, fakeChannel(probes[index]!, { id: 'fake-ws', type: 'whatsapp-web', runOnce: true })],
    channelLockRetryMs: RETRY_MS,
  });
  const running = () => probes.map((p) => p.running);
  const advisoryHolders = async () => (await db.sql.query<{ pid: number }>(
    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
  )).map((r) => r.pid);

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    second = await openDatabase({ url: db.url });
    hubs[0] = await start(0, db);
    hubs[1] = await start(1, second);
  });
  afterAll(async () => {
    for (const hub of hubs) await hub?.close();
    await second?.close();
    await db?.close();
  });

  it('starts in exactly one process; the other says in /readyz that it runs elsewhere', async () => {
    await eventually(async () => running().includes(true));
    // several retry intervals later, still one
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS * 4));
    expect(running().filter(Boolean)).toHaveLength(1);
    expect(probes.map((p) => p.starts).reduce((a, b) => a + b)).toBe(1);
    expect(await advisoryHolders()).toHaveLength(1);

    const holder = running().indexOf(true);
    const other = 1 - holder;
    const otherReady = await (await fetch(`${hubs[other]!.url}/readyz`)).json();
    expect(otherReady.checks['fake-ws']).toEqual({ ok: true, detail: 'runs in another process' });
    const holderReady = await (await fetch(`${hubs[holder]!.url}/readyz`)).json();
    expect(holderReady.checks['fake-ws']).toEqual({ ok: true });
    // deliveries go only through the process that runs it
    expect(hubs[holder]!.channels.adapter('fake-ws')).toBeDefined();
    expect(hubs[other]!.channels.adapter('fake-ws')).toBeUndefined();
  });

  it('a holder whose lock connection is killed stops its adapter at once; a process takes the lock again', async () => {
    const holder = running().indexOf(true);
    const stopsBefore = probes[holder]!.stops;
    const [pid] = await advisoryHolders();
    await db.sql.query('SELECT pg_terminate_backend($1)', [pid]);
    await eventually(async () => probes[holder]!.stops > stopsBefore, 2_000, 5);
    // within a few retry intervals one process runs it again, never two
    await eventually(async () => running().includes(true), RETRY_MS * 10);
    expect(running().filter(Boolean)).toHaveLength(1);
    expect(await advisoryHolders()).toHaveLength(1);
  });

  it('when the holder stops, the other process starts the channel within the retry interval', async () => {
    const holder = running().indexOf(true);
    const other = 1 - holder;
    await hubs[holder]!.close();
    hubs[holder] = undefined;
    const stoppedAt = Date.now();
    expect(probes[holder]!.running).toBe(false);
    await eventually(async () => probes[other]!.running, RETRY_MS * 10, 5);
    // one retry interval, plus room for a loaded machine
    expect(Date.now() - stoppedAt).toBeLessThan(RETRY_MS * 5);
    expect(hubs[other]!.channels.adapter('fake-ws')).toBeDefined();
  });
});
