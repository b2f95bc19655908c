// The road map's service levels (PermenPANRB 46/2020), in working days: a report is verified
// within 3 working days of filing, the agency follows up within 5 working days of the
// verification, and a followed-up report closes 10 working days later if the citizen does not
// answer. Pure: what is due when, from a report's timestamps and a working calendar.
import { CLOSED_STATUSES } from './taxonomy.js';
import type { WorkingCalendar } from './working-calendar.js';

export const SLA_WORKING_DAYS = { verification: 3, followUp: 5, closing: 10 } as const;

/** Statuses that have no clock running: closed, or never filed. */
export const NO_CLOCK_STATUSES: readonly string[] = [...CLOSED_STATUSES, 'REJECTED', 'FAILED'];

export interface SlaTimes {
  status: string;
  filedAt: Date | null;
  verifiedAt: Date | null;
  firstResponseAt: Date | null;
}

/** Each target's deadline (exclusive instant), or null where its clock has not started. */
export interface DueDates {
  verification: Date | null;
  /** counted from the verification; from the filing while the report is not verified yet */
  followUp: Date | null;
  /** counted from the agency's first response */
  closing: Date | null;
}

export function dueDates(calendar: WorkingCalendar, c: SlaTimes): DueDates {
  if (!c.filedAt) return { verification: null, followUp: null, closing: null };
  return {
    verification: calendar.addWorkingDays(c.filedAt, SLA_WORKING_DAYS.verification),
    followUp: calendar.addWorkingDays(c.verifiedAt ?? c.filedAt, SLA_WORKING_DAYS.followUp),
    closing: c.firstResponseAt ? calendar.addWorkingDays(c.firstResponseAt, SLA_WORKING_DAYS.closing) : null,
  };
}

const clockRuns = (c: SlaTimes) => c.filedAt !== null && !NO_CLOCK_STATUSES.includes(c.status);

/** Open, not answered by the agency, and past its follow-up target. */
export function isFollowUpOverdue(calendar: WorkingCalendar, c: SlaTimes, now: Date): boolean {
  if (!clockRuns(c) || c.firstResponseAt) return false;
  return dueDates(calendar, c).followUp!.getTime() <= now.getTime();
}

/** Open, not verified, and past its verification target. */
export function isVerificationOverdue(calendar: WorkingCalendar, c: SlaTimes, now: Date): boolean {
  if (!clockRuns(c) || c.verifiedAt || c.firstResponseAt) return false;
  return dueDates(calendar, c).verification!.getTime() <= now.getTime();
}

/**
 * When a report past its follow-up target is escalated: at `hour` (Jakarta) of the first
 * working day after the target, so that officers and the citizen hear of it in working hours,
 * not at midnight or on a holiday.
 */
export function escalationTime(calendar: WorkingCalendar, c: SlaTimes, hour: number): Date | null {
  if (!clockRuns(c) || c.firstResponseAt) return null;
  const due = dueDates(calendar, c).followUp!;
  return new Date(calendar.workingDayFrom(due).getTime() + hour * 60 * 60 * 1000);
}
