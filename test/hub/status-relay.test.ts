// Every change on LAPOR!'s side reaches the citizen's chat once, polled or pushed,
// and the citizen's answer to an agency goes back to LAPOR! as a `pelapor` response.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../support/citizen.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { WebchatClient } from '../support/webchat-client.js';

const SECRET = 'push-secret-for-tests';
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ LAPOR_WEBHOOK_SECRET: SECRET });
});
afterAll(async () => hub?.close());

const textsAfter = async (chat: WebchatClient, since: number) => (await chat.history()).slice(since).map((m) => m.text);

describe('status relay by polling', () => {
  it('tells the citizen each change once, in their chat', async () => {
    const { chat, trackingId, complaint } = await fileComplaint(hub);
    const sim = hub.simulator!.control;
    const before = (await chat.history()).length;

    sim.setStatus(trackingId, 'TERVERIFIKASI');
    sim.setStatus(trackingId, 'TERDISPOSISI', 'Dinas PUPR Kota Bandung');
    sim.addResponse(trackingId, { message: 'Lampu akan kami ganti minggu ini.', author: 'Dinas PUPR Kota Bandung' });
    expect(await hub.poller.pollOnce()).toBe(3);

    const texts = await textsAfter(chat, before);
    expect(texts).toHaveLength(3);
    expect(texts[1]).toContain('Dinas PUPR Kota Bandung');
    expect(texts[2]).toContain('Lampu akan kami ganti minggu ini.');

    // polling again, or re-reading the whole feed, changes nothing
    expect(await hub.poller.pollOnce()).toBe(0);
    await hub.prisma.keyValue.deleteMany({});
    expect(await hub.poller.pollOnce()).toBe(0);
    expect(await textsAfter(chat, before)).toHaveLength(3);

    const stored = await hub.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } });
    expect(stored).toMatchObject({ status: 'DITINDAKLANJUTI', institution: 'Dinas PUPR Kota Bandung' });
    expect(stored.verifiedAt).not.toBeNull();
    expect(stored.firstResponseAt).not.toBeNull();

    // the citizen answers the agency in the chat: posted to LAPOR! as the reporter's response
    await chat.say({ text: 'Terima kasih, tapi tolong juga lampu di gang sebelahnya.' });
    await chat.say({ payload: 'yes' }); // "send this as your answer to report #…?"
    await eventually(async () => sim.report(trackingId)?.responses.some((r) => r.role === 'pelapor'
      && r.message === 'Terima kasih, tapi tolong juga lampu di gang sebelahnya.'));

    sim.setStatus(trackingId, 'SELESAI');
    await hub.poller.pollOnce();
    const closed = await hub.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } });
    expect(closed.status).toBe('SELESAI');
    expect(closed.closedAt).not.toBeNull();
    // 3 updates, the question whether to send the answer, its confirmation, and the closing
    expect(await textsAfter(chat, before)).toHaveLength(6);
  });

  it('answers "status <number>" in chat from the hub\'s data, only for the citizen\'s own report', async () => {
    const { chat, trackingId } = await fileComplaint(hub);
    const own = await chat.say({ text: `status ${trackingId}` });
    expect(own.map((m) => m.text).join('\n')).toContain(trackingId);
    const stranger = new WebchatClient(hub.url);
    await stranger.say({ text: 'halo' });
    const theirs = (await stranger.say({ text: `status ${trackingId}` })).map((m) => m.text).join('\n');
    expect(theirs).not.toMatch(/Merdeka|Budi/);
    expect(await hub.prisma.complaint.count({ where: { chatId: stranger.sessionId } })).toBe(0);
  });
});

describe('status relay by push (POST /webhooks/lapor)', () => {
  const push = (update: object, secret = SECRET, signature?: string) => {
    const raw = JSON.stringify(update);
    return fetch(`${hub.url}/webhooks/lapor`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-lapor-signature': signature ?? `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`,
      },
      body: raw,
    });
  };

  it('applies a signed update once; a replay changes nothing', async () => {
    const { chat, trackingId } = await fileComplaint(hub);
    const before = (await chat.history()).length;
    const update = { id: `push-${trackingId}`, tracking_id: trackingId, type: 'status', status: 'TERVERIFIKASI', at: new Date().toISOString() };
    expect((await push(update)).status).toBe(204);
    expect((await push(update)).status).toBe(204);
    expect(await textsAfter(chat, before)).toHaveLength(1);
  });

  it('refuses a missing or wrong signature with 401 and changes nothing', async () => {
    const { chat, trackingId } = await fileComplaint(hub);
    const before = (await chat.history()).length;
    const update = { id: `bad-${trackingId}`, tracking_id: trackingId, type: 'status', status: 'SELESAI', at: new Date().toISOString() };
    expect((await push(update, 'another-secret')).status).toBe(401);
    expect((await push(update, SECRET, '')).status).toBe(401);
    expect(await textsAfter(chat, before)).toHaveLength(0);
    expect((await hub.prisma.complaint.findFirstOrThrow({ where: { trackingId } })).status).toBe('BELUM_TERVERIFIKASI');
  });

  it('answers 404 for an unknown tracking id and 400 for a body that is not an update', async () => {
    const unknown = { id: 'u-x', tracking_id: '0000001', type: 'status', status: 'SELESAI', at: new Date().toISOString() };
    expect((await push(unknown)).status).toBe(404);
    const res = await push({ hello: 'world' });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/update/);
  });
});
