// Public statistics: reports are complaints filed with LAPOR! (filedAt set), excluding REJECTED and
// FAILED; the from/to filter is on the filing date in Asia/Jakarta, inclusive.
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { LAPOR_CHANNEL, type ChannelType } from '../../core/taxonomy.js';
import type { WorkingCalendar } from '../../core/working-calendar.js';
import { aggregate, completeness } from './aggregate.js';

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'tanggal tidak sah / invalid date');
export const statsQuery = z
  .strictObject({ agency: z.string().min(1).max(64).optional(), from: DAY.optional(), to: DAY.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, 'from > to');
export type StatsQuery = z.infer<typeof statsQuery>;

const jakartaStart = (day: string) => new Date(Date.parse(`${day}T00:00:00+07:00`));

export async function publicStats(prisma: PrismaClient, q: StatsQuery, now: Date, calendar: WorkingCalendar) {
  const filedAt: { not: null; gte?: Date; lt?: Date } = { not: null };
  if (q.from) filedAt.gte = jakartaStart(q.from);
  if (q.to) filedAt.lt = new Date(jakartaStart(q.to).getTime() + 24 * 3600 * 1000);
  const rows = await prisma.complaint.findMany({
    where: { filedAt, status: { notIn: ['REJECTED', 'FAILED'] }, ...(q.agency ? { agencyId: q.agency } : {}) },
    select: { agencyId: true, status: true, category: true, channel: true, filedAt: true, verifiedAt: true, firstResponseAt: true, closedAt: true },
  });
  const started = await prisma.conversation.aggregate({
    _sum: { reportsStarted: true },
    where: q.agency ? { integration: { agencyId: q.agency } } : {},
  });
  return {
    generatedAt: now.toISOString(),
    ...aggregate(rows.map((r) => ({ ...r, filedAt: r.filedAt! })), started._sum.reportsStarted ?? 0, calendar),
    completeness: await completenessByChannel(prisma, q.agency),
  };
}

/** Reports started and confirmed per channel, over all time (reportsStarted is a running count). */
async function completenessByChannel(prisma: PrismaClient, agency: string | undefined) {
  const byIntegration = await prisma.conversation.groupBy({
    by: ['integrationId'],
    _sum: { reportsStarted: true },
    where: agency ? { integration: { agencyId: agency } } : {},
  });
  const types = await prisma.integration.findMany({ select: { id: true, type: true } });
  const typeOf = new Map(types.map((t) => [t.id, LAPOR_CHANNEL[t.type as ChannelType] ?? t.type]));
  const started: Record<string, number> = {};
  for (const row of byIntegration) {
    const channel = typeOf.get(row.integrationId) ?? 'unknown';
    started[channel] = (started[channel] ?? 0) + (row._sum.reportsStarted ?? 0);
  }
  // every complaint a conversation confirmed, whatever LAPOR! did with it after
  const confirmed = await prisma.complaint.findMany({
    where: { conversationId: { not: null }, ...(agency ? { agencyId: agency } : {}) },
    select: { channel: true, questionsAsked: true },
  });
  return completeness(started, confirmed);
}
