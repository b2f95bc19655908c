// What officers write to the bot: a reply to one of its posts in the officers' chat answers
// that report's citizen; commands (/balas, /status, /ambil, /tugas, /bantuan) work there for
// every member (the group is the trust boundary: they act for its agency) and in a private
// chat for an officer linked by Telegram id (for their own agency). Anyone else who sends an
// officer command is told they cannot act, and nothing happens.
import type { PrismaClient } from '@prisma/client';
import { LAPOR_STATUSES, type LaporStatus } from '../../core/taxonomy.js';
import { isUniqueViolation } from '../../db/client.js';
import type { Logger } from '../../log.js';
import type { Enqueue, QueueWaker } from '../ports.js';
import { OfficerDeskError, type ComplaintRef, type OfficerDesk } from './officer-desk.js';
import { principalForLinkedTelegramUser, principalForTelegramMember, type Principal } from './principal.js';
import type { OfficerInput, OfficerMessageHandler, OfficerSource } from './officer-chat-port.js';
import { REPLY_KEY } from './telegram-bridge.js';
import * as t from './telegram-bridge-texts.js';

export interface OfficerUpdateDeps {
  prisma: PrismaClient;
  desk: OfficerDesk;
  enqueue: Enqueue;
  queue: QueueWaker;
  logger: Logger;
}

/** What came of a command: the answer, and the complaint it was about (its post joins the thread's posts). */
interface Answer {
  text: string;
  complaintId?: string;
}

/** Whether the officer's action has committed (then it must not run again on a redelivery). */
interface Run {
  committed: boolean;
}

const dedupeKey = (integrationId: string, input: OfficerInput) => `officer-update:${integrationId}:${input.chatId}:${input.messageId}`;

