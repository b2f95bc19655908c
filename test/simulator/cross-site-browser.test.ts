// The attack as it happened: a page on another local origin (another port) made a real
// browser send a form POST and a no-cors fetch to the simulator's reset, and its reports were
// gone. Chromium sends what browsers send (Origin, Sec-Fetch-Site, a form content type).
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validReport } from '../doubles/lapor-simulator.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { CHROMIUM, CHROMIUM_LAUNCH, haveChromium } from '../support/browser.js';

if (!haveChromium) console.warn(`\n⚠️  test/simulator/cross-site-browser.test.ts SKIPPED: ${CHROMIUM} is missing\n`);

describe.skipIf(!haveChromium)('a page of another local origin', () => {
  let hub: TestHub;
  let context: BrowserContext;
  let evil: Server;
  let evilUrl: string;
  const profile = mkdtempSync(join(tmpdir(), 'lapor-chromium-'));
  beforeAll(async () => {
    hub = await startTestHub();
    const target = `${hub.url}/simulator/lapor`;
    const app = express();
    app.get('/', (_req, res) => void res.type('html').send(`<!doctype html><body>
<form id="f" method="POST" enctype="text/plain" action="${target}/control/reset"><input name='{"a":"' value='b"}'></form>
<iframe name="sink"></iframe>
<script>
  document.getElementById('f').target = 'sink';
  fetch(${JSON.stringify(`${target}/control/faults`)}, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{"count":5,"status":503}' })
    .finally(() => fetch(${JSON.stringify(`${target}/control/reset`)}, { method: 'POST', mode: 'no-cors', body: new URLSearchParams({ a: '1' }) }))
    .finally(() => { document.getElementById('f').submit(); document.title = 'sent'; });
</script></body>`));
    evil = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => evil.once('listening', resolve));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
    context = await chromium.launchPersistentContext(profile, {
      ...CHROMIUM_LAUNCH,
    });
  });
  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => evil?.close(resolve));
    await hub?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('cannot reset the simulator nor inject faults', async () => {
    const filed = await fetch(`${hub.url}/simulator/lapor/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'cross-site' },
      body: JSON.stringify(validReport({ channel: 'webchat' })),
    });
    expect(filed.status).toBe(201);
    const sim = hub.simulator!.control;
    expect(sim.reports()).toHaveLength(1);

    // The browser may hide a refused answer from the page (helmet's Cross-Origin-Resource-Policy
    // blocks a no-cors read): count what was sent and settled, and check every answer it shows.
    const sent: string[] = [];
    const settled: string[] = [];
    const statuses: number[] = [];
    const page = context.pages()[0] ?? (await context.newPage());
    const ours = (url: string) => url.includes('/simulator/lapor/control/');
    page.on('request', (r) => ours(r.url()) && sent.push(r.url()));
    page.on('requestfinished', (r) => ours(r.url()) && settled.push(r.url()));
    page.on('requestfailed', (r) => ours(r.url()) && settled.push(r.url()));
    page.on('response', (r) => ours(r.url()) && statuses.push(r.status()));
    await page.goto(evilUrl);
    await page.waitForFunction(() => document.title === 'sent');
    // the form's navigation and both fetches reached the simulator
    const deadline = Date.now() + 5_000;
    while (settled.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(sent).toHaveLength(3);
    expect(settled).toHaveLength(3);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 403)).toBe(true);
    expect(sim.reports()).toHaveLength(1);
    expect(sim.pendingFaults()).toBe(0);
  });
});
