// The public dashboard in a real Chromium (phone viewport) against a hub with reports of three
// channels, several statuses and three months: no error or CSP violation, every chart drawn
// (its canvas not blank), every table showing the numbers counted here from the fixtures, and
// the agency and period filters changing them. Needs Debian's chromium; skips loudly without it.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_LAUNCH, haveChromium, pageErrors, pixelStats } from '../support/browser.js';
import { createTestDatabase } from '../support/db.js';
import { startTestHub, type TestHub } from '../support/hub.js';

if (!haveChromium) {
  console.warn(`\n⚠️  test/dashboard/browser.test.ts SKIPPED: ${CHROMIUM} is missing (install it: apt-get install -y chromium)\n`);
}

const PHONE = { width: 390, height: 844 };
const H = 3600_000;
interface Fixture {
  agency: string; integration: string; channel: string; status: string; category: string; filedAt: string;
  verifiedAfterH?: number; respondedAfterH?: number; closedAfterH?: number;
  /** by hand from the calendar: verified within 3 working days of filing */
  verifiedInTime?: boolean;
}
// 03:00 UTC is 10:00 in Jakarta: each report's Jakarta month is its UTC month
const REPORTS: Fixture[] = [
  { agency: 'dinas-a', integration: 'tg-a', channel: 'telegram', status: 'SELESAI', category: 'infrastruktur', filedAt: '2026-09-08T03:00:00Z', verifiedAfterH: 5, respondedAfterH: 30, closedAfterH: 60, verifiedInTime: true },
  { agency: 'dinas-a', integration: 'tg-a', channel: 'telegram', status: 'DITINDAKLANJUTI', category: 'kesehatan', filedAt: '2026-10-05T03:00:00Z', verifiedAfterH: 10, respondedAfterH: 20, verifiedInTime: true },
  { agency: 'dinas-a', integration: 'wa-a', channel: 'whatsapp', status: 'BELUM_TERVERIFIKASI', category: 'infrastruktur', filedAt: '2026-10-20T03:00:00Z' },
  // Mon 2 Nov + 100 h = Fri 6 Nov: past the end of Thu 5 Nov (3 working days)
  { agency: 'dinas-a', integration: 'wa-a', channel: 'whatsapp', status: 'TERVERIFIKASI', category: 'lingkungan', filedAt: '2026-11-02T03:00:00Z', verifiedAfterH: 100, verifiedInTime: false },
  { agency: 'dinas-b', integration: 'web-b', channel: 'webchat', status: 'BUKAN_WEWENANG', category: 'lainnya', filedAt: '2026-11-03T03:00:00Z', closedAfterH: 48 },
  { agency: 'dinas-b', integration: 'web-b', channel: 'webchat', status: 'SELESAI', category: 'infrastruktur', filedAt: '2026-11-10T03:00:00Z', verifiedAfterH: 2, respondedAfterH: 40, closedAfterH: 80, verifiedInTime: true },
];
const FUNNEL = ['BELUM_TERVERIFIKASI', 'TERVERIFIKASI', 'TERDISPOSISI', 'DITINDAKLANJUTI', 'DITANGGAPI_PELAPOR', 'SELESAI'];
const percent = (a: number, b: number) => `${(Math.round((a / b) * 1000) / 10).toFixed(1).replace('.', ',')}%`;

/** what the dashboard should show for these reports, counted directly */
function expected(reports: Fixture[]) {
  const months: Record<string, Record<string, number>> = {};
  const categories: Record<string, number> = {};
  for (const r of reports) {
    const month = r.filedAt.slice(0, 7);
    months[month] ??= {};
    months[month]![r.channel] = (months[month]![r.channel] ?? 0) + 1;
    categories[r.category] = (categories[r.category] ?? 0) + 1;
  }
  const reached = FUNNEL.map((_s, i) => (i === 0 ? reports.length : reports.filter((r) => FUNNEL.indexOf(r.status) >= i).length));
  const resolved = reports.filter((r) => r.status === 'SELESAI').length;
  const verified = reports.filter((r) => r.verifiedInTime !== undefined);
  return { months, categories, reached, resolved, resolutionRate: percent(resolved, reports.length), verifiedInTime: percent(verified.filter((r) => r.verifiedInTime).length, verified.length) };
}

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  if (!haveChromium) return;
  db = await createTestDatabase();
  hub = await startTestHub({}, { db, workers: false });
  const p = hub.prisma;
  await p.agency.createMany({ data: [{ id: 'dinas-a', name: 'Dinas A' }, { id: 'dinas-b', name: 'Dinas B' }] });
  await p.integration.createMany({ data: [
    { id: 'tg-a', agencyId: 'dinas-a', type: 'telegram', name: '@dinas_a_bot', status: 'connected', source: 'api' },
    { id: 'wa-a', agencyId: 'dinas-a', type: 'whatsapp-cloud', name: 'WA Dinas A', status: 'degraded', source: 'api' },
    { id: 'web-b', agencyId: 'dinas-b', type: 'webchat', name: 'Web Dinas B', status: 'connected', source: 'api' },
  ] });
  for (const [i, r] of REPORTS.entries()) {
    const citizen = await p.citizen.create({ data: { integrationId: r.integration, externalId: `c${i}`, displayName: `Warga ${i}` } });
    const filedAt = new Date(r.filedAt);
    const after = (h?: number) => (h === undefined ? null : new Date(filedAt.getTime() + h * H));
    await p.complaint.create({ data: {
      agencyId: r.agency, integrationId: r.integration, citizenId: citizen.id, chatId: `c${i}`, channel: r.channel, classification: 'pengaduan',
      title: 'Laporan', content: 'Isi laporan', category: r.category, status: r.status, trackingId: String(5000000 + i), filedAt,
      verifiedAt: after(r.verifiedAfterH), firstResponseAt: after(r.respondedAfterH), closedAt: after(r.closedAfterH),
    } });
  }
  browser = await chromium.launch(CHROMIUM_LAUNCH);
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
  await db?.close();
});

