// The simulator plays LAPOR! for this machine only, through the real hub: no proxied visitor,
// no foreign Host (DNS rebinding), and no control action a page of another origin can trigger.
// Raw node:http requests, because fetch may not set Host and browsers' headers are the point.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../support/citizen.js';
import { startTestHub, type TestHub } from '../support/hub.js';

let hub: TestHub;
let port: number;
let trackingId: string;
beforeAll(async () => {
  hub = await startTestHub();
  port = Number(new URL(hub.url).port);
  ({ trackingId } = await fileComplaint(hub));
});
afterAll(async () => hub?.close());

interface Answer {
  status: number;
  body: string;
}

function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: `/simulator/lapor${path}`, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const sameOrigin = () => ({ 'content-type': 'application/json', origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' });
const reportsLeft = () => hub.simulator!.control.reports().length;

describe('the simulator refuses what is not this machine', () => {
  it.each([
    ['X-Real-IP', '203.0.113.7'],
    ['X-Client-IP', '203.0.113.7'],
    ['True-Client-IP', '203.0.113.7'],
    ['CF-Connecting-IP', '203.0.113.7'],
    ['X-Forwarded-Host', 'evil.example'],
    ['X-Forwarded-Proto', 'https'],
    ['X-Forwarded-For', '203.0.113.7'],
    ['Forwarded', 'for=203.0.113.7'],
    ['Via', '1.1 proxy'],
  ])('a request carrying %s (a proxy on this machine relaying a visitor): 403 JSON', async (header, value) => {
    const res = await send('GET', '/control/reports', { [header]: value });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toEqual({ error: expect.stringContaining('only') });
  });

  // PORT: the hub's port, known only once it runs
  const withPort = (host: string) => host.replace('PORT', String(port));
  it.each(['evil.example', 'evil.example:PORT', '127.0.0.1.nip.io:PORT', 'localhost.evil.example:PORT', '127.0.0.2:PORT'])(
    'a foreign Host (DNS rebinding): "%s" → 403', async (host) => {
      expect((await send('GET', '/control/reports', { host: withPort(host) })).status).toBe(403);
      expect((await send('GET', '/', { host: withPort(host) })).status).toBe(403);
    });

  it.each(['127.0.0.1:PORT', 'localhost:PORT', 'LOCALHOST:PORT', '[::1]:PORT', 'localhost', '127.0.0.1'])(
    'a loopback Host passes: %s', async (host) => {
      expect((await send('GET', '/control/reports', { host: withPort(host) })).status).toBe(200);
    });
});

describe('control actions need a same-origin JSON request', () => {
  it.each([
    ['text/plain', '{"x":1}'],
    ['application/x-www-form-urlencoded', 'x=1'],
    ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--b--\r\n'],
  ])('a cross-site form POST (%s) cannot reset the simulator', async (type, body) => {
    const before = reportsLeft();
    expect(before).toBeGreaterThan(0);
    const res = await send('POST', '/control/reset', { 'content-type': type, origin: 'http://127.0.0.1:9', 'sec-fetch-site': 'same-site' }, body);
    expect(res.status).toBe(403);
    // and without the tell-tale headers (an old browser, a plain form): still no JSON, still refused
    expect((await send('POST', '/control/reset', { 'content-type': type }, body)).status).toBe(403);
    expect(reportsLeft()).toBe(before);
  });

  it('JSON from another local origin (another port) is refused, for every control action', async () => {
    const other = { ...sameOrigin(), origin: `http://127.0.0.1:${port + 1}`, 'sec-fetch-site': 'same-site' };
    const statusBody = JSON.stringify({ status: 'SELESAI' });
    expect((await send('POST', '/control/reset', other, '{}')).status).toBe(403);
    expect((await send('POST', `/control/reports/${trackingId}/status`, other, statusBody)).status).toBe(403);
    expect((await send('POST', `/control/reports/${trackingId}/responses`, other, JSON.stringify({ message: 'x' }))).status).toBe(403);
    expect((await send('POST', '/control/faults', other, JSON.stringify({ count: 1, status: 503 }))).status).toBe(403);
    expect((await send('DELETE', '/control/faults', other)).status).toBe(403);
    // an Origin that says so itself, or a browser that says the request is cross-site
    expect((await send('POST', `/control/reports/${trackingId}/status`, { ...sameOrigin(), origin: 'null' }, statusBody)).status).toBe(403);
    expect((await send('POST', `/control/reports/${trackingId}/status`, { ...sameOrigin(), 'sec-fetch-site': 'cross-site' }, statusBody)).status).toBe(403);
    expect(hub.simulator!.control.report(trackingId)!.status).toBe('BELUM_TERVERIFIKASI');
    expect(reportsLeft()).toBeGreaterThan(0);
  });

  it('the page\'s own requests pass: same origin, or no browser headers at all (curl, tests)', async () => {
    const status = await send('POST', `/control/reports/${trackingId}/status`, sameOrigin(), JSON.stringify({ status: 'TERVERIFIKASI' }));
    expect(status.status).toBe(201);
    const viaLocalhost = { ...sameOrigin(), host: `localhost:${port}`, origin: `http://localhost:${port}` };
    expect((await send('POST', '/control/faults', viaLocalhost, JSON.stringify({ count: 1, status: 503, path: 'GET /nothing' }))).status).toBe(201);
    expect((await send('DELETE', '/control/faults', { 'content-type': 'application/json', 'sec-fetch-site': 'none' })).status).toBe(204);
    expect(hub.simulator!.control.report(trackingId)!.status).toBe('TERVERIFIKASI');
  });

  it('the API the hub\'s connector uses keeps working (server to server, no browser headers)', async () => {
    const res = await send('GET', `/complaints/${trackingId}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ tracking_id: trackingId });
    expect((await send('GET', '/updates')).status).toBe(200);
  });
});
