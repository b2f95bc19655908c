// Shared set-up for the Telegram adapter tests: the fake Bot API, a tmp-dir MediaStore,
// a recording InboundHandler that plays the hub (dedupe + reply through adapter.send), and
// for webhook mode an inbox that plays the hub's inbox and queue (below).
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTelegramAdapter, type TelegramAdapter, type TelegramAdapterOptions } from '../../bots/telegram/index.js';
import type { MediaStore, WebhookInbox } from '../../src/core/channel.js';
import type { Attachment, InboundMessage, OutboundMessage, Reply } from '../../src/core/messages.js';
import { createLogger } from '../../src/log.js';
import { FakeTelegramBotApi } from '../doubles/telegram-bot-api.js';
import { runLogDestination, runLogLevel } from '../support/log-run.js';

export const BUDI = { id: 5001, first_name: 'Budi', last_name: 'Santoso', language_code: 'id' };

export async function tmpMediaStore(): Promise<MediaStore & { dir: string; saved: Attachment[]; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'lapor-tg-media-'));
  const saved: Attachment[] = [];
  const meta = new Map<string, { filename: string; mimeType: string }>();
  return {
    dir,
    saved,
    async save(data, m) {
      const mediaId = randomUUID();
      await writeFile(join(dir, mediaId), data);
      meta.set(mediaId, m);
      const attachment = { mediaId, filename: m.filename, mimeType: m.mimeType, size: data.length };
      saved.push(attachment);
      return attachment;
    },
    async read(mediaId) {
      const m = meta.get(mediaId);
      if (!m) return null;
      return { data: await readFile(join(dir, mediaId)), ...m };
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

export function outbound(reply: Reply): OutboundMessage {
  return { id: `m_${randomUUID()}`, createdAt: new Date(), ...reply };
}

export interface Harness {
  fake: FakeTelegramBotApi;
  adapter: TelegramAdapter;
  media: Awaited<ReturnType<typeof tmpMediaStore>>;
  /** every InboundMessage the adapter handed over, duplicates included */
  received: InboundMessage[];
  /** what the "hub" answers to a non-duplicate message (default: an echo of its kind) */
  replyWith: (m: InboundMessage) => Reply | null;
  waitForInbound(n?: number, timeoutMs?: number): Promise<InboundMessage[]>;
  /** webhook mode: the update ids the inbox stored (redeliveries excluded), in order */
  stored: string[];
  /** webhook mode: the inbox's next store fails (the database is down) */
  failNextStore: boolean;
  close(): Promise<void>;
}

/**
 * The hub's inbox and queue in memory: an update_id is stored once; each stored update is
 * processed after the request that stored it, one at a time, and run again 20 ms after a
 * failure, up to 50 times (the queue's retry; the real queue is tested in test/queue).
 */
function memoryInbox(h: Harness, process: (payload: unknown) => Promise<void>): WebhookInbox {
  const keys = new Set<string>();
  let chain = Promise.resolve();
  const attempt = async (payload: unknown, left: number): Promise<void> => {
    try {
      await process(payload);
    } catch (error) {
      if (left <= 1) throw error;
      await new Promise((r) => setTimeout(r, 20));
      return attempt(payload, left - 1);
    }
  };
  return {
    async accept(dedupeKey, payload) {
      if (h.failNextStore) {
        h.failNextStore = false;
        throw new Error('database down');
      }
      if (keys.has(dedupeKey)) return { duplicate: true };
      keys.add(dedupeKey);
      h.stored.push(dedupeKey);
      const copy: unknown = JSON.parse(JSON.stringify(payload)); // stored as JSON, read back
      chain = chain.then(() => new Promise((r) => setTimeout(r, 0))).then(() => attempt(copy, 50)).catch(() => {});
      return { duplicate: false };
    },
  };
}

/** throttling off in tests (except where a test wants it): one message per second per chat is slow */
export const NO_THROTTLE = { out: { maxConcurrent: 1, minTime: 0 }, group: { maxConcurrent: 1, minTime: 0 }, global: {} };

export async function harness(opts: Partial<TelegramAdapterOptions> = {}): Promise<Harness> {
  const fake = await FakeTelegramBotApi.start();
  const media = await tmpMediaStore();
  const received: InboundMessage[] = [];
  const seen = new Set<string>();
  let adapter!: TelegramAdapter;
  const h: Harness = {
    fake,
    media,
    received,
    stored: [],
    failNextStore: false,
    replyWith: (m) => ({ text: `got ${m.content.kind}` }),
    get adapter() {
      return adapter;
    },
    async waitForInbound(n = 1, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${n} inbound message(s), got ${received.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return received;
    },
    async close() {
      await adapter.stop();
      await fake.stop();
      await media.dispose();
    },
  };
  adapter = createTelegramAdapter({
    integrationId: 'tg-test',
    token: fake.token,
    apiRoot: fake.apiRoot,
    mode: 'polling',
    pollTimeoutSeconds: 1,
    throttle: NO_THROTTLE,
    media,
    inbox: memoryInbox(h, (payload) => adapter.processWebhook(payload)),
    logger: createLogger(runLogLevel(), runLogDestination('telegram')), // read by the log scan
    // plays the hub: dedupe by platformMessageId, answer through the adapter
    onInbound: async (m) => {
      received.push(m);
      const duplicate = m.platformMessageId !== undefined && seen.has(m.platformMessageId);
      const reply = duplicate ? null : h.replyWith(m); // may throw: then nothing is recorded as seen
      if (m.platformMessageId) seen.add(m.platformMessageId);
      if (reply) await adapter.send(m.chatId, outbound(reply));
      return { duplicate };
    },
    ...opts,
  });
  return h;
}
