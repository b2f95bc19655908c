// A whole hub for tests: real database (PGlite, or PostgreSQL with LAPOR_TEST_DB=postgres),
// real queue, real HTTP on an ephemeral port, the built-in LAPOR! simulator.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHub, type Hub, type HubOptions } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { createTestDatabase } from './db.js';
import { runLogDestination, runLogLevel } from './log-run.js';

export interface TestHub extends Hub {
  close(): Promise<void>;
}

export async function startTestHub(env: Record<string, string> = {}, options: HubOptions = {}): Promise<TestHub> {
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'lapor-hub-test-')),
    LOG_LEVEL: runLogLevel(),
    LAPOR_POLL_INTERVAL_MS: '600000',
    ...env,
  });
  const db = options.db ?? (await createTestDatabase());
  const hub = await createHub(config, {
    db,
    logger: createLogger(config.LOG_LEVEL, runLogDestination('hub')),
    nlp: false,
    poller: false,
    slaClocks: false,
    ...options,
    queue: { pollIntervalMs: 50, ...options.queue },
  });
  await hub.start();
  return Object.assign(hub, {
    async close() {
      await hub.stop();
      if (!options.db) await db.close();
    },
  });
}

/** Polls `check` until it returns a truthy value or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, stepMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}
