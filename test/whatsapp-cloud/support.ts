// A Cloud API adapter over a real test database, without the rest of the hub: a hand-made
// ChannelContext whose inbox deduplicates through the database (ProcessedKey, unique key) and
// hands items to processWebhook from a queue of its own, the hub's MediaStore, a recording
// DeliveryLog and InboundHandler, and the adapter's routes mounted on a real HTTP server.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { whatsappCloudChannel, type WhatsappCloudAdapter, type WhatsappCloudTuning } from '../../bots/whatsapp-cloud/index.js';
import type { ChannelContext, ChannelHealth, DeliveryStatus } from '../../src/core/channel.js';
import type { InboundMessage, OutboundMessage, Reply } from '../../src/core/messages.js';
import { loadConfig } from '../../src/config.js';
import { isUniqueViolation, type Database } from '../../src/db/client.js';
import { createMediaStore } from '../../src/hub/media-store.js';
import { createLogger } from '../../src/log.js';
import { FakeGraphApi, type FakeGraphApiOptions } from '../doubles/graph-api.js';
import { createTestDatabase } from '../support/db.js';
import { runLogDestination, runLogLevel } from '../support/log-run.js';

export const CITIZEN = '6281234567890';

export interface Harness {
  meta: FakeGraphApi;
  adapter: WhatsappCloudAdapter;
  url: string;
  inbound: InboundMessage[];
  receipts: Array<{ platformMessageId: string; status: DeliveryStatus; error?: string }>;
  statuses: ChannelHealth[];
  /** items the inbox stored (duplicates excluded), in order */
  stored: string[];
  clock: { now: Date };
  /** waits until the inbox's queue has processed everything stored so far */
  drained(): Promise<void>;
  close(): Promise<void>;
}

let shared: { db: Database; users: number } | undefined;

/** One database per test file (PGlite starts in seconds); harnesses share it. */
async function database(): Promise<Database> {
  shared ??= { db: await createTestDatabase(), users: 0 };
  shared.users += 1;
  return shared.db;
}

async function release(): Promise<void> {
  if (!shared) return;
  shared.users -= 1;
  if (shared.users === 0) {
    const { db } = shared;
    shared = undefined;
    await db.close();
  }
}

export async function startHarness(opts: { meta?: FakeGraphApiOptions; env?: Record<string, string>; tuning?: WhatsappCloudTuning; start?: boolean } = {}): Promise<Harness> {
  const meta = await FakeGraphApi.start(opts.meta);
  const db = await database();
  const config = loadConfig({ WHATSAPP_CLOUD_TEMPLATE: 'lapor_update', ...meta.env(), ...opts.env });
  const [spec] = whatsappCloudChannel.fromEnv(config);
  if (!spec) throw new Error('the environment configures no Cloud API number');
  const logger = createLogger(runLogLevel(), runLogDestination('whatsapp-cloud'));
  const inbound: InboundMessage[] = [];
  const receipts: Harness['receipts'] = [];
  const statuses: ChannelHealth[] = [];
  const stored: string[] = [];
  const clock = { now: new Date() };
  let pending = Promise.resolve();
  const seen = new Set<string>();
  let adapter!: WhatsappCloudAdapter;
  // keys of this harness only: harnesses of a file share the database
  const randomRun = randomUUID();

  const context: ChannelContext = {
    integrationId: spec.id,
    logger,
    now: () => clock.now,
    publicUrl: () => 'http://127.0.0.1',
    media: createMediaStore(db.prisma, mkdtempSync(join(tmpdir(), 'lapor-wa-cloud-'))),
    async onInbound(message) {
      // the hub deduplicates by platform message id, as ConversationService does
      const key = `${message.integrationId}:${message.platformMessageId}`;
      if (seen.has(key)) return { duplicate: true };
      seen.add(key);
      inbound.push(message);
      return { duplicate: false };
    },
    state: keyValueState(db, `wa-test:${randomRun}:`),
    inbox: {
      async accept(dedupeKey, payload) {
        try {
          await db.prisma.processedKey.create({ data: { key: `wa-test:${spec.id}:${randomRun}:${dedupeKey}` } });
        } catch (error) {
          if (isUniqueViolation(error)) return { duplicate: true };
          throw error;
        }
        stored.push(dedupeKey);
        // processed later from "the queue", never inside the webhook's request
        const copy: unknown = JSON.parse(JSON.stringify(payload));
        pending = pending.then(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
          .then(() => adapter.processWebhook(copy))
          .catch((error: unknown) => logger.error({ err: (error as Error).message }, 'test queue: processWebhook failed'));
        return { duplicate: false };
      },
    },
    deliveries: {
      async record(platformMessageId, status, error) {
        receipts.push({ platformMessageId, status, ...(error !== undefined ? { error } : {}) });
      },
    },
    reportStatus: (health) => void statuses.push(health),
    history: async () => [], // a push channel never reads it
  };
  adapter = await whatsappCloudChannel.create({ ...spec, agencyId: 'default' }, context, { probeRetryMs: 200, ...opts.tuning }) as WhatsappCloudAdapter;
  const app = express();
  for (const route of adapter.routes()) app.use(route.path, route.handler);
  app.use((_req, res) => void res.status(404).json({ error: 'no route' }));
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  meta.webhookUrl = `${url}/webhooks/whatsapp`;
  if (opts.start !== false) await adapter.start();
  return {
    meta, adapter, url, inbound, receipts, statuses, stored, clock,
    async drained() {
      let before;
      do {
        before = pending;
        await before;
      } while (before !== pending);
    },
    async close() {
      await adapter.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await meta.stop();
      await release();
    },
  };
}

/** A ChannelStateStore over the KeyValue table, keys under a prefix of this harness. */
function keyValueState(db: Database, prefix: string): ChannelContext['state'] {
  const kv = db.prisma.keyValue;
  return {
    get: async (key) => (await kv.findUnique({ where: { key: prefix + key } }))?.value,
    getMany: async (keys) => new Map((await kv.findMany({ where: { key: { in: keys.map((k) => prefix + k) } } })).map((r) => [r.key.slice(prefix.length), r.value])),
    setMany: async (entries) => {
      await db.prisma.$transaction(async (tx) => {
        for (const [key, value] of Object.entries(entries)) {
          if (value === null) await tx.keyValue.deleteMany({ where: { key: prefix + key } });
          else await tx.keyValue.upsert({ where: { key: prefix + key }, create: { key: prefix + key, value }, update: { value } });
        }
      });
    },
    deletePrefix: async (start) => void (await kv.deleteMany({ where: { key: { startsWith: prefix + start } } })),
  };
}

let nextId = 1;
export function outbound(reply: Reply): OutboundMessage {
  return { ...reply, id: `out-${nextId++}`, createdAt: new Date() };
}

/** The SendContext of a chat whose citizen wrote `minutesAgo` before the harness clock. */
export function wroteAgo(harness: Pick<Harness, 'clock'>, minutes: number) {
  return { lastInboundAt: new Date(harness.clock.now.getTime() - minutes * 60_000) };
}
