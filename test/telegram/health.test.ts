// health(): connected after start, degraded while polling fails, disconnected after stop or 401.
import { describe, expect, it } from 'vitest';
import { createTelegramAdapter } from '../../bots/telegram/index.js';
import { BUDI, harness } from './helpers.js';

async function waitFor(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('telegram adapter, health', () => {
  it('disconnected before start, connected after, disconnected after stop', async () => {
    const h = await harness();
    try {
      expect(h.adapter.health().status).toBe('disconnected');
      await h.adapter.start();
      expect(h.adapter.health()).toEqual({ status: 'connected' });
      await h.adapter.stop();
      expect(h.adapter.health()).toEqual({ status: 'disconnected', detail: 'stopped' });
    } finally {
      await h.close();
    }
  });

  it('degraded after repeated polling errors, connected again once a poll succeeds, and nothing is lost', async () => {
    const h = await harness();
    try {
      await h.adapter.start();
      h.fake.failNext('getUpdates', { error_code: 502, description: 'Bad Gateway' }, 4);
      h.fake.pushText(BUDI, 'masih ada?');
      await waitFor(() => h.adapter.health().status === 'degraded');
      expect(h.adapter.health().detail).toContain('502');
      await waitFor(() => h.adapter.health().status === 'connected');
      const [m] = await h.waitForInbound(1);
      expect(m!.content).toEqual({ kind: 'text', text: 'masih ada?' });
    } finally {
      await h.close();
    }
  });

  it('disconnected when the token is revoked (401) while polling', async () => {
    const h = await harness();
    try {
      await h.adapter.start();
      h.fake.setUnauthorized(true);
      await waitFor(() => h.adapter.health().status === 'disconnected');
      expect(h.adapter.health().detail).toMatch(/unauthorized|401/i);
    } finally {
      await h.close();
    }
  });

  it('start does not throw on a wrong token: it stays disconnected, naming the 401, until stopped', async () => {
    const h = await harness();
    const adapter = createTelegramAdapter({
      integrationId: 'bad', token: '1:wrong', apiRoot: h.fake.apiRoot, mode: 'polling',
      onInbound: async () => ({ duplicate: false }), media: h.media,
    });
    try {
      await adapter.start();
      expect(adapter.health()).toMatchObject({ status: 'disconnected', detail: expect.stringMatching(/401|unauthorized/i) });
      await adapter.stop();
    } finally {
      await h.close();
    }
  });
});
