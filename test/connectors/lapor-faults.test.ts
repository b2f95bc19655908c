// The lapor connector against a failing LAPOR!: the simulator's fault injection, a dead port,
// malformed answers. The connector never retries by itself; it classifies.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError, type LaporReportBody } from '../../src/connectors/connector.js';
import { parseRetryAfter } from '../../src/connectors/http.js';
import { LaporConnector } from '../../src/connectors/lapor/index.js';
import { connectorFailure as failure, startLaporSimulator, validReport, type RunningLaporSimulator } from '../doubles/lapor-simulator.js';

const NOW = new Date('2026-11-28T07:00:00Z');
let sim: RunningLaporSimulator;
let lapor: LaporConnector;
const report = validReport() as unknown as LaporReportBody;

beforeAll(async () => {
  sim = await startLaporSimulator({ now: () => NOW });
  lapor = new LaporConnector({ apiUrl: sim.url, timeoutMs: 300 });
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

describe('lapor connector under faults', () => {
  it('a 503 burst is `retry` each time, then the same key files exactly once', async () => {
    sim.control.failNext(2, { status: 503 });
    for (let i = 0; i < 2; i++) {
      const err = await failure(lapor.submit(report, 'burst'));
      expect(err.kind).toBe('retry');
      expect(err.details).toEqual({ status: 503 });
    }
    const filed = await lapor.submit(report, 'burst');
    expect(filed.trackingId).toMatch(/^\d{7}$/);
    expect(sim.control.reports()).toHaveLength(1);
  });

  it('429 with Retry-After in seconds', async () => {
    sim.control.failNext(1, { status: 429, retryAfter: '2' });
    const err = await failure(lapor.submit(report, 'k429'));
    expect(err.kind).toBe('retry');
    expect(err.details).toEqual({ status: 429, retryAfterMs: 2000 });
  });

  it('429 with Retry-After as an HTTP date', async () => {
    sim.control.failNext(1, { status: 429, retryAfter: new Date(Date.now() + 5000).toUTCString() });
    const err = await failure(lapor.fetchUpdates(null));
    expect(err.kind).toBe('retry');
    expect(err.details.retryAfterMs).toBeGreaterThan(3000);
    expect(err.details.retryAfterMs).toBeLessThanOrEqual(5000);
  });

  it('a timeout is `retry`, and the retry after it replays the report the slow request filed', async () => {
    sim.control.failNext(1, { delayMs: 600 }); // served normally, but too late for the client
    const err = await failure(lapor.submit(report, 'slow'));
    expect(err.kind).toBe('retry');
    expect(err.message).toMatch(/timed out after 300 ms/);
    await new Promise((r) => setTimeout(r, 500));
    expect(sim.control.reports()).toHaveLength(1);
    const filed = await lapor.submit(report, 'slow');
    expect(filed.trackingId).toBe(sim.control.reports()[0]!.tracking_id);
    expect(sim.control.reports()).toHaveLength(1);
  });

  it('a malformed 2xx body is `retry` with a clear message', async () => {
    sim.control.failNext(1, { status: 201, body: '{"tracking":1}' });
    const err = await failure(lapor.submit(report, 'bad-body'));
    expect(err.kind).toBe('retry');
    expect(err.message).toMatch(/malformed body.*tracking_id/s);

    sim.control.failNext(1, { status: 200, body: '<html>oops</html>', path: 'GET /updates' });
    const notJson = await failure(lapor.fetchUpdates(null));
    expect(notJson.kind).toBe('retry');
    expect(notJson.message).toMatch(/not JSON/);
  });

  it('a 500 without Retry-After has no retryAfterMs; 403 is `auth`', async () => {
    sim.control.failNext(1, { status: 500 });
    expect((await failure(lapor.submit(report, 'k500'))).details).toEqual({ status: 500 });
    sim.control.failNext(1, { status: 403 });
    expect((await failure(lapor.submit(report, 'k403'))).kind).toBe('auth');
  });

  it('a refused connection is `retry`', async () => {
    const dead = await startLaporSimulator();
    const url = dead.url;
    await dead.close();
    const err = await failure(new LaporConnector({ apiUrl: url }).submit(report, 'k'));
    expect(err.kind).toBe('retry');
    expect(err.message).toMatch(/failed/);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-28T07:00:00Z');
  it('reads seconds and HTTP dates, never negative', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 07:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 06:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
