// The inbound pipeline: one citizen message in, the engine's step persisted, its replies
// stored (and queued for push channels), its effects applied — all in one transaction.
import { randomUUID } from 'node:crypto';
import type { Prisma as PrismaNS, PrismaClient } from '@prisma/client';
import type { InboundMessage, OutboundMessage } from '../core/messages.js';
import type { NlpParser } from '../core/nlp.js';
import type { ChannelType } from '../core/taxonomy.js';
import { isUniqueViolation, type SqlRunner } from '../db/client.js';
import type { Effect, EngineInput } from '../engine/types.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { createComplaint, type NewComplaint } from './complaints.js';
import { KeyedMutex } from './keyed-mutex.js';
import { mediaIdsIn } from './media-references.js';
import type { HubMediaStore } from './media-store.js';
import { PULL_CHANNELS, queueDelivery, replyRows, requeueHeld, storeReplies, type ChatAddress } from './outbound.js';
import { KnownChats } from './known-chats.js';
import { TurnCache } from './turn-cache.js';
import {
  commitFirstTurn, commitPlainTurn, insertMessages, openTurn, writeState, type MessageRow, type OpenedTurn, type TurnSender,
} from './turn-sql.js';
import type { ConversationEngine, Enqueue, QueueWaker } from './ports.js';
import type { OfficerFeed } from './officers/telegram-bridge.js';
import { answerStatus } from './status-answer.js';

type Tx = PrismaNS.TransactionClient;

export interface ConversationDeps {
  prisma: PrismaClient;
  /** the same database, for the statements of a plain turn (src/hub/turn-sql.ts) */
  sql: SqlRunner;
  engine: ConversationEngine;
  nlp?: NlpParser;
  enqueue: Enqueue;
  queue: QueueWaker;
  /** staged files are kept only when the turn's step takes them */
  media: Pick<HubMediaStore, 'keep' | 'markFiled' | 'forget' | 'deleteFiles' | 'remove'>;
  logger: Logger;
  metrics?: Pick<Metrics, 'inboundMessages' | 'complaintsConfirmed' | 'messagesIn' | 'messagesOut' | 'conversationsStarted' | 'conversationsCompleted'>;
  now?: () => Date;
  /** the citizen's answers about a report follow in the officers' chat */
  officerFeed?: OfficerFeed;
}

export interface HandleResult {
  duplicate: boolean;
  replies: OutboundMessage[];
}

class VersionConflict extends Error {}
class Duplicate extends Error {}

const MAX_CONFLICT_RETRIES = 5;
/** chats whose last turn this process remembers (a few KiB each) */
const CACHED_TURNS = 1_000;
/** chats this process has run a turn of (a key each): not new, whatever the turn cache holds */
const KNOWN_CHATS = 20_000;

/** The inbound row is the only row of a turn with a unique key: its violation is this message seen before. */
function duplicateOnUniqueViolation(error: unknown): never {
  if (isUniqueViolation(error)) throw new Duplicate();
  throw error;
}

export class ConversationService {
  private readonly mutex = new KeyedMutex();
  private readonly turns = new TurnCache(CACHED_TURNS);
  private readonly known = new KnownChats(KNOWN_CHATS);
  /** an integration's agency never changes: read once per integration */
  private readonly agencies = new Map<string, string>();
  private readonly now: () => Date;

