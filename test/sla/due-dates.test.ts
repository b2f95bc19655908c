// The road map's targets as due dates (src/core/sla.ts), over a fixture calendar.
import { describe, expect, it } from 'vitest';
import { dueDates, escalationTime, isFollowUpOverdue, isVerificationOverdue } from '../../src/core/sla.js';
import { WorkingCalendar } from '../../src/core/working-calendar.js';

const calendar = new WorkingCalendar((year) => (year === 2026 ? new Map([['2026-12-24', 'Cuti bersama'], ['2026-12-25', 'Natal']]) : new Map()));
const wib = (local: string) => new Date(`${local}+07:00`);
const report = (o: Partial<Parameters<typeof dueDates>[1]> = {}) => ({
  status: 'BELUM_TERVERIFIKASI', filedAt: wib('2026-12-14T10:00:00'), verifiedAt: null, firstResponseAt: null, ...o,
});

describe('due dates', () => {
  it('verification 3, follow-up 5 (from the verification), closing 10 (from the response) working days', () => {
    // filed Mon 14 Dec: verification by the end of Thu 17; follow-up from the filing while unverified: Mon 21
    expect(dueDates(calendar, report())).toEqual({
      verification: wib('2026-12-18T00:00:00'), followUp: wib('2026-12-22T00:00:00'), closing: null,
    });
    // verified Wed 16: follow-up 17, 18, 21, 22, 23 → end of Wed 23; answered Wed 23, closing
    // (24–27 off; 1 Jan is a working day in this fixture): 28, 29, 30, 31, 1, 4, 5, 6, 7, 8 → end of Fri 8 Jan
    const answered = report({ status: 'DITINDAKLANJUTI', verifiedAt: wib('2026-12-16T09:00:00'), firstResponseAt: wib('2026-12-23T15:00:00') });
    expect(dueDates(calendar, answered)).toEqual({
      verification: wib('2026-12-18T00:00:00'), followUp: wib('2026-12-24T00:00:00'), closing: wib('2027-01-09T00:00:00'),
    });
    expect(dueDates(calendar, report({ status: 'CONFIRMED', filedAt: null }))).toEqual({ verification: null, followUp: null, closing: null });
  });

  it('is overdue once the deadline has passed, only while open and unanswered', () => {
    const verified = report({ status: 'TERDISPOSISI', verifiedAt: wib('2026-12-16T09:00:00') });
    expect(isFollowUpOverdue(calendar, verified, wib('2026-12-23T23:59:00'))).toBe(false);
    expect(isFollowUpOverdue(calendar, verified, wib('2026-12-24T00:00:00'))).toBe(true);
    expect(isFollowUpOverdue(calendar, { ...verified, firstResponseAt: wib('2026-12-24T01:00:00') }, wib('2026-12-28T00:00:00'))).toBe(false);
    expect(isFollowUpOverdue(calendar, { ...verified, status: 'SELESAI' }, wib('2026-12-28T00:00:00'))).toBe(false);
    expect(isVerificationOverdue(calendar, report(), wib('2026-12-18T00:00:00'))).toBe(true);
    expect(isVerificationOverdue(calendar, verified, wib('2026-12-18T00:00:00'))).toBe(false);
  });

  it('escalates at the given hour of the first working day after the follow-up deadline', () => {
    // follow-up due by the end of Wed 23 Dec; 24 and 25 are off, 26–27 the weekend: Monday 28 at 08:00
    const verified = report({ status: 'TERDISPOSISI', verifiedAt: wib('2026-12-16T09:00:00') });
    expect(escalationTime(calendar, verified, 8)).toEqual(wib('2026-12-28T08:00:00'));
    // due by the end of Mon 21 (unverified): Tuesday 22 at 08:00
    expect(escalationTime(calendar, report(), 8)).toEqual(wib('2026-12-22T08:00:00'));
    expect(escalationTime(calendar, { ...verified, firstResponseAt: wib('2026-12-20T08:00:00') }, 8)).toBeNull();
  });
});
