// Stores what the bot says to a chat and, for channels that push (Telegram, WhatsApp),
// queues one delivery job per batch, keyed by the chat: a chat's batches run one after the
// other in the order they were stored (the queue's order key), across turns and retries.
import { createHash } from 'node:crypto';
import type { Prisma as PrismaNS } from '@prisma/client';
import { newMessageId } from '../core/ids.js';
import type { OutboundMessage, Reply } from '../core/messages.js';
import type { ChannelType } from '../core/taxonomy.js';
import type { Enqueue } from './ports.js';
import { insertMessages, type MessageRow } from './turn-sql.js';

type Tx = PrismaNS.TransactionClient;

/** Web chat and console read their messages from the database: nothing to push. */
export const PULL_CHANNELS: readonly ChannelType[] = ['webchat', 'console'];

export interface ChatAddress {
  integrationId: string;
  channel: ChannelType;
  chatId: string;
}

/**
 * The queue's order key of a chat's deliveries (`chat:`) or of its stored inbound webhooks
 * (`in:`, a lane of its own: a delivery waiting for a retry must not hold up what the citizen
 * says next). A hash, so the outbox (and Redis) never hold a chat id.
 */
export function chatOrderKey(to: Pick<ChatAddress, 'integrationId' | 'chatId'>, lane: 'chat' | 'in' = 'chat'): string {
  return `${lane}:${createHash('sha256').update(`${to.integrationId}\u0000${to.chatId}`).digest('hex').slice(0, 32)}`;
}

/** The rows of a batch of replies to a chat (not written yet) and the messages they are. */
export function replyRows(to: ChatAddress, replies: Reply[], options: { complaintId?: string; now: Date }): { messages: OutboundMessage[]; rows: MessageRow[] } {
  const pull = PULL_CHANNELS.includes(to.channel);
  const messages: OutboundMessage[] = [];
  const rows: MessageRow[] = [];
  for (const [index, reply] of replies.entries()) {
    // distinct, increasing timestamps keep a batch in order for readers sorting by time
    const createdAt = new Date(options.now.getTime() + index);
    const message: OutboundMessage = { id: newMessageId(), createdAt, ...reply };
    messages.push(message);
    rows.push({
      id: message.id, integrationId: to.integrationId, chatId: to.chatId, direction: 'out', platformMessageId: null,
      text: reply.text, body: toBody(reply), complaintId: options.complaintId ?? null, deliveredAt: pull ? createdAt : null, createdAt,
    });
  }
  return { messages, rows };
}

/** Queues the delivery of stored replies (push channels; the web chat and console read them). */
export async function queueDelivery(tx: Tx, enqueue: Enqueue, to: ChatAddress, messages: OutboundMessage[]): Promise<void> {
  if (PULL_CHANNELS.includes(to.channel) || messages.length === 0) return;
  await enqueue(tx, 'deliver_message', { messageIds: messages.map((m) => m.id) }, { orderKey: chatOrderKey(to) });
}

export async function storeReplies(
  tx: Tx,
  enqueue: Enqueue,
  to: ChatAddress,
  replies: Reply[],
  options: { complaintId?: string; now: Date },
): Promise<OutboundMessage[]> {
  const { messages, rows } = replyRows(to, replies, options);
  await insertMessages(tx, rows);
  await queueDelivery(tx, enqueue, to, messages);
  return messages;
}

/**
 * The citizen wrote again: messages held for this chat (ChannelError 'held': WhatsApp's
 * 24-hour window was closed) are queued again, ahead of the replies to what they wrote, which
 * the caller stores after this in the same transaction. Returns how many.
 */
export async function requeueHeld(tx: Tx, enqueue: Enqueue, to: ChatAddress): Promise<number> {
  if (PULL_CHANNELS.includes(to.channel)) return 0;
  const held = await tx.message.findMany({
    where: { integrationId: to.integrationId, chatId: to.chatId, direction: 'out', deliveredAt: null, deliveryError: 'held' },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true },
  });
  if (held.length === 0) return 0;
  const messageIds = held.map((m) => m.id);
  await tx.message.updateMany({ where: { id: { in: messageIds } }, data: { deliveryError: null } });
  await enqueue(tx, 'deliver_message', { messageIds }, { orderKey: chatOrderKey(to) });
  return held.length;
}

function toBody(reply: Reply): PrismaNS.InputJsonObject {
  const body: Record<string, PrismaNS.InputJsonValue> = {};
  if (reply.quickReplies?.length) body.quickReplies = reply.quickReplies.map((q) => ({ ...q }));
  if (reply.expects) body.expects = { ...reply.expects };
  return body;
}

/** A stored message row back as the channel-neutral shape. */
export function toOutboundMessage(row: { id: string; text: string | null; body: unknown; createdAt: Date }): OutboundMessage {
  const body = (row.body ?? {}) as Pick<Reply, 'quickReplies' | 'expects'>;
  return {
    id: row.id,
    text: row.text ?? '',
    createdAt: row.createdAt,
    ...(body.quickReplies ? { quickReplies: body.quickReplies } : {}),
    ...(body.expects ? { expects: body.expects } : {}),
  };
}
