// The SLA clocks end to end: a whole hub (real database, queue, LAPOR! simulator, the Telegram
// officers' chat through the Bot API double, a web chat citizen). A report past its follow-up
// target is escalated once, at the digest hour of the right working day (Indonesia's holidays
// from the built-in calendar: Maulid Nabi on Tue 25 Aug 2026); the officers' chat gets the
// reminder in the report's thread and one digest a day; the citizen is told once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeTelegramBotApi } from '../doubles/telegram-bot-api.js';
import { eventually, type TestHub } from '../support/hub.js';
import { ADMIN_KEY, confirmReport, OFFICERS, postIn, sleep, startOfficerHub } from '../officers/support.js';

const wib = (local: string) => new Date(`${local}+07:00`);

let fake: FakeTelegramBotApi;
let hub: TestHub;
/** the report escalated in the first test */
let escalatedTracking: string;
beforeAll(async () => {
  ({ fake, hub } = await startOfficerHub());
});
afterAll(async () => {
  await hub?.close();
  await fake?.stop();
});

/** A filed, announced web chat report, then moved to the given clock times. */
async function filedReport(times: { status: string; filedAt: Date; verifiedAt: Date | null }) {
  const { chat, complaint } = await confirmReport(hub, { privacy: 'public' });
  const filed = await eventually(() => hub.prisma.complaint.findFirst({ where: { id: complaint.id, trackingId: { not: null } } }));
  const root = await postIn(fake, (m) => m.text?.startsWith('📢') === true && m.text.includes(filed.trackingId!));
  await hub.prisma.complaint.update({ where: { id: complaint.id }, data: times });
  return { chat, id: complaint.id, trackingId: filed.trackingId!, root };
}

const escalations = (id: string) => hub.prisma.complaintEvent.count({ where: { complaintId: id, type: 'escalated' } });
const digests = () => fake.sentTo(OFFICERS).filter((m) => m.text?.startsWith('📋'));

