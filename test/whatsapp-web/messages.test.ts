// Messages both ways through the adapter: what reaches the hub, what is ignored, how replies go
// out (numbered options, pacing, typing), the getMessage store, and the auth state's writes.
import { proto } from '@whiskeysockets/baileys';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError, type SendResult } from '../../src/core/channel.js';
import { SENT_INDEX_KEY } from '../../bots/whatsapp-web/sent-store.js';
import { incoming } from '../doubles/baileys-socket.js';
import { harness, paired, until, type Harness } from './support/adapter-harness.js';

const PHONE_JID = '6281234567890@s.whatsapp.net';
const LID_JID = '123456789012345@lid';

const running: Harness[] = [];
async function connected(options: Parameters<typeof harness>[0] = {}): Promise<Harness> {
  const h = harness(options);
  running.push(h);
  return paired(h);
}
afterEach(async () => {
  for (const h of running.splice(0)) await h.adapter.stop();
});
const outbound = (text: string, quickReplies?: { title: string; payload: string }[]) => ({
  id: 'm1', createdAt: new Date(), text, ...(quickReplies ? { quickReplies } : {}),
});

describe('inbound WhatsApp Web messages', () => {
  it('text from a phone JID: chat = the JID, phone in E.164, name = pushName, id = key.id', async () => {
    const h = await connected();
    const message = incoming(PHONE_JID, { conversation: 'halo' }, { pushName: 'Budi Santoso', id: 'ABC1' });
    await h.whatsapp.current!.deliver([message]);
    const got = await until(() => h.inbound[0]);
    expect(got).toMatchObject({
      integrationId: 'whatsapp-web', channel: 'whatsapp-web', chatId: PHONE_JID, platformMessageId: 'ABC1',
      sender: { externalId: PHONE_JID, phone: '+6281234567890', displayName: 'Budi Santoso' },
      content: { kind: 'text', text: 'halo' },
    });
    expect(got.receivedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('a @lid chat: replies go to the @lid, the phone only when WhatsApp gives senderPn', async () => {
    const h = await connected();
    await h.whatsapp.current!.deliver([incoming(LID_JID, { extendedTextMessage: { text: 'saya mau lapor' } })]);
    await h.whatsapp.current!.deliver([incoming(LID_JID, { conversation: '2' }, { senderPn: PHONE_JID })]);
    await until(() => h.inbound.length === 2);
    expect(h.inbound[0]).toMatchObject({ chatId: LID_JID, content: { kind: 'text', text: 'saya mau lapor' } });
    expect(h.inbound[0]!.sender).toEqual({ externalId: LID_JID });
    expect(h.inbound[1]!.sender).toEqual({ externalId: LID_JID, phone: '+6281234567890' });
  });

  it('ignores groups, status broadcasts, newsletters, its own messages and protocol messages', async () => {
    const h = await connected();
    const socket = h.whatsapp.current!;
    await socket.deliver([
      incoming('120363012345678901@g.us', { conversation: 'di grup' }),
      incoming('status@broadcast', { conversation: 'status' }),
      incoming('120363098765432109@newsletter', { conversation: 'saluran' }),
      incoming(PHONE_JID, { conversation: 'dari hub sendiri' }, { fromMe: true }),
      incoming(PHONE_JID, { protocolMessage: { type: proto.Message.ProtocolMessage.Type.REVOKE } }),
      incoming(PHONE_JID, { reactionMessage: { text: '👍' } }),
      incoming(PHONE_JID, { senderKeyDistributionMessage: { groupId: 'x' } }),
    ]);
    await socket.deliver([incoming(PHONE_JID, { conversation: 'yang ini' })]);
    await until(() => h.inbound.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(h.inbound.map((m) => m.content)).toEqual([{ kind: 'text', text: 'yang ini' }]);
  });

  it('takes messages the citizen sent while the socket was down (Baileys upserts them as append)', async () => {
    const h = await connected();
    await h.whatsapp.current!.deliver([
      incoming(PHONE_JID, { conversation: 'dikirim saat hub mati' }),
      incoming(PHONE_JID, { conversation: 'dari hub sendiri' }, { fromMe: true }),
    ], 'append');
    await until(() => h.inbound.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(h.inbound.map((m) => m.content)).toEqual([{ kind: 'text', text: 'dikirim saat hub mati' }]);
  });

  it('a location pin becomes a location; stickers, voice, video, contacts and edits are unsupported', async () => {
    const h = await connected();
    await h.whatsapp.current!.deliver([
      incoming(PHONE_JID, { locationMessage: { degreesLatitude: -6.9175, degreesLongitude: 107.5695, name: 'Alun-alun', address: 'Jl. Asia Afrika' } }),
      incoming(PHONE_JID, { stickerMessage: { mimetype: 'image/webp' } }),
      incoming(PHONE_JID, { audioMessage: { ptt: true } }),
      incoming(PHONE_JID, { videoMessage: { mimetype: 'video/mp4' } }),
      incoming(PHONE_JID, { contactMessage: { displayName: 'Sari' } }),
      incoming(PHONE_JID, { editedMessage: { message: { conversation: 'ralat' } } }),
      incoming(PHONE_JID, { ephemeralMessage: { message: { conversation: 'pesan sementara' } } }),
    ]);
    await until(() => h.inbound.length === 7);
    expect(h.inbound.map((m) => m.content)).toEqual([
      { kind: 'location', location: { latitude: -6.9175, longitude: 107.5695 }, address: 'Alun-alun, Jl. Asia Afrika' },
      { kind: 'unsupported', what: 'sticker' },
      { kind: 'unsupported', what: 'voice' },
      { kind: 'unsupported', what: 'video' },
      { kind: 'unsupported', what: 'contact' },
      { kind: 'unsupported', what: 'edited' },
      { kind: 'text', text: 'pesan sementara' },
    ]);
  });

  it('keeps a chat\'s order, and hands a message over again when the hub failed to take it', async () => {
    const h = await connected();
    h.failInbound.count = 2;
    await h.whatsapp.current!.deliver([incoming(PHONE_JID, { conversation: 'satu' }), incoming(PHONE_JID, { conversation: 'dua' })]);
    await until(() => h.inbound.length === 2);
    expect(h.inbound.map((m) => (m.content.kind === 'text' ? m.content.text : ''))).toEqual(['satu', 'dua']);
  });
});

describe('outbound WhatsApp Web messages', () => {
  it('sends text with numbered options to the JID, typing before and paused after, and returns key.id', async () => {
    const h = await connected();
    const result = await h.adapter.send(LID_JID, outbound('Pilih kategori:', [
      { title: 'Infrastruktur', payload: 'infrastruktur' }, { title: 'Kesehatan', payload: 'kesehatan' },
    ]));
    const [sent] = h.whatsapp.sentTo(LID_JID);
    expect(sent!.text).toBe('Pilih kategori:\n\n1. Infrastruktur\n2. Kesehatan');
    expect(result).toEqual({ platformMessageId: sent!.message.key!.id });
    expect(h.whatsapp.presences).toEqual([{ type: 'composing', jid: LID_JID }, { type: 'paused', jid: LID_JID }]);
    expect(h.adapter.maxTextLength).toBe(4096);
  });

  it('paces messages of the number at least the gap apart', async () => {
    const h = await connected({ tuning: { pacing: { gapMs: 120, jitterMs: 30 } } });
    const started = Date.now();
    await Promise.all([h.adapter.send(PHONE_JID, outbound('a')), h.adapter.send(LID_JID, outbound('b')), h.adapter.send(PHONE_JID, outbound('c'))]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(h.whatsapp.sent.map((m) => m.text)).toEqual(['a', 'b', 'c']);
  });

  it('throws ChannelError retry when the socket is not open or sending fails (the outbox retries)', async () => {
    const h = await connected();
    h.whatsapp.current!.failSends = 1;
    await expect(h.adapter.send(PHONE_JID, outbound('x'))).rejects.toMatchObject({ kind: 'retry' });
    h.whatsapp.current!.close(503);
    await until(() => h.adapter.health().status !== 'connected');
    const error = await h.adapter.send(PHONE_JID, outbound('y')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ kind: 'retry' });
    await until(() => h.adapter.health().status === 'connected');
    await expect(h.adapter.send(PHONE_JID, outbound('z'))).resolves.toHaveProperty('platformMessageId');
    await expect(h.adapter.send('120363012345678901@g.us', outbound('grup'))).rejects.toMatchObject({ kind: 'permanent' });
  });

  it('keeps every sent message for Baileys\' getMessage (retry requests), and prunes by count', async () => {
    const h = await connected({ tuning: { sentStore: { maxCount: 3 } } });
    const ids: string[] = [];
    for (const text of ['satu', 'dua', 'tiga', 'empat']) ids.push(((await h.adapter.send(PHONE_JID, outbound(text))) as SendResult).platformMessageId!);
    const getMessage = h.whatsapp.current!.config.getMessage!;
    const answer = await getMessage({ remoteJid: PHONE_JID, id: ids[3], fromMe: true });
    expect(answer?.extendedTextMessage?.text).toBe('empat');
    expect(answer).toBeInstanceOf(proto.Message);
    expect(await getMessage({ remoteJid: PHONE_JID, id: ids[0], fromMe: true })).toBeUndefined(); // pruned
    expect(h.state.keysStartingWith('sent:').sort()).toEqual(ids.slice(1).map((id) => `sent:${id}`).sort());
    expect(JSON.parse(h.state.data.get(SENT_INDEX_KEY)!).map(([id]: [string]) => id)).toEqual(ids.slice(1));
    expect(await getMessage({ remoteJid: PHONE_JID, id: 'UNKNOWN', fromMe: true })).toBeUndefined();
  });

  it('prunes kept messages older than the age limit', async () => {
    const h = await connected({ tuning: { sentStore: { maxAgeMs: 50 } } });
    const old = ((await h.adapter.send(PHONE_JID, outbound('lama'))) as SendResult).platformMessageId!;
    await new Promise((resolve) => setTimeout(resolve, 80));
    const fresh = ((await h.adapter.send(PHONE_JID, outbound('baru'))) as SendResult).platformMessageId!;
    expect(h.state.keysStartingWith('sent:')).toEqual([`sent:${fresh}`]);
    expect(old).not.toBe(fresh);
  });
});

describe('auth state writes', () => {
  it('writes each keys.set in one setMany, and writes nothing of it when that fails', async () => {
    const h = await connected();
    const keys = h.whatsapp.current!.config.auth.keys;
    const before = h.state.setManyCalls.length;
    await keys.set({ session: { 'a.0': Buffer.from([1]), 'b.0': Buffer.from([2]) }, 'sender-key-memory': { g: { x: true } } });
    expect(h.state.setManyCalls.slice(before)).toHaveLength(1);
    expect(Object.keys(h.state.setManyCalls.at(-1)!).sort()).toEqual(['key:sender-key-memory:g', 'key:session:a.0', 'key:session:b.0']);

    h.state.failNext = 1;
    await expect(keys.set({ session: { 'c.0': Buffer.from([3]) }, 'pre-key': { 9: { public: Buffer.alloc(32), private: Buffer.alloc(32) } } })).rejects.toThrow();
    expect(h.state.data.has('key:session:c.0')).toBe(false);
    expect(h.state.data.has('key:pre-key:9')).toBe(false);

    await keys.set({ session: { 'a.0': null } });
    expect(h.state.data.has('key:session:a.0')).toBe(false);
    expect((await keys.get('session', ['b.0']))['b.0']).toEqual(Buffer.from([2]));
  });

  it('app-state-sync keys come back as Baileys\' protobuf class', async () => {
    const h = await connected();
    const keys = h.whatsapp.current!.config.auth.keys;
    await keys.set({ 'app-state-sync-key': { AAA: proto.Message.AppStateSyncKeyData.fromObject({ keyData: Buffer.from([7, 7]), timestamp: 5 }) } });
    // a fresh adapter (no cache) reads it from the store
    const again = harness({ state: h.state, whatsapp: h.whatsapp });
    running.push(again);
    await again.adapter.start();
    await until(() => again.adapter.health().status === 'connected');
    const value = (await h.whatsapp.current!.config.auth.keys.get('app-state-sync-key', ['AAA'])).AAA;
    expect(value).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(value!.keyData!)).toEqual(Buffer.from([7, 7]));
  });
});
