// PostgreSQL restarted under the hub (an immediate shutdown ends every connection, as a crash
// or a failover does) while filings are in flight: /readyz reports the outage at once, the hub
// reconnects by itself, and nothing a citizen confirmed is lost or filed twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { confirmComplaint } from '../support/citizen.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { PostgresServer, postgresInstalled } from '../support/servers.js';
import { WebchatClient } from '../support/webchat-client.js';
import { expectFiledOnce, readiness } from './support.js';

const installed = postgresInstalled();
if (!installed) console.warn('PostgreSQL 15 binaries are missing: SKIPPING the PostgreSQL restart fault test');

const filedCount = (hub: TestHub) => hub.prisma.complaint.count({ where: { trackingId: { not: null } } });

describe.skipIf(!installed)('PostgreSQL restarted under the hub', () => {
  let server: PostgresServer;
  let db: Database;
  let hub: TestHub;

  beforeAll(async () => {
    server = await PostgresServer.start();
    db = await openDatabase({ url: server.url(), onConnectionError: () => {} });
    await migrate(db.sql);
    // a short lease: a filing whose outcome could not be written is taken up again soon
    hub = await startTestHub({}, { db, queue: { leaseMs: 2_000 } });
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
    await db?.close();
    await server?.destroy();
  });

  it('reports the outage, reconnects, and files every confirmed report once', { timeout: 60_000 }, async () => {
    const early = new WebchatClient(hub.url);
    await confirmComplaint(early);
    await eventually(async () => (await filedCount(hub)) === 1);

    // LAPOR! answers these filings slowly: the database goes away while they are in flight
    hub.simulator!.control.failNext(3, { delayMs: 1_500, path: 'POST /complaints' });
    const late = Array.from({ length: 3 }, () => new WebchatClient(hub.url));
    await Promise.all(late.map((chat) => confirmComplaint(chat)));
    await eventually(async () => (await hub.prisma.outboxJob.count({ where: { kind: 'forward_complaint', status: 'running' } })) === 3, 5_000, 20);
    await server.stop('immediate');

    const outage = await readiness(hub.url, 3_000);
    expect(outage.status).toBe(503);
    expect(outage.body.checks.database.ok).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // LAPOR! answers meanwhile; the hub cannot record it

    await server.start();
    await eventually(async () => (await readiness(hub.url, 3_000)).status === 200, 10_000, 200);
    await eventually(async () => (await filedCount(hub)) === 4, 20_000, 200);
    await expectFiledOnce(hub.prisma, hub.simulator!.control.reports(), 4);

    // and the hub takes new reports again
    const after = new WebchatClient(hub.url);
    await confirmComplaint(after);
    await eventually(async () => (await filedCount(hub)) === 5, 10_000, 100);
    await expectFiledOnce(hub.prisma, hub.simulator!.control.reports(), 5);
  });
});
