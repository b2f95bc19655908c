// The poller on its own timer: a status set in the simulator reaches the chat within the
// poll interval, with no test calling pollOnce.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../support/citizen.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ LAPOR_POLL_INTERVAL_MS: '300' }, { poller: true });
});
afterAll(async () => hub?.close());

describe('the status poller', () => {
  it('relays a change within the poll interval', async () => {
    const { chat, trackingId } = await fileComplaint(hub);
    const before = (await chat.history()).length;
    const changed = Date.now();
    hub.simulator!.control.setStatus(trackingId, 'TERDISPOSISI', 'Dinas Perhubungan Kota Bandung');
    const told = await eventually(async () => (await chat.history()).slice(before).find((m) => m.text.includes('Dinas Perhubungan')), 10_000);
    expect(told).toBeTruthy();
    expect(Date.now() - changed).toBeLessThan(5_000); // interval 300 ms; generous for a loaded machine
  });
});
