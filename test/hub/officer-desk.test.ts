// The OfficerDesk, the one place officers act from (API, page, Telegram): a reply reaches the
// citizen's chat and LAPOR! once, every action is audited, and an officer of another agency
// finds nothing to act on, exactly as for a complaint that does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfficerDeskError } from '../../src/hub/officers/officer-desk.js';
import type { Principal } from '../../src/hub/officers/principal.js';
import { confirmComplaint } from '../support/citizen.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { WebchatClient } from '../support/webchat-client.js';

const AGENCY = 'Dinas PUPR Kota Bandung';
const RINA: Principal = { agencyId: 'default', officerId: 'officer-rina', role: 'officer', name: 'Rina', actorKey: 'officer-rina' };
const OUTSIDER: Principal = { agencyId: 'kab-garut', officerId: 'officer-asep', role: 'admin', name: 'Asep', actorKey: 'officer-asep' };

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ AGENCY_NAME: AGENCY });
  await hub.prisma.agency.create({ data: { id: 'kab-garut', name: 'Pemkab Garut' } });
  await hub.prisma.officer.createMany({ data: [
    { id: 'officer-rina', agencyId: 'default', name: 'Rina' },
    { id: 'officer-asep', agencyId: 'kab-garut', name: 'Asep', role: 'admin' },
  ] });
});
afterAll(async () => hub?.close());

async function filedComplaint() {
  const chat = new WebchatClient(hub.url);
  await confirmComplaint(chat);
  const complaint = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: chat.sessionId, trackingId: { not: null } } }));
  return { chat, complaint: complaint as typeof complaint & { trackingId: string } };
}

describe('OfficerDesk', () => {
  it('relays a reply to the citizen as the agency and posts it to LAPOR! once; the citizen can answer it', async () => {
    const { chat, complaint } = await filedComplaint();
    const reply = await hub.desk.reply(RINA, { trackingId: complaint.trackingId }, 'Tim kami akan memeriksa lampu besok pagi.', 'api 127.0.0.1');
    expect(reply.complaintId).toBe(complaint.id);

    const text = await eventually(async () => (await chat.history()).map((m) => m.text).find((t) => t.includes('memeriksa lampu')));
    expect(text).toContain(AGENCY);
    expect(text).not.toContain('Rina'); // the citizen hears the agency, not the officer's name

    const posted = await eventually(async () => {
      const report = hub.simulator!.control.reports().find((r) => r.tracking_id === complaint.trackingId);
      return report?.responses.find((r) => r.message === 'Tim kami akan memeriksa lampu besok pagi.');
    });
    expect(posted).toMatchObject({ role: 'instansi', author: AGENCY });
    const event = await hub.prisma.complaintEvent.findUniqueOrThrow({ where: { id: reply.eventId } });
    await eventually(async () => ((await hub.prisma.complaintEvent.findUniqueOrThrow({ where: { id: event.id } })).data as { remoteId?: string }).remoteId);
    const report = hub.simulator!.control.reports().find((r) => r.tracking_id === complaint.trackingId)!;
    expect(report.responses.filter((r) => r.message === 'Tim kami akan memeriksa lampu besok pagi.')).toHaveLength(1);
    expect((await hub.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).firstResponseAt).not.toBeNull();

    // the citizen's next text answers the officer (confirmed as an answer, then posted as pelapor)
    await chat.say({ text: 'Baik, terima kasih. Saya tunggu.' });
    await chat.say({ payload: 'yes' });
    await eventually(() => hub.prisma.complaintEvent.findFirst({ where: { complaintId: complaint.id, type: 'citizen_reply' } }));

    const entry = await hub.prisma.auditEntry.findFirstOrThrow({ where: { target: `complaint:${complaint.id}`, action: 'reply' } });
    expect(entry).toMatchObject({ agencyId: 'default', officerId: 'officer-rina', actor: 'Rina', source: 'api 127.0.0.1' });
    expect(JSON.stringify(entry.detail)).not.toContain('memeriksa'); // the text is in the event, not the log
  });

  it('claims, lists the caller\'s open reports, and audits it', async () => {
    const { complaint } = await filedComplaint();
    const { previous } = await hub.desk.claim(RINA, { id: complaint.id }, 'telegram -100');
    expect(previous).toBeNull();
    expect((await hub.desk.openFor(RINA)).map((c) => c.id)).toContain(complaint.id);
    const other: Principal = { ...RINA, officerId: null, name: 'Budi (@budi)', actorKey: 'telegram:99' };
    expect((await hub.desk.claim(other, { id: complaint.id }, 'telegram -100')).previous).toBe('Rina');
    expect((await hub.desk.openFor(RINA)).map((c) => c.id)).not.toContain(complaint.id);
    const actions = await hub.prisma.auditEntry.findMany({ where: { target: `complaint:${complaint.id}`, action: 'claim' } });
    expect(actions.map((a) => a.actor).sort()).toEqual(['Budi (@budi)', 'Rina']);
  });

  it('tells two officers taking a report at once who had it before each of them', async () => {
    const { complaint } = await filedComplaint();
    const officers: Principal[] = [1, 2, 3].map((n) => ({ ...RINA, officerId: null, name: `Petugas ${n}`, actorKey: `telegram:${700 + n}` }));
    const results = await Promise.all(officers.map((who) => hub.desk.claim(who, { id: complaint.id }, 'telegram -100')));
    // the claims happened in some order: each one's "previous" is the one before it, the first had none
    const byPrevious = new Map(results.map((r, i) => [r.previous, officers[i]!.name]));
    expect(byPrevious.size).toBe(3);
    const order: string[] = [];
    for (let previous: string | null = null; byPrevious.has(previous); previous = order.at(-1)!) order.push(byPrevious.get(previous)!);
    expect(order.sort()).toEqual(['Petugas 1', 'Petugas 2', 'Petugas 3']);
    const events = await hub.prisma.complaintEvent.findMany({ where: { complaintId: complaint.id, type: 'claimed' } });
    expect(events).toHaveLength(3);
  });

  it('finds nothing of another agency: the same not_found as a missing complaint, nothing changed', async () => {
    const { chat, complaint } = await filedComplaint();
    const before = (await chat.history()).length;
    const missing = await hub.desk.reply(OUTSIDER, { id: 'no-such-complaint' }, 'x', 'api').catch((e: unknown) => e);
    for (const attempt of [
      () => hub.desk.reply(OUTSIDER, { id: complaint.id }, 'Balasan dari luar', 'api'),
      () => hub.desk.reply(OUTSIDER, { trackingId: complaint.trackingId }, 'Balasan dari luar', 'api'),
      () => hub.desk.setStatus(OUTSIDER, { id: complaint.id }, { status: 'SELESAI' }, 'api'),
      () => hub.desk.setTracking(OUTSIDER, { id: complaint.id }, { trackingId: '7654321' }, 'api'),
      () => hub.desk.claim(OUTSIDER, { id: complaint.id }, 'api'),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OfficerDeskError);
      expect((error as OfficerDeskError).kind).toBe((missing as OfficerDeskError).kind);
    }
    const after = await hub.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } });
    expect(after).toMatchObject({ status: complaint.status, claimedBy: null, trackingId: complaint.trackingId });
    expect(await hub.prisma.complaintEvent.count({ where: { complaintId: complaint.id, type: 'officer_reply' } })).toBe(0);
    expect(await hub.prisma.auditEntry.count({ where: { agencyId: 'kab-garut' } })).toBe(0);
    expect((await chat.history()).length).toBe(before);
  });
});