  constructor(private readonly deps: ConversationDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Handles one citizen message; a redelivered platform message id is a no-op. */
  handleInbound = async (message: InboundMessage): Promise<HandleResult> => {
    const result = await this.mutex.run(chatKey(message), () =>
      this.withRetries(() => this.process(message), () => ({ duplicate: true, replies: [] })));
    // a redelivered message's file was staged again: nothing will take it
    if (result.duplicate && message.content.kind === 'attachment') {
      await this.deps.media.remove({ id: message.content.attachment.mediaId, keptAt: null });
    }
    this.deps.metrics?.inboundMessages.inc({ channel: message.channel, outcome: result.duplicate ? 'duplicate' : 'handled' });
    return result;
  };

  private async agencyOf(integrationId: string): Promise<string> {
    let agencyId = this.agencies.get(integrationId);
    if (!agencyId) {
      ({ agencyId } = await this.deps.prisma.integration.findUniqueOrThrow({ where: { id: integrationId }, select: { agencyId: true } }));
      this.agencies.set(integrationId, agencyId);
    }
    return agencyId;
  }

  /** Feeds a system input (an agency's response arrived) into a chat's conversation. */
  notifyConversation(address: ChatAddress, input: EngineInput): Promise<void> {
    return this.mutex.run(chatKey(address), () =>
      this.withRetries(async () => {
        this.turns.forget(chatKey(address));
        const conversation = await this.deps.prisma.conversation.findUnique({
          where: { integrationId_chatId: { integrationId: address.integrationId, chatId: address.chatId } },
        });
        if (!conversation) return;
        const result = this.deps.engine.step(conversation.state, input, { now: this.now(), profile: {}, channel: address.channel });
        await this.deps.prisma.$transaction(async (tx) => {
          await saveState(tx, conversation, result.state);
          await storeReplies(tx, this.deps.enqueue, address, result.replies, { now: this.now() });
        });
        if (result.replies.length) {
          this.deps.metrics?.messagesOut.inc({ channel: address.channel, integration: address.integrationId }, result.replies.length);
          this.deps.queue.notify();
        }
      }, () => undefined),
    );
  }

  private async withRetries<T>(task: () => Promise<T>, onDuplicate: () => T): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await task();
      } catch (error) {
        if (error instanceof Duplicate) return onDuplicate();
        // another process wrote the same conversation in between: run the step again on its state
        if (error instanceof VersionConflict && attempt < MAX_CONFLICT_RETRIES) continue;
        throw error;
      }
    }
  }

  private async process(message: InboundMessage): Promise<HandleResult> {
    const { prisma, engine } = this.deps;
    const now = this.now();
    const agencyId = await this.agencyOf(message.integrationId);
    const sender: TurnSender = {
      integrationId: message.integrationId,
      chatId: message.chatId,
      externalId: message.sender.externalId,
      displayName: message.sender.displayName ?? null,
      phone: message.sender.phone ?? null,
      language: message.sender.language ?? 'id',
      platformMessageId: message.platformMessageId ?? null,
      now,
    };
    const remembered = this.remembered(message);
    // a chat never seen here, in a message without a platform id to check: run it as the chat's
    // first turn (a new citizen, no conversation) and find out when committing
    const firstSeen = !remembered && !message.platformMessageId && !this.known.has(chatKey(message));
    this.known.add(chatKey(message));
    const { seen, citizen, conversation } = remembered
      ?? (firstSeen ? newChat(sender) : await openTurn(this.deps.sql, sender));
    if (seen) return { duplicate: true, replies: [] };

    const input = await this.toEngineInput(message, now);
    const result = engine.step(conversation?.state ?? null, input, {
      now,
      profile: { displayName: citizen.displayName ?? undefined, phone: citizen.phone ?? undefined },
      ...(message.sender.language ? { language: message.sender.language } : {}),
      channel: message.channel,
    });
    const address: ChatAddress = { integrationId: message.integrationId, channel: message.channel as ChannelType, chatId: message.chatId };
    const language = engine.language(result.state);
    const media = mediaChange(conversation?.state, message, result.state, result.effects);

    const plain = isPlain(address, result.effects, media);
    // a turn with effects writes through the citizen's row: read it (and the chat's) first
    if (firstSeen && !plain) return this.process(message);
    if (plain) {
      const out = replyRows(address, result.replies, { now });
      const turn = { state: result.state, reportsStarted: result.effects.length, rows: [inboundRow(message), ...out.rows] };
      const committed = firstSeen
        ? await commitFirstTurn(this.deps.sql, { sender, citizenId: citizen.id, ...turn })
        : await commitPlainTurn(this.deps.sql, {
          conversation: conversation ?? { citizenId: citizen.id, integrationId: message.integrationId, chatId: message.chatId },
          ...turn,
        }).catch(duplicateOnUniqueViolation);
      // the chat was not new after all: the turn again, on what is stored
      if (!committed && firstSeen) return this.process(message);
      if (!committed) throw new VersionConflict();
      this.turns.put(chatKey(message), { citizen, conversation: committed });
      this.countTurn(message, result.effects, out.messages.length);
      this.deps.logger.debug({ integrationId: message.integrationId, effects: result.effects.map((e) => e.type) }, 'inbound handled');
      return { duplicate: false, replies: out.messages };
    }

    // the turn in one transaction; the queue is woken only when the turn enqueued something
    let enqueued = false;
    const enqueue: Enqueue = (tx, kind, payload, options) => {
      enqueued = true;
      return this.deps.enqueue(tx, kind, payload, options);
    };
    const replies = await prisma.$transaction(async (tx) => {
      const saved = conversation
        ? await saveState(tx, conversation, result.state)
        : await tx.conversation.create({
            data: { integrationId: message.integrationId, chatId: message.chatId, citizenId: citizen.id, state: toJson(result.state) },
          });
      await this.deps.media.keep(tx, media.taken, saved.id, now);
      const extra = await this.applyEffects(tx, enqueue, result.effects, {
        agencyId,
        integrationId: message.integrationId,
        channel: message.channel,
        citizenId: citizen.id,
        conversationId: saved.id,
        chatId: message.chatId,
        language,
        now,
      });
      await this.deps.media.forget(tx, media.released);
      // what waited for the citizen to write again goes first (held deliveries)
      await requeueHeld(tx, enqueue, address);
      const out = replyRows(address, [...result.replies, ...extra], { now });
      // the citizen's message and the bot's answers in one statement; the only unique key an
      // answer could break is none (no platform id): a violation is this message seen before
      await insertMessages(tx, [inboundRow(message), ...out.rows]).catch(duplicateOnUniqueViolation);
      await queueDelivery(tx, enqueue, address, out.messages);
      return out.messages;
    });
    await this.deps.media.deleteFiles(media.released);
    this.countTurn(message, result.effects, replies.length);
    // effects may enqueue through hooks of their own (the officers' feed)
    if (enqueued || result.effects.length) this.deps.queue.notify();
    this.deps.logger.debug({ integrationId: message.integrationId, effects: result.effects.map((e) => e.type) }, 'inbound handled');
    return { duplicate: false, replies };
  }

  /**
   * The chat's last turn here, when it may stand in for reading the rows: the message has no
   * platform id to check for a redelivery, and the sender brings no name or phone that the
   * stored citizen lacks (openTurn would write it). Taken either way: this turn leaves a new one.
   */
  private remembered(message: InboundMessage): OpenedTurn | undefined {
    const cached = this.turns.take(chatKey(message));
    if (!cached || message.platformMessageId) return undefined;
    const { displayName, phone } = message.sender;
    if ((displayName && displayName !== cached.citizen.displayName) || (phone && phone !== cached.citizen.phone)) return undefined;
    return { seen: false, ...cached };
  }

  /** Counters of a committed turn (after the commit: a rolled-back turn counts nothing). */
  private countTurn(message: InboundMessage, effects: Effect[], replies: number): void {
    const metrics = this.deps.metrics;
    if (!metrics) return;
    const labels = { channel: message.channel, integration: message.integrationId };
    metrics.messagesIn.inc(labels);
    if (replies) metrics.messagesOut.inc(labels, replies);
    for (const effect of effects) {
      if (effect.type === 'report_started') metrics.conversationsStarted.inc(labels);
      if (effect.type === 'submit_complaint') {
        metrics.conversationsCompleted.inc(labels);
        metrics.complaintsConfirmed.inc({ channel: message.channel });
      }
    }
  }

  private async toEngineInput(message: InboundMessage, now: Date): Promise<EngineInput> {
    const content = message.content;
    switch (content.kind) {
      case 'text': {
        const nlp = this.deps.nlp ? await this.deps.nlp.parse(content.text, { now }).catch((error: unknown) => {
          this.deps.logger.warn({ err: (error as Error).message }, 'nlp parse failed; continuing without it');
          return undefined;
        }) : undefined;
        return nlp ? { kind: 'text', text: content.text, nlp } : { kind: 'text', text: content.text };
      }
      case 'payload':
        return { kind: 'payload', payload: content.payload };
      case 'location':
        return content.address
          ? { kind: 'location', location: content.location, address: content.address }
          : { kind: 'location', location: content.location };
      case 'attachment':
        return content.caption
          ? { kind: 'attachment', attachment: content.attachment, caption: content.caption }
          : { kind: 'attachment', attachment: content.attachment };
      case 'unsupported':
        return { kind: 'unsupported', what: content.what };
    }
  }

  /** Applies the engine's effects inside the transaction; returns replies they add. */
  private async applyEffects(tx: Tx, enqueue: Enqueue, effects: Effect[], ctx: EffectContext) {
    const replies = [];
    for (const effect of effects) {
      switch (effect.type) {
        case 'submit_complaint':
          await this.deps.media.markFiled(tx, effect.report.attachments.map((a) => a.mediaId),
            await createComplaint(tx, enqueue, { ...ctx, report: effect.report, questionsAsked: effect.questions }));
          break;
        case 'report_started':
          await tx.conversation.update({ where: { id: ctx.conversationId }, data: { reportsStarted: { increment: 1 } } });
          break;
        case 'status_lookup':
          replies.push(await answerStatus(tx, this.deps.engine, { citizenId: ctx.citizenId, trackingId: effect.trackingId, language: ctx.language }));
          break;
        case 'citizen_reply': {
          const complaint = await tx.complaint.findFirst({ where: { id: effect.complaintId, citizenId: ctx.citizenId } });
          if (!complaint) break;
          const event = await tx.complaintEvent.create({
            data: {
              complaintId: complaint.id,
              type: 'citizen_reply',
              data: { message: effect.message, ...(effect.attachments?.length ? { attachments: effect.attachments.map((a) => ({ ...a })) } : {}) },
              at: ctx.now,
            },
          });
          await this.deps.media.markFiled(tx, (effect.attachments ?? []).map((a) => a.mediaId), complaint.id);
          await enqueue(tx, 'post_response', { complaintId: complaint.id, eventId: event.id });
          await this.deps.officerFeed?.(tx, complaint.id, event.id);
          break;
        }
      }
    }
    return replies;
  }
}

