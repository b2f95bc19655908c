// Pure aggregation of public statistics from complaint rows (no personal fields reach here).
import { dueDates } from '../../core/sla.js';
import type { WorkingCalendar } from '../../core/working-calendar.js';

const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
export const CLOSED = ['SELESAI', 'BUKAN_WEWENANG', 'DIARSIPKAN'];

export interface StatRow {
  agencyId: string; status: string; category: string; channel: string;
  filedAt: Date; verifiedAt: Date | null; firstResponseAt: Date | null; closedAt: Date | null;
}

export const jakartaMonth = (at: Date): string => new Date(at.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 7);

export function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return Math.round((s[lo]! + (s[hi]! - s[lo]!) * (pos - lo)) * 10) / 10;
}

const count = (rows: StatRow[], key: (r: StatRow) => string) => {
  const out: Record<string, number> = {};
  for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + 1;
  return out;
};
const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);
const hours = (a: Date, b: Date | null) => (b ? (b.getTime() - a.getTime()) / HOUR_MS : null);

export function aggregate(rows: StatRow[], reportsStarted: number, calendar: WorkingCalendar) {
  const closed = rows.filter((r) => CLOSED.includes(r.status)).length;
  const resolved = rows.filter((r) => r.status === 'SELESAI').length;
  const months = count(rows, (r) => jakartaMonth(r.filedAt));
  const series = (f: (r: StatRow) => number | null) => rows.map(f).filter((h): h is number => h !== null);
  const toVer = series((r) => hours(r.filedAt, r.verifiedAt));
  const toResp = series((r) => hours(r.filedAt, r.firstResponseAt));
  const toClose = series((r) => hours(r.filedAt, r.closedAt));
  const verified = rows.filter((r) => r.verifiedAt);
  const responded = rows.filter((r) => r.firstResponseAt);
  const byChannel: Record<string, number> = { telegram: 0, whatsapp: 0, webchat: 0, ...count(rows, (r) => r.channel) };
  return {
    totals: { reports: rows.length, open: rows.length - closed, closed, resolved },
    byStatus: count(rows, (r) => r.status),
    byCategory: count(rows, (r) => r.category),
    byChannel,
    byAgency: count(rows, (r) => r.agencyId),
    // per month, also by channel: the dashboard's "reports per month by channel"
    byMonth: Object.keys(months).sort().map((month) => ({
      month, reports: months[month]!, byChannel: count(rows.filter((r) => jakartaMonth(r.filedAt) === month), (r) => r.channel),
    })),
    resolutionRate: ratio(resolved, rows.length),
    completionRate: ratio(rows.length, reportsStarted),
    medianHours: { toVerification: quantile(toVer, 0.5), toFirstResponse: quantile(toResp, 0.5), toClose: quantile(toClose, 0.5) },
    p90Hours: { toVerification: quantile(toVer, 0.9), toFirstResponse: quantile(toResp, 0.9), toClose: quantile(toClose, 0.9) },
    // verified within 3 working days of filing; first response within 5 working days of verification
    // (of filing if never verified); working days skip weekends, holidays and collective leave
    sla: {
      verifiedInTime: ratio(verified.filter((r) => r.verifiedAt! < dueDates(calendar, r).verification!).length, verified.length),
      respondedInTime: ratio(responded.filter((r) => r.firstResponseAt! < dueDates(calendar, r).followUp!).length, responded.length),
    },
  };
}

export interface ChannelCompleteness {
  /** reports started in conversations of the channel */
  started: number;
  /** complete reports the citizens confirmed */
  reports: number;
  /** reports / started (null when nothing started) */
  rate: number | null;
  /** mean questions and re-asks per report, of the reports whose count is known (0.1) */
  questionsPerReport: number | null;
}

/**
 * Completeness per channel: how many started reports the citizens completed, and how many
 * questions each took. The three chat channels are always present; console and others when used.
 */
export function completeness(
  started: Record<string, number>,
  confirmed: { channel: string; questionsAsked: number | null }[],
): Record<string, ChannelCompleteness> {
  const channels = new Set(['telegram', 'whatsapp', 'webchat', ...Object.keys(started), ...confirmed.map((c) => c.channel)]);
  const out: Record<string, ChannelCompleteness> = {};
  for (const channel of channels) {
    const reports = confirmed.filter((c) => c.channel === channel);
    const counted = reports.map((c) => c.questionsAsked).filter((n): n is number => n !== null);
    const sum = counted.reduce((a, b) => a + b, 0);
    out[channel] = {
      started: started[channel] ?? 0,
      reports: reports.length,
      rate: ratio(reports.length, started[channel] ?? 0),
      questionsPerReport: counted.length ? Math.round((sum / counted.length) * 10) / 10 : null,
    };
  }
  return out;
}
