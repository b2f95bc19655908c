// What pull channels (the web chat, the console) read back: every message the hub sent to a chat.
import type { PrismaClient } from '@prisma/client';
import type { OutboundMessage } from '../core/messages.js';
import { toOutboundMessage } from './outbound.js';

export async function chatHistory(
  prisma: PrismaClient,
  integrationId: string,
  chatId: string,
  afterId?: string,
): Promise<OutboundMessage[] | null> {
  let after: { createdAt: Date; id: string } | null = null;
  if (afterId) {
    after = await prisma.message.findFirst({
      where: { id: afterId, integrationId, chatId, direction: 'out' },
      select: { createdAt: true, id: true },
    });
    if (!after) return null;
  }
  const rows = await prisma.message.findMany({
    where: {
      integrationId,
      chatId,
      direction: 'out',
      ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: 500,
  });
  return rows.map(toOutboundMessage);
}
