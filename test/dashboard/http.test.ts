// The dashboard over plain HTTP: the page and its assets come from the hub itself with the right
// content types (Chart.js from node_modules, no CDN), the strict CSP stays, the filter is
// validated, and /api/public/agencies gives ids and names only.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db.js';
import { startTestHub, type TestHub } from '../support/hub.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let hub: TestHub;

beforeAll(async () => {
  db = await createTestDatabase();
  hub = await startTestHub({ AGENCY_NAME: 'Pemkot Contoh' }, { db, workers: false });
  await hub.prisma.agency.create({ data: { id: 'dinas-x', name: 'Dinas X', connectorConfig: { token: 'rahasia-xyz' } } });
});
afterAll(async () => {
  await hub?.close();
  await db?.close();
});

describe('GET /dashboard', () => {
  it('serves the page in Indonesian with local scripts only, under the strict CSP', async () => {
    const res = await fetch(`${hub.url}/dashboard`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'nonce-/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const page = await res.text();
    expect(page).toMatch(/<html lang="id">/);
    const scripts = [...page.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(2);
    for (const attrs of scripts) expect(attrs).toMatch(/ src="\/dashboard\/assets\//);
    expect(page).not.toMatch(/<script>|style="|https?:\/\//);
    // every chart is a figure with a caption and a table
    const figures = page.match(/<figure[\s\S]*?<\/figure>/g)!;
    expect(figures).toHaveLength(6);
    for (const f of figures) expect(f).toMatch(/<figcaption>[\s\S]*<canvas[\s\S]*<table id="table-/);
  });

  it('serves its script, style and Chart.js locally with the right content types', async () => {
    const js = await fetch(`${hub.url}/dashboard/assets/dashboard.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    const css = await fetch(`${hub.url}/dashboard/assets/dashboard.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const chart = await fetch(`${hub.url}/dashboard/assets/vendor/chart.umd.min.js`);
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(chart.headers.get('x-content-type-options')).toBe('nosniff');
    const dist = dirname(createRequire(import.meta.url).resolve('chart.js'));
    expect(await chart.text()).toBe(readFileSync(join(dist, 'chart.umd.min.js'), 'utf8'));
    for (const path of ['/dashboard/assets/vendor/chart.cjs', '/dashboard/assets/vendor/..%2F..%2Fpackage.json', '/dashboard/assets/nothing.js']) {
      const res = await fetch(`${hub.url}${path}`);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error).toBeTruthy();
    }
  });

  it('takes empty filter fields as no filter and refuses bad ones with 400 JSON', async () => {
    expect((await fetch(`${hub.url}/dashboard?agency=&from=&to=`)).status).toBe(200);
    expect((await fetch(`${hub.url}/dashboard?agency=dinas-x&from=2026-10-01&to=2026-10-31`)).status).toBe(200);
    for (const q of ['from=2026-13-01', 'from=2026-11-05&to=2026-11-01', 'colour=red', 'to=kemarin']) {
      const res = await fetch(`${hub.url}/dashboard?${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json()).error, q).toMatch(/invalid/);
    }
  });
});

describe('GET /api/public/agencies', () => {
  it('lists every agency with its id and name, nothing else', async () => {
    const res = await fetch(`${hub.url}/api/public/agencies`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/rahasia-xyz|connector/);
    expect(JSON.parse(text)).toEqual({ agencies: [{ id: 'dinas-x', name: 'Dinas X' }, { id: 'default', name: 'Pemkot Contoh' }] });
  });
});
