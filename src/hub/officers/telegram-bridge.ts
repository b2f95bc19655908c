// The officers' Telegram chat (TELEGRAM_OFFICER_CHAT_ID): each new report is announced there
// (its own forum topic when the group is a forum), the citizen's later messages follow in the
// same thread, and officers answer by replying to any of the bot's posts or with commands
// (telegram-bridge-commands.ts). Posts go through the outbox (officer_post), written in the
// transaction of the change they tell of, one job after the other per officers' chat.
import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '@prisma/client';
import type { OfficerChatApi } from './officer-chat-port.js';
import { isUniqueViolation } from '../../db/client.js';
import type { Logger } from '../../log.js';
import { JobDeferred } from '../../queue/errors.js';
import type { JobPayloads } from '../../queue/kinds.js';
import type { Enqueue } from '../ports.js';
import {
  announcement, citizenWrote, failedLine, officerAnswered, filedLine, laporHasReply, laporRefusedReply, topicName, waitingManualLine,
} from './telegram-bridge-texts.js';
import { escalationReminder } from '../sla/sla-texts.js';

type Tx = Prisma.TransactionClient;

/** A Telegram bot with an officers' chat, as the channel registry has it. */
export interface OfficerBot {
  integrationId: string;
  officerChatId?: string;
  officerChat: OfficerChatApi;
}

export interface OfficerBots {
  /** every Telegram bot built in this process (running here or not) that has an officers' chat */
  all(): OfficerBot[];
  /** the bot of an integration if it runs in this process */
  running(integrationId: string): OfficerBot | undefined;
}

/**
 * The hook the hub calls inside the transaction of a complaint event officers should hear of
 * (filed, waiting_manual, failed, citizen_reply, escalated): enqueues the post when the complaint's agency
 * has an officers' chat. Optional everywhere: without a bridge nothing is written.
 */
export type OfficerFeed = (tx: Tx, complaintId: string, eventId: string) => Promise<void>;

/** The outbox order key of an officers' chat (a hash: the outbox never holds a chat id). */
export function officerOrderKey(integrationId: string, chatId: string): string {
  return `officers:${createHash('sha256').update(`${integrationId}\u0000${chatId}`).digest('hex').slice(0, 32)}`;
}

export function officerFeed(deps: { bots: OfficerBots; enqueue: Enqueue }): OfficerFeed {
  return async (tx, complaintId, eventId) => {
    const bots = deps.bots.all().filter((b) => b.officerChatId);
    if (bots.length === 0) return;
    const complaint = await tx.complaint.findUniqueOrThrow({ where: { id: complaintId }, select: { id: true, agencyId: true } });
    const ofAgency = await tx.integration.findMany({
      where: { id: { in: bots.map((b) => b.integrationId) }, agencyId: complaint.agencyId, removedAt: null },
      select: { id: true },
    });
    const bot = bots.find((b) => ofAgency.some((i) => i.id === b.integrationId));
    if (!bot) return; // this agency has no officers' chat
    await deps.enqueue(tx, 'officer_post', { complaintId: complaint.id, eventId, integrationId: bot.integrationId },
      { orderKey: officerOrderKey(bot.integrationId, bot.officerChatId!) });
  };
}

/** The announcement's message in the officers' chat: the thread every later post joins. */
export interface ThreadRef {
  chatId: string;
  topicId: number | null;
  rootMessageId: number;
}

export const whereInThread = (thread: ThreadRef) =>
  thread.topicId ? { threadId: thread.topicId, replyTo: null } : { replyTo: thread.rootMessageId };

export interface OfficerPostDeps {
  prisma: PrismaClient;
  bots: OfficerBots;
  logger: Logger;
  /** a post whose bot runs in another process comes back after this long (default 1000) */
  elsewhereRetryMs?: number;
}

const DONE_KEY = (eventId: string) => `officer-post:${eventId}`;
const TOPIC_KEY = (complaintId: string) => `officer-topic:${complaintId}`;
/** where the officer wrote the reply an officer_reply event came from (for the LAPOR! receipt) */
export const REPLY_KEY = (eventId: string) => `officer-reply:${eventId}`;

