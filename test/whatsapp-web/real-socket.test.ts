// Baileys' own makeWASocket, pointed at a port where nothing listens: the adapter's config is
// one Baileys accepts, its events are the ones the adapter follows, and an unreachable
// WhatsApp means "not connected, trying again", never a throw or a hot loop.
import makeWASocket from '@whiskeysockets/baileys';
import { expect, it } from 'vitest';
import { harness, until } from './support/adapter-harness.js';

it('a real Baileys socket that cannot reach WhatsApp: start() resolves, the adapter retries with backoff', async () => {
  let made = 0;
  const h = harness({ tuning: {
    makeSocket: (config) => {
      made += 1;
      return makeWASocket({ ...config, waWebSocketUrl: 'ws://127.0.0.1:9/ws', connectTimeoutMs: 500 });
    },
    backoff: { minDelayMs: 100, maxDelayMs: 200 },
  } });
  const started = Date.now();
  await expect(h.adapter.start()).resolves.toBeUndefined();
  await until(() => made >= 3, 8000);
  expect(Date.now() - started).toBeGreaterThanOrEqual(100); // two waits of ≥ 50 ms
  expect(h.adapter.health().status).toBe('disconnected');
  expect(h.pairing.filter((e) => e.type === 'qr')).toEqual([]);
  await h.adapter.stop();
  const after = made;
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(made).toBe(after);
}, 20_000);
