import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../src/connectors/connector.js';
import { ChannelError } from '../../src/core/channel.js';
import { JobDeferred, JobError } from '../../src/queue/errors.js';
import { DEFAULT_RETRY_POLICY, classifyError, decide, type RetryPolicy } from '../../src/queue/retry-policy.js';

const now = new Date('2026-11-28T10:00:00Z');
const policy = (random: number, overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({ ...DEFAULT_RETRY_POLICY, random: () => random, ...overrides });
const failed = (error: unknown, attempt = 1, firstAttemptAt = now) => ({ attempt, firstAttemptAt, now, error, failed: true });
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('retry policy', () => {
  it('is done when the handler returned', () => {
    expect(decide(policy(0.5), { attempt: 3, firstAttemptAt: now, now, failed: false })).toEqual({ action: 'done' });
  });

  it.each([
    new ConnectorError('rejected', 'invalid', { status: 400 }),
    new ConnectorError('conflict', 'key reused', { status: 409 }),
    new ConnectorError('not_found', 'gone', { status: 404 }),
    new ChannelError('permanent', 'bad request'),
    new ChannelError('blocked', 'blocked by user'),
    new JobError('permanent', 'handled elsewhere'),
  ])('dead-letters a permanent failure at once: %s', (error) => {
    expect(decide(policy(0.5), failed(error))).toMatchObject({ action: 'dead', error: expect.stringMatching(/^permanent: /) });
  });

  it('backs off exponentially with full jitter, capped', () => {
    const delay = (attempt: number, random: number) => {
      const d = decide(policy(random), failed(new Error('x'), attempt));
      return d.action === 'retry' ? d.delayMs : NaN;
    };
    expect(delay(1, 0.5)).toBe(500); // half of 1 s: a blip costs seconds
    expect(delay(3, 0.5)).toBe(2000); // half of 4 s
    expect(delay(5, 0.999)).toBeLessThanOrEqual(16_000);
    expect(delay(20, 0.5)).toBe(1 * MIN); // half of the 2 min cap
    expect(delay(2, 0)).toBe(0);
  });

  it('comes back exactly when Retry-After says, from a connector, a channel or a job', () => {
    const fromConnector = decide(policy(0), failed(new ConnectorError('retry', '429', { status: 429, retryAfterMs: 30_000 })));
    expect(fromConnector).toEqual({ action: 'retry', delayMs: 30_000, at: new Date(now.getTime() + 30_000), error: 'ConnectorError: 429', notBeforeMs: 30_000 });
    expect(decide(policy(0.999), failed(new ChannelError('retry', 'flood', 12_000)))).toMatchObject({ delayMs: 12_000 });
    // neither added to nor maxed with the backoff the fifth attempt would have had (up to 16 s)
    expect(decide(policy(0.999), failed(new JobError('retry', 'later', 1000), 5))).toMatchObject({ delayMs: 1000, notBeforeMs: 1000 });
    expect(decide(policy(0.999), failed(new JobError('retry', 'now', 0), 5))).toMatchObject({ delayMs: 0 });
  });

  it('caps a Retry-After at the policy\'s maximum (15 min)', () => {
    const d = decide(policy(0.5), failed(new ConnectorError('retry', '503', { status: 503, retryAfterMs: 6 * HOUR })));
    expect(d).toMatchObject({ action: 'retry', delayMs: 15 * MIN, notBeforeMs: 15 * MIN });
  });

  it('retries auth failures slowly (an operator must fix the configuration)', () => {
    for (const random of [0, 0.5, 0.999]) {
      const d = decide(policy(random), failed(new ConnectorError('auth', 'HTTP 401', { status: 401 }), 1));
      expect(d.action).toBe('retry');
      if (d.action === 'retry') {
        expect(d.delayMs).toBeGreaterThanOrEqual(5 * MIN);
        expect(d.delayMs).toBeLessThanOrEqual(15 * MIN);
      }
    }
  });

  it('treats unknown errors and thrown non-errors as retryable', () => {
    expect(classifyError(new TypeError('fetch failed'))).toEqual({ kind: 'retry', message: 'TypeError: fetch failed' });
    expect(classifyError('boom')).toEqual({ kind: 'retry', message: 'boom' });
    expect(decide(policy(0.5), failed(undefined))).toMatchObject({ action: 'retry' });
  });

  it('dead-letters when the next run would fall outside the window since the first attempt', () => {
    const first = new Date(now.getTime() - 24 * HOUR + 10_000);
    expect(decide(policy(0), failed(new Error('down'), 40, first))).toMatchObject({ action: 'retry', delayMs: 0 });
    expect(decide(policy(0.5), failed(new Error('down'), 40, first)))
      .toEqual({ action: 'dead', error: 'gave up after 40 attempts: Error: down' });
    // auth has its own, longer window
    expect(decide(policy(0.5), failed(new ConnectorError('auth', '403'), 40, first))).toMatchObject({ action: 'retry' });
    const old = new Date(now.getTime() - 3 * 24 * HOUR);
    expect(decide(policy(0.5), failed(new ConnectorError('auth', '403'), 300, old))).toMatchObject({ action: 'dead' });
  });

  it('brings a deferred job back after its delay, never dead, however long past the window', () => {
    const longAgo = new Date(now.getTime() - 30 * 24 * HOUR);
    expect(decide(policy(0.5), failed(new JobDeferred('channel runs in another process', 1_000), 5_000, longAgo))).toEqual({
      action: 'retry', delayMs: 1_000, at: new Date(now.getTime() + 1_000), error: 'JobDeferred: channel runs in another process', deferred: true,
    });
  });
});
