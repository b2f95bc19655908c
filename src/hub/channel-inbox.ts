// WebhookInbox over the InboundWebhook table: a webhook is durable (and queued) before the
// platform gets its 200; a redelivery with the same key stores nothing.
import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { WebhookInbox } from '../core/channel.js';
import { storableArgs } from '../db/text-guard.js';
import type { JobKind } from '../queue/index.js';
import { chatOrderKey } from './outbound.js';
import type { QueueWaker } from './ports.js';

export interface WebhookInboxDeps {
  prisma: PrismaClient;
  integrationId: string;
  queue: QueueWaker;
  now: () => Date;
}

const JOB_KIND: JobKind = 'channel_webhook';
const NOW = Prisma.raw(`(now() AT TIME ZONE 'UTC')`);

export function webhookInbox(deps: WebhookInboxDeps): WebhookInbox {
  const { prisma, integrationId } = deps;
  return {
    async accept(dedupeKey, payload, options = {}) {
      const orderKey = options.chatId === undefined ? null : chatOrderKey({ integrationId, chatId: options.chatId }, 'in');
      // one statement, atomic by itself (no transaction's round trips on the intake path): the
      // row, and its job only when the row is new (ON CONFLICT DO NOTHING: a redelivery)
      const rows = await prisma.$queryRaw<{ id: string }[]>`
        WITH stored AS (
          INSERT INTO "InboundWebhook" ("id", "integrationId", "dedupeKey", "payload", "receivedAt")
          VALUES (${randomUUID()}, ${integrationId}, ${dedupeKey}, ${JSON.stringify(storableArgs(payload))}::jsonb, ${deps.now().toISOString()}::timestamp(3))
          ON CONFLICT ("integrationId", "dedupeKey") DO NOTHING
          RETURNING "id")
        INSERT INTO "OutboxJob" ("id", "kind", "payload", "status", "attempts", "runAt", "createdAt", "updatedAt", "orderKey")
        SELECT ${randomUUID()}, ${JOB_KIND}, jsonb_build_object('webhookId', stored."id"), 'pending', 0, ${NOW}, ${NOW}, ${NOW}, ${orderKey}
        FROM stored
        RETURNING "id"`;
      if (rows.length) deps.queue.notify();
      return { duplicate: rows.length === 0 };
    },
  };
}
