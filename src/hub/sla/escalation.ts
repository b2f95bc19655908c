// Escalation of reports past their follow-up target without an agency response: at the digest
// hour of the first working day after the target, the report gets an `escalated` event, the
// officers' chat a reminder in the report's thread, and the citizen a message, all in one
// transaction that first claims the report (escalatedAt null → now), so each happens once
// however many processes tick.
import type { PrismaClient } from '@prisma/client';
import { escalationTime, NO_CLOCK_STATUSES, dueDates, SLA_WORKING_DAYS } from '../../core/sla.js';
import { jakartaHour, type WorkingCalendar } from '../../core/working-calendar.js';
import type { Logger } from '../../log.js';
import { notifyCitizen } from '../notifier.js';
import type { OfficerFeed } from '../officers/telegram-bridge.js';
import type { ConversationEngine, Enqueue, QueueWaker } from '../ports.js';

export interface EscalationDeps {
  prisma: PrismaClient;
  calendar: WorkingCalendar;
  engine: ConversationEngine;
  enqueue: Enqueue;
  queue: QueueWaker;
  officerFeed?: OfficerFeed;
  logger: Logger;
  /** the hour (Asia/Jakarta) escalations go out on a working day */
  hour: number;
}

/** A working day (Asia/Jakarta), at or after `hour`. */
export function inWorkingHours(calendar: WorkingCalendar, now: Date, hour: number): boolean {
  return calendar.isWorkingDayAt(now) && jakartaHour(now) >= hour;
}

/** At most this many reports are escalated per run; the next run takes the rest. */
const BATCH = 100;

export class Escalation {
  constructor(private readonly deps: EscalationDeps) {}

  /** Escalates every report whose time has come; returns how many this run escalated. */
  async run(now: Date): Promise<number> {
    const { prisma, calendar, hour } = this.deps;
    // in working hours only: a hub that was down catches up on the next working morning
    if (!inWorkingHours(calendar, now, hour)) return 0;
    // the clock started before this instant has run its whole follow-up target by today
    const started = calendar.workingDaysBefore(now, SLA_WORKING_DAYS.followUp);
    const candidates = await prisma.complaint.findMany({
      where: {
        escalatedAt: null,
        firstResponseAt: null,
        status: { notIn: [...NO_CLOCK_STATUSES] },
        OR: [{ verifiedAt: { lt: started } }, { verifiedAt: null, filedAt: { lt: started } }],
      },
      select: { id: true, status: true, filedAt: true, verifiedAt: true, firstResponseAt: true },
      orderBy: { filedAt: 'asc' },
      take: BATCH,
    });
    let escalated = 0;
    for (const c of candidates) {
      const at = escalationTime(calendar, c, hour);
      if (!at || at > now) continue;
      // one report that cannot be escalated does not hold up the others
      const done = await this.escalate(c.id, now).catch((error: unknown) => {
        this.deps.logger.warn({ complaintId: c.id, err: (error as Error).message }, 'escalation failed; trying again at the next tick');
        return false;
      });
      if (done) escalated++;
    }
    if (escalated) this.deps.queue.notify();
    return escalated;
  }

  private async escalate(complaintId: string, now: Date): Promise<boolean> {
    const { prisma, calendar } = this.deps;
    return prisma.$transaction(async (tx) => {
      const claimed = await tx.complaint.updateMany({
        where: { id: complaintId, escalatedAt: null, firstResponseAt: null, status: { notIn: [...NO_CLOCK_STATUSES] } },
        data: { escalatedAt: now },
      });
      if (claimed.count === 0) return false; // another process did, or the agency answered meanwhile
      const complaint = await tx.complaint.findUniqueOrThrow({ where: { id: complaintId }, include: { integration: { select: { type: true } } } });
      const due = dueDates(calendar, complaint).followUp!;
      const event = await tx.complaintEvent.create({
        data: { complaintId, type: 'escalated', at: now, data: { target: 'followUp', due: due.toISOString() } },
      });
      await this.deps.officerFeed?.(tx, complaintId, event.id);
      await notifyCitizen(tx, this.deps, complaint, 'complaint_escalated', { trackingId: complaint.trackingId ?? '' }, now);
      this.deps.logger.info({ complaintId, due: due.toISOString() }, 'report escalated: follow-up target missed');
      return true;
    });
  }
}
