// Pairing and the connection's lifecycle by DisconnectReason, against a fake WhatsApp.
import { DisconnectReason } from '@whiskeysockets/baileys';
import { afterEach, describe, expect, it } from 'vitest';
import { CREDS_KEY } from '../../bots/whatsapp-web/auth-state.js';
import { readPairing } from '../../bots/whatsapp-web/pairing-state.js';
import { FakeWhatsapp } from '../doubles/baileys-socket.js';
import { harness, paired, until, type Harness } from './support/adapter-harness.js';
import { MemoryStateStore } from './support/memory-state.js';

const running: Harness[] = [];
function make(options: Parameters<typeof harness>[0] = {}): Harness {
  const h = harness(options);
  running.push(h);
  return h;
}
afterEach(async () => {
  for (const h of running.splice(0)) await h.adapter.stop();
});

describe('WhatsApp Web pairing', () => {
  it('offers a QR (terminal and page state), restarts after the 515 that follows pairing, and opens', async () => {
    const h = make();
    await h.adapter.start();
    const qr = await until(() => h.pairing.find((e) => e.type === 'qr'));
    expect(h.adapter.health()).toMatchObject({ status: 'disconnected' });
    expect(h.terminal.join('')).toMatch(/Pindai kode QR/);
    expect(h.terminal.join('')).toMatch(/[▀▄█]/); // the QR drawn with block characters
    expect((await until(() => readPairing(h.state)))).toMatchObject({ status: 'disconnected', qr: qr.type === 'qr' ? qr.qr : '' });

    await h.whatsapp.current!.pairSuccess();
    await until(() => h.adapter.health().status === 'connected');
    expect(h.whatsapp.sockets).toHaveLength(2); // the 515 made a new socket with the saved creds
    expect(h.whatsapp.sockets[1]!.config.auth.creds.me?.id).toMatch(/@s\.whatsapp\.net$/);
    expect(h.statuses.map((s) => s.status)).toEqual(expect.arrayContaining(['disconnected', 'degraded', 'connected']));
    expect(h.statuses.at(-1)).toEqual({ status: 'connected' });
    expect(h.pairing.at(-1)).toEqual({ type: 'open' });
    const stored = await until(async () => (await readPairing(h.state))?.status === 'connected' && readPairing(h.state));
    expect(stored).not.toHaveProperty('qr');
    expect(JSON.parse(h.state.data.get(CREDS_KEY)!).me.id).toMatch(/@s\.whatsapp\.net$/);
  });

  it('pairs by code for a phone number, shows the code and opens after it is typed on the phone', async () => {
    const h = make({ tuning: { pairingPhone: '0812-3456-7890' } });
    await h.adapter.start();
    const event = await until(() => h.pairing.find((e) => e.type === 'code'));
    expect(h.whatsapp.current!.pairingCodeRequests).toEqual(['6281234567890']);
    const code = event.type === 'code' ? event.code : '';
    expect(code).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(h.terminal.join('')).toContain(code);
    expect(h.terminal.join('')).not.toMatch(/Pindai kode QR/);
    expect(await readPairing(h.state)).toMatchObject({ pairingCode: code });
    // more QR events while waiting do not ask for another code
    h.whatsapp.current!.showQr();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(h.whatsapp.current!.pairingCodeRequests).toHaveLength(1);

    await h.whatsapp.enterCode(code);
    await until(() => h.adapter.health().status === 'connected');
  });

  it('resumes the session on the same database after a restart: no QR, no pairing', async () => {
    const whatsapp = new FakeWhatsapp();
    const state = new MemoryStateStore();
    const first = harness({ whatsapp, state });
    await paired(first);
    await first.adapter.stop();

    const second = make({ whatsapp, state });
    await second.adapter.start();
    await until(() => second.adapter.health().status === 'connected');
    expect(second.pairing.filter((e) => e.type === 'qr')).toEqual([]);
    // the keys Baileys stored (pre-keys at login) come back as Buffers from the same database
    const socket = whatsapp.current!;
    const preKeys = await socket.config.auth.keys.get('pre-key', ['1', '2']);
    expect(Buffer.isBuffer(preKeys['1']?.public)).toBe(true);
    expect(Object.keys(preKeys)).toEqual(['1', '2']);
  });

  it('on logout (401) clears the whole session, says disconnected and offers a new QR on a fresh socket', async () => {
    const h = make();
    await paired(h);
    h.state.data.set('sent:OLD', '{}');
    const before = h.whatsapp.sockets.length;
    const oldNoise = Buffer.from(h.whatsapp.current!.creds.noiseKey.public);
    await h.whatsapp.current!.logout();

    await until(() => h.pairing.some((e) => e.type === 'logged-out'));
    expect(h.statuses).toContainEqual({ status: 'disconnected', detail: 'logged out: pair the number again' });
    await until(() => h.whatsapp.sockets.length === before + 1 && h.pairing.filter((e) => e.type === 'qr').length === 2);
    const fresh = h.whatsapp.current!;
    expect(fresh.config.auth.creds.me).toBeUndefined();
    expect(Buffer.from(fresh.config.auth.creds.noiseKey.public).equals(oldNoise)).toBe(false);
    expect(h.state.keysStartingWith('key:')).toEqual([]);
    expect(h.state.data.has('sent:OLD')).toBe(false);
    expect(h.state.data.has(CREDS_KEY)).toBe(false); // new creds are written once Baileys updates them
    expect(h.adapter.health().status).toBe('disconnected');
  });

  it('on connection replaced (440) stops, says degraded and does not reconnect', async () => {
    const h = make();
    await paired(h);
    const before = h.whatsapp.sockets.length;
    h.whatsapp.current!.close(DisconnectReason.connectionReplaced, 'Stream Errored (conflict)');
    await until(() => h.adapter.health().status === 'degraded');
    expect(h.adapter.health().detail).toMatch(/another instance took the number/);
    expect(h.pairing.at(-1)).toEqual({ type: 'replaced' });
    await new Promise((resolve) => setTimeout(resolve, 200)); // well past the test backoff
    expect(h.whatsapp.sockets).toHaveLength(before);
    expect(h.statuses.at(-1)?.status).toBe('degraded');
  });

  it('reconnects after other closes with a growing, jittered backoff, and is connected again', async () => {
    const h = make({ tuning: { backoff: { minDelayMs: 40, maxDelayMs: 400 } } });
    await paired(h);
    const opened: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const count = h.whatsapp.sockets.length;
      const socket = h.whatsapp.current!;
      // a close before the new socket opens again: the backoff grows
      socket.close(DisconnectReason.connectionLost, 'Connection Lost');
      await until(() => h.whatsapp.sockets.length === count + 1, 3000);
      opened.push(Date.now());
      expect(h.adapter.health().status).not.toBe('disconnected');
    }
    await until(() => h.adapter.health().status === 'connected');
    expect(h.statuses.some((s) => s.status === 'degraded' && /reconnecting/.test(s.detail ?? ''))).toBe(true);
  });

  it('waits between attempts (no hot loop) while WhatsApp keeps failing', async () => {
    const whatsapp = new FakeWhatsapp();
    const h = make({ whatsapp, tuning: { backoff: { minDelayMs: 50, maxDelayMs: 100 } } });
    await paired(h);
    const started = Date.now();
    const first = h.whatsapp.sockets.length;
    // every new socket fails at once with 500 (bad session) or 503
    const failing = setInterval(() => {
      const socket = whatsapp.current!;
      if (!socket.ended) socket.close(socket === whatsapp.sockets[first - 1] ? DisconnectReason.badSession : DisconnectReason.unavailableService);
    }, 1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    clearInterval(failing);
    const attempts = whatsapp.sockets.length - first;
    // attempts wait ≥ 25 ms, then ≥ 50 ms: a handful in 400 ms, never hundreds
    expect(attempts).toBeGreaterThan(1);
    expect(attempts).toBeLessThan(12);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    await until(() => h.adapter.health().status === 'connected', 3000);
  });

  it('start() never throws when the socket cannot be made, and retries', async () => {
    const whatsapp = new FakeWhatsapp();
    let calls = 0;
    const h = make({ whatsapp, tuning: { makeSocket: (config) => {
      calls += 1;
      if (calls < 3) throw new Error('no network');
      return whatsapp.makeSocket(config);
    } } });
    await expect(h.adapter.start()).resolves.toBeUndefined();
    expect(h.adapter.health().status).toBe('disconnected');
    await until(() => h.pairing.some((e) => e.type === 'qr'));
    expect(calls).toBe(3);
  });

  it('stop() ends the socket and no reconnect follows', async () => {
    const h = make();
    await paired(h);
    const count = h.whatsapp.sockets.length;
    await h.adapter.stop();
    expect(h.whatsapp.current!.ended).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(h.whatsapp.sockets).toHaveLength(count);
    expect(h.adapter.health()).toEqual({ status: 'disconnected', detail: 'stopped' });
  });
});
