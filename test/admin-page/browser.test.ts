// An officer works the /admin page in a real Chromium: signs in with their API key, finds the
// report a web chat citizen just filed in the inbox, opens it, answers the citizen (who reads
// it in the web chat, and LAPOR! has it as the agency's response) and takes the report, with
// JavaScript off for that last form. The page must not be blank and must raise no error or
// CSP violation. Needs Debian's chromium at /usr/bin/chromium; skips loudly without it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../support/citizen.js';
import { CHROMIUM, CHROMIUM_LAUNCH, haveChromium, pageErrors, pixelStats } from '../support/browser.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import type { WebchatClient } from '../support/webchat-client.js';
import { ADMIN_KEY } from './support.js';

if (!haveChromium) {
  console.warn(`\n⚠️  test/admin-page/browser.test.ts SKIPPED: ${CHROMIUM} is missing (install it: apt-get install -y chromium)\n`);
}

const SHOTS = mkdtempSync(join(tmpdir(), 'lapor-admin-page-'));
const PHONE = { width: 390, height: 844 };
const REPLY = 'Terima kasih, petugas PJU akan memperbaiki lampu di Jl. Merdeka besok pagi.';

let hub: TestHub;
let browser: Browser;
let citizen: { chat: WebchatClient; complaintId: string; trackingId: string };

beforeAll(async () => {
  if (!haveChromium) return;
  hub = await startTestHub({ ADMIN_API_KEY: ADMIN_KEY });
  const filed = await fileComplaint(hub);
  citizen = { chat: filed.chat, complaintId: filed.complaint.id, trackingId: filed.trackingId };
  browser = await chromium.launch(CHROMIUM_LAUNCH);
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

describe.skipIf(!haveChromium)('the officers\' page in Chromium', () => {
  it('signs in, finds the web chat report in the inbox, replies: the citizen and LAPOR! get the answer', async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    const page = await context.newPage();
    const errors = pageErrors(page);

    await page.goto(`${hub.url}/admin/`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await page.locator('#key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(`${hub.url}/admin/`);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'lh_admin_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('lh_admin_session');

    const link = page.locator(`#complaints a[href="/admin/complaints/${citizen.complaintId}"]`);
    await expect.poll(() => link.count()).toBe(1);
    expect(await link.innerText()).toContain('Lampu penerangan jalan');
    const inboxShot = await page.screenshot({ path: join(SHOTS, 'inbox-phone.png'), fullPage: true });
    expect((await pixelStats(browser, inboxShot)).colours).toBeGreaterThan(8);

    await link.click();
    await page.waitForURL(`${hub.url}/admin/complaints/${citizen.complaintId}`);
    expect(await page.locator('h1').innerText()).toContain('Lampu penerangan jalan');
    expect(await page.locator('.chat li.citizen').count()).toBeGreaterThan(3);
    await page.locator('#message').fill(REPLY);
    await page.getByRole('button', { name: 'Kirim' }).click();
    await page.waitForURL(/\?ok=replied$/);
    expect(await page.locator('.flash.ok').innerText()).toContain('Balasan dikirim ke warga');
    expect(await page.locator('.events').innerText()).toContain(REPLY);

    // the citizen reads it in the web chat, from the agency
    await eventually(async () => (await citizen.chat.history()).some((m) => m.text.includes(REPLY)), 10_000, 100);
    // LAPOR! has it as the agency's response to the report
    const sim = hub.simulator!.control;
    await eventually(async () => sim.report(citizen.trackingId)?.responses.some((r) => r.role === 'instansi' && r.message === REPLY), 10_000, 100);
    const detailShot = await page.screenshot({ path: join(SHOTS, 'complaint-phone.png'), fullPage: true });
    expect((await pixelStats(browser, detailShot)).colours).toBeGreaterThan(8);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('takes the report with JavaScript off (plain HTML forms), then signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false, locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(`${hub.url}/admin/login`);
    await page.locator('#key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(`${hub.url}/admin/`);
    await page.goto(`${hub.url}/admin/complaints/${citizen.complaintId}`);
    await page.locator('#claim').click();
    await page.waitForURL(/\?ok=claimed$/);
    expect(await page.locator('.flash.ok').innerText()).toContain('Laporan Anda ambil');
    expect(await page.locator('main').innerText()).toContain('Anda menangani laporan ini');
    const stored = await hub.prisma.complaint.findUniqueOrThrow({ where: { id: citizen.complaintId } });
    expect(stored.claimedBy).toBe('bootstrap-admin');
    const shot = await page.screenshot({ path: join(SHOTS, 'complaint-desktop.png'), fullPage: true });
    expect((await pixelStats(browser, shot)).colours).toBeGreaterThan(8);

    // English, then sign out
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.locator('main').innerText()).toContain('You are working on this report');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${hub.url}/admin/login`);
    await page.goto(`${hub.url}/admin/`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await context.close();
  });
});
