// What an officer does through the API: the reply reaches the web chat citizen and LAPOR!;
// status, tracking number, response, claim and dead-letter retry work and are each audited
// (who, what, when, from where); the complaint view shows the conversation both ways and the
// deliveries, never a chat id, and masks contacts on anonymous reports; the inbox filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmComplaint, fileComplaint } from '../support/citizen.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { WebchatClient } from '../support/webchat-client.js';
import { admin, ADMIN_KEY, as } from './support.js';

const AGENCY = 'Pemkot Bandung';
let hub: TestHub;
let officer: ReturnType<typeof as>;
let officerId: string;
beforeAll(async () => {
  hub = await startTestHub({ ADMIN_API_KEY: ADMIN_KEY, AGENCY_NAME: AGENCY });
  const made = await admin(hub, 'POST', '/officers', { name: 'Siti Petugas', role: 'officer', apiKey: true });
  officer = as(hub, made.body.apiKey);
  officerId = made.body.officer.id;
}, 60_000);
afterAll(async () => hub?.close());

const auditOf = async (action: string) => (await admin(hub, 'GET', `/audit?action=${action}`)).body.entries as Record<string, any>[];
const texts = async (chat: WebchatClient) => (await chat.history()).map((m) => m.text);

describe('an officer answers through the API', () => {
  it('the reply reaches the citizen\'s web chat and LAPOR!, and is audited', async () => {
    const { chat, complaint, trackingId } = await fileComplaint(hub);
    const message = 'Terima kasih, petugas kami akan memeriksa lampu itu besok pagi.';
    const res = await officer('POST', `/complaints/${complaint.id}/replies`, { message });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ eventId: expect.any(String), complaintId: complaint.id });

    const got = await eventually(async () => (await texts(chat)).find((t) => t.includes(message)));
    expect(got).toContain(AGENCY); // from the agency, not the officer by name
    expect(got).not.toContain('Siti');
    const posted = await eventually(() => Promise.resolve(hub.simulator!.control.report(trackingId)!.responses.find((r) => r.message === message)));
    expect(posted).toBeTruthy();

    const [entry] = await auditOf('reply');
    expect(entry).toMatchObject({ officerId, actor: 'Siti Petugas', action: 'reply', target: `complaint:${complaint.id}`, source: expect.stringMatching(/^api (::ffff:)?127\.0\.0\.1$/) });
    expect(Date.now() - Date.parse(entry!.at)).toBeLessThan(60_000);
    expect(JSON.stringify(entry)).not.toContain(message); // the log says that, not what

    // the view: the conversation both ways, the deliveries, no chat id
    const view = await officer('GET', `/complaints/${complaint.id}`);
    expect(view.status).toBe(200);
    expect(view.body.events.map((e: { type: string }) => e.type)).toContain('officer_reply');
    const directions = new Set(view.body.conversation.map((m: { direction: string }) => m.direction));
    expect(directions).toEqual(new Set(['in', 'out']));
    expect(view.body.conversation.some((m: { text: string }) => m.text?.includes(message))).toBe(true);
    expect(view.body.deliveries.length).toBe(view.body.conversation.filter((m: { direction: string }) => m.direction === 'out').length);
    await eventually(async () => (await officer('GET', `/complaints/${complaint.id}`)).body.deliveries.every((d: { deliveredAt: string | null }) => d.deliveredAt));
    expect(JSON.stringify(view.body)).not.toContain(chat.sessionId);
    expect(view.body.reporter).toEqual({ name: 'Budi Santoso', phone: expect.stringContaining('81298765432') });
    expect(view.body.citizen).toMatch(/^Warga-[A-Z2-9]{5}$/);
  });

  it('status, response, claim are applied and audited; a bad body is a 400 with fields', async () => {
    const { chat, complaint } = await fileComplaint(hub);
    const status = await officer('POST', `/complaints/${complaint.id}/status`, { status: 'TERDISPOSISI', institution: 'Dinas PJU' });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ status: 'TERDISPOSISI', institution: 'Dinas PJU' });
    const response = await officer('POST', `/complaints/${complaint.id}/responses`, { message: 'Lampu sudah diganti.' });
    expect(response.status).toBe(200);
    await eventually(async () => (await texts(chat)).some((t) => t.includes('Lampu sudah diganti.')));
    const claim = await officer('POST', `/complaints/${complaint.id}/claim`);
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({ complaint: { id: complaint.id, claim: { by: officerId, name: 'Siti Petugas' } }, previous: null });
    // the operator takes it over: previous is Siti
    expect((await admin(hub, 'POST', `/complaints/${complaint.id}/claim`)).body.previous).toBe('Siti Petugas');

    for (const action of ['status', 'response', 'claim']) {
      const entries = (await auditOf(action)).filter((e) => e.target === `complaint:${complaint.id}`);
      expect(entries.length, action).toBeGreaterThan(0);
      expect(entries.at(-1)).toMatchObject({ actor: 'Siti Petugas', source: expect.stringMatching(/^api /) });
    }
    expect((await auditOf('status')).find((e) => e.target === `complaint:${complaint.id}`)!.detail).toMatchObject({ to: 'TERDISPOSISI' });

    const bad = await officer('POST', `/complaints/${complaint.id}/replies`, { message: ' ', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({ message: 'must not be empty', extra: 'unknown field' });
  });

  it('the tracking number entered by hand, and a dead letter retried, are audited', async () => {
    const { complaint } = await fileComplaint(hub);
    // as if the filing had failed for good: the officer files it by hand
    await hub.prisma.complaint.update({ where: { id: complaint.id }, data: { status: 'FAILED', trackingId: null } });
    const filed = await officer('POST', `/complaints/${complaint.id}/filed`, { trackingId: '4455667' });
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ trackingId: '4455667', status: 'BELUM_TERVERIFIKASI' });
    expect((await auditOf('tracking')).find((e) => e.target === `complaint:${complaint.id}`)).toMatchObject({ actor: 'Siti Petugas', detail: { trackingId: '4455667' } });

    const job = await hub.prisma.outboxJob.create({ data: { kind: 'post_response', payload: { complaintId: complaint.id, eventId: 'gone' }, status: 'dead', attempts: 3 } });
    const listed = await officer('GET', '/dead-letters');
    expect(listed.body.deadLetters.map((j: { id: string }) => j.id)).toContain(job.id);
    const retried = await officer('POST', `/dead-letters/${job.id}/retry`);
    expect(retried.status).toBe(202);
    expect((await auditOf('dead_letter.retry')).find((e) => e.target === `job:${job.id}`)).toMatchObject({ actor: 'Siti Petugas', detail: { kind: 'post_response' } });
  });
});