export function officerPostHandler(deps: OfficerPostDeps) {
  const { prisma } = deps;
  const forums = new Map<string, boolean>();

  async function isForum(bot: OfficerBot, chatId: string): Promise<boolean> {
    const key = `${bot.integrationId}\u0000${chatId}`;
    let forum = forums.get(key);
    if (forum === undefined) {
      forum = await bot.officerChat.isForum(chatId);
      forums.set(key, forum);
    }
    return forum;
  }

  /** Records a bot post so that a reply to it finds the complaint. */
  const recordPost = (tx: Tx | PrismaClient, chatId: string, messageId: number, complaintId: string) =>
    tx.officerPost.create({ data: { chatId, messageId, complaintId } }).catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
    });

  async function markDone(tx: Tx | PrismaClient, eventId: string): Promise<void> {
    await tx.processedKey.create({ data: { key: DONE_KEY(eventId) } }).catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
    });
  }

  /** The one announcement of a complaint; in a forum, in a topic of its own. */
  async function announce(bot: OfficerBot, chatId: string, complaint: ComplaintRow): Promise<ThreadRef> {
    let topicId: number | null = null;
    if (await isForum(bot, chatId)) {
      // the topic id is kept before the announcement is sent: a retry reuses the topic
      const kept = await prisma.keyValue.findUnique({ where: { key: TOPIC_KEY(complaint.id) } });
      if (kept) topicId = Number(kept.value);
      else {
        topicId = await bot.officerChat.createTopic(chatId, topicName(complaint));
        await prisma.keyValue.create({ data: { key: TOPIC_KEY(complaint.id), value: String(topicId) } });
      }
    }
    const rootMessageId = await bot.officerChat.post(chatId, announcement(complaint), topicId ? { threadId: topicId } : {});
    const thread = { chatId, topicId, rootMessageId };
    await prisma.$transaction(async (tx) => {
      await tx.officerThread.create({ data: { complaintId: complaint.id, ...thread } });
      await recordPost(tx, chatId, rootMessageId, complaint.id);
      await tx.keyValue.deleteMany({ where: { key: TOPIC_KEY(complaint.id) } });
    });
    deps.logger.info({ complaintId: complaint.id, topic: topicId !== null }, 'report announced to officers');
    return thread;
  }

  return async (payload: JobPayloads['officer_post']): Promise<void> => {
    if (await prisma.processedKey.findUnique({ where: { key: DONE_KEY(payload.eventId) } })) return;
    const bot = deps.bots.running(payload.integrationId);
    if (!bot) throw new JobDeferred(`officer bot ${payload.integrationId} is not running in this process`, deps.elsewhereRetryMs ?? 1_000);
    if (!bot.officerChatId) return; // the officers' chat was taken out of the configuration
    const [complaint, event] = await Promise.all([
      prisma.complaint.findUnique({ where: { id: payload.complaintId } }),
      prisma.complaintEvent.findUnique({ where: { id: payload.eventId } }),
    ]);
    if (!complaint || !event) return;

    if (event.type === 'officer_reply') {
      // made in Telegram: a receipt under the officer's message; made elsewhere: a note in the thread
      if (await prisma.keyValue.findUnique({ where: { key: REPLY_KEY(event.id) } })) return receipt(bot, complaint, event);
      const thread = await prisma.officerThread.findUnique({ where: { complaintId: complaint.id } });
      if (!thread) return markDone(prisma, event.id);
      const data = (event.data ?? {}) as { message?: string; officer?: string };
      const messageId = await bot.officerChat.post(thread.chatId, officerAnswered(data.officer ?? '', data.message ?? ''), whereInThread(thread));
      await prisma.$transaction(async (tx) => {
        await recordPost(tx, thread.chatId, messageId, complaint.id);
        await markDone(tx, event.id);
      });
      return;
    }

    let thread: ThreadRef | null = await prisma.officerThread.findUnique({ where: { complaintId: complaint.id } });
    if (!thread) {
      thread = await announce(bot, bot.officerChatId, complaint);
      // the announcement shows the report as it is now: filed, waiting, or failed; what the
      // citizen wrote and an escalation still follow in the new thread
      if (event.type !== 'citizen_reply' && event.type !== 'escalated') return markDone(prisma, event.id);
    }
    const text = followUp(complaint, event);
    if (!text) return markDone(prisma, event.id);
    if (event.type === 'filed' && thread.topicId) {
      // the topic was named before the report had its number
      await bot.officerChat.renameTopic(thread.chatId, thread.topicId, topicName(complaint)).catch((error: unknown) => {
        deps.logger.warn({ complaintId: complaint.id, err: (error as Error).name }, 'officers\' topic not renamed');
      });
    }
    const messageId = await bot.officerChat.post(thread.chatId, text, whereInThread(thread));
    await prisma.$transaction(async (tx) => {
      await recordPost(tx, thread.chatId, messageId, complaint.id);
      await markDone(tx, event.id);
    });
  };

  /** Tells the officer who replied in Telegram that LAPOR! has their answer (or did not take it). */
  async function receipt(bot: OfficerBot, complaint: ComplaintRow, event: { id: string; data: Prisma.JsonValue }): Promise<void> {
    const data = (event.data ?? {}) as { remoteId?: string; error?: string };
    const where = await prisma.keyValue.findUnique({ where: { key: REPLY_KEY(event.id) } });
    if (!where || !complaint.trackingId) return markDone(prisma, event.id);
    let text: string;
    if (data.remoteId) text = laporHasReply(complaint.trackingId, data.remoteId.startsWith('manual-'));
    else if (data.error || (await postResponseDead(complaint.id, event.id))) text = laporRefusedReply(complaint.trackingId);
    else throw new JobDeferred('the response is not on LAPOR! yet', 2_000);
    const [chatId, messageId] = where.value.split(':');
    const posted = await bot.officerChat.post(chatId!, text, { replyTo: Number(messageId) });
    await prisma.$transaction(async (tx) => {
      if (chatId === bot.officerChatId) await recordPost(tx, chatId!, posted, complaint.id);
      await tx.keyValue.deleteMany({ where: { key: REPLY_KEY(event.id) } });
      await markDone(tx, event.id);
    });
  }

  async function postResponseDead(complaintId: string, eventId: string): Promise<boolean> {
    const job = await prisma.outboxJob.findFirst({
      where: { kind: 'post_response', status: 'dead', payload: { equals: { complaintId, eventId } } },
      select: { id: true },
    });
    return job !== null;
  }
}

type ComplaintRow = NonNullable<Awaited<ReturnType<PrismaClient['complaint']['findUnique']>>>;

function followUp(complaint: ComplaintRow, event: { type: string; data: Prisma.JsonValue }): string | null {
  switch (event.type) {
    case 'filed':
      return filedLine(complaint.trackingId ?? ((event.data as { trackingId?: string })?.trackingId ?? '-'));
    case 'waiting_manual':
      return waitingManualLine();
    case 'failed':
      return failedLine();
    case 'citizen_reply': {
      const data = (event.data ?? {}) as { message?: string; attachments?: unknown[] };
      return citizenWrote(complaint, data.message ?? '', data.attachments?.length ?? 0);
    }
    case 'escalated': {
      const due = (event.data as { due?: string } | null)?.due;
      return escalationReminder(complaint, due ? new Date(due) : new Date());
    }
    default:
      return null;
  }
}
