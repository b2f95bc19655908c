// Finding 6: every answer carries helmet's security headers and a strict CSP; the two pages
// (web chat at /, the simulator's control page) run under it in a real Chromium with no CSP
// violation. The browser part needs /usr/bin/chromium and skips loudly without it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub.js';
import { CHROMIUM, CHROMIUM_LAUNCH, haveChromium } from '../support/browser.js';

if (!haveChromium) console.warn(`\n⚠️  browser part of test/boundary/security-headers.test.ts SKIPPED: ${CHROMIUM} is missing\n`);

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ ADMIN_API_KEY: 'admin-key-for-header-tests' });
});
afterAll(async () => hub?.close());

/** The CSP's directives by name. */
function directives(header: string | null): Map<string, string[]> {
  return new Map((header ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

describe('every answer', () => {
  it.each(['/', '/webchat.js', '/healthz', '/api/v1/webchat/sessions/abcdefghijklmnop/messages', '/api/v1/admin/complaints', '/no/such/route', '/simulator/lapor/'])(
    '%s carries the CSP, nosniff, no-referrer and no framing',
    async (path) => {
      const res = await fetch(`${hub.url}${path}`);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/]+=*'$/)]);
      expect(csp.get('style-src')).toEqual(["'self'", expect.stringMatching(/^'nonce-/)]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'self'"]);
      expect(csp.get('form-action')).toEqual(["'self'"]);
      expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      await res.arrayBuffer();
    },
  );

  it('a fresh nonce per response, the one the simulator page uses', async () => {
    const nonces = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${hub.url}/simulator/lapor/`);
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
      const html = await res.text();
      expect(html).toContain(`<script nonce="${nonce}">`);
      expect(html).toContain(`<style nonce="${nonce}">`);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});

describe.skipIf(!haveChromium)('the pages, in Chromium under the CSP', () => {
  let context: BrowserContext;
  const profile = mkdtempSync(join(tmpdir(), 'lapor-chromium-'));
  beforeAll(async () => {
    context = await chromium.launchPersistentContext(profile, {
      ...CHROMIUM_LAUNCH,
    });
  });
  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  /** A page that records every CSP violation and console error it sees. */
  async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await page.exposeFunction('reportViolation', (text: string) => problems.push(`csp: ${text}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportViolation: (t: string) => void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
    });
    return { page, problems };
  }

  it('the web chat page works: the greeting arrives after the first message', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${hub.url}/`);
    await page.fill('#text', 'halo');
    await page.click('#send');
    await page.locator('#log li').nth(1).waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('header h1')!).color)).toBe('rgb(255, 255, 255)'); // webchat.css applied
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the simulator page works: its script loads the (empty) report list and its style applies', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${hub.url}/simulator/lapor/`);
    await page.getByText('Belum ada laporan.').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).color)).toBe('rgb(183, 28, 28)');
    expect(problems).toEqual([]);
    await page.close();
  });
});