export type EffectContext = Omit<NewComplaint, 'report'> & { language: string };

async function saveState(tx: Tx, conversation: { id: string; version: number }, state: unknown) {
  if (!(await writeState(tx, conversation, state))) throw new VersionConflict();
  return conversation;
}

/**
 * A turn whose only writes are the conversation and its messages: on a pull channel (nothing
 * to deliver or release from hold), no file taken or released, no effect but a report started.
 */
function isPlain(to: ChatAddress, effects: Effect[], media: { taken: string[]; released: string[] }): boolean {
  return PULL_CHANNELS.includes(to.channel) && media.taken.length === 0 && media.released.length === 0
    && effects.every((e) => e.type === 'report_started');
}

/**
 * What a step did with files: `taken` are newly referenced by the state or an effect (the
 * arriving file among them when the step took it); `released` were referenced before or just
 * arrived and are referenced no more (a 6th file, a cancelled draft): deleted in this turn.
 */
function mediaChange(before: unknown, message: InboundMessage, after: unknown, effects: Effect[]) {
  const held = mediaIdsIn(effects, mediaIdsIn(after));
  const previous = mediaIdsIn(before);
  const candidates = new Set(previous);
  if (message.content.kind === 'attachment') candidates.add(message.content.attachment.mediaId);
  return {
    taken: [...held].filter((id) => !previous.has(id)),
    released: [...candidates].filter((id) => !held.has(id)),
  };
}

