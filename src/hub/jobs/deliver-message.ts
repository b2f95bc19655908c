// deliver_message: pushes a batch of stored replies to a chat, in order. Messages already
// delivered are skipped, so a retried batch never repeats what the citizen has seen.
import type { PrismaClient } from '@prisma/client';
import { ChannelError, type ChannelAdapter } from '../../core/channel.js';
import type { Logger } from '../../log.js';
import { toOutboundMessage } from '../outbound.js';

export interface DeliverDeps {
  prisma: PrismaClient;
  /** the running adapter of an integration, if it is configured in this process */
  adapter(integrationId: string): ChannelAdapter | undefined;
  logger: Logger;
  now?: () => Date;
}

export function deliverMessageHandler(deps: DeliverDeps) {
  const now = deps.now ?? (() => new Date());
  return async (payload: { messageIds: string[] }): Promise<void> => {
    const rows = await deps.prisma.message.findMany({
      where: { id: { in: payload.messageIds }, direction: 'out' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    for (const row of rows) {
      if (row.deliveredAt || row.deliveryError) continue;
      const citizen = await deps.prisma.citizen.findFirst({
        where: { integrationId: row.integrationId, externalId: row.chatId },
        select: { id: true, blockedAt: true },
      });
      if (citizen?.blockedAt) {
        await deps.prisma.message.update({ where: { id: row.id }, data: { deliveryError: 'blocked' } });
        continue;
      }
      const adapter = deps.adapter(row.integrationId);
      if (!adapter) throw new ChannelError('retry', `channel ${row.integrationId} is not running in this process`);
      try {
        await adapter.send(row.chatId, toOutboundMessage(row));
      } catch (error) {
        if (!(error instanceof ChannelError) || error.kind === 'retry') throw error;
        await deps.prisma.message.update({ where: { id: row.id }, data: { deliveryError: error.kind } });
        if (error.kind === 'blocked') {
          // the chat blocked the bot: record it and stop sending there
          await deps.prisma.citizen.updateMany({
            where: { integrationId: row.integrationId, externalId: row.chatId },
            data: { blockedAt: now() },
          });
          deps.logger.warn({ integrationId: row.integrationId }, 'chat blocked the bot; deliveries to it stop');
        }
        continue;
      }
      await deps.prisma.message.update({ where: { id: row.id }, data: { deliveredAt: now() } });
    }
  };
}
