// An agency on the `manual` connector: the officer files each report by hand on lapor.go.id
// and enters the tracking id, statuses and responses through the admin API; the citizen hears
// exactly what they would hear from a connector that files and polls by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmComplaint } from '../support/citizen.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { WebchatClient } from '../support/webchat-client.js';
import { admin, ADMIN_KEY } from './support.js';

const AGENCY = 'Pemkot Bandung';
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ ADMIN_API_KEY: ADMIN_KEY, AGENCY_NAME: AGENCY });
  await hub.prisma.agency.update({ where: { id: 'default' }, data: { connectorType: 'manual' } });
  hub.connectors.forget('default');
});
afterAll(async () => hub?.close());

/** A citizen confirms a report; the manual connector leaves it WAITING_MANUAL. */
async function waitingComplaint(privacy: 'public' | 'anonymous' = 'public') {
  const chat = new WebchatClient(hub.url);
  await confirmComplaint(chat, { privacy });
  const complaint = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: chat.sessionId, status: 'WAITING_MANUAL' } }));
  return { chat, id: complaint.id };
}

const texts = async (chat: WebchatClient) => (await chat.history()).map((m) => m.text);
let trackingSeq = 3100000;
const nextTrackingId = () => String(++trackingSeq);

describe('manual filing, end to end', () => {
  it('files by hand, then relays a status and a response the officer enters', async () => {
    const { chat, id } = await waitingComplaint();
    const waiting = await admin(hub, 'GET', '/complaints?status=WAITING_MANUAL');
    expect(waiting.body.complaints.map((c: { id: string }) => c.id)).toContain(id);

    // status and responses need a tracking id first
    expect((await admin(hub, 'POST', `/complaints/${id}/status`, { status: 'TERVERIFIKASI' })).status).toBe(409);
    expect((await admin(hub, 'POST', `/complaints/${id}/responses`, { message: 'Baik.' })).status).toBe(409);

    const trackingId = nextTrackingId();
    const filed = await admin(hub, 'POST', `/complaints/${id}/filed`, { trackingId, url: `https://www.lapor.go.id/laporan/detil/${trackingId}` });
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ id, trackingId, status: 'BELUM_TERVERIFIKASI', laporUrl: `https://www.lapor.go.id/laporan/detil/${trackingId}` });
    expect(filed.body.filedAt).not.toBeNull();
    // the same notification the lapor connector's filing sends
    const filedText = (await texts(chat)).find((t) => t.includes(trackingId));
    expect(filedText).toContain(`status ${trackingId}`);
    expect(filedText).toContain(`https://www.lapor.go.id/laporan/detil/${trackingId}`);

    // filing again is refused: the report is filed
    const again = await admin(hub, 'POST', `/complaints/${id}/filed`, { trackingId: nextTrackingId() });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/BELUM_TERVERIFIKASI/);

    const status = await admin(hub, 'POST', `/complaints/${id}/status`, { status: 'TERDISPOSISI', institution: 'Dinas PUPR Kota Bandung' });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ status: 'TERDISPOSISI', institution: 'Dinas PUPR Kota Bandung' });
    expect((await texts(chat)).at(-1)).toMatch(new RegExp(`${trackingId}.*Dinas PUPR Kota Bandung`));

    const response = await admin(hub, 'POST', `/complaints/${id}/responses`, { message: 'Lampu akan kami ganti hari Kamis.' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'DITINDAKLANJUTI' });
    expect(response.body.firstResponseAt).not.toBeNull();
    const last = (await texts(chat)).at(-1)!;
    expect(last).toContain('Lampu akan kami ganti hari Kamis.');
    expect(last).toContain(AGENCY); // the default author: the agency's name

    // the citizen can answer it; the answer is kept for the officer (the manual connector posts nothing)
    await chat.say({ text: 'Terima kasih, saya tunggu hari Kamis.' });
    await chat.say({ payload: 'yes' }); // confirms it is an answer to the report
    await eventually(() => hub.prisma.complaintEvent.findFirst({ where: { complaintId: id, type: 'citizen_reply' } }));

    const detail = await admin(hub, 'GET', `/complaints/${id}`);
    expect(detail.status).toBe(200);
    const types = detail.body.events.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['confirmed', 'waiting_manual', 'filed', 'status', 'response', 'citizen_reply']));
    expect(detail.body.events.find((e: { type: string }) => e.type === 'filed').data).toMatchObject({ trackingId, by: 'manual' });
  });

  it('tells the citizen where to follow the report when the officer gives no URL', async () => {
    const { chat, id } = await waitingComplaint();
    const trackingId = nextTrackingId();
    const filed = await admin(hub, 'POST', `/complaints/${id}/filed`, { trackingId });
    expect(filed.status).toBe(200);
    expect(filed.body.laporUrl).toBeNull();
    expect((await texts(chat)).find((t) => t.includes(trackingId))).toContain('https://www.lapor.go.id');
  });

  it('refuses a tracking id another complaint has (409) and files nothing', async () => {
    const first = await waitingComplaint();
    const second = await waitingComplaint();
    const trackingId = nextTrackingId();
    expect((await admin(hub, 'POST', `/complaints/${first.id}/filed`, { trackingId })).status).toBe(200);
    const taken = await admin(hub, 'POST', `/complaints/${second.id}/filed`, { trackingId });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatch(/another complaint/);
    const stored = await hub.prisma.complaint.findUniqueOrThrow({ where: { id: second.id } });
    expect(stored).toMatchObject({ status: 'WAITING_MANUAL', trackingId: null });
    expect((await texts(second.chat)).some((t) => t.includes(trackingId))).toBe(false);
  });

  it('an author given with a response is shown to the citizen', async () => {
    const { chat, id } = await waitingComplaint();
    await admin(hub, 'POST', `/complaints/${id}/filed`, { trackingId: nextTrackingId() });
    const res = await admin(hub, 'POST', `/complaints/${id}/responses`, { message: 'Sudah kami cek ke lokasi.', author: 'Dinas Perhubungan' });
    expect(res.status).toBe(200);
    expect((await texts(chat)).at(-1)).toContain('Dinas Perhubungan');
  });
});

