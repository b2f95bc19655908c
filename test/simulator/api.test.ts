// The simulator's contract behaviour besides validation: idempotency, auth, ids, state,
// the updates feed, responses, control endpoints, the page, persistence, faults over HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLaporSimulator, validReport, type RunningLaporSimulator } from '../doubles/lapor-simulator.js';

const NOW = new Date('2026-11-28T07:00:00Z');
const TOKEN = 'secret-token';
let sim: RunningLaporSimulator;

beforeAll(async () => {
  sim = await startLaporSimulator({ token: TOKEN, now: () => NOW });
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    redirect: 'manual',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: any = undefined;
  try { json = JSON.parse(text); } catch { /* html or empty */ }
  return { status: res.status, headers: res.headers, text, json };
}
const file = (body: unknown, key: string) => call('POST', '/complaints', body, { 'idempotency-key': key });
const trackingOf = async (key = 'k') => (await file(validReport(), key)).json.tracking_id as string;

describe('simulator: filing and idempotency', () => {
  it('201 with a 7-digit id, the status, a link and the time', async () => {
    const res = await file(validReport(), 'a');
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      tracking_id: expect.stringMatching(/^\d{7}$/),
      status: 'BELUM_TERVERIFIKASI',
      url: `${sim.url}/laporan/${res.json.tracking_id}`,
      created_at: NOW.toISOString(),
    });
  });

  it('200 with the same body for the same key and JSON (key order aside); 409 for another body', async () => {
    const first = await file(validReport(), 'same');
    const reordered = Object.fromEntries(Object.entries(validReport()).reverse());
    const again = await file(reordered, 'same');
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect((await file(validReport({ title: 'Judul lain sama sekali' }), 'same')).status).toBe(409);
    expect(sim.control.reports()).toHaveLength(1);
  });

  it('a key whose request got a 400 may be reused', async () => {
    expect((await file(validReport({ content: 'pendek' }), 'retry-me')).status).toBe(400);
    expect((await file(validReport(), 'retry-me')).status).toBe(201);
  });

  it('tracking ids are unique and do not run in sequence', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 25; i++) ids.add(await trackingOf(`many-${i}`));
    expect(ids.size).toBe(25);
    const sorted = [...ids].map(Number);
    expect(sorted.some((id, i) => i > 0 && Math.abs(id - sorted[i - 1]!) > 1)).toBe(true);
  });

  it('checks the bearer token on the API only', async () => {
    expect((await call('POST', '/complaints', validReport(), { authorization: '', 'idempotency-key': 'x' })).status).toBe(401);
    expect((await call('GET', '/updates', undefined, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await call('GET', '/updates', undefined, { authorization: `bearer${TOKEN}` })).status).toBe(401);
    expect((await call('GET', '/control/reports', undefined, { authorization: '' })).status).toBe(200);
    expect((await call('GET', '/', undefined, { authorization: '' })).status).toBe(200);
  });

  it('without a configured token, any request passes', async () => {
    const open = await startLaporSimulator({ now: () => NOW });
    const res = await fetch(`${open.url}/updates`);
    expect(res.status).toBe(200);
    await open.close();
  });
});

