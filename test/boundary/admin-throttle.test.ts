// Finding 12: failed admin authentications are throttled per address (10 a minute, then 429
// with Retry-After), loopback included; a success does not count; another address is unaffected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub.js';

const KEY = 'the-right-admin-key-0123456789';
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ ADMIN_API_KEY: KEY });
});
afterAll(async () => hub?.close());

// the hub trusts X-Forwarded-For from a proxy on this machine, so each test picks its address
const asFrom = (address: string, authorization?: string) =>
  fetch(`${hub.url}/api/v1/admin/complaints`, {
    headers: { 'x-forwarded-for': address, ...(authorization && { authorization }) },
  });

describe('failed admin authentication', () => {
  it('30 wrong keys from one address: 10 answered 401, then 429 with Retry-After; the right key from another address works', async () => {
    const statuses: number[] = [];
    let throttled: Response | undefined;
    for (let i = 0; i < 30; i++) {
      const res = await asFrom('203.0.113.20', `Bearer wrong-key-${i}`);
      statuses.push(res.status);
      if (res.status === 429) throttled ??= res;
      else await res.arrayBuffer();
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(20).fill(429));
    const retryAfter = Number(throttled!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await throttled!.json()).error).toMatch(/too many failed/);

    // a throttled address gets no answer on its keys, not even the right one
    expect((await asFrom('203.0.113.20', `Bearer ${KEY}`)).status).toBe(429);
    expect((await asFrom('198.51.100.21', `Bearer ${KEY}`)).status).toBe(200);
  });

  it('a missing key counts as a failure too, and loopback is not exempt', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await fetch(`${hub.url}/api/v1/admin/complaints`)).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });

  it('successes do not count', async () => {
    for (let i = 0; i < 15; i++) expect((await asFrom('198.51.100.22', `Bearer ${KEY}`)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await asFrom('198.51.100.22', 'Bearer nope')).status).toBe(401);
    expect((await asFrom('198.51.100.22', 'Bearer nope')).status).toBe(429);
  });
});