const chatKey = (chat: { integrationId: string; chatId: string }) => `${chat.integrationId}\u0000${chat.chatId}`;

/** A new chat's turn as openTurn would open it: the sender a new citizen, no conversation. */
const newChat = (sender: TurnSender): OpenedTurn => ({
  seen: false,
  citizen: { id: randomUUID(), displayName: sender.displayName, phone: sender.phone },
  conversation: null,
});

const toJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as PrismaNS.InputJsonValue;

function inboundRow(message: InboundMessage): MessageRow {
  return {
    id: `in_${randomUUID()}`,
    integrationId: message.integrationId,
    chatId: message.chatId,
    direction: 'in',
    platformMessageId: message.platformMessageId ?? null,
    text: message.content.kind === 'text' ? message.content.text : null,
    body: inboundBody(message),
    complaintId: null,
    deliveredAt: null,
    createdAt: message.receivedAt,
  };
}

function inboundBody(message: InboundMessage): PrismaNS.InputJsonObject {
  const { content } = message;
  switch (content.kind) {
    case 'text':
      return {};
    case 'payload':
      return { payload: content.payload };
    case 'location':
      return { location: { ...content.location }, ...(content.address ? { address: content.address } : {}) };
    case 'attachment':
      return { attachment: { ...content.attachment }, ...(content.caption ? { caption: content.caption } : {}) };
    case 'unsupported':
      return { unsupported: content.what };
  }
}
