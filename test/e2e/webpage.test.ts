// A person files a complaint on the hub's own web page (`/`, bots/webchat/public) in a real
// Chromium: reads the bot's questions, taps the choices, types, uploads a photo, shares a
// location, picks a date, and sees the tracking number arrive through the page's 3 s poll.
// Needs Debian's chromium at /usr/bin/chromium (.ci/run installs it); skips loudly without.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { CHROMIUM, CHROMIUM_LAUNCH, haveChromium } from '../support/browser.js';

if (!haveChromium) {
  console.warn(`\n⚠️  test/e2e/webpage.test.ts SKIPPED: ${CHROMIUM} is missing (install it: apt-get install -y chromium)\n`);
}

let SHOTS = tmpdir(); // a fresh directory once the tests run
const PHONE = { width: 390, height: 844 };
const BANDUNG = { latitude: -6.9175, longitude: 107.5695 };

const profiles: string[] = [];
async function openBrowser(options: { viewport?: { width: number; height: number }; geolocation?: typeof BANDUNG } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'lapor-chromium-'));
  profiles.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM_LAUNCH,
    viewport: options.viewport ?? { width: 1024, height: 768 },
    ...(options.viewport === PHONE ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    ...(options.geolocation ? { geolocation: options.geolocation, permissions: ['geolocation'] } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  return { context, page, errors };
}

/** What a person does and sees on the page. */
function person(page: Page) {
  const bot = page.locator('#log li.bot');
  const choices = page.locator('#quick button');
  return {
    /** waits until the bot has said something matching `text` */
    async sees(text: RegExp, timeout = 10_000) {
      await bot.filter({ hasText: text }).last().waitFor({ timeout });
    },
    /** the titles of the buttons offered now */
    async offered() {
      return choices.allInnerTexts();
    },
    async taps(title: string) {
      await page.locator('#quick').getByRole('button', { name: title, exact: true }).click();
    },
    async types(text: string) {
      await page.locator('#text').fill(text);
      await page.locator('#text').press('Enter');
    },
    /** the citizen's own bubbles, as shown */
    async said() {
      return page.locator('#log li.me').allInnerTexts();
    },
    async shot(name: string) {
      await page.screenshot({ path: join(SHOTS, `${name}.png`) });
    },
  };
}

/** a small real PNG (a red square), as a phone photo would be */
function redSquarePng(size = 48): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([0xc6, 0x28, 0x28]))]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const sessionOf = (page: Page) => page.evaluate(() => localStorage.getItem('laporSession'));

