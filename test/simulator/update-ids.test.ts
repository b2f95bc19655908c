// Update ids never repeat, across a reset or a restart of the simulator, so the hub's
// once-only rule (an update id seen before is ignored) never drops a new change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../support/citizen.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { startLaporSimulator, validReport } from '../doubles/lapor-simulator.js';

describe('simulator update ids', () => {
  it('differ after a reset, and between two simulators started afresh (a restart without its file)', async () => {
    const seen: string[] = [];
    for (let run = 0; run < 2; run++) {
      const sim = await startLaporSimulator();
      try {
        for (let round = 0; round < 2; round++) {
          const filed = await fetch(`${sim.url}/complaints`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': `k-${round}` },
            body: JSON.stringify(validReport()),
          }).then((r) => r.json() as Promise<{ tracking_id: string }>);
          seen.push(sim.control.setStatus(filed.tracking_id, 'TERVERIFIKASI').id);
          seen.push(sim.control.addResponse(filed.tracking_id, { message: 'Sedang kami periksa.' }).id);
          sim.control.reset();
        }
      } finally {
        await sim.close();
      }
    }
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('after a simulator reset, the hub applies the new changes', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub?.close());

  it('a report set TERVERIFIKASI after the reset reaches the hub and the citizen', async () => {
    const sim = hub.simulator!.control;
    const old = await fileComplaint(hub);
    sim.setStatus(old.trackingId, 'TERVERIFIKASI');
    expect(await hub.poller.pollOnce()).toBe(1);

    // someone resets the simulator from its page (a same-origin JSON request)
    const reset = await fetch(`${hub.url}/simulator/lapor/control/reset`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: hub.url }, body: '{}',
    });
    expect(reset.status).toBe(204);

    const { chat, trackingId, complaint } = await fileComplaint(hub);
    const before = (await chat.history()).length;
    sim.setStatus(trackingId, 'TERVERIFIKASI');
    // the hub's cursor is unknown to the reset simulator: it re-reads the feed and applies the change
    expect(await hub.poller.pollOnce()).toBe(1);
    const stored = await hub.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } });
    expect(stored.status).toBe('TERVERIFIKASI');
    const told = (await chat.history()).slice(before);
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain(trackingId);
  });
});
