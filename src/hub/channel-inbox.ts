// WebhookInbox over the InboundWebhook table: a webhook is durable (and queued) before the
// platform gets its 200; a redelivery with the same key stores nothing.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '@prisma/client';
import type { WebhookInbox } from '../core/channel.js';
import { enqueue } from '../queue/index.js';
import { chatOrderKey } from './outbound.js';
import type { QueueWaker } from './ports.js';

export interface WebhookInboxDeps {
  prisma: PrismaClient;
  integrationId: string;
  queue: QueueWaker;
  now: () => Date;
}

export function webhookInbox(deps: WebhookInboxDeps): WebhookInbox {
  const { prisma, integrationId } = deps;
  return {
    async accept(dedupeKey, payload, options = {}) {
      const id = randomUUID();
      const stored = await prisma.$transaction(async (tx) => {
        // ON CONFLICT DO NOTHING: a duplicate leaves the transaction usable and queues nothing
        const { count } = await tx.inboundWebhook.createMany({
          data: [{ id, integrationId, dedupeKey, payload: payload as Prisma.InputJsonValue, receivedAt: deps.now() }],
          skipDuplicates: true,
        });
        if (count === 0) return false;
        const orderKey = options.chatId === undefined ? undefined : chatOrderKey({ integrationId, chatId: options.chatId }, 'in');
        await enqueue(tx, 'channel_webhook', { webhookId: id }, orderKey ? { orderKey } : {});
        return true;
      });
      if (stored) deps.queue.notify();
      return { duplicate: !stored };
    },
  };
}
