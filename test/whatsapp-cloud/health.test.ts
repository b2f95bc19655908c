// The number's health: probed at start (the token and the number), degraded while Meta refuses
// the token (190), connected again on the next good call; every change reported to the hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/hub.js';
import { startHarness, type Harness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: false, tuning: { probeRetryMs: 100 } });
});
afterAll(async () => {
  await h?.close();
});

describe('health', () => {
  it('is disconnected before start, degraded while the token is refused, connected once the probe passes', async () => {
    expect(h.adapter.health().status).toBe('disconnected');
    h.meta.setTokenValid(false);
    await h.adapter.start(); // never throws
    expect(h.adapter.health()).toMatchObject({ status: 'degraded', detail: expect.stringContaining('190') });
    expect(h.statuses.at(-1)).toMatchObject({ status: 'degraded' });
    expect(h.adapter.health().detail).not.toContain(h.meta.token);

    h.meta.setTokenValid(true);
    await eventually(async () => h.adapter.health().status === 'connected', 5_000);
    expect(h.statuses.at(-1)).toEqual({ status: 'connected' });
    // the number's verified name from Meta is what the integrations list shows
    expect(h.adapter.displayName).toBe('Lapor Test');
  });

  it('reports only changes, and is disconnected after stop', async () => {
    const reports = h.statuses.length;
    await h.meta.sendText('6281234567890', 'halo');
    await h.drained();
    expect(h.statuses.length).toBe(reports);
    await h.adapter.stop();
    expect(h.adapter.health().status).toBe('disconnected');
  });
});
