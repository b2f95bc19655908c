// POST /complaints validation: every rule of contracts/lapor-api-v1.md, over real HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLaporSimulator, validReport, type RunningLaporSimulator } from '../doubles/lapor-simulator.js';

// 20:00 UTC on 10 March is already 11 March in UTC+9 (the contract's bound)
const NOW = new Date('2026-03-10T20:00:00Z');
let sim: RunningLaporSimulator;
let n = 0;

beforeAll(async () => {
  sim = await startLaporSimulator({ now: () => NOW });
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

async function file(body: unknown, key: string | null = `key-${++n}`) {
  const res = await fetch(`${sim.url}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key !== null && { 'idempotency-key': key }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { errors?: { field: string; message: string }[] } & Record<string, unknown> };
}
const fields = async (body: unknown) => {
  const res = await file(body);
  expect(res.status).toBe(400);
  return res.body.errors!.map((e) => e.field);
};
const accepted = async (body: unknown) => expect((await file(body)).status).toBe(201);
const without = (key: string) => {
  const r = validReport();
  delete r[key];
  return r;
};

describe('simulator: report validation', () => {
  it('accepts a complete report', () => accepted(validReport()));

  it('classification and category are required and from the lists', async () => {
    expect(await fields(without('classification'))).toEqual(['classification']);
    expect(await fields(validReport({ classification: 'KELUHAN' }))).toEqual(['classification']);
    expect(await fields(without('category'))).toEqual(['category']);
    expect(await fields(validReport({ category: 'jalan' }))).toEqual(['category']);
    for (const category of ['pungli_korupsi', 'lainnya']) await accepted(validReport({ category }));
  });

  it('title is 5–150 code points after trimming', async () => {
    expect(await fields(without('title'))).toEqual(['title']);
    expect(await fields(validReport({ title: '   abcd   ' }))).toEqual(['title']);
    await accepted(validReport({ title: ' abcde ' }));
    await accepted(validReport({ title: '🚧'.repeat(150) })); // 300 UTF-16 units, 150 code points
    expect(await fields(validReport({ title: 'a'.repeat(151) }))).toEqual(['title']);
  });

  it('content is 30–5000 code points after trimming', async () => {
    expect(await fields(validReport({ content: `  ${'a'.repeat(29)}  ` }))).toEqual(['content']);
    await accepted(validReport({ content: 'a'.repeat(30) }));
    await accepted(validReport({ content: 'é'.repeat(5000) }));
    expect(await fields(validReport({ content: 'a'.repeat(5001) }))).toEqual(['content']);
    expect(await fields(validReport({ content: 42 }))).toEqual(['content']);
  });

  it('date_of_incident is a real YYYY-MM-DD date not after today in UTC+9, or null', async () => {
    await accepted(validReport({ date_of_incident: '2026-03-11' }));
    await accepted(validReport({ date_of_incident: null }));
    await accepted(without('date_of_incident'));
    expect(await fields(validReport({ date_of_incident: '2026-03-12' }))).toEqual(['date_of_incident']);
    expect(await fields(validReport({ date_of_incident: '2026-02-30' }))).toEqual(['date_of_incident']);
    expect(await fields(validReport({ date_of_incident: '10/03/2026' }))).toEqual(['date_of_incident']);
  });

  it('location may be null only for PERMINTAAN_INFORMASI', async () => {
    expect(await fields(validReport({ location: null }))).toEqual(['location']);
    expect(await fields(without('location'))).toEqual(['location']);
    expect(await fields(validReport({ classification: 'ASPIRASI', location: null }))).toEqual(['location']);
    await accepted(validReport({ classification: 'PERMINTAAN_INFORMASI', location: null }));
    await accepted({ ...without('location'), classification: 'PERMINTAAN_INFORMASI' });
  });

  it('location needs a name or both coordinates, in range', async () => {
    await accepted(validReport({ location: { name: 'Kota Bandung' } }));
    await accepted(validReport({ location: { latitude: -6.9, longitude: 107.6 } }));
    expect(await fields(validReport({ location: { address: 'Jl. Merdeka' } }))).toEqual(['location']);
    expect(await fields(validReport({ location: { latitude: -6.9 } }))).toEqual(['location']);
    expect(await fields(validReport({ location: { name: '  ', latitude: -6.9, longitude: null } }))).toEqual(['location']);
    expect(await fields(validReport({ location: { name: 'X', latitude: 95, longitude: 10 } }))).toEqual(['location.latitude']);
    expect(await fields(validReport({ location: { name: 'X', code: 3273 } }))).toEqual(['location.code']);
    expect(await fields(validReport({ location: 'Bandung' }))).toEqual(['location']);
  });

  it('reporter is null exactly when anonymous', async () => {
    await accepted(validReport({ is_anonymous: true, reporter: null }));
    await accepted({ ...without('reporter'), is_anonymous: true });
    expect(await fields(validReport({ is_anonymous: true }))).toEqual(['reporter']);
    expect(await fields(validReport({ reporter: null }))).toEqual(['reporter']);
    await accepted(validReport({ is_secret: true })); // secret still names the reporter
    expect(await fields(validReport({ is_anonymous: 'ya' }))).toEqual(['is_anonymous']);
  });

  it('reporter has a name and an E.164 phone; email optional', async () => {
    const reporter = (r: Record<string, unknown>) => validReport({ reporter: { name: 'Siti', phone: '+6281234567890', ...r } });
    expect(await fields(reporter({ name: ' ' }))).toEqual(['reporter.name']);
    for (const phone of ['081234567890', '+62 812 3456 7890', '+62081234567890', '6281234567890', null]) {
      expect(await fields(reporter({ phone }))).toEqual(['reporter.phone']);
    }
    await accepted(reporter({ email: 'siti@example.id' }));
    expect(await fields(reporter({ email: 'siti' }))).toEqual(['reporter.email']);
  });

  it('channel is one of the five values; source_app at most 64 characters', async () => {
    for (const channel of ['telegram', 'whatsapp', 'webchat', 'console', 'api']) await accepted(validReport({ channel }));
    expect(await fields(validReport({ channel: 'sms' }))).toEqual(['channel']);
    await accepted(validReport({ source_app: 'x'.repeat(64) }));
    expect(await fields(validReport({ source_app: 'x'.repeat(65) }))).toEqual(['source_app']);
  });

  it('attachments, when given, each have a filename, a MIME type and an http(s) URL', async () => {
    await accepted(without('attachments'));
    await accepted(validReport({ attachments: [] }));
    expect(await fields(validReport({ attachments: 'foto.jpg' }))).toEqual(['attachments']);
    expect(await fields(validReport({ attachments: [{ filename: '', mime_type: 'jpeg', url: 'ftp://x/y' }] }))).toEqual([
      'attachments[0].filename', 'attachments[0].mime_type', 'attachments[0].url',
    ]);
  });

  it('other type rules: institution_id, is_secret', async () => {
    expect(await fields(validReport({ institution_id: 7 }))).toEqual(['institution_id']);
    expect(await fields(validReport({ is_secret: 1 }))).toEqual(['is_secret']);
  });

  it('lists every error at once', async () => {
    expect(await fields({ title: 'x' })).toEqual(['classification', 'title', 'content', 'category', 'location', 'reporter']);
  });

  it('needs a JSON object body and an Idempotency-Key of at most 128 characters', async () => {
    expect((await file('{not json')).status).toBe(400);
    expect(await fields([1, 2])).toEqual(['body']);
    const noKey = await file(validReport(), null);
    expect(noKey.status).toBe(400);
    expect(noKey.body.errors?.[0]?.field).toBe('Idempotency-Key');
    expect((await file(validReport(), 'k'.repeat(129))).status).toBe(400);
    expect((await file(validReport(), 'k'.repeat(128))).status).toBe(201);
  });
});
