// WebhookInbox over the InboundWebhook table: a webhook is durable (and queued) before the
// platform gets its 200; a redelivery with the same key stores nothing.
import { randomUUID } from 'node:crypto';
import { Prisma } from '@prisma/client';
import type { WebhookInbox } from '../core/channel.js';
import type { SqlRunner } from '../db/client.js';
import { storableArgs } from '../db/text-guard.js';
import { enqueueSql } from '../queue/index.js';
import { chatOrderKey } from './outbound.js';
import type { QueueWaker } from './ports.js';

export interface WebhookInboxDeps {
  /** straight to the driver, a named statement: the intake path is the hot one (issue 12) */
  sql: SqlRunner;
  integrationId: string;
  queue: QueueWaker;
  now: () => Date;
}

export function webhookInbox(deps: WebhookInboxDeps): WebhookInbox {
  const { sql, integrationId } = deps;
  return {
    async accept(dedupeKey, payload, options = {}) {
      const orderKey = options.chatId === undefined ? null : chatOrderKey({ integrationId, chatId: options.chatId }, 'in');
      // one statement, atomic by itself (no transaction's round trips on the intake path): the
      // row, and its job only when the row is new (ON CONFLICT DO NOTHING: a redelivery)
      const statement = Prisma.sql`
        WITH stored AS (
          INSERT INTO "InboundWebhook" ("id", "integrationId", "dedupeKey", "payload", "receivedAt")
          VALUES (${randomUUID()}, ${integrationId}, ${dedupeKey}, ${JSON.stringify(storableArgs(payload))}::jsonb, ${deps.now().toISOString()}::timestamp(3))
          ON CONFLICT ("integrationId", "dedupeKey") DO NOTHING
          RETURNING "id")
        ${enqueueSql('channel_webhook', Prisma.sql`jsonb_build_object('webhookId', stored."id")`, Prisma.raw('stored'), orderKey)}
        RETURNING "id"`;
      const rows = await sql.query<{ id: string }>(statement.text, statement.values.map(storableArgs));
      if (rows.length) deps.queue.notify();
      return { duplicate: rows.length === 0 };
    },
  };
}
