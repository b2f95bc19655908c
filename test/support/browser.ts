// Debian's chromium for the browser tests (playwright-core, no browser download). Without the
// background-networking flags it keeps trying to reach the outside, which this machine refuses.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

/** Options for playwright's launch / launchPersistentContext. */
export const CHROMIUM_LAUNCH = {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
    '--no-first-run', '--disable-component-update', '--disable-sync'],
};

/** Errors the page raises, CSP violations included (Chromium reports them on the console). */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

export interface PixelStats {
  /** distinct colours among every 7th pixel */
  colours: number;
  /** share of pixels in colour (not grey: axes, grid lines and text are grey) */
  ink: number;
}

/** What a screenshot holds, measured by a canvas in a blank page of the browser. */
export async function pixelStats(browser: Browser, png: Buffer): Promise<PixelStats> {
  const scratch = await browser.newPage();
  try {
    return await scratch.evaluate(async (dataUrl) => {
      const image = new Image();
      image.src = dataUrl;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, image.width, image.height).data;
      const seen = new Set<number>();
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 40) ink++;
        if ((i / 4) % 7 === 0) seen.add((r << 16) | (g << 8) | b);
      }
      return { colours: seen.size, ink: ink / (data.length / 4) };
    }, `data:image/png;base64,${png.toString('base64')}`);
  } finally {
    await scratch.close();
  }
}
