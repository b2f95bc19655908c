// What the bot says about the SLA clocks in the officers' chat (Indonesian, then English): the
// reminder of an escalated report, and the daily digest. Reports are named by their LAPOR!
// number and category only: no reporter, no free text.
import { reportLabel } from '../officers/telegram-bridge-texts.js';

export interface SlaItem {
  id: string;
  trackingId: string | null;
  category: string;
  /** which target: verification or follow-up */
  target: 'verification' | 'followUp';
  /** the deadline (exclusive instant) */
  due: Date;
}

export interface Digest {
  /** YYYY-MM-DD (Asia/Jakarta) */
  day: string;
  dueToday: SlaItem[];
  overdue: SlaItem[];
  /** listed per section at most */
  limit: number;
}

const TARGET = { verification: 'verifikasi / verification', followUp: 'tindak lanjut / follow-up' } as const;

/** The last day of a deadline (its exclusive instant minus a minute), as "Jum, 27 Mar 2026". */
export function deadlineDay(due: Date): string {
  return new Intl.DateTimeFormat('id-ID', {
    timeZone: 'Asia/Jakarta', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
  }).format(new Date(due.getTime() - 60_000));
}

export function escalationReminder(c: { id: string; trackingId: string | null; category: string }, due: Date): string {
  return [
    `⏰ Eskalasi / Escalated: ${reportLabel(c)} · ${c.category}`,
    `Batas tindak lanjut (5 hari kerja) lewat pada ${deadlineDay(due)} tanpa tanggapan instansi. Pelapor sudah diberi tahu.`,
    `The follow-up target (5 working days) passed on ${deadlineDay(due)} without an agency response. The reporter has been told.`,
    '↩️ Balas pesan ini untuk menjawab pelapor. / Reply to this message to answer the reporter.',
  ].join('\n');
}

function section(title: string, items: SlaItem[], limit: number): string[] {
  if (items.length === 0) return [];
  const lines = items.slice(0, limit).map((i) => `• ${reportLabel(i)} · ${i.category} — ${TARGET[i.target]}, batas / due ${deadlineDay(i.due)}`);
  if (items.length > limit) lines.push(`… dan ${items.length - limit} lainnya / and ${items.length - limit} more (/admin)`);
  return [`${title} (${items.length}):`, ...lines];
}

/** The digest's text, or null when nothing is due or overdue (no post on a quiet day). */
export function digestText(d: Digest): string | null {
  if (d.dueToday.length === 0 && d.overdue.length === 0) return null;
  return [
    `📋 Ringkasan SLA / SLA digest ${d.day}`,
    ...section('⏳ Jatuh tempo hari ini / Due today', d.dueToday, d.limit),
    ...section('🔴 Terlambat / Overdue', d.overdue, d.limit),
  ].join('\n');
}