describe('simulator: report state', () => {
  it('GET /complaints/:id shows status, disposition and responses; 404 when unknown', async () => {
    const id = await trackingOf();
    sim.control.setStatus(id, 'TERDISPOSISI', 'Dinas PUPR Kota Bandung');
    sim.control.addResponse(id, { message: 'Akan kami perbaiki minggu ini.' });
    const res = await call('GET', `/complaints/${id}`);
    expect(res.json).toEqual({
      tracking_id: id,
      status: 'DITINDAKLANJUTI',
      disposition: { institution: 'Dinas PUPR Kota Bandung' },
      responses: [{ id: expect.stringMatching(/^r1-/), author: 'Dinas PUPR Kota Bandung', role: 'instansi', message: 'Akan kami perbaiki minggu ini.', created_at: NOW.toISOString() }],
      updated_at: NOW.toISOString(),
    });
    expect((await call('GET', '/complaints/1234567')).status).toBe(404);
  });

  it('an agency response moves the status to DITINDAKLANJUTI only from before it', async () => {
    const id = await trackingOf();
    expect(sim.control.addResponse(id, { message: 'Diterima.' }).status).toBe('DITINDAKLANJUTI');
    sim.control.setStatus(id, 'SELESAI');
    expect(sim.control.addResponse(id, { message: 'Catatan.' }).status).toBe('SELESAI');
    expect(sim.control.addResponse(id, { message: 'Admin.', role: 'admin' }).response?.author).toBe('Admin LAPOR!');
  });

  it('TERDISPOSISI needs an institution; unknown ids and statuses are refused', async () => {
    const id = await trackingOf();
    expect(() => sim.control.setStatus(id, 'TERDISPOSISI')).toThrow(/institution/);
    expect(() => sim.control.setStatus('0000000', 'SELESAI')).toThrow(/unknown tracking id/);
    expect((await call('POST', `/control/reports/${id}/status`, { status: 'BERES' })).status).toBe(400);
    expect((await call('POST', '/control/reports/0000000/status', { status: 'SELESAI' })).status).toBe(404);
  });
});

describe('simulator: updates feed', () => {
  it('filing adds no entry; an empty feed without cursor answers next_cursor null', async () => {
    await trackingOf();
    expect((await call('GET', '/updates')).json).toEqual({ updates: [], next_cursor: null });
  });

  it('pages oldest first; an empty page returns the given cursor; unknown cursor is 400', async () => {
    const id = await trackingOf();
    sim.control.setStatus(id, 'TERVERIFIKASI');
    sim.control.setStatus(id, 'TERDISPOSISI', 'Dinas Kesehatan');
    const page1 = await call('GET', '/updates?limit=1');
    const [u1, u2] = sim.control.updates().map((u) => u.id);
    expect(u1).toMatch(/^u1-/);
    expect(page1.json).toEqual({
      updates: [{ id: u1, tracking_id: id, type: 'status', status: 'TERVERIFIKASI', at: NOW.toISOString() }],
      next_cursor: u1,
    });
    const page2 = await call('GET', `/updates?cursor=${u1}`);
    expect(page2.json.updates).toEqual([
      { id: u2, tracking_id: id, type: 'status', status: 'TERDISPOSISI', institution: 'Dinas Kesehatan', at: NOW.toISOString() },
    ]);
    expect((await call('GET', `/updates?cursor=${u2}`)).json).toEqual({ updates: [], next_cursor: u2 });
    const unknown = await call('GET', '/updates?cursor=u99');
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0].field).toBe('cursor');
  });

  it('limit defaults to 100 and is clamped to 500; a bad limit is 400', async () => {
    const id = await trackingOf();
    for (let i = 0; i < 520; i++) sim.control.setStatus(id, i % 2 ? 'TERVERIFIKASI' : 'DITUNDA');
    expect((await call('GET', '/updates')).json.updates).toHaveLength(100);
    const clamped = await call('GET', '/updates?limit=1000');
    expect(clamped.json.updates).toHaveLength(500);
    expect(clamped.json.next_cursor).toMatch(/^u500-/);
    expect((await call('GET', `/updates?cursor=${clamped.json.next_cursor}&limit=1000`)).json.updates).toHaveLength(20);
    for (const bad of ['0', '-1', 'abc', '2.5']) expect((await call('GET', `/updates?limit=${bad}`)).status).toBe(400);
  });
});

