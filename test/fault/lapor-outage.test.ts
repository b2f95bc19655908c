// LAPOR! refusing connections (nothing listens at LAPOR_API_URL) while citizens confirm reports,
// for FAULT_LAPOR_OUTAGE_MS (default 20 s; the CI run sets minutes): once LAPOR! answers, each
// report is filed exactly once, and the citizen gets the tracking number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmComplaint } from '../support/citizen.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { freePort } from '../support/process.js';
import { WebchatClient } from '../support/webchat-client.js';
import { DEFAULT_RETRY_POLICY } from '../../src/queue/retry-policy.js';
import { expectFiledOnce, readiness, startLaporSimulatorOn } from './support.js';

const OUTAGE_MS = Number(process.env.FAULT_LAPOR_OUTAGE_MS ?? 20_000);
const TOKEN = 'fault-test-token';
// the default retry policy: after the outage, the first retry is at most its cap away
const MAX_RETRY_DELAY_MS = DEFAULT_RETRY_POLICY.maxDelayMs;

describe('LAPOR! refusing connections, then back', () => {
  let hub: TestHub;
  let laporPort: number;
  let lapor: Awaited<ReturnType<typeof startLaporSimulatorOn>> | undefined;

  beforeAll(async () => {
    laporPort = await freePort();
    hub = await startTestHub(
      { LAPOR_API_URL: `http://127.0.0.1:${laporPort}/simulator/lapor`, LAPOR_API_TOKEN: TOKEN },
    );
  });
  afterAll(async () => {
    await hub?.close();
    await lapor?.close();
  });

  it(`files each report once after a ${OUTAGE_MS} ms outage`, { timeout: OUTAGE_MS + MAX_RETRY_DELAY_MS + 60_000 }, async () => {
    const chats = Array.from({ length: 5 }, () => new WebchatClient(hub.url));
    const outageEnds = Date.now() + OUTAGE_MS;
    await Promise.all(chats.map((chat) => confirmComplaint(chat)));
    // they are tried and retried meanwhile, never given up nor filed
    await eventually(async () => (await hub.prisma.outboxJob.count({ where: { kind: 'forward_complaint', attempts: { gte: 2 } } })) === 5, OUTAGE_MS + 5_000, 100);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, outageEnds - Date.now())));
    expect(await hub.prisma.complaint.count({ where: { trackingId: { not: null } } })).toBe(0);
    expect(await hub.prisma.outboxJob.count({ where: { status: 'dead' } })).toBe(0);
    expect((await readiness(hub.url, 3_000)).status).toBe(200); // the hub itself is fine

    lapor = await startLaporSimulatorOn(laporPort, TOKEN);
    await eventually(async () => (await hub.prisma.complaint.count({ where: { trackingId: { not: null } } })) === 5, MAX_RETRY_DELAY_MS + 10_000, 100);
    await new Promise((resolve) => setTimeout(resolve, 500)); // a second filing would show up now
    await expectFiledOnce(hub.prisma, lapor.control.reports(), 5);
    for (const chat of chats) {
      await eventually(async () => (await chat.history()).some((m) => /\b\d{7}\b/.test(m.text)), 5_000, 100);
    }
  });
});
