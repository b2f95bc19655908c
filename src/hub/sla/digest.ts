// The officers' daily SLA digest: once per officers' chat and working day, at the digest hour,
// what is due today and what is overdue in the chat's agency. Scheduling claims the day
// (a ProcessedKey) and enqueues the post in one transaction, so a crash loses nothing and two
// processes schedule it once; the post itself is an officer_digest job, in the chat's order.
import type { PrismaClient } from '@prisma/client';
import { dueDates, NO_CLOCK_STATUSES } from '../../core/sla.js';
import { jakartaDay, type WorkingCalendar } from '../../core/working-calendar.js';
import { isUniqueViolation } from '../../db/client.js';
import type { Logger } from '../../log.js';
import { JobDeferred } from '../../queue/errors.js';
import type { JobPayloads } from '../../queue/kinds.js';
import { officerOrderKey, type OfficerBots } from '../officers/telegram-bridge.js';
import type { Enqueue, QueueWaker } from '../ports.js';
import { digestText, type Digest, type SlaItem } from './sla-texts.js';

const SCHEDULED_KEY = (orderKey: string, day: string) => `sla-digest:${orderKey}:${day}`;
const POSTED_KEY = (integrationId: string, day: string) => `sla-digest-posted:${integrationId}:${day}`;

/** Last day (YYYY-MM-DD, Jakarta) of a deadline given as its exclusive instant. */
const lastDay = (due: Date) => jakartaDay(new Date(due.getTime() - 1));

/** What of an agency is due on `day` and overdue by it: one line per report, its most pressing target. */
export async function digestOf(prisma: PrismaClient, calendar: WorkingCalendar, agencyId: string, day: string, limit: number): Promise<Digest> {
  const open = await prisma.complaint.findMany({
    where: { agencyId, filedAt: { not: null }, firstResponseAt: null, status: { notIn: [...NO_CLOCK_STATUSES] } },
    select: { id: true, trackingId: true, category: true, status: true, filedAt: true, verifiedAt: true, firstResponseAt: true },
    orderBy: { filedAt: 'asc' },
  });
  const dueToday: SlaItem[] = [];
  const overdue: SlaItem[] = [];
  for (const c of open) {
    const due = dueDates(calendar, c);
    const targets: SlaItem[] = [
      ...(c.verifiedAt ? [] : [{ ...c, target: 'verification' as const, due: due.verification! }]),
      { ...c, target: 'followUp' as const, due: due.followUp! },
    ];
    const late = targets.filter((t) => lastDay(t.due) < day);
    const today = targets.filter((t) => lastDay(t.due) === day);
    // the follow-up outranks the verification: it is the target the road map escalates
    if (late.length) overdue.push(late.at(-1)!);
    else if (today.length) dueToday.push(today.at(-1)!);
  }
  const byDue = (a: SlaItem, b: SlaItem) => a.due.getTime() - b.due.getTime();
  return { day, dueToday: dueToday.sort(byDue), overdue: overdue.sort(byDue), limit };
}

export interface DigestDeps {
  prisma: PrismaClient;
  bots: OfficerBots;
  enqueue: Enqueue;
  queue: QueueWaker;
  logger: Logger;
}

/** Enqueues today's digest for every officers' chat that has not had it; returns how many. */
export async function scheduleDigests(deps: DigestDeps, now: Date): Promise<number> {
  const day = jakartaDay(now);
  let scheduled = 0;
  for (const bot of deps.bots.all()) {
    if (!bot.officerChatId) continue;
    const orderKey = officerOrderKey(bot.integrationId, bot.officerChatId);
    const claimed = await deps.prisma.$transaction(async (tx) => {
      await tx.processedKey.create({ data: { key: SCHEDULED_KEY(orderKey, day) } });
      await deps.enqueue(tx, 'officer_digest', { integrationId: bot.integrationId, day }, { orderKey });
      return true;
    }).catch((error: unknown) => {
      if (isUniqueViolation(error)) return false; // scheduled already (here, or by another process)
      throw error;
    });
    if (claimed) scheduled++;
  }
  if (scheduled) deps.queue.notify();
  return scheduled;
}

export function officerDigestHandler(deps: {
  prisma: PrismaClient; bots: OfficerBots; calendar: WorkingCalendar; limit: number; logger: Logger; elsewhereRetryMs?: number;
}) {
  const { prisma } = deps;
  return async (payload: JobPayloads['officer_digest']): Promise<void> => {
    if (await prisma.processedKey.findUnique({ where: { key: POSTED_KEY(payload.integrationId, payload.day) } })) return;
    const bot = deps.bots.running(payload.integrationId);
    if (!bot) throw new JobDeferred(`officer bot ${payload.integrationId} is not running in this process`, deps.elsewhereRetryMs ?? 1_000);
    if (!bot.officerChatId) return;
    const integration = await prisma.integration.findUnique({ where: { id: payload.integrationId }, select: { agencyId: true } });
    if (!integration) return;
    const digest = await digestOf(prisma, deps.calendar, integration.agencyId, payload.day, deps.limit);
    const text = digestText(digest);
    // a crash between the post and the mark posts it again: at least once, like every officers' post
    if (text) await bot.officerChat.post(bot.officerChatId, text, {});
    await prisma.processedKey.create({ data: { key: POSTED_KEY(payload.integrationId, payload.day) } }).catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
    });
    deps.logger.info({ integrationId: payload.integrationId, day: payload.day, dueToday: digest.dueToday.length, overdue: digest.overdue.length }, 'SLA digest sent to officers');
  };
}
