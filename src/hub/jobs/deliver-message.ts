// deliver_message: pushes a batch of stored replies to a chat, in order. Messages already
// delivered (or given up on) are skipped, so a retried batch never repeats what the citizen
// has seen. Consecutive replies go out as one platform message where they fit (joinReplies).
import type { Message, PrismaClient } from '@prisma/client';
import { ChannelError, type ChannelAdapter, type SendResult } from '../../core/channel.js';
import { isUniqueViolation } from '../../db/client.js';
import type { Logger } from '../../log.js';
import type { Metrics } from '../../metrics.js';
import { JobDeferred } from '../../queue/errors.js';
import type { JobPayloads } from '../../queue/kinds.js';
import { joinReplies } from '../join-replies.js';
import { toOutboundMessage } from '../outbound.js';

export interface DeliverDeps {
  prisma: PrismaClient;
  /** the running adapter of an integration, if it is configured in this process */
  adapter(integrationId: string): ChannelAdapter | undefined;
  logger: Logger;
  now?: () => Date;
  /** a batch whose channel runs in another process comes back after this long (default 1000) */
  elsewhereRetryMs?: number;
  /** a batch whose channel is not connected (unpaired, logged out, token refused) comes back after this long (default 15000) */
  notConnectedRetryMs?: number;
  metrics?: Pick<Metrics, 'messagesDelivered' | 'messagesUndeliverable'>;
}

