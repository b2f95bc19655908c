// Inbound messages and delivery statuses, from a signed webhook through the inbox to what the
// hub receives: every message type the Cloud API sends, media fetched by id with the token,
// read receipts with the typing indicator, and statuses recorded on the outbound message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIZEN, startHarness, type Harness } from './support.js';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(512, 3)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function received(id: string) {
  await h.drained();
  const message = h.inbound.find((m) => m.platformMessageId === id);
  if (!message) throw new Error(`message ${id} did not reach the hub`);
  return message;
}

describe('inbound messages', () => {
  it('a text, with the sender as +<wa_id>, the profile name and the chat id', async () => {
    const { id } = await h.meta.sendText(CITIZEN, 'Jalan berlubang di depan pasar', { name: 'Budi Santoso' });
    const message = await received(id);
    expect(message).toMatchObject({
      channel: 'whatsapp-cloud', integrationId: h.adapter.integrationId, chatId: CITIZEN,
      sender: { externalId: CITIZEN, phone: `+${CITIZEN}`, displayName: 'Budi Santoso' },
      content: { kind: 'text', text: 'Jalan berlubang di depan pasar' },
    });
    expect(Math.abs(message.receivedAt.getTime() - Date.now())).toBeLessThan(5_000);
  });

  it('marks each handled message read with the typing indicator', async () => {
    const { id } = await h.meta.sendText(CITIZEN, 'halo');
    await received(id);
    expect(h.meta.readReceipts).toContainEqual({ messageId: id, typing: true });
    const call = h.meta.calls.find((c) => c.body?.message_id === id)!;
    expect(call.body).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: id, typing_indicator: { type: 'text' } });
  });

  it.each(['button_reply', 'list_reply'] as const)('an interactive %s: the reply id is the payload', async (kind) => {
    const { id } = await h.meta.sendReply(CITIZEN, { id: 'infrastruktur', title: 'Infrastruktur' }, kind);
    expect((await received(id)).content).toEqual({ kind: 'payload', payload: 'infrastruktur' });
  });

  it('a location pin, with its name and address', async () => {
    const { id } = await h.meta.sendMessage(CITIZEN, { type: 'location', location: { latitude: -6.9175, longitude: 107.6191, name: 'Pasar Baru', address: 'Jl. Otista, Bandung' } });
    expect((await received(id)).content).toEqual({ kind: 'location', location: { latitude: -6.9175, longitude: 107.6191 }, address: 'Pasar Baru, Jl. Otista, Bandung' });
  });

  it('an image: looked up by media id and downloaded with the token, then kept by the media store', async () => {
    const mediaId = h.meta.addMedia(JPEG, 'image/jpeg');
    const { id } = await h.meta.sendImage(CITIZEN, mediaId, 'foto jalan');
    const content = (await received(id)).content;
    expect(content).toMatchObject({ kind: 'attachment', caption: 'foto jalan', attachment: { mimeType: 'image/jpeg', size: JPEG.length } });
    const lookups = h.meta.calls.filter((c) => c.path.includes(mediaId) || c.path.includes('media-download'));
    expect(lookups.map((c) => c.method)).toEqual(['GET', 'GET']);
  });

  it('a PDF document keeps its file name', async () => {
    const mediaId = h.meta.addMedia(PDF, 'application/pdf');
    const { id } = await h.meta.sendDocument(CITIZEN, mediaId, 'surat-keterangan.pdf');
    expect((await received(id)).content).toMatchObject({ kind: 'attachment', attachment: { filename: 'surat-keterangan.pdf', mimeType: 'application/pdf' } });
  });

  it('a file that is not evidence by its bytes (HTML called a PDF) is unsupported content, not an error', async () => {
    const mediaId = h.meta.addMedia(Buffer.from('<html>not a pdf</html>'), 'application/pdf');
    const { id } = await h.meta.sendDocument(CITIZEN, mediaId, 'bukti.pdf');
    expect((await received(id)).content).toEqual({ kind: 'unsupported', what: 'bad_type' });
  });

  it('a file over 5 MiB is cut off and unsupported (too large)', async () => {
    const mediaId = h.meta.addMedia(Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024)]), 'image/jpeg');
    const { id } = await h.meta.sendImage(CITIZEN, mediaId);
    expect((await received(id)).content).toEqual({ kind: 'unsupported', what: 'too_large' });
  });

  it('media Meta no longer has (expired id) is unsupported, not retried forever', async () => {
    const { id } = await h.meta.sendMessage(CITIZEN, { type: 'image', image: { id: '123450000', mime_type: 'image/jpeg' } });
    expect((await received(id)).content).toEqual({ kind: 'unsupported', what: 'other' });
  });

  it.each([
    ['sticker', { type: 'sticker', sticker: { id: '1', mime_type: 'image/webp', animated: false } }, 'sticker'],
    ['audio (voice note)', { type: 'audio', audio: { id: '1', mime_type: 'audio/ogg; codecs=opus', voice: true } }, 'voice'],
    ['video', { type: 'video', video: { id: '1', mime_type: 'video/mp4' } }, 'video'],
    ['contacts', { type: 'contacts', contacts: [{ name: { formatted_name: 'X' } }] }, 'contact'],
    ['a reaction', { type: 'reaction', reaction: { message_id: 'wamid.x', emoji: '👍' } }, 'other'],
    ['an unknown type', { type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown' }] }, 'other'],
  ])('%s is unsupported content (the engine explains what works)', async (_what, message, what) => {
    const { id } = await h.meta.sendMessage(CITIZEN, message);
    expect((await received(id)).content).toEqual({ kind: 'unsupported', what });
  });
});

describe('delivery statuses', () => {
  it.each(['sent', 'delivered', 'read'] as const)('%s is recorded on the message with that wamid', async (status) => {
    const delivery = await h.meta.sendStatus(`wamid.status-${status}`, status, { recipient: CITIZEN });
    expect(delivery.status).toBe(200);
    await h.drained();
    expect(h.receipts).toContainEqual({ platformMessageId: `wamid.status-${status}`, status });
  });

  it('failed is recorded with its error code', async () => {
    await h.meta.sendStatus('wamid.status-failed', 'failed', { recipient: CITIZEN, errorCode: 131026 });
    await h.drained();
    expect(h.receipts).toContainEqual({ platformMessageId: 'wamid.status-failed', status: 'failed', error: '131026' });
  });

  it('the same status delivered twice is recorded once; the next status of the message is recorded too', async () => {
    const first = await h.meta.sendStatus('wamid.status-twice', 'delivered', { recipient: CITIZEN });
    await h.meta.deliver(JSON.parse(first.raw));
    await h.meta.sendStatus('wamid.status-twice', 'read', { recipient: CITIZEN });
    await h.drained();
    expect(h.receipts.filter((r) => r.platformMessageId === 'wamid.status-twice')).toEqual([
      { platformMessageId: 'wamid.status-twice', status: 'delivered' },
      { platformMessageId: 'wamid.status-twice', status: 'read' },
    ]);
  });
});