describe('an anonymous report', () => {
  it('has no reporter, and phone numbers or NIKs the citizen typed are masked in the conversation and events', async () => {
    const chat = new WebchatClient(hub.url);
    await confirmComplaint(chat, { privacy: 'anonymous' });
    const complaint = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: chat.sessionId, trackingId: { not: null } } }));
    expect((await officer('POST', `/complaints/${complaint.id}/replies`, { message: 'Boleh kami minta detail lokasinya?' })).status).toBe(201);
    await eventually(async () => (await texts(chat)).some((t) => t.includes('detail lokasinya')));
    await chat.say({ text: 'Dekat masjid. Hubungi saya di 0812-3456-7890, NIK 3273012345678901.' });
    await chat.say({ payload: 'yes' }); // the bot asks whether to send it as an answer to the report
    const view = await eventually(async () => {
      const res = await officer('GET', `/complaints/${complaint.id}`);
      return res.body.events.some((e: { type: string }) => e.type === 'citizen_reply') && res;
    });
    expect(view.body.reporter).toBeNull();
    const json = JSON.stringify(view.body);
    expect(json).not.toMatch(/3456|3273012345678901/);
    expect(json).toContain('Dekat masjid. Hubungi saya di [disembunyikan], NIK [disembunyikan].');
    expect(json).not.toContain(chat.sessionId);
  });
});

describe('the inbox', () => {
  it('filters by claim, text, category, channel, Jakarta day and overdue', async () => {
    const { complaint } = await fileComplaint(hub);
    const ids = async (query: string) => {
      const res = await officer('GET', `/complaints?limit=100&${query}`);
      expect(res.status, query).toBe(200);
      return res.body.complaints.map((c: { id: string }) => c.id) as string[];
    };
    expect(await ids('claimed=none')).toContain(complaint.id);
    await officer('POST', `/complaints/${complaint.id}/claim`);
    expect(await ids('claimed=me')).toEqual([complaint.id]);
    expect(await ids('claimed=none')).not.toContain(complaint.id);
    expect(await ids('q=lampu%20penerangan')).toContain(complaint.id);
    expect(await ids('q=jembatan%20roboh')).toEqual([]);
    expect(await ids('category=utilitas&channel=webchat')).toContain(complaint.id);
    expect(await ids('category=kesehatan')).not.toContain(complaint.id);
    const jakarta = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const today = jakarta(complaint.confirmedAt);
    const tomorrow = jakarta(new Date(complaint.confirmedAt.getTime() + 24 * 3600_000));
    expect(await ids(`from=${today}&to=${today}`)).toContain(complaint.id);
    expect(await ids(`from=${tomorrow}`)).toEqual([]);
    expect(await ids('overdue=true')).not.toContain(complaint.id);
    // overdue: filed two weeks ago, never answered
    await hub.prisma.complaint.update({ where: { id: complaint.id }, data: { filedAt: new Date(Date.now() - 14 * 24 * 3600_000), firstResponseAt: null } });
    expect(await ids('overdue=true')).toContain(complaint.id);
    const counts = await officer('GET', '/complaints/counts');
    expect(counts.body).toMatchObject({ total: expect.any(Number), overdue: 1 });

    for (const [query, field] of [['from=2026-02-30', 'from'], ['to=6c130498-c6df', 'to'], ['from=2026-12-03&to=2026-12-01', 'to'], ['claimed=them', 'claimed'], ['overdue=yes', 'overdue'], ['channel=fax', 'channel']]) {
      const res = await officer('GET', `/complaints?${query}`);
      expect(res.status, query).toBe(400);
      expect(Object.keys(res.body.fields), query).toEqual([field]);
    }
  });

  it('an officer is refused (403) what is for admins, and needs no role for the rest', async () => {
    for (const [method, path, body] of [['GET', '/officers'], ['POST', '/officers', { name: 'X', apiKey: true }], ['GET', '/audit'], ['POST', '/agencies', { id: 'x-y', name: 'X' }]] as const) {
      const res = await officer(method, path, body);
      expect(res.status, path).toBe(403);
      expect(res.body.error).toMatch(/only/);
    }
    expect((await officer('GET', '/me')).body).toMatchObject({ officerId, role: 'officer', agencyId: 'default', agencyName: AGENCY, operator: false });
    expect((await officer('GET', '/agency')).status).toBe(200);
    expect((await officer('GET', '/undelivered')).status).toBe(200);
  });
});
