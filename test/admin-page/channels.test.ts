// The channels tab with WhatsApp Web waiting to be paired (a fake Baileys socket): the QR is an
// image on the page, which refreshes itself, until the phone is linked; the channel's own
// Bearer pairing page at /admin/whatsapp-web is not shadowed by the officers' page. In Chromium
// (when installed) the QR is drawn.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairingEvent } from '../../bots/whatsapp-web/index.js';
import { startWhatsappWebHub } from '../whatsapp-web/support/whatsapp-hub.js';
import { FakeWhatsapp } from '../doubles/baileys-socket.js';
import { CHROMIUM_LAUNCH, haveChromium } from '../support/browser.js';
import { eventually, type TestHub } from '../support/hub.js';
import { hashApiKey } from '../../src/hub/officers/principal.js';
import { ADMIN_KEY, PageClient } from './support.js';

const OFFICER_KEY = 'officer-key-for-page-tests-0123456789';

let whatsapp: FakeWhatsapp;
let hub: TestHub;
const pairing: PairingEvent[] = [];

beforeAll(async () => {
  whatsapp = new FakeWhatsapp();
  hub = await startWhatsappWebHub(whatsapp, pairing, { ADMIN_API_KEY: ADMIN_KEY });
});
afterAll(async () => {
  await hub?.close();
});

const QR_IMG = /<img class="qr" src="data:image\/png;base64,[A-Za-z0-9+/=]+"/;

describe('channels on the officers\' page', () => {
  it('shows the agency\'s channels with their health, and WhatsApp Web\'s QR while it waits for the phone', async () => {
    await eventually(async () => pairing.some((e) => e.type === 'qr'));
    const page = new PageClient(hub.url);
    await page.signIn(ADMIN_KEY);
    const channels = await eventually(async () => {
      const answer = await page.get('/admin/channels');
      return QR_IMG.test(answer.text) && answer;
    });
    expect(channels.status).toBe(200);
    expect(channels.text).toContain('data-type="whatsapp-web"');
    expect(channels.text).toContain('data-type="webchat"');
    expect(channels.text).toContain('Hubungkan WhatsApp');
    expect(channels.text).toMatch(/<meta http-equiv="refresh" content="\d+">/);
    expect(channels.text).toContain('waiting to be paired'); // the live health of the adapter running here

    // whoever scans the QR owns the agency's number: an officer who is not an admin is told it waits
    await hub.prisma.officer.create({ data: { agencyId: 'default', name: 'Petugas Biasa', role: 'officer', apiKeyHash: hashApiKey(OFFICER_KEY) } });
    const officer = new PageClient(hub.url);
    await officer.signIn(OFFICER_KEY);
    const officersView = await officer.get('/admin/channels');
    expect(officersView.status).toBe(200);
    expect(officersView.text).toContain('data-type="whatsapp-web"');
    expect(officersView.text).not.toMatch(/<img class="qr"|data:image\/png/);
    expect(officersView.text).toContain('hanya ditampilkan kepada admin');

    if (haveChromium) {
      const browser = await chromium.launch(CHROMIUM_LAUNCH);
      try {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
        await context.addCookies([{ name: 'lh_admin_session', value: page.token(), url: `${hub.url}/admin`, httpOnly: true, sameSite: 'Strict' }]);
        const tab = await context.newPage();
        await tab.goto(`${hub.url}/admin/channels`);
        const size = await tab.locator('img.qr').evaluate((img: HTMLImageElement) => img.naturalWidth);
        expect(size).toBe(280);
        await tab.screenshot({ path: join(mkdtempSync(join(tmpdir(), 'lapor-admin-page-')), 'channels-phone.png'), fullPage: true });
      } finally {
        await browser.close();
      }
    }

    // once the phone is linked, nothing is left to scan and the page stops refreshing
    await whatsapp.current!.pairSuccess('6281100000000');
    await eventually(async () => pairing.some((e) => e.type === 'open'));
    const paired = await eventually(async () => {
      const answer = await page.get('/admin/channels');
      return !QR_IMG.test(answer.text) && answer;
    });
    expect(paired.text).not.toContain('http-equiv="refresh"');
    expect(paired.text).not.toContain('6281100000000');
  });

  it('leaves /admin/whatsapp-web to the channel: its Bearer-guarded pairing page', async () => {
    const withKey = await fetch(`${hub.url}/admin/whatsapp-web`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(withKey.status).toBe(200);
    expect(await withKey.text()).toContain('Hubungkan WhatsApp');
    const without = await fetch(`${hub.url}/admin/whatsapp-web`, { redirect: 'manual' });
    expect(without.status).toBe(401);
    expect((await without.json()).error).toMatch(/API key/);
  });
});
