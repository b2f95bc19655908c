// A citizen files a complete complaint through the web chat API; it is stored with every
// field, filed once with the simulator, and the tracking number reaches the chat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { last, WebchatClient } from '../support/webchat-client.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.close());

/** Walks the step-by-step path up to the summary; returns the summary message. */
async function fileUpToSummary(chat: WebchatClient, privacy: 'public' | 'anonymous' | 'secret') {
  expect(last(await chat.say({ text: 'halo' })).quickReplies?.map((q) => q.payload)).toContain('PENGADUAN');
  expect(last(await chat.say({ payload: 'PENGADUAN' })).expects).toEqual({ slot: 'description', type: 'text' });
  const category = last(await chat.say({ text: 'Jalan di depan Pasar Cibeureum berlubang besar, dua motor jatuh minggu ini.' }));
  expect(category.expects).toEqual({ slot: 'category', type: 'choice' });
  expect(category.quickReplies).toHaveLength(13);
  expect(last(await chat.say({ payload: 'infrastruktur' })).expects).toEqual({ slot: 'location', type: 'location' });
  expect(last(await chat.say({ location: { latitude: -6.9175, longitude: 107.5695 } })).expects)
    .toEqual({ slot: 'date_of_incident', type: 'date' });
  expect(last(await chat.say({ text: 'kemarin' })).expects).toEqual({ slot: 'attachments', type: 'media' });
  expect(last(await chat.say({ payload: 'skip' })).expects).toEqual({ slot: 'privacy', type: 'choice' });
  let reply = last(await chat.say({ payload: privacy }));
  if (privacy !== 'anonymous') {
    expect(reply.expects).toEqual({ slot: 'reporter_name', type: 'text' });
    expect(last(await chat.say({ text: 'Siti Aminah' })).expects).toEqual({ slot: 'reporter_phone', type: 'phone' });
    reply = last(await chat.say({ text: '0812-3456-7890' }));
  }
  expect(reply.expects).toEqual({ slot: 'confirm', type: 'confirm' });
  expect(reply.quickReplies?.map((q) => q.payload)).toEqual(['confirm', 'edit', 'cancel']);
  return reply;
}

describe('a complaint through the web chat', () => {
  it('is stored with every field, filed once, and its tracking number reaches the chat', async () => {
    const chat = new WebchatClient(hub.url);
    await fileUpToSummary(chat, 'public');
    const confirmed = await chat.say({ payload: 'confirm' });
    // the citizen retries the same request (double tap, flaky network): nothing new is filed
    const retried = await chat.post({ payload: 'confirm' });
    expect(retried.status).toBe(200);

    const complaints = await hub.prisma.complaint.findMany({ where: { chatId: chat.sessionId } });
    expect(complaints).toHaveLength(1);
    const filed = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: chat.sessionId, trackingId: { not: null } } }));
    expect(filed).toMatchObject({
      classification: 'PENGADUAN',
      category: 'infrastruktur',
      content: 'Jalan di depan Pasar Cibeureum berlubang besar, dua motor jatuh minggu ini.',
      latitude: -6.9175,
      longitude: 107.5695,
      isAnonymous: false,
      isSecret: false,
      reporterName: 'Siti Aminah',
      reporterPhone: '+6281234567890',
      channel: 'webchat',
      integrationId: 'webchat',
      status: 'BELUM_TERVERIFIKASI',
    });
    expect(filed.title.length).toBeGreaterThanOrEqual(5);
    expect(filed.dateOfIncident).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(filed.trackingId).toMatch(/^\d{7}$/);
    expect(hub.simulator!.control.reports()).toHaveLength(1);
    expect(hub.simulator!.control.report(filed.trackingId!)?.report).toMatchObject({ source_app: 'webchat', channel: 'webchat' });

    const tracking = await eventually(async () =>
      (await chat.history(last(confirmed).id)).find((m) => m.text.includes(filed.trackingId!)));
    expect(tracking.text).toContain(filed.trackingId);
  });

  it('sends an anonymous report without the reporter', async () => {
    const chat = new WebchatClient(hub.url);
    await fileUpToSummary(chat, 'anonymous');
    await chat.say({ payload: 'confirm' });
    const filed = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: chat.sessionId, trackingId: { not: null } } }));
    expect(filed).toMatchObject({ isAnonymous: true, reporterName: null, reporterPhone: null });
    expect(hub.simulator!.control.report(filed.trackingId!)?.report).toMatchObject({ is_anonymous: true, reporter: null });
  });

  it('files nothing when the citizen cancels at the summary', async () => {
    const chat = new WebchatClient(hub.url);
    await fileUpToSummary(chat, 'secret');
    await chat.say({ payload: 'cancel' });
    expect(await hub.prisma.complaint.count({ where: { chatId: chat.sessionId } })).toBe(0);
  });

  it('lists every message sent to the session, and only after a given id', async () => {
    const chat = new WebchatClient(hub.url);
    const first = await chat.say({ text: 'halo' });
    const second = await chat.say({ payload: 'ASPIRASI' });
    const all = await chat.history();
    expect(all.map((m) => m.id)).toEqual([...first, ...second].map((m) => m.id));
    expect((await chat.history(last(first).id)).map((m) => m.id)).toEqual(second.map((m) => m.id));
  });
});