describe('simulator: responses posted through the hub', () => {
  it('201, then 200 with the same body on replay, 409 on another body; not in the feed', async () => {
    const id = await trackingOf();
    const body = { message: 'Masih rusak, Pak.', role: 'pelapor', author: null };
    const first = await call('POST', `/complaints/${id}/responses`, body, { 'idempotency-key': 'r-1' });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ id: expect.stringMatching(/^r\d+-/), created_at: NOW.toISOString() });
    const again = await call('POST', `/complaints/${id}/responses`, body, { 'idempotency-key': 'r-1' });
    expect([again.status, again.json]).toEqual([200, first.json]);
    expect((await call('POST', `/complaints/${id}/responses`, { ...body, message: 'Lain.' }, { 'idempotency-key': 'r-1' })).status).toBe(409);
    expect((await call('GET', '/updates')).json.updates).toEqual([]);
    expect((await call('GET', `/complaints/${id}`)).json.responses).toHaveLength(1);
  });

  it('400 for a bad body or missing key, 404 for an unknown report', async () => {
    const id = await trackingOf();
    const bad = await call('POST', `/complaints/${id}/responses`, { message: ' ', role: 'admin' }, { 'idempotency-key': 'r' });
    expect(bad.json.errors.map((e: { field: string }) => e.field)).toEqual(['message', 'role']);
    expect((await call('POST', `/complaints/${id}/responses`, { message: 'x', role: 'pelapor' })).status).toBe(400);
    expect((await call('POST', '/complaints/0000000/responses', { message: 'x', role: 'pelapor' }, { 'idempotency-key': 'r' })).status).toBe(404);
  });
});

describe('simulator: control over HTTP and the page', () => {
  it('the page is self-contained HTML in Indonesian', async () => {
    const res = await call('GET', '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.text).toContain('Simulator LAPOR!');
    expect(res.text).toContain('Ubah status');
    expect(res.text).toContain('Kirim tanggapan');
    expect(res.text).not.toMatch(/(src|href)="https?:/);
    expect(res.text).toContain('const BASE = "/simulator/lapor"');
  });

  it('a report link leads to the page', async () => {
    const res = await call('GET', '/laporan/1234567');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/simulator/lapor/#laporan-1234567');
  });

  it('status changes and responses through control endpoints enter the feed', async () => {
    const id = await trackingOf();
    const status = await call('POST', `/control/reports/${id}/status`, { status: 'TERDISPOSISI', institution: 'Dinas PUPR' });
    expect(status.status).toBe(201);
    const resp = await call('POST', `/control/reports/${id}/responses`, { message: 'Segera kami tangani.', author: null });
    expect(resp.json).toMatchObject({ type: 'response', status: 'DITINDAKLANJUTI', response: { author: 'Dinas PUPR', role: 'instansi' } });
    expect((await call('POST', `/control/reports/${id}/responses`, { message: '' })).status).toBe(400);
    expect((await call('GET', '/updates')).json.updates.map((u: { type: string }) => u.type)).toEqual(['status', 'response']);
    const list = await call('GET', '/control/reports');
    expect(list.json.reports[0]).toMatchObject({ tracking_id: id, status: 'DITINDAKLANJUTI', report: { title: validReport().title } });
  });

  it('faults can be injected over HTTP, filtered by path, and cleared', async () => {
    expect((await call('POST', '/control/faults', { count: 2, status: 503, path: 'GET /updates' })).status).toBe(201);
    expect((await call('GET', '/complaints/1234567')).status).toBe(404); // not matched, not consumed
    expect((await call('GET', '/updates')).status).toBe(503);
    await call('DELETE', '/control/faults');
    expect((await call('GET', '/updates')).status).toBe(200);
    expect((await call('POST', '/control/faults', { count: 0, status: 503 })).status).toBe(400);
  });
});

describe('simulator: persistence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lapor-sim-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a restart with the same file keeps reports, feed and idempotency keys', async () => {
    const persistFile = join(dir, 'nested', 'simulator.json');
    const a = await startLaporSimulator({ persistFile, now: () => NOW });
    const post = (url: string) =>
      fetch(`${url}/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'persist' },
        body: JSON.stringify(validReport()),
      });
    const first = (await (await post(a.url)).json()) as { tracking_id: string };
    a.control.setStatus(first.tracking_id, 'TERVERIFIKASI');
    await a.close();

    const b = await startLaporSimulator({ persistFile, now: () => NOW });
    expect(b.control.report(first.tracking_id)?.status).toBe('TERVERIFIKASI');
    const replay = await post(b.url);
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as { tracking_id: string }).tracking_id).toBe(first.tracking_id);
    // the same state goes on: same epoch, next number
    const [kept] = b.control.updates().map((u) => u.id);
    expect(b.control.setStatus(first.tracking_id, 'SELESAI').id).toBe(kept!.replace(/^u1-/, 'u2-'));
    await b.close();
  });
});