describe.skipIf(!haveChromium)('the web chat page, used by a person in Chromium', () => {
  let hub: TestHub;
  const browsers: BrowserContext[] = [];

  beforeAll(async () => {
    SHOTS = mkdtempSync(join(tmpdir(), 'lapor-webpage-'));
    hub = await startTestHub();
  });
  afterAll(async () => {
    for (const browser of browsers) await browser.close().catch(() => {});
    await hub?.close();
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
    console.log(`web page screenshots: ${SHOTS}`);
  });

  it('files a public complaint by tapping and typing, and shows the tracking number', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openBrowser();
    browsers.push(context);
    const citizen = person(page);
    await page.goto(hub.url);
    expect(await page.title()).toMatch(/LAPOR!/);

    // the page greets a new visitor in Indonesian, with the choices as buttons
    await citizen.sees(/Halo! .*asisten LAPOR!/);
    expect(await citizen.offered()).toEqual(['Pengaduan', 'Aspirasi', 'Permintaan informasi', 'Cek status']);
    await citizen.shot('1-welcome');

    await citizen.taps('Pengaduan');
    await citizen.sees(/Ceritakan masalahnya/);
    // the tapped choice shows as the citizen's own message; used buttons are gone
    expect(await citizen.said()).toEqual(['Pengaduan']);
    expect(await citizen.offered()).toEqual([]);

    const story = 'Lampu penerangan jalan di Jl. Merdeka mati sudah dua minggu, warga takut lewat malam hari.';
    await citizen.types('Lampu mati'); // too short: the bot says why, the person adds detail
    await citizen.sees(/terlalu singkat/);
    await citizen.types(story);
    await citizen.sees(/kategori apa/);
    expect(await citizen.offered()).toHaveLength(13);
    await citizen.taps('Listrik, air, gas');

    await citizen.sees(/Di mana lokasinya/);
    expect(await citizen.offered()).toContain('📍 Kirim lokasi saya'); // the page's own button, not a dead end
    await page.getByPlaceholder('Tulis alamat atau nama tempat…').fill('Jl. Merdeka no. 12, Kota Bandung');
    await page.locator('#send').click();

    await citizen.sees(/Kapan kejadiannya/);
    expect(await citizen.offered()).toEqual(['Hari ini', 'Kemarin', '📅 Pilih tanggal']);
    expect(await page.locator('#text').evaluate((el: HTMLInputElement) => el.type)).toBe('text'); // words like "kemarin" still typeable
    await citizen.types('kemarin');

    await citizen.sees(/foto atau dokumen/);
    expect(await page.locator('#attach').getAttribute('class')).toContain('wanted'); // the 📎 button stands out
    await citizen.taps('Lewati');

    await citizen.sees(/dikirim sebagai apa/);
    await citizen.taps('Publik');
    await citizen.sees(/Siapa namamu/);
    await citizen.types('Budi Santoso');
    await citizen.sees(/Nomor HP/);
    expect(await page.locator('#text').evaluate((el: HTMLInputElement) => el.inputMode)).toBe('tel'); // digits keyboard
    await citizen.types('0812-9876-5432');

    await citizen.sees(/Cek dulu ringkasan/);
    const summary = await page.locator('#log li.bot').last().innerText();
    expect(summary).toContain('Listrik, air, gas');
    expect(summary).toContain('Jl. Merdeka no. 12, Kota Bandung');
    expect(summary).toContain('Budi Santoso');
    await citizen.shot('2-summary');
    await citizen.taps('Kirim laporan');
    await citizen.sees(/sudah kami terima/);

    // the tracking number arrives on its own, through the page's poll
    await citizen.sees(/nomor \d{7}/, 15_000);
    const filed = await page.locator('#log li.bot').filter({ hasText: /nomor \d{7}/ }).innerText();
    const trackingId = /nomor (\d{7})/.exec(filed)![1]!;
    expect(await page.locator(`#log li.bot a[href*="${trackingId}"]`).count()).toBe(1); // the tracking link is clickable
    await citizen.shot('3-filed');

    expect(await citizen.said()).toEqual(['Pengaduan', 'Lampu mati', story, 'Listrik, air, gas',
      'Jl. Merdeka no. 12, Kota Bandung', 'kemarin', 'Lewati', 'Publik', 'Budi Santoso', '0812-9876-5432', 'Kirim laporan']);
    const complaint = await hub.prisma.complaint.findFirstOrThrow({ where: { chatId: (await sessionOf(page))! } });
    expect(complaint).toMatchObject({
      trackingId, channel: 'webchat', classification: 'PENGADUAN', category: 'utilitas', content: story,
      isAnonymous: false, isSecret: false, reporterName: 'Budi Santoso', reporterPhone: '+6281298765432',
    });
    expect(complaint.dateOfIncident).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(await page.locator('#error').innerText()).toBe('');
    expect(errors).toEqual([]);
  });

  it('on a phone: a refused file is explained, a photo is uploaded, location and date picked', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openBrowser({ viewport: PHONE, geolocation: BANDUNG });
    browsers.push(context);
    const citizen = person(page);
    await page.goto(hub.url);
    await citizen.sees(/Halo!/);
    await citizen.taps('Pengaduan');
    await citizen.sees(/Ceritakan masalahnya/);
    await citizen.types('Sampah menumpuk di pinggir Sungai Cikapundung sejak seminggu, baunya sampai ke rumah warga.');
    await citizen.sees(/kategori apa/);
    await citizen.shot('4-phone-categories');
    await citizen.taps('Lingkungan & sampah');

    // the location from the phone's GPS, through the page's own button
    await citizen.sees(/Di mana lokasinya/);
    await citizen.taps('📍 Kirim lokasi saya');
    await citizen.sees(/Kapan kejadiannya/);
    expect(await citizen.said()).toContain('📍 Lokasi saya');

    // the date from the native picker: the page sends YYYY-MM-DD and shows it as words
    await citizen.taps('📅 Pilih tanggal');
    await citizen.shot('5-phone-date');
    const picked = await page.evaluate(() => {
      const d = new Date(Date.now() - 3 * 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await page.locator('#date').fill(picked);
    await citizen.sees(/foto atau dokumen/);
    const [year, month, day] = picked.split('-').map(Number) as [number, number, number];
    const months = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
    expect(await citizen.said()).toContain(`📅 ${day} ${months[month - 1]} ${year}`);

    // a file the hub cannot take: the person is told why, in Indonesian
    await page.locator('#file').setInputFiles({ name: 'catatan.txt', mimeType: 'text/plain', buffer: Buffer.from('bukan foto') });
    await page.locator('#error').filter({ hasText: /Jenis file tidak didukung/ }).waitFor();
    expect(await citizen.offered()).toEqual(['Lewati']); // the question's choices stay usable
    await citizen.shot('6-phone-refused-file');

    // the photo, through the 📎 file input
    await page.locator('#file').setInputFiles({ name: 'sampah.png', mimeType: 'image/png', buffer: redSquarePng() });
    await citizen.sees(/1 lampiran/);
    expect(await page.locator('#log li.me img').count()).toBe(1); // a thumbnail of what was sent
    expect(await page.locator('#error').innerText()).toBe('');
    await citizen.shot('7-phone-photo');
    await citizen.taps('Selesai');

    await citizen.sees(/dikirim sebagai apa/);
    await citizen.taps('Anonim');
    await citizen.sees(/Cek dulu ringkasan/);
    const summary = await page.locator('#log li.bot').last().innerText();
    expect(summary).toContain('Lampiran: 1 file');
    expect(summary).toContain(`${day} ${months[month - 1]} ${year}`);
    await citizen.taps('Kirim laporan');
    await citizen.sees(/nomor \d{7}/, 15_000);
    await citizen.shot('8-phone-filed');

    const session = (await sessionOf(page))!;
    const complaint = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: session, trackingId: { not: null } } }));
    expect(complaint).toMatchObject({ category: 'lingkungan', isAnonymous: true, reporterName: null, dateOfIncident: picked });
    expect(complaint.latitude).toBeCloseTo(BANDUNG.latitude, 3);
    expect(complaint.longitude).toBeCloseTo(BANDUNG.longitude, 3);
    expect(complaint.attachments as unknown[]).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('with NLP: the story typed first, only what is missing is asked', { timeout: 60_000 }, async () => {
    const nlpHub = await startTestHub({}, { nlp: true });
    try {
      const { context, page, errors } = await openBrowser({ viewport: PHONE });
      browsers.push(context);
      const citizen = person(page);
      const bubbles = page.locator('#log li.bot');
      /** does something and waits for the bot's answer to it */
      const answered = async (act: () => Promise<void>) => {
        const before = await bubbles.count();
        await act();
        await page.waitForFunction((n) => document.querySelectorAll('#log li.bot').length > n && !document.querySelector('#log li.typing'), before);
      };
      await page.goto(nlpHub.url);
      await citizen.sees(/Halo!/);
      const story = 'Jalan berlubang besar di Jl. Sukajadi no. 10, Kota Bandung sejak kemarin, sudah dua motor jatuh.';
      await answered(() => citizen.types(story));
      // the bot may skip what it understood: the person answers whatever is asked
      const asked: string[] = [];
      for (let turn = 0; turn < 12; turn++) {
        const text = await bubbles.last().innerText();
        const offered = await citizen.offered();
        if (/Cek dulu ringkasan/.test(text)) break;
        asked.push(text);
        if (offered.includes('Pengaduan')) await answered(() => citizen.taps('Pengaduan'));
        else if (/Ceritakan masalahnya|terlalu singkat/.test(text)) await answered(() => citizen.types(story));
        else if (offered.includes('Lainnya')) await answered(() => citizen.taps('Infrastruktur (jalan, jembatan)'));
        else if (/lokasinya/i.test(text)) await answered(() => citizen.types('Jl. Sukajadi no. 10, Kota Bandung'));
        else if (offered.includes('Kemarin')) await answered(() => citizen.taps('Kemarin'));
        else if (/foto atau dokumen/.test(text)) await answered(() => citizen.taps('Lewati'));
        else if (offered.includes('Anonim')) await answered(() => citizen.taps('Anonim'));
        else throw new Error(`a question the person does not understand: ${text}`);
      }
      await citizen.sees(/Cek dulu ringkasan/);
      await citizen.shot('9-phone-nlp-summary');
      expect(asked.length).toBeLessThan(8); // fewer questions than the 8 without NLP
      await citizen.taps('Kirim laporan');
      const filed = await page.locator('#log li.bot').filter({ hasText: /nomor \d{7}/ });
      await filed.waitFor({ timeout: 15_000 });
      const trackingId = /nomor (\d{7})/.exec(await filed.innerText())![1];
      const complaint = await nlpHub.prisma.complaint.findFirstOrThrow({ where: { chatId: (await sessionOf(page))! } });
      expect(complaint).toMatchObject({ trackingId, category: 'infrastruktur', isAnonymous: true });
      expect(errors).toEqual([]);
    } finally {
      await nlpHub.close();
    }
  });
});