export function officerUpdateHandler(deps: OfficerUpdateDeps): OfficerMessageHandler {
  const { prisma, desk } = deps;

  return async (input, source) => {
    const inOfficerChat = input.chatId === source.officerChatId;
    if (!inOfficerChat && !input.command) return;
    // the officers' own talk (answering no bot post) is theirs
    const answersPost = inOfficerChat && !input.command ? await postAnswered(input) : null;
    if (inOfficerChat && !input.command && !answersPost) return;
    // an unknown bare command may be another bot's; one addressed to this bot gets an answer
    const addressed = /^\/\w+@/.test(input.text);
    if (input.command && !isOurs(input.command.name) && !(inOfficerChat && addressed)) return;

    const who = inOfficerChat
      ? await principalForTelegramMember(prisma, await agencyOf(source.integrationId), input.from)
      : input.chatType === 'private' ? await principalForLinkedTelegramUser(prisma, input.from.id) : null;
    // a citizen's "/status <number> <word>" is theirs to ask the engine
    if (!who && input.command?.name === 'status' && input.chatType === 'private') return 'citizen';

    // a redelivered update (webhook retry, polling after a crash) is answered once
    const key = dedupeKey(source.integrationId, input);
    try {
      await prisma.processedKey.create({ data: { key } });
    } catch (error) {
      if (isUniqueViolation(error)) return;
      throw error;
    }
    let answer: Answer;
    const run: Run = { committed: false };
    try {
      if (!who) answer = { text: t.NOT_AN_OFFICER };
      else if (answersPost && input.media) answer = { text: t.TEXT_ONLY };
      else if (answersPost) answer = await reply(who, { id: answersPost.complaintId }, input.text, input, source, run);
      else answer = await command(who, input, source, run);
    } catch (error) {
      // not done: a redelivery may try again. Done (the citizen has the reply) and failing after:
      // the key stays, or a redelivery would relay the reply a second time
      if (!run.committed) await prisma.processedKey.deleteMany({ where: { key } });
      throw error;
    }
    // the action is done: a failing answer must not make a retry do it again
    try {
      const posted = await source.chat.post(input.chatId, answer.text, { replyTo: input.messageId, threadId: input.threadId ?? null });
      if (answer.complaintId && inOfficerChat) {
        await prisma.officerPost.create({ data: { chatId: input.chatId, messageId: posted, complaintId: answer.complaintId } }).catch((error: unknown) => {
          if (!isUniqueViolation(error)) throw error;
        });
      }
    } catch (error) {
      deps.logger.warn({ integrationId: source.integrationId, err: (error as Error).name, kind: (error as { kind?: string }).kind }, 'answer to an officer not posted');
    }
    if (!who) deps.logger.info({ integrationId: source.integrationId, command: input.command?.name }, 'officer command refused: not an officer');
  };

  /**
   * The bot post this message answers. A post is recorded just after Telegram took it, so a
   * reply to a post seconds old may arrive before its row: it waits a moment for it.
   */
  async function postAnswered(input: OfficerInput) {
    if (input.replyToMessageId === undefined) return null;
    const find = () => prisma.officerPost.findUnique({ where: { chatId_messageId: { chatId: input.chatId, messageId: input.replyToMessageId! } } });
    let post = await find();
    const fresh = input.replyToBotAt !== undefined && Date.now() / 1000 - input.replyToBotAt < FRESH_POST_S;
    for (let waited = 0; !post && fresh && waited < POST_WAIT_MS; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      post = await find();
    }
    return post;
  }

  async function agencyOf(integrationId: string): Promise<string> {
    const integration = await prisma.integration.findUniqueOrThrow({ where: { id: integrationId }, select: { agencyId: true } });
    return integration.agencyId;
  }

  async function command(who: Principal, input: OfficerInput, source: OfficerSource, run: Run): Promise<Answer> {
    const { name, args } = input.command!;
    const words = args.split(/\s+/).filter(Boolean);
    // bot posts are recorded in the officers' chat only
    const replied = input.chatId === source.officerChatId ? await repliedComplaint(input) : undefined;
    switch (name) {
      case 'bantuan':
      case 'help':
      case 'start':
        return { text: t.HELP };
      case 'balas': {
        const [ref, ...rest] = words;
        const text = args.slice(args.indexOf(ref ?? '') + (ref ?? '').length).trim();
        if (!ref || rest.length === 0 || !text) return { text: t.USAGE.balas };
        return reply(who, { trackingId: ref }, text, input, source, run);
      }
      case 'status': {
        // "/status <number> <STATUS> [institution]", or "/status <STATUS>" in reply to a report's post
        const statusFirst = replied && words.length >= 1 && isStatusWord(words[0]!);
        const [ref, status, ...institution] = statusFirst ? [undefined, ...words] : words;
        if (!status || (!ref && !replied)) return { text: t.USAGE.status };
        const upper = status.toUpperCase();
        if (!isStatusWord(upper)) return { text: t.badStatus(status) };
        return guarded(ref ?? replied!, async (target) => {
          const updated = await desk.setStatus(who, target, {
            status: upper as LaporStatus, institution: institution.length ? institution.join(' ') : null,
          }, `telegram ${input.chatId}`);
          run.committed = true;
          return { text: t.statusSet(t.reportLabel(updated), updated.status), complaintId: updated.id };
        });
      }
      case 'ambil': {
        const target = words[0] ?? replied;
        if (!target) return { text: t.USAGE.ambil };
        return guarded(target, async (ref) => {
          const before = await desk.find(who, ref);
          const { complaint, previous } = await desk.claim(who, ref, `telegram ${input.chatId}`);
          run.committed = true;
          const already = before.claimedBy === who.actorKey;
          return { text: t.claimed(t.reportLabel(complaint), who.name, already ? null : previous, already), complaintId: complaint.id };
        });
      }
      case 'tugas': {
        const open = await desk.openFor(who);
        return { text: t.openList(who.name, open.map((c) => ({ label: t.reportLabel(c), category: c.category, status: c.status }))) };
      }
      default:
        return { text: t.UNKNOWN_COMMAND };
    }
  }

  /** The report whose bot post this message answers (commands given in reply to it need no number). */
  async function repliedComplaint(input: OfficerInput): Promise<string | ComplaintRef | undefined> {
    if (input.replyToMessageId === undefined) return undefined;
    const post = await postAnswered(input);
    return post ? { id: post.complaintId } : undefined;
  }

  async function guarded(ref: string | ComplaintRef, run: (ref: ComplaintRef) => Promise<Answer>): Promise<Answer> {
    const target: ComplaintRef = typeof ref === 'string' ? { trackingId: ref } : ref;
    try {
      return await run(target);
    } catch (error) {
      if (!(error instanceof OfficerDeskError)) throw error;
      if (error.kind === 'not_found') return { text: t.notFound(typeof ref === 'string' ? ref : '') };
      return { text: t.conflict(error.message) };
    }
  }

  async function reply(who: Principal, ref: ComplaintRef, text: string, input: OfficerInput, source: OfficerSource, run: Run): Promise<Answer> {
    if (!text.trim()) return { text: t.EMPTY_REPLY };
    return guarded('trackingId' in ref ? ref.trackingId : ref, async (target) => {
      const sent = await desk.reply(who, target, text.trim(), `telegram ${input.chatId}`);
      run.committed = true;
      const complaint = await desk.find(who, { id: sent.complaintId });
      if (complaint.trackingId) {
        // when LAPOR! has the answer (or refused it), the officer hears it under their message;
        // a failure here loses that note only, never the reply
        try {
          await prisma.$transaction(async (tx) => {
            await tx.keyValue.create({ data: { key: REPLY_KEY(sent.eventId), value: `${input.chatId}:${input.messageId}` } });
            await deps.enqueue(tx, 'officer_post', { complaintId: complaint.id, eventId: sent.eventId, integrationId: source.integrationId });
          });
          deps.queue.notify();
        } catch (error) {
          deps.logger.warn({ complaintId: complaint.id, err: (error as Error).name }, 'LAPOR! outcome of an officer reply will not be posted in the chat');
        }
      }
      return { text: t.replySent(complaint), complaintId: complaint.id };
    });
  }
}

/** a reply to a bot message younger than this may be to a post not recorded yet */
const FRESH_POST_S = 15;
const POST_WAIT_MS = 3_000;

const OURS = new Set(['balas', 'status', 'ambil', 'tugas', 'bantuan', 'help', 'start']);
const isOurs = (name: string) => OURS.has(name);
const isStatusWord = (word: string): boolean => (LAPOR_STATUSES as readonly string[]).includes(word.toUpperCase());
