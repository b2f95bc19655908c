// Helpers for the queue tests: a quiet logger, polling, Redis availability and clean-up.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { RetryPolicy } from '../../src/queue/retry-policy.js';

import { runLogDestination, runLogLevel } from '../support/log-run.js';
import { TEST_REDIS_URL } from '../support/redis.js';

export { redisAvailable } from '../support/redis.js';
export const REDIS_URL = TEST_REDIS_URL;
// silent on the console; at trace into the run's logs, which the log scan reads
export const quietLogger = pino({ level: runLogLevel() }, runLogDestination('queue'));

/** Fast, deterministic (longest jitter) policy for tests. */
export const testPolicy = (overrides: Partial<RetryPolicy> = {}): Partial<RetryPolicy> => ({
  baseDelayMs: 20, maxDelayMs: 100, maxAgeMs: 60_000, authMinDelayMs: 50, authMaxDelayMs: 100, random: () => 0.999, ...overrides,
});

export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000, label = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${label}`);
    await sleep(20);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export const uniquePrefix = () => `lapor-test-${randomBytes(4).toString('hex')}`;

/** Deletes every Redis key under a BullMQ prefix. */
export async function dropPrefix(prefix: string): Promise<void> {
  const client = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}
