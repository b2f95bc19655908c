// Indonesia's days off for the working calendar: national holidays from the date-holidays
// package, replaced year by year by the ministers' joint decree (SKB) where calendar/indonesia.yaml
// or the operator's HOLIDAYS_FILE lists it (the decree fixes the Islamic dates and adds the
// collective leave), then single days from those files. Read once at start-up.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type Holidays from 'date-holidays';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { WorkingCalendar, type HolidaysOfYear } from '../../core/working-calendar.js';

export const BUILT_IN_HOLIDAYS_FILE = fileURLToPath(new URL('../../../calendar/indonesia.yaml', import.meta.url));

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a calendar date');
const dayEntry = z.strictObject({
  date: DATE,
  type: z.enum(['libur_nasional', 'cuti_bersama', 'hari_kerja'], { error: 'must be libur_nasional, cuti_bersama or hari_kerja' }),
  name: z.string().min(1, 'must name the day').max(200),
});
const holidayFile = z.strictObject({
  decrees: z.array(z.strictObject({
    year: z.number().int().min(2000).max(2100),
    source: z.string().max(500).optional(),
    days: z.array(dayEntry),
  }).refine((d) => d.days.every((day) => day.date.startsWith(`${d.year}-`)), 'every day of a decree must be in its year')).default([]),
  days: z.array(dayEntry).default([]),
});
export type HolidayFile = z.infer<typeof holidayFile>;
type DayEntry = z.infer<typeof dayEntry>;

export class HolidayFileError extends Error {}

/** Reads and checks a holiday file (YAML or JSON); the error names the file and the first problem. */
export function readHolidayFile(path: string): HolidayFile {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8')); // JSON is YAML too
  } catch (error) {
    throw new HolidayFileError(`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message.split('\n')[0]}`);
  }
  const parsed = holidayFile.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HolidayFileError(`${path}: ${issue.path.join('.') || 'file'} ${issue.message}`);
  }
  return parsed.data;
}

/** What the package knows of a year: its public holidays, with the package's known misnomer fixed. */
function packageHolidays(holidays: Holidays, year: number): Map<string, string> {
  const days = new Map<string, string>();
  for (const h of holidays.getHolidays(year) || []) {
    if (h.type !== 'public') continue;
    // date-holidays 3.x names 27 Rajab (Isra Mikraj) "Maulid Nabi Muhammad"
    const name = h.rule === '27 Rajab' ? 'Isra Mikraj Nabi Muhammad SAW' : h.name;
    days.set(h.date.slice(0, 10), name);
  }
  return days;
}

// date-holidays takes about 0.1 s to load (its rules for every country): loaded for the first
// year that no decree covers, not at start-up
const require = createRequire(import.meta.url);
let indonesia: Holidays | undefined;
const packageCalendar = (): Holidays => (indonesia ??= new (require('date-holidays') as typeof Holidays)('ID'));

/** The days off of a year, from the package and the files (later files win). */
export function holidaysOfYear(files: HolidayFile[]): HolidaysOfYear {
  return (year) => {
    const decrees = files.flatMap((f) => f.decrees).filter((d) => d.year === year);
    const days = decrees.length ? new Map<string, string>() : packageHolidays(packageCalendar(), year);
    const apply = (entry: DayEntry) => {
      if (!entry.date.startsWith(`${year}-`)) return;
      if (entry.type === 'hari_kerja') days.delete(entry.date);
      else days.set(entry.date, entry.name);
    };
    // the last decree listed for a year is the one in force (an operator's file comes after ours)
    for (const entry of decrees.at(-1)?.days ?? []) apply(entry);
    for (const file of files) for (const entry of file.days) apply(entry);
    return days;
  };
}

/** The hub's calendar: the built-in decrees, then the operator's file when HOLIDAYS_FILE names one. */
export function indonesianCalendar(operatorFile?: string): WorkingCalendar {
  const files = [readHolidayFile(BUILT_IN_HOLIDAYS_FILE)];
  if (operatorFile) files.push(readHolidayFile(operatorFile));
  return new WorkingCalendar(holidaysOfYear(files));
}