export function deliverMessageHandler(deps: DeliverDeps) {
  const now = deps.now ?? (() => new Date());
  const elsewhereRetryMs = deps.elsewhereRetryMs ?? 1_000;
  const notConnectedRetryMs = deps.notConnectedRetryMs ?? 15_000;
  return async (payload: JobPayloads['deliver_message']): Promise<void> => {
    const rows = await deps.prisma.message.findMany({
      where: { id: { in: payload.messageIds }, direction: 'out', deliveredAt: null, deliveryError: null },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    // a batch is one chat's (storeReplies, requeueHeld); grouping keeps that an assumption checked here
    for (const chat of byChat(rows)) await deliverToChat(chat);
  };

  async function deliverToChat(rows: Message[]): Promise<void> {
    const { integrationId, chatId } = rows[0]!;
    const citizen = await deps.prisma.citizen.findFirst({ where: { integrationId, externalId: chatId }, select: { blockedAt: true } });
    if (citizen?.blockedAt) return markFailed(rows, 'blocked');
    const adapter = deps.adapter(integrationId);
    // removed through the admin API: nothing will ever deliver it
    if (!adapter && (await integrationRemoved(deps.prisma, integrationId))) return markFailed(rows, 'removed');
    // a run-once channel held by another process: that one delivers; not a failure of this batch
    if (!adapter) throw new JobDeferred(`channel ${integrationId} is not running in this process`, elsewhereRetryMs);
    const context = { lastInboundAt: await lastInboundAt(deps.prisma, integrationId, chatId) };
    const items = (list: Message[]) => list.map((row) => ({ row, message: toOutboundMessage(row) }));
    const groups = joinReplies(items(rows), adapter.maxTextLength);
    for (let index = 0; index < groups.length; index++) {
      const group = groups[index]!;
      let result: SendResult | void;
      try {
        result = await adapter.send(chatId, group.message, context);
      } catch (error) {
        if (error instanceof ChannelError && error.kind === 'retry' && adapter.health().status !== 'connected') {
          // the channel is down (a number waiting to be paired again, a refused token): the batch
          // waits for it however long that takes, never dead-lettered, its order kept
          throw new JobDeferred(`channel ${integrationId} is not connected`, Math.max(error.retryAfterMs ?? 0, notConnectedRetryMs));
        }
        if (!(error instanceof ChannelError) || error.kind === 'retry') throw error;
        if (error.kind === 'blocked') {
          // the chat blocked the bot: record it and stop sending there
          await markFailed(groups.slice(index).flatMap((g) => g.rows), 'blocked');
          await deps.prisma.citizen.updateMany({ where: { integrationId, externalId: chatId }, data: { blockedAt: now() } });
          deps.logger.warn({ integrationId }, 'chat blocked the bot; deliveries to it stop');
          return;
        }
        if (error.kind === 'held') {
          if (!(await markHeld(group.rows, context.lastInboundAt))) {
            // the citizen wrote while this ran: send it again now, in the window their message
            // opened (the rows sent so far are marked delivered and skipped); no failure
            throw new JobDeferred('held, but the citizen wrote meanwhile', 0);
          }
          deps.logger.info({ integrationId, messageId: group.message.id }, 'message held until the citizen writes again');
          continue;
        }
        // a joined message the platform refuses: its parts, one by one, may still go
        if (group.rows.length > 1) {
          groups.splice(index + 1, 0, ...joinReplies(items(group.rows), undefined));
          continue;
        }
        // this message can never be delivered
        await markFailed(group.rows, error.kind);
        continue;
      }
      await markDelivered(group.rows, result?.platformMessageId);
    }
  }

  async function markFailed(rows: Message[], reason: 'blocked' | 'permanent' | 'removed'): Promise<void> {
    await deps.prisma.message.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { deliveryError: reason } });
    deps.metrics?.messagesUndeliverable.inc({ channel: deps.adapter(rows[0]!.integrationId)?.type ?? 'unknown', reason }, rows.length);
  }

  /**
   * Marks rows held unless the citizen has written since `seen` (false then). Under the lock of
   * the chat's conversation row, which an inbound turn holds from its state write to its commit
   * (requeueHeld runs in between): either that turn sees these rows held and queues them again,
   * or this sees its message and does not hold them. Nothing stays held past a citizen's message.
   */
  async function markHeld(rows: Message[], seen: Date | null): Promise<boolean> {
    const { integrationId, chatId } = rows[0]!;
    return deps.prisma.$transaction(async (tx) => {
      await tx.$queryRawUnsafe('SELECT id FROM "Conversation" WHERE "integrationId" = $1 AND "chatId" = $2 FOR UPDATE', integrationId, chatId);
      if ((await lastInboundAt(tx, integrationId, chatId))?.getTime() !== seen?.getTime()) return false;
      await tx.message.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { deliveryError: 'held' } });
      return true;
    });
  }

  /** every joined row is delivered; the platform's id goes on the last, whose id the message carried */
  async function markDelivered(rows: Message[], platformMessageId: string | undefined): Promise<void> {
    const at = now();
    const last = rows.at(-1)!;
    await deps.prisma.message.updateMany({ where: { id: { in: rows.slice(0, -1).map((r) => r.id) } }, data: { deliveredAt: at } });
    try {
      await deps.prisma.message.update({ where: { id: last.id }, data: { deliveredAt: at, platformMessageId: platformMessageId ?? null } });
    } catch (error) {
      // a platform reusing an id (never seen, but a receipt must not undo a delivery): keep the delivery
      if (!platformMessageId || !isUniqueViolation(error)) throw error;
      await deps.prisma.message.update({ where: { id: last.id }, data: { deliveredAt: at } });
      deps.logger.warn({ integrationId: last.integrationId, messageId: last.id }, 'platform message id already recorded on another message');
    }
    // one platform message, however many stored replies it joined
    deps.metrics?.messagesDelivered.inc({ channel: deps.adapter(last.integrationId)?.type ?? 'unknown', integration: last.integrationId });
  }
}

/** When the citizen last wrote in the chat (SendContext.lastInboundAt). */
function lastInboundAt(db: Pick<PrismaClient, 'message'>, integrationId: string, chatId: string): Promise<Date | null> {
  return db.message.findFirst({
    where: { integrationId, chatId, direction: 'in' },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  }).then((m) => m?.createdAt ?? null);
}

function byChat(rows: Message[]): Message[][] {
  const chats = new Map<string, Message[]>();
  for (const row of rows) {
    const key = `${row.integrationId}\u0000${row.chatId}`;
    chats.set(key, [...(chats.get(key) ?? []), row]);
  }
  return [...chats.values()];
}

async function integrationRemoved(prisma: PrismaClient, integrationId: string): Promise<boolean> {
  const row = await prisma.integration.findUnique({ where: { id: integrationId }, select: { removedAt: true } });
  return !row || row.removedAt !== null;
}
