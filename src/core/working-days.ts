// Working days in Asia/Jakarta for the SLA clocks: Monday to Friday. (National holidays and
// collective leave come with the SLA work; until then only weekends are skipped.)
import { formatDay, jakartaToday } from './dates.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;

const isWeekend = (day: number): boolean => {
  const weekday = new Date(day).getUTCDay();
  return weekday === 0 || weekday === 6;
};

/** The start (00:00 Jakarta) of the day `n` working days before the Jakarta date of `now`. */
export function workingDaysBefore(now: Date, n: number): Date {
  let day = jakartaToday(now);
  let left = n;
  while (left > 0) {
    day -= DAY_MS;
    if (!isWeekend(day)) left--;
  }
  return new Date(day - JAKARTA_OFFSET_MS);
}

export const jakartaDay = (at: Date): string => formatDay(jakartaToday(at));
