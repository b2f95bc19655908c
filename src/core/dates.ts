// Dates of incidents as citizens write them ("kemarin", "3 hari lalu", "12 Nov"),
// resolved to calendar dates in Asia/Jakarta. Pure and synchronous: `now` is a parameter.

export interface FoundDate {
  /** the words as the citizen wrote them */
  text: string;
  /** YYYY-MM-DD */
  value: string;
}

export type DateParse =
  | ({ ok: true } & FoundDate)
  /** none: no date in the text; future: after today; invalid: no such day (31 Feb) */
  | { ok: false; reason: 'none' | 'future' | 'invalid'; text?: string; value?: string };

/** Jakarta has no daylight saving time: it is always UTC+7. */
const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar day as milliseconds since epoch at 00:00 UTC of that day (no time zone games). */
type Day = number;

const dayOf = (y: number, m: number, d: number): Day => Date.UTC(y, m - 1, d);

/** The calendar date in Jakarta at instant `now`. */
export function jakartaToday(now: Date): Day {
  const shifted = new Date(now.getTime() + JAKARTA_OFFSET_MS);
  return dayOf(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** YYYY-MM-DD of the Jakarta date of `now`. */
export function jakartaDateString(now: Date): string {
  return formatDay(jakartaToday(now));
}

export function formatDay(day: Day): string {
  return new Date(day).toISOString().slice(0, 10);
}

function isValidDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const date = new Date(dayOf(y, m, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function minusMonths(day: Day, months: number): Day {
  const date = new Date(day);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() - months;
  // clamp: "sebulan lalu" on 31 March is the last day of February
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(date.getUTCDate(), lastDay));
}

const MONTHS: Record<string, number> = {};
const MONTH_WORDS: [number, string[]][] = [
  [1, ['januari', 'january', 'jan']],
  [2, ['februari', 'pebruari', 'february', 'feb', 'peb']],
  [3, ['maret', 'march', 'mar']],
  [4, ['april', 'apr']],
  [5, ['mei', 'may']],
  [6, ['juni', 'june', 'jun']],
  [7, ['juli', 'july', 'jul']],
  [8, ['agustus', 'august', 'agu', 'agt', 'ags', 'aug']],
  [9, ['september', 'sept', 'sep']],
  [10, ['oktober', 'october', 'okt', 'oct']],
  [11, ['november', 'nopember', 'nov', 'nop']],
  [12, ['desember', 'december', 'des', 'dec']],
];
for (const [month, words] of MONTH_WORDS) for (const word of words) MONTHS[word] = month;
// longest first so that "juni" wins over "jun"
const MONTH_RE = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');

/** 0 = Sunday, as Date#getUTCDay. */
const WEEKDAYS: Record<string, number> = {
  minggu: 0, ahad: 0, sunday: 0,
  senin: 1, monday: 1,
  selasa: 2, tuesday: 2,
  rabu: 3, wednesday: 3,
  kamis: 4, thursday: 4,
  jumat: 5, "jum'at": 5, friday: 5,
  sabtu: 6, saturday: 6,
};

const NUMBER_WORDS: Record<string, number> = {
  se: 1, satu: 1, a: 1, an: 1, one: 1,
  dua: 2, two: 2, tiga: 3, three: 3, empat: 4, four: 4, lima: 5, five: 5,
  enam: 6, six: 6, tujuh: 7, seven: 7, delapan: 8, eight: 8, sembilan: 9, nine: 9,
  sepuluh: 10, ten: 10,
};
const NUMBER_RE = `\\d{1,3}|${Object.keys(NUMBER_WORDS).filter((w) => w !== 'se').join('|')}`;

const UNIT_DAYS: Record<string, number> = { hari: 1, day: 1, minggu: 7, pekan: 7, week: 7 };
const UNIT_MONTHS: Record<string, number> = { bulan: 1, month: 1, tahun: 12, year: 12 };

function count(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS[word] ?? NaN);
}

function unitAgo(today: Day, n: number, unit: string): Day {
  const u = unit.replace(/s$/, '');
  if (u in UNIT_DAYS) return today - n * UNIT_DAYS[u]! * DAY_MS;
  return minusMonths(today, n * UNIT_MONTHS[u]!);
}

/** The most recent `weekday` on or before today; strictly before when `past` ("senin kemarin"). */
function lastWeekday(today: Day, weekday: number, past: boolean): Day {
  let back = (new Date(today).getUTCDay() - weekday + 7) % 7;
  if (back === 0 && past) back = 7;
  return today - back * DAY_MS;
}

/** A day + month without a year: the most recent one not after today. */
function recentDayMonth(today: Day, m: number, d: number): Day | null {
  const year = new Date(today).getUTCFullYear();
  if (!isValidDay(year, m, d) && !(m === 2 && d === 29)) return null;
  for (let y = year; y > year - 8; y--) {
    if (!isValidDay(y, m, d)) continue; // 29 Feb: go back to a leap year
    const day = dayOf(y, m, d);
    if (day <= today) return day;
  }
  return null;
}

function fullDate(y: number, m: number, d: number): Day | null {
  if (y < 100) y += 2000;
  return isValidDay(y, m, d) ? dayOf(y, m, d) : null;
}

type Resolver = (m: RegExpExecArray, today: Day) => Day | null;

const B = '(?<![\\p{L}\\d])'; // word start (works for digits and letters alike)
const E = '(?![\\p{L}\\d])'; // word end
const AGO_ID = '(?:yang\\s+|yg\\s+)?(?:lalu|lampau|kemarin|kmrn|lewat)';
const WEEKDAY_RE = Object.keys(WEEKDAYS).filter((w) => w !== 'minggu').join('|');

/** Ordered by priority: earlier patterns claim their words first (longest, most specific). */
const PATTERNS: [RegExp, Resolver][] = [
  // 2026-11-20
  [/(\d{4})-(\d{1,2})-(\d{1,2})/, (m) => fullDate(+m[1]!, +m[2]!, +m[3]!)],
  // 20/11/2026, 20-11-2026, 20.11.26
  [/(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})/, (m) => fullDate(+m[3]!, +m[2]!, +m[1]!)],
  // 12 November 2026, 12 nov, tgl 12 Nov
  [
    new RegExp(`(\\d{1,2})\\s*(${MONTH_RE})\\.?(?:,?\\s*(\\d{4}))?`),
    (m, today) => (m[3] ? fullDate(+m[3], MONTHS[m[2]!]!, +m[1]!) : recentDayMonth(today, MONTHS[m[2]!]!, +m[1]!)),
  ],
  // November 12, Nov 12th 2026
  [
    new RegExp(`(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?`),
    (m, today) => (m[3] ? fullDate(+m[3], MONTHS[m[1]!]!, +m[2]!) : recentDayMonth(today, MONTHS[m[1]!]!, +m[2]!)),
  ],
  // kemarin lusa, the day before yesterday
  [/(?:kemarin|kemaren|kmrn|kmarin)\s+lusa|the\s+day\s+before\s+yesterday/, (_m, t) => t - 2 * DAY_MS],
  // 3 hari lalu, 2 minggu yang lalu, tiga bulan lalu, 3 days ago, a week ago
  [
    new RegExp(`(${NUMBER_RE})\\s*(hari|minggu|pekan|bulan|tahun)\\s+${AGO_ID}`),
    (m, t) => unitAgo(t, count(m[1]!), m[2]!),
  ],
  [new RegExp(`se(hari|minggu|pekan|bulan|tahun)\\s+${AGO_ID}`), (m, t) => unitAgo(t, 1, m[1]!)],
  [new RegExp(`(${NUMBER_RE})\\s+(days?|weeks?|months?|years?)\\s+ago`), (m, t) => unitAgo(t, count(m[1]!), m[2]!)],
  // minggu lalu, bulan lalu, last week, last month
  [/(minggu|pekan|bulan|tahun)\s+(?:yang\s+|yg\s+)?lalu/, (m, t) => unitAgo(t, 1, m[1]!)],
  [/last\s+(week|month|year)/, (m, t) => unitAgo(t, 1, m[1]!)],
  // hari senin kemarin, senin lalu, last monday, monday
  [
    new RegExp(`(?:hari\\s+)?(${WEEKDAY_RE})(?:\\s+(kemarin|kemaren|kmrn|lalu|kemarin\\s+lalu))?`),
    (m, t) => lastWeekday(t, WEEKDAYS[m[1]!]!, Boolean(m[2])),
  ],
  [/hari\s+minggu(?:\s+(kemarin|kmrn|lalu))?|minggu\s+(kemarin|kmrn)/, (m, t) => lastWeekday(t, 0, Boolean(m[1] ?? m[2]))],
  [new RegExp(`last\\s+(${WEEKDAY_RE})`), (m, t) => lastWeekday(t, WEEKDAYS[m[1]!]!, true)],
  // kemarin, semalam, tadi malam (last night), yesterday
  [/kemarin|kemaren|kmrn|kmarin|kmren|kemarin\s+malam|semalam|tadi\s+malam|td\s+malam|yesterday|last\s+night/, (_m, t) => t - DAY_MS],
  // hari ini, tadi pagi, td siang, barusan, today, this morning
  [
    /hari\s+ini|hr\s+ini|(?:tadi|td)\s+(?:pagi|siang|sore)|(?:pagi|siang|sore)\s+ini|barusan|today|this\s+(?:morning|afternoon|evening)|just\s+now/,
    (_m, t) => t,
  ],
  // besok, lusa, tomorrow: recognised only to say "that is in the future"
  [/besok|besuk|lusa|tomorrow/, (_m, t) => t + DAY_MS],
];

const COMPILED = PATTERNS.map(([re, resolve]) => [new RegExp(`${B}(?:${re.source})${E}`, 'giu'), resolve] as const);

interface Match {
  index: number;
  end: number;
  text: string;
  day: Day | null;
}

/** Every date expression in `text`, non-overlapping, in reading order. */
function scan(text: string, now: Date): Match[] {
  const lower = text.toLowerCase().replace(/[’`]/g, "'");
  const today = jakartaToday(now);
  const matches: Match[] = [];
  const overlaps = (a: number, b: number) => matches.some((m) => a < m.end && b > m.index);
  for (const [re, resolve] of COMPILED) {
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      const end = m.index + m[0].length;
      if (overlaps(m.index, end)) continue;
      matches.push({ index: m.index, end, text: text.slice(m.index, end), day: resolve(m, today) });
    }
  }
  return matches.sort((a, b) => a.index - b.index);
}

/**
 * The date in an answer to "when did it happen?". Takes the first usable date in the text,
 * and tells why there is none: no date words, a future date, or a day that does not exist.
 */
export function parseDateDetailed(text: string, now: Date): DateParse {
  const today = jakartaToday(now);
  const matches = scan(text, now);
  const usable = matches.find((m) => m.day !== null && m.day <= today);
  if (usable) return { ok: true, text: usable.text, value: formatDay(usable.day!) };
  const future = matches.find((m) => m.day !== null);
  if (future) return { ok: false, reason: 'future', text: future.text, value: formatDay(future.day!) };
  if (matches.length > 0) return { ok: false, reason: 'invalid', text: matches[0]!.text };
  // a bare weekday "minggu" is Sunday when it is the whole answer (elsewhere it means "week")
  if (/^\s*(hari\s+)?minggu\s*[.!?]?\s*$/i.test(text)) {
    return { ok: true, text: text.trim(), value: formatDay(lastWeekday(today, 0, false)) };
  }
  return { ok: false, reason: 'none' };
}

/** The date in an answer, or null when there is none or it is in the future. */
export function parseDate(text: string, now: Date): FoundDate | null {
  const parsed = parseDateDetailed(text, now);
  return parsed.ok ? { text: parsed.text, value: parsed.value } : null;
}

/** Dates (today or earlier) mentioned anywhere in a free text, in reading order. */
export function findDates(text: string, now: Date): FoundDate[] {
  const today = jakartaToday(now);
  return scan(text, now)
    .filter((m) => m.day !== null && m.day <= today)
    .map((m) => ({ text: m.text, value: formatDay(m.day!) }));
}
