// What officers read, always within one agency: the inbox (filtered, newest first, cursor
// paged), its counts, one complaint with its conversation, events and deliveries, and the
// updates that could not be delivered. Shared by the admin API and the /admin page.
import type { Complaint, ComplaintEvent, Message, Prisma, PrismaClient } from '@prisma/client';
import { NO_CLOCK_STATUSES, SLA_WORKING_DAYS } from '../../core/sla.js';
import { CLOSED_STATUSES } from '../../core/taxonomy.js';
import type { WorkingCalendar } from '../../core/working-calendar.js';

/** When a query runs, and the working days its SLA filters count in. */
export interface QueryClock {
  now: Date;
  calendar: WorkingCalendar;
}

export interface ComplaintFilter {
  status?: string;
  category?: string;
  channel?: string;
  integrationId?: string;
  /** on the confirmation time, inclusive; `to` is exclusive */
  from?: Date;
  to?: Date;
  /** in the title, the description, the place or the tracking number */
  text?: string;
  /** filed, open and past its follow-up target unanswered (src/core/sla.ts isFollowUpOverdue) */
  overdue?: boolean;
  /** who took it (an actor key); null: taken by nobody */
  claimedBy?: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export class UnknownCursor extends Error {}

export function complaintWhere(agencyId: string, filter: ComplaintFilter, clock: QueryClock): Prisma.ComplaintWhereInput {
  const and: Prisma.ComplaintWhereInput[] = [{ agencyId }];
  if (filter.status) and.push({ status: filter.status });
  if (filter.category) and.push({ category: filter.category });
  if (filter.channel) and.push({ channel: filter.channel });
  if (filter.integrationId) and.push({ integrationId: filter.integrationId });
  if (filter.claimedBy !== undefined) and.push({ claimedBy: filter.claimedBy });
  if (filter.from || filter.to) and.push({ confirmedAt: { ...(filter.from && { gte: filter.from }), ...(filter.to && { lt: filter.to }) } });
  if (filter.text) {
    const contains = { contains: filter.text, mode: 'insensitive' as const };
    and.push({ OR: [{ title: contains }, { content: contains }, { locationName: contains }, { trackingId: filter.text }] });
  }
  if (filter.overdue) {
    // the follow-up clock starts at the verification (at the filing until then); started before
    // this instant, it has run its whole 5 working days by today
    const started = clock.calendar.workingDaysBefore(clock.now, SLA_WORKING_DAYS.followUp);
    and.push({
      status: { notIn: [...NO_CLOCK_STATUSES] },
      firstResponseAt: null,
      OR: [{ verifiedAt: { lt: started } }, { verifiedAt: null, filedAt: { lt: started } }],
    });
  }
  return { AND: and };
}

export async function listComplaints(
  prisma: PrismaClient,
  agencyId: string,
  filter: ComplaintFilter,
  page: { limit: number; cursor?: string },
  clock: QueryClock,
): Promise<Page<Complaint>> {
  const where = complaintWhere(agencyId, filter, clock);
  if (page.cursor) {
    const last = await prisma.complaint.findFirst({ where: { id: page.cursor, agencyId }, select: { id: true, confirmedAt: true } });
    if (!last) throw new UnknownCursor('cursor: unknown; pass the nextCursor of the previous page');
    // strictly after the cursor in (confirmedAt desc, id desc) order
    (where.AND as Prisma.ComplaintWhereInput[]).push({
      OR: [{ confirmedAt: { lt: last.confirmedAt } }, { confirmedAt: last.confirmedAt, id: { lt: last.id } }],
    });
  }
  const rows = await prisma.complaint.findMany({ where, orderBy: [{ confirmedAt: 'desc' }, { id: 'desc' }], take: page.limit + 1 });
  const items = rows.slice(0, page.limit);
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null };
}

export interface InboxCounts {
  total: number;
  open: number;
  overdue: number;
  unclaimed: number;
  byStatus: Record<string, number>;
}

export async function inboxCounts(prisma: PrismaClient, agencyId: string, clock: QueryClock): Promise<InboxCounts> {
  const [groups, overdue, unclaimed] = await Promise.all([
    prisma.complaint.groupBy({ by: ['status'], where: { agencyId }, _count: { _all: true } }),
    prisma.complaint.count({ where: complaintWhere(agencyId, { overdue: true }, clock) }),
    prisma.complaint.count({ where: { agencyId, claimedBy: null, status: { notIn: [...CLOSED_STATUSES] } } }),
  ]);
  const byStatus = Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
  const total = groups.reduce((sum, g) => sum + g._count._all, 0);
  const closed = groups.filter((g) => CLOSED_STATUSES.includes(g.status)).reduce((sum, g) => sum + g._count._all, 0);
  return { total, open: total - closed, overdue, unclaimed, byStatus };
}

export interface ComplaintDetail {
  complaint: Complaint;
  events: ComplaintEvent[];
  /** the chat from the end of the citizen's previous report in it to now (to this report's confirmation when the chat has a later report: that one's words are its own), both directions */
  conversation: Message[];
}

/** One complaint of the agency with its history, or null (missing and foreign alike). */
export async function complaintDetail(prisma: PrismaClient, agencyId: string, id: string): Promise<ComplaintDetail | null> {
  const complaint = await prisma.complaint.findFirst({
    where: { id, agencyId },
    include: { events: { orderBy: [{ at: 'asc' }, { createdAt: 'asc' }] } },
  });
  if (!complaint) return null;
  const previous = await prisma.complaint.findFirst({
    where: { integrationId: complaint.integrationId, chatId: complaint.chatId, confirmedAt: { lt: complaint.confirmedAt } },
    orderBy: { confirmedAt: 'desc' },
    select: { confirmedAt: true },
  });
  // the chat's next report starts its own conversation: what the citizen wrote for it (maybe
  // anonymously) is not shown with this one
  const next = await prisma.complaint.findFirst({
    where: { integrationId: complaint.integrationId, chatId: complaint.chatId, confirmedAt: { gt: complaint.confirmedAt } },
    orderBy: { confirmedAt: 'asc' },
    select: { confirmedAt: true },
  });
  const conversation = await prisma.message.findMany({
    where: {
      integrationId: complaint.integrationId,
      chatId: complaint.chatId,
      OR: [
        { complaintId: complaint.id },
        { complaintId: null, createdAt: { ...(previous && { gt: previous.confirmedAt }), ...(next && { lte: complaint.confirmedAt }) } },
      ],
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: 500,
  });
  const { events, ...rest } = complaint;
  return { complaint: rest as Complaint, events, conversation };
}

/** Messages to citizens of the agency that could not be delivered (blocked, refused, held). */
export async function undeliveredMessages(prisma: PrismaClient, agencyId: string, limit = 100) {
  return prisma.message.findMany({
    where: { direction: 'out', deliveryError: { not: null }, integration: { agencyId } },
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: { id: true, integrationId: true, complaintId: true, text: true, deliveryError: true, deliveryStatus: true, createdAt: true },
  });
}
