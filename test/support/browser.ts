// Debian's chromium for the browser tests (playwright-core, no browser download). Without the
// background-networking flags it keeps trying to reach the outside, which this machine refuses.
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

/** Options for playwright's launch / launchPersistentContext. */
export const CHROMIUM_LAUNCH = {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
    '--no-first-run', '--disable-component-update', '--disable-sync'],
};
