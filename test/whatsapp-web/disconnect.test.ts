// DisconnectReason → what the adapter does, and the reconnect backoff's shape.
import { Boom } from '@hapi/boom';
import { DisconnectReason } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { afterClose, backoffDelay } from '../../bots/whatsapp-web/disconnect.js';

const closed = (statusCode: number) => new Boom('closed', { statusCode });

describe('after a close', () => {
  it('515 restarts, 401 pairs again, 440 gives up, anything else reconnects', () => {
    expect(afterClose(closed(DisconnectReason.restartRequired))).toEqual({ action: 'restart' });
    expect(afterClose(closed(DisconnectReason.loggedOut))).toEqual({ action: 'pair-again' });
    expect(afterClose(closed(DisconnectReason.connectionReplaced))).toEqual({ action: 'give-up' });
    for (const code of [408, 411, 428, 500, 503]) expect(afterClose(closed(code))).toEqual({ action: 'reconnect', code });
    expect(afterClose(new Error('socket hang up'))).toEqual({ action: 'reconnect', code: undefined });
    expect(afterClose(undefined)).toEqual({ action: 'reconnect', code: undefined });
  });
});

describe('reconnect backoff', () => {
  const options = { minDelayMs: 1000, maxDelayMs: 60_000 };
  it('doubles up to the cap, with jitter in the upper half', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, options, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(20, options, () => 1)).toBe(60_000);
    expect(backoffDelay(3, options, () => 0)).toBe(2000);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(5, options)));
    expect(spread.size).toBeGreaterThan(10);
    for (const d of spread) expect(d).toBeGreaterThanOrEqual(8000);
  });
});