const cell = (page: Page, selector: string) => page.locator(selector).innerText();
const loaded = (page: Page) => page.locator('#state', { hasText: 'Diperbarui' }).waitFor();

async function checkTables(page: Page, reports: Fixture[]) {
  const want = expected(reports);
  expect(await cell(page, '#tile-reports b')).toBe(String(reports.length));
  const rows = page.locator('#table-month tbody tr');
  expect(await rows.count()).toBe(Object.keys(want.months).length);
  for (const [month, channels] of Object.entries(want.months)) {
    for (const [channel, n] of Object.entries(channels)) expect(await cell(page, `#table-month tr[data-month="${month}"] td[data-channel="${channel}"]`)).toBe(String(n));
    expect(await cell(page, `#table-month tr[data-month="${month}"] td[data-channel="total"]`)).toBe(String(Object.values(channels).reduce((a, b) => a + b, 0)));
  }
  for (const [i, status] of FUNNEL.entries()) expect(await cell(page, `#table-funnel tr[data-status="${status}"] td[data-col="reached"]`), status).toBe(String(want.reached[i]));
  expect(await page.locator('#table-category tbody tr').count()).toBe(Object.keys(want.categories).length);
  for (const [category, n] of Object.entries(want.categories)) expect(await cell(page, `#table-category tr[data-category="${category}"] td`)).toBe(String(n));
  expect(await cell(page, '#table-resolution tr[data-part="resolved"] td')).toBe(String(want.resolved));
  expect(await cell(page, '#table-resolution tr[data-part="rate"] td')).toBe(want.resolutionRate);
  expect(await cell(page, '#table-sla tr[data-measure="verifiedInTime"] td')).toBe(want.verifiedInTime);
}

describe.skipIf(!haveChromium)('the public dashboard in Chromium', () => {
  it('draws every chart, shows the fixtures\' numbers in the tables, and filters by agency and period', async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${hub.url}/dashboard`);
    await loaded(page);
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    // readable on a phone: nothing wider than the screen
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    for (const id of ['month', 'funnel', 'category', 'sla', 'resolution', 'channels']) {
      const canvas = page.locator(`#chart-${id}`);
      expect(await canvas.getAttribute('aria-label'), id).toBeTruthy();
      await canvas.scrollIntoViewIfNeeded();
      const { ink } = await pixelStats(browser, await canvas.screenshot());
      expect(ink, `chart ${id} is blank`).toBeGreaterThan(0.03);
    }
    await checkTables(page, REPORTS);
    // open data only: the reporters' names are in the database, never on the page
    expect(await page.locator('body').innerText()).not.toMatch(/Warga/);
    // every integration listed (the hub's own web chat too), with its forwarded reports
    expect(await cell(page, '#table-channels tr[data-integration="tg-a"] td:last-child')).toBe(String(REPORTS.filter((r) => r.integration === 'tg-a').length));
    expect(await page.locator('#table-channels tr[data-integration="web-b"]').count()).toBe(1);

    // agency filter through the form
    await page.selectOption('#agency', 'dinas-a');
    await Promise.all([page.waitForURL(/\/dashboard\?agency=dinas-a$/), page.click('#filter button')]);
    await loaded(page);
    const ofA = REPORTS.filter((r) => r.agency === 'dinas-a');
    await checkTables(page, ofA);
    expect(await page.locator('#table-channels tbody tr').count()).toBe(2);
    expect(await page.locator('#table-channels tr[data-integration="web-b"]').count()).toBe(0);

    // and a period: October only
    await page.fill('#from', '2026-10-01');
    await page.fill('#to', '2026-10-31');
    await Promise.all([page.waitForURL(/from=2026-10-01&to=2026-10-31/), page.click('#filter button')]);
    await loaded(page);
    await checkTables(page, ofA.filter((r) => r.filedAt.startsWith('2026-10')));
    expect(await page.inputValue('#agency')).toBe('dinas-a');

    expect(errors).toEqual([]);
    await context.close();
  });
});