describe('listing', () => {
  it('shows the reporter to staff, except on an anonymous complaint', async () => {
    const named = await waitingComplaint('public');
    const anonymous = await waitingComplaint('anonymous');
    const { body } = await admin(hub, 'GET', '/complaints?limit=100');
    const byId = new Map(body.complaints.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(named.id)).toMatchObject({ isAnonymous: false, reporter: { name: 'Budi Santoso', phone: '+6281298765432' }, channel: 'webchat' });
    expect(byId.get(anonymous.id)).toMatchObject({ isAnonymous: true, reporter: null });
    // chat ids (phone numbers on WhatsApp) never leave the hub
    expect(JSON.stringify(body)).not.toContain(anonymous.chat.sessionId);
    expect(JSON.stringify(await admin(hub, 'GET', `/complaints/${anonymous.id}`))).not.toContain(anonymous.chat.sessionId);
  });

  it('pages newest first with a cursor, and filters by status; the agency is the caller\'s own', async () => {
    const all = (await admin(hub, 'GET', '/complaints?limit=100')).body.complaints as { id: string; confirmedAt: string }[];
    expect(all.length).toBeGreaterThanOrEqual(4);
    const times = all.map((c) => Date.parse(c.confirmedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { complaints: { id: string }[]; nextCursor: string | null } } =
        await admin(hub, 'GET', `/complaints?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.complaints.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.complaints.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((c) => c.id));

    const filed = (await admin(hub, 'GET', '/complaints?status=DITINDAKLANJUTI')).body.complaints as { status: string }[];
    expect(filed.length).toBeGreaterThan(0);
    expect(filed.every((c) => c.status === 'DITINDAKLANJUTI')).toBe(true);
    // no agency filter: every key sees its own agency only, and an unknown parameter is refused
    const agency = await admin(hub, 'GET', '/complaints?agency=elsewhere');
    expect(agency.status).toBe(400);
    expect(agency.body.fields).toEqual({ agency: 'unknown parameter' });
    expect(all.every((c) => (c as { agencyId?: string }).agencyId === 'default')).toBe(true);
  });
});