describe('escalation and the daily digest', () => {
  it('escalates on the first working day after the follow-up target, at 08:00, once', async () => {
    // A: verified Fri 14 Aug; 5 working days (15–16 weekend, 17 Independence Day): 18, 19, 20, 21, 24
    // → due by the end of Mon 24 Aug; Tue 25 is Maulid Nabi: escalated Wed 26 at 08:00
    const a = await filedReport({ status: 'TERDISPOSISI', filedAt: wib('2026-08-13T10:00:00'), verifiedAt: wib('2026-08-14T09:00:00') });
    // B: filed Thu 20 Aug, not verified: verification due by the end of Wed 26 (21, 24, 25 off, 26)
    const b = await filedReport({ status: 'BELUM_TERVERIFIKASI', filedAt: wib('2026-08-20T11:00:00'), verifiedAt: null });

    // Monday before the hour, the holiday, Wednesday a minute before the hour: nothing
    for (const at of ['2026-08-24T07:30:00', '2026-08-25T09:00:00', '2026-08-26T07:59:00']) {
      expect(await hub.sla.tick(wib(at))).toEqual({ escalated: 0, digests: 0 });
    }
    expect(await escalations(a.id)).toBe(0);

    // two processes' ticks at once: one escalation, one digest
    const ticks = await Promise.all([hub.sla.tick(wib('2026-08-26T08:00:00')), hub.sla.tick(wib('2026-08-26T08:00:00'))]);
    expect(ticks.reduce((n, t) => n + t.escalated, 0)).toBe(1);
    expect(ticks.reduce((n, t) => n + t.digests, 0)).toBe(1);

    const stored = await hub.prisma.complaint.findUniqueOrThrow({ where: { id: a.id } });
    expect(stored.escalatedAt).toEqual(wib('2026-08-26T08:00:00'));
    escalatedTracking = a.trackingId;
    const event = await hub.prisma.complaintEvent.findFirstOrThrow({ where: { complaintId: a.id, type: 'escalated' } });
    expect(event.data).toMatchObject({ target: 'followUp', due: wib('2026-08-25T00:00:00').toISOString() });

    // the reminder, in the report's thread, naming the deadline's last day; no contact of the reporter
    const reminder = await postIn(fake, (m) => m.text?.startsWith('⏰') === true && m.text.includes(a.trackingId));
    expect(reminder.reply_to_message?.message_id).toBe(a.root.message_id);
    expect(reminder.text).toContain('24 Agu 2026');
    expect(reminder.text).not.toMatch(/Budi|0812|\+62/);

    // the citizen hears of it once
    const told = await eventually(async () => (await a.chat.history()).filter((m) => m.text.startsWith('⏰')).length === 1 || undefined);
    expect(told).toBe(true);
    expect((await a.chat.history()).find((m) => m.text.startsWith('⏰'))!.text).toContain(a.trackingId);
    expect((await b.chat.history()).some((m) => m.text.startsWith('⏰'))).toBe(false);

    // the digest: B due today (verification), A overdue (follow-up)
    const digest = await eventually(async () => digests()[0]);
    expect(digest.text).toContain('2026-08-26');
    const [today, late] = digest.text!.split('🔴');
    expect(today).toContain(b.trackingId);
    expect(today).toContain('verifikasi');
    expect(late).toContain(a.trackingId);
    expect(late).toContain('tindak lanjut');
    expect(digest.text).not.toMatch(/Budi|0812|Merdeka/);

    // later the same day, and the next morning: no second escalation; the digest once a day
    expect(await hub.sla.tick(wib('2026-08-26T15:00:00'))).toEqual({ escalated: 0, digests: 0 });
    expect(await hub.sla.tick(wib('2026-08-27T08:05:00'))).toEqual({ escalated: 0, digests: 1 });
    await eventually(async () => digests().length === 2 || undefined);
    await sleep(300);
    expect(await escalations(a.id)).toBe(1);
    expect(fake.sentTo(OFFICERS).filter((m) => m.text?.startsWith('⏰') && m.text.includes(a.trackingId))).toHaveLength(1);
    expect((await a.chat.history()).filter((m) => m.text.startsWith('⏰'))).toHaveLength(1);
    expect(digests()[1]!.text).toContain('2026-08-27');
  });

  it('does not escalate a report the agency has answered, or a closed one', async () => {
    const answered = await filedReport({ status: 'DITINDAKLANJUTI', filedAt: wib('2026-09-01T10:00:00'), verifiedAt: wib('2026-09-01T12:00:00') });
    await hub.prisma.complaint.update({ where: { id: answered.id }, data: { firstResponseAt: wib('2026-09-10T10:00:00') } });
    const closed = await filedReport({ status: 'SELESAI', filedAt: wib('2026-09-01T10:00:00'), verifiedAt: wib('2026-09-01T12:00:00') });
    await hub.sla.tick(wib('2026-09-14T09:00:00'));
    expect(await escalations(answered.id)).toBe(0);
    expect(await escalations(closed.id)).toBe(0);
  });

  it('shows the due dates and the escalation on the public page of the report, without the reporter', async () => {
    const res = await fetch(`${hub.url}/api/public/complaints/${escalatedTracking}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      escalatedAt: wib('2026-08-26T08:00:00').toISOString(),
      // filed Thu 13 Aug: verification 14, (17 off) 18, 19 → by the end of Wed 19
      due: { verification: wib('2026-08-20T00:00:00').toISOString(), followUp: wib('2026-08-25T00:00:00').toISOString(), closing: null },
    });
    expect(JSON.stringify(body)).not.toMatch(/Budi|0812|81298765432|Merdeka/);
  });
});

describe('due dates for officers', () => {
  it('are in the admin API\'s complaint, with the overdue flag and the escalation', async () => {
    const escalated = await hub.prisma.complaint.findUniqueOrThrow({ where: { trackingId: escalatedTracking } });
    const res = await fetch(`${hub.url}/api/v1/admin/complaints/${escalated.id}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.escalatedAt).toBe(wib('2026-08-26T08:00:00').toISOString());
    expect(body.sla).toEqual({
      due: { verification: wib('2026-08-20T00:00:00').toISOString(), followUp: wib('2026-08-25T00:00:00').toISOString(), closing: null },
      overdue: true, // the hub's clock is today's, long after August
    });
    const overdue = await (await fetch(`${hub.url}/api/v1/admin/complaints?overdue=true&limit=100`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })).json();
    expect(overdue.complaints.map((c: { id: string }) => c.id)).toContain(escalated.id);
  });
});

describe('the SLA ticker', () => {
  it('runs on its own where workers run', async () => {
    const own = await startOfficerHub({ options: { slaClocks: true, slaTickMs: 100, now: () => wib('2026-08-26T09:00:00') } });
    try {
      const { complaint } = await confirmReport(own.hub, { privacy: 'anonymous' });
      await eventually(() => own.hub.prisma.complaint.findFirst({ where: { id: complaint.id, trackingId: { not: null } } }));
      await own.hub.prisma.complaint.update({
        where: { id: complaint.id }, data: { status: 'TERDISPOSISI', filedAt: wib('2026-08-13T10:00:00'), verifiedAt: wib('2026-08-14T09:00:00') },
      });
      const event = await eventually(() => own.hub.prisma.complaintEvent.findFirst({ where: { complaintId: complaint.id, type: 'escalated' } }));
      expect(event.at).toEqual(wib('2026-08-26T09:00:00'));
    } finally {
      await own.hub.close();
      await own.fake.stop();
    }
  });
});
