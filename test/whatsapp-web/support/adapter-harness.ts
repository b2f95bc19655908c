// An adapter on a fake WhatsApp with a context that records what the hub would be told.
import { Writable } from 'node:stream';
import type { ChannelAdapter, ChannelContext, ChannelHealth, MediaStore } from '../../../src/core/channel.js';
import type { InboundMessage } from '../../../src/core/messages.js';
import { createLogger } from '../../../src/log.js';
import { runLogDestination, runLogLevel } from '../../support/log-run.js';
import { createWhatsappWebAdapter, type PairingEvent, type WhatsappWebTuning } from '../../../bots/whatsapp-web/index.js';
import { FakeWhatsapp } from '../../doubles/baileys-socket.js';
import { MemoryStateStore } from './memory-state.js';

export interface Harness {
  adapter: ChannelAdapter;
  whatsapp: FakeWhatsapp;
  state: MemoryStateStore;
  inbound: InboundMessage[];
  statuses: ChannelHealth[];
  pairing: PairingEvent[];
  terminal: string[];
  /** make onInbound fail this many times (the database away) */
  failInbound: { count: number };
}

const noMedia: MediaStore = {
  save: async () => { throw new Error('no media store in this test'); },
  read: async () => null,
};

export function harness(options: {
  state?: MemoryStateStore; whatsapp?: FakeWhatsapp; tuning?: WhatsappWebTuning; media?: MediaStore; settings?: Record<string, unknown>;
} = {}): Harness {
  const state = options.state ?? new MemoryStateStore();
  const whatsapp = options.whatsapp ?? new FakeWhatsapp();
  const inbound: InboundMessage[] = [];
  const statuses: ChannelHealth[] = [];
  const pairing: PairingEvent[] = [];
  const terminal: string[] = [];
  const failInbound = { count: 0 };
  const context: ChannelContext = {
    integrationId: 'whatsapp-web',
    onInbound: async (message) => {
      if (failInbound.count > 0) {
        failInbound.count -= 1;
        throw new Error('database unavailable');
      }
      inbound.push(message);
      return { duplicate: false };
    },
    media: options.media ?? noMedia,
    logger: createLogger(runLogLevel(), runLogDestination('whatsapp-web')),
    now: () => new Date(),
    publicUrl: () => 'http://127.0.0.1:0',
    state,
    inbox: { accept: async () => ({ duplicate: false }) },
    deliveries: { record: async () => {} },
    reportStatus: (health) => void statuses.push(health),
    history: async () => [],
  };
  const adapter = createWhatsappWebAdapter({ id: 'whatsapp-web', agencyId: 'default', name: 'WhatsApp', settings: options.settings ?? {} }, context, {
    makeSocket: whatsapp.makeSocket,
    downloadMedia: whatsapp.download,
    pacing: { gapMs: 0, jitterMs: 0 },
    backoff: { minDelayMs: 20, maxDelayMs: 80 },
    inboundRetry: { minDelayMs: 10, maxDelayMs: 20 },
    terminal: new Writable({ write(chunk, _enc, done) { terminal.push(String(chunk)); done(); } }),
    onPairing: (event) => void pairing.push(event),
    ...options.tuning,
  });
  return { adapter, whatsapp, state, inbound, statuses, pairing, terminal, failInbound };
}

/** Starts the harness's adapter, pairs it by QR and waits until it is open. */
export async function paired(h: Harness): Promise<Harness> {
  await h.adapter.start();
  await until(() => h.pairing.some((e) => e.type === 'qr'));
  await h.whatsapp.current!.pairSuccess();
  await until(() => h.adapter.health().status === 'connected');
  return h;
}

/** Polls until `check` is truthy (2 s). */
export async function until<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
