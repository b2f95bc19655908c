// A person plays LAPOR! on the simulator page: the status they set and the response they
// write reach the citizen's web chat through the hub's poller.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../support/citizen.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { CHROMIUM, CHROMIUM_LAUNCH, haveChromium } from '../support/browser.js';

if (!haveChromium) console.warn(`\n⚠️  test/e2e/simulator-page.test.ts SKIPPED: ${CHROMIUM} is missing\n`);

describe.skipIf(!haveChromium)('the LAPOR! simulator page', () => {
  let hub: TestHub;
  let context: BrowserContext;
  const profile = mkdtempSync(join(tmpdir(), 'lapor-chromium-'));
  beforeAll(async () => {
    hub = await startTestHub({ LAPOR_POLL_INTERVAL_MS: '300' }, { poller: true });
    context = await chromium.launchPersistentContext(profile, {
      ...CHROMIUM_LAUNCH,
    });
  });
  afterAll(async () => {
    await context?.close();
    await hub?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('moves a report through its statuses and answers it, and the citizen hears each step', async () => {
    const { chat, trackingId } = await fileComplaint(hub);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${hub.url}/simulator/lapor/`);
    const row = page.locator('tr', { hasText: trackingId });
    await row.waitFor();

    await row.locator('select').selectOption('TERDISPOSISI');
    await row.getByPlaceholder(/Instansi tujuan/).fill('Dinas PUPR Kota Bandung');
    await row.getByRole('button', { name: 'Ubah status' }).click();
    await eventually(async () => (await chat.history()).find((m) => m.text.includes('Dinas PUPR Kota Bandung')), 10_000);

    await row.getByPlaceholder('Tanggapan instansi').fill('Tim kami akan memperbaiki lampu hari Jumat.');
    await row.getByPlaceholder('Nama instansi').fill('Dinas PUPR Kota Bandung');
    await row.getByRole('button', { name: 'Kirim tanggapan' }).click();
    const response = await eventually(async () => (await chat.history()).find((m) => m.text.includes('hari Jumat')), 10_000);
    expect(response.text).toContain('Dinas PUPR Kota Bandung');
    expect(hub.simulator!.control.report(trackingId)!.status).toBe('DITINDAKLANJUTI');
  });
});
