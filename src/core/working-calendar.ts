// Working days in Asia/Jakarta for the SLA clocks: Monday to Friday, except national holidays
// and collective leave (cuti bersama). Pure: the holidays of a year come from a function the
// composition root builds (src/hub/sla/indonesian-holidays.ts); here only the arithmetic.
import { formatDay, jakartaToday } from './dates.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Days off of one year: YYYY-MM-DD → the holiday's name. */
export type HolidaysOfYear = (year: number) => ReadonlyMap<string, string>;

/** 00:00 Jakarta of a calendar day given as ms at 00:00 UTC of that date. */
const startOf = (day: number): Date => new Date(day - JAKARTA_OFFSET_MS);

export class WorkingCalendar {
  private readonly years = new Map<number, ReadonlyMap<string, string>>();

  constructor(private readonly holidaysOfYear: HolidaysOfYear) {}

  /** Weekends only (tests, and the arithmetic before holidays are known). */
  static weekendsOnly(): WorkingCalendar {
    return new WorkingCalendar(() => new Map());
  }

  /** The name of the holiday on a YYYY-MM-DD, if it is one. */
  holiday(date: string): string | undefined {
    const year = Number(date.slice(0, 4));
    let days = this.years.get(year);
    if (!days) {
      days = this.holidaysOfYear(year);
      this.years.set(year, days);
    }
    return days.get(date);
  }

  isWorkingDay(date: string): boolean {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && this.holiday(date) === undefined;
  }

  /** Whether the Jakarta date of `at` is a working day. */
  isWorkingDayAt(at: Date): boolean {
    return this.isWorkingDay(formatDay(jakartaToday(at)));
  }

  /**
   * The end (exclusive: 00:00 Jakarta of the next day) of the n-th working day after the Jakarta
   * date of `from`: a report filed on Monday with n = 3 is due by the end of Thursday.
   */
  addWorkingDays(from: Date, n: number): Date {
    let day = jakartaToday(from);
    let left = n;
    while (left > 0) {
      day += DAY_MS;
      if (this.isWorkingDay(formatDay(day))) left--;
    }
    return startOf(day + DAY_MS);
  }

  /**
   * 00:00 Jakarta of the working day n working days before the Jakarta date of `now`: something
   * that happened before it has had n whole working days since.
   */
  workingDaysBefore(now: Date, n: number): Date {
    let day = jakartaToday(now);
    let left = n;
    while (left > 0) {
      day -= DAY_MS;
      if (this.isWorkingDay(formatDay(day))) left--;
    }
    return startOf(day);
  }

  /** 00:00 Jakarta of the first working day on or after the Jakarta date of `at`. */
  workingDayFrom(at: Date): Date {
    let day = jakartaToday(at);
    while (!this.isWorkingDay(formatDay(day))) day += DAY_MS;
    return startOf(day);
  }
}

/** YYYY-MM-DD of the Jakarta date of `at`. */
export const jakartaDay = (at: Date): string => formatDay(jakartaToday(at));

/** The hour (0–23) in Jakarta at `at`. */
export const jakartaHour = (at: Date): number => new Date(at.getTime() + JAKARTA_OFFSET_MS).getUTCHours();
