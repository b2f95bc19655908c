// Working-day arithmetic in Asia/Jakarta over a fixture calendar (so the expected days are
// worked out here, by hand, not by the code under test): weekends, a holiday, collective
// leave, a year's end, and instants near midnight Jakarta.
import { describe, expect, it } from 'vitest';
import { jakartaHour, WorkingCalendar } from '../../src/core/working-calendar.js';

const HOLIDAYS = new Map([
  ['2026-12-24', 'Cuti bersama Natal'],
  ['2026-12-25', 'Natal'],
  ['2027-01-01', 'Tahun Baru'],
]);
const calendar = new WorkingCalendar((year) => new Map([...HOLIDAYS].filter(([d]) => d.startsWith(`${year}-`))));
/** an instant given in Jakarta time */
const wib = (local: string) => new Date(`${local}+07:00`);

describe('WorkingCalendar', () => {
  it('knows weekends, holidays and collective leave', () => {
    expect(calendar.isWorkingDay('2026-12-23')).toBe(true); // Wednesday
    expect(calendar.isWorkingDay('2026-12-24')).toBe(false); // cuti bersama, Thursday
    expect(calendar.isWorkingDay('2026-12-25')).toBe(false); // holiday, Friday
    expect(calendar.isWorkingDay('2026-12-26')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-12-27')).toBe(false); // Sunday
    expect(calendar.holiday('2026-12-25')).toBe('Natal');
    expect(calendar.holiday('2026-12-28')).toBeUndefined();
  });

  it('adds working days across collective leave, a holiday and a weekend', () => {
    // Wed 23 Dec + 3: (24 leave, 25 holiday, 26–27 weekend) 28, 29, 30 → until Thu 31 00:00 Jakarta
    expect(calendar.addWorkingDays(wib('2026-12-23T10:00:00'), 3)).toEqual(wib('2026-12-31T00:00:00'));
  });

  it('adds working days across a year\'s end', () => {
    // Wed 30 Dec + 3: 31 Dec, (1 Jan holiday, 2–3 weekend) 4 Jan, 5 Jan → until Wed 6 Jan 00:00
    expect(calendar.addWorkingDays(wib('2026-12-30T09:00:00'), 3)).toEqual(wib('2027-01-06T00:00:00'));
    // + 5 from Tue 29 Dec: 30, 31, 4, 5, 6 → until Thu 7 Jan
    expect(calendar.addWorkingDays(wib('2026-12-29T15:00:00'), 5)).toEqual(wib('2027-01-07T00:00:00'));
  });

  it('counts from the Jakarta date, not the UTC one', () => {
    // 23:30 Friday 18 Dec in Jakarta is 16:30 UTC: Friday; + 1 → Monday 21
    expect(calendar.addWorkingDays(new Date('2026-12-18T16:30:00Z'), 1)).toEqual(wib('2026-12-22T00:00:00'));
    // 00:30 Saturday 19 Dec in Jakarta is still Friday in UTC: counts from Saturday; + 1 → Monday 21 too
    expect(calendar.addWorkingDays(new Date('2026-12-18T17:30:00Z'), 1)).toEqual(wib('2026-12-22T00:00:00'));
    // from a holiday: Fri 25 Dec + 1 → Mon 28
    expect(calendar.addWorkingDays(wib('2026-12-25T08:00:00'), 1)).toEqual(wib('2026-12-29T00:00:00'));
    expect(jakartaHour(new Date('2026-12-18T16:30:00Z'))).toBe(23);
  });

  it('counts back working days, and finds the next working day', () => {
    // from Mon 28 Dec, 2 working days back: (27, 26 weekend, 25, 24 off) 23 (1), 22 (2)
    expect(calendar.workingDaysBefore(wib('2026-12-28T09:00:00'), 2)).toEqual(wib('2026-12-22T00:00:00'));
    expect(calendar.workingDayFrom(wib('2026-12-24T12:00:00'))).toEqual(wib('2026-12-28T00:00:00'));
    expect(calendar.workingDayFrom(wib('2026-12-23T12:00:00'))).toEqual(wib('2026-12-23T00:00:00'));
  });

  it('agrees with itself: started before workingDaysBefore(now, n) ⇔ addWorkingDays(start, n) ≤ now', () => {
    // every 5 hours from 1 Dec 2026 to 20 Jan 2027, against every 7 hours of the same span
    const from = wib('2026-12-01T00:00:00').getTime();
    for (let s = from; s < from + 50 * 86_400_000; s += 5 * 3_600_000) {
      for (let n = s; n < s + 20 * 86_400_000; n += 7 * 3_600_000) {
        const start = new Date(s);
        const now = new Date(n);
        expect(start < calendar.workingDaysBefore(now, 5)).toBe(calendar.addWorkingDays(start, 5) <= now);
      }
    }
  });
});
