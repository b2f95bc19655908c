// Inbound translation in polling mode: grammY + runner against the fake Bot API over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MEDIA_LIMITS } from '../../src/core/channel.js';
import { BUDI, harness, type Harness } from './helpers.js';

describe('telegram adapter, polling', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await harness();
    await h.adapter.start();
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.received.length = 0;
    h.replyWith = (m) => ({ text: `got ${m.content.kind}` });
  });

  it('starts: getMe names the bot, deletes any webhook, sets commands in Indonesian and English', () => {
    expect(h.adapter.displayName).toBe('@lapor_test_bot');
    expect(h.adapter.health().status).toBe('connected');
    expect(h.fake.callsOf('deleteWebhook')).toHaveLength(1);
    const commands = h.fake.callsOf('setMyCommands');
    expect(commands).toHaveLength(2);
    const names = commands[0]!.commands.map((c: { command: string }) => c.command);
    expect(names).toEqual(['start', 'lapor', 'status', 'batal', 'bantuan', 'bahasa']);
    expect(commands[0]!.language_code).toBeUndefined();
    expect(commands[0]!.commands[1].description).toBe('Buat laporan baru');
    expect(commands[1]!.language_code).toBe('en');
  });

  it('a private text becomes a text message with sender and language, and the reply arrives', async () => {
    const update = h.fake.pushText(BUDI, 'Jalan di depan rumah saya rusak parah');
    const [m] = await h.waitForInbound();
    expect(m).toMatchObject({
      integrationId: 'tg-test',
      channel: 'telegram',
      chatId: String(BUDI.id),
      platformMessageId: `m${BUDI.id}:${update.message!.message_id}`,
      sender: { externalId: String(BUDI.id), displayName: 'Budi Santoso', language: 'id' },
      content: { kind: 'text', text: 'Jalan di depan rumah saya rusak parah' },
    });
    expect(m!.receivedAt).toBeInstanceOf(Date);
    const sent = await h.fake.waitForSent(BUDI.id);
    expect(sent.at(-1)!.text).toBe('got text');
  });

  it('commands pass as text: a deep link, and a command addressed with @botname', async () => {
    h.fake.pushText(BUDI, '/start lapor');
    h.fake.pushText(BUDI, '/batal@lapor_test_bot');
    const [a, b] = await h.waitForInbound(2);
    expect(a!.content).toEqual({ kind: 'text', text: '/start lapor' });
    expect(b!.content).toEqual({ kind: 'text', text: '/batal' });
  });

  it('updates of one chat are handed over in order', async () => {
    const texts = ['satu', 'dua', 'tiga', 'empat', 'lima'];
    for (const t of texts) h.fake.pushText(BUDI, t);
    const got = await h.waitForInbound(5);
    expect(got.map((m) => (m.content.kind === 'text' ? m.content.text : ''))).toEqual(texts);
  });

  it('English and unknown language codes', async () => {
    h.fake.pushText({ id: 5002, first_name: 'Ann', language_code: 'en-GB' }, 'hello');
    h.fake.pushText({ id: 5003, first_name: 'Jean', language_code: 'fr' }, 'bonjour');
    const [en, fr] = await h.waitForInbound(2);
    expect(en!.sender).toEqual({ externalId: '5002', displayName: 'Ann', language: 'en' });
    expect(fr!.sender).toEqual({ externalId: '5003', displayName: 'Jean' });
  });

  it('a tapped quick reply becomes a payload; the query is answered and the keyboard replaced by the choice', async () => {
    h.replyWith = () => null;
    await h.adapter.send(String(BUDI.id), {
      id: 'm1', createdAt: new Date(), text: 'Jenis laporan?',
      quickReplies: [{ title: 'Pengaduan', payload: 'PENGADUAN' }, { title: 'Aspirasi', payload: 'ASPIRASI' }],
    });
    const question = h.fake.sentTo(BUDI.id).at(-1)!;
    expect(question.reply_markup.inline_keyboard).toEqual([[
      { text: 'Pengaduan', callback_data: 'PENGADUAN' }, { text: 'Aspirasi', callback_data: 'ASPIRASI' },
    ]]);
    const tap = h.fake.pushTap(BUDI, question.message_id, 'ASPIRASI');
    const [m] = await h.waitForInbound();
    expect(m).toMatchObject({
      chatId: String(BUDI.id), platformMessageId: `c${tap.callback_query!.id}`,
      content: { kind: 'payload', payload: 'ASPIRASI' },
    });
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)!.callback_query_id).toBe(tap.callback_query!.id);
    const edit = h.fake.callsOf('editMessageText').at(-1)!;
    expect(edit).toMatchObject({ message_id: question.message_id, text: 'Jenis laporan?\n\n✅ Aspirasi' });
    expect(edit.reply_markup).toBeUndefined();
    expect(question.reply_markup).toBeUndefined(); // the fake applied the edit
  });

  it('a location, and a venue with its address', async () => {
    h.fake.pushMessage(BUDI, { location: { latitude: -6.9175, longitude: 107.6191 } });
    h.fake.pushMessage(BUDI, {
      venue: { location: { latitude: -6.9, longitude: 107.6 }, title: 'Gedung Sate', address: 'Jl. Diponegoro No.22, Bandung' },
      location: { latitude: -6.9, longitude: 107.6 },
    });
    const [loc, venue] = await h.waitForInbound(2);
    expect(loc!.content).toEqual({ kind: 'location', location: { latitude: -6.9175, longitude: 107.6191 } });
    expect(venue!.content).toEqual({
      kind: 'location', location: { latitude: -6.9, longitude: 107.6 },
      address: 'Gedung Sate, Jl. Diponegoro No.22, Bandung',
    });
  });

  it('a photo: the largest size is downloaded through getFile and saved in the MediaStore', async () => {
    const small = h.fake.addFile(Buffer.from('small'), { file_path: 'photos/s.jpg' });
    const bytes = Buffer.alloc(200_000, 7);
    const large = h.fake.addFile(bytes, { file_path: 'photos/l.jpg' });
    h.fake.pushMessage(BUDI, {
      photo: [{ ...small, width: 90, height: 60 }, { ...large, width: 1280, height: 960 }],
      caption: 'lubang di jalan',
    });
    const [m] = await h.waitForInbound();
    expect(m!.content).toMatchObject({
      kind: 'attachment', caption: 'lubang di jalan',
      attachment: { mimeType: 'image/jpeg', size: bytes.length, filename: `photo_${large.file_unique_id}.jpg` },
    });
    expect(h.fake.callsOf('getFile').at(-1)!.file_id).toBe(large.file_id);
    expect(h.fake.callsOf('file').at(-1)!.path).toBe('photos/l.jpg');
    const stored = await h.media.read((m!.content as { attachment: { mediaId: string } }).attachment.mediaId);
    expect(stored!.data.equals(bytes)).toBe(true);
  });

  it('a pdf document is an attachment; a zip is bad_type', async () => {
    const pdf = h.fake.addFile(Buffer.from('%PDF-1.4 test'), { file_path: 'documents/surat.pdf' });
    h.fake.pushMessage(BUDI, { document: { ...pdf, file_name: 'surat.pdf', mime_type: 'application/pdf' } });
    h.fake.pushMessage(BUDI, { document: { file_id: 'z', file_unique_id: 'z', file_name: 'x.zip', mime_type: 'application/zip', file_size: 10 } });
    const [a, b] = await h.waitForInbound(2);
    expect(a!.content).toMatchObject({ kind: 'attachment', attachment: { filename: 'surat.pdf', mimeType: 'application/pdf' } });
    expect(b!.content).toEqual({ kind: 'unsupported', what: 'bad_type' });
  });

  it('an oversize photo is too_large, without downloading it', async () => {
    const before = h.fake.callsOf('getFile').length;
    const big = h.fake.addFile(Buffer.from('pretend'), { file_size: MEDIA_LIMITS.maxBytes + 1 });
    h.fake.pushMessage(BUDI, { photo: [{ ...big, width: 4000, height: 3000 }] });
    const [m] = await h.waitForInbound();
    expect(m!.content).toEqual({ kind: 'unsupported', what: 'too_large' });
    expect(h.fake.callsOf('getFile').length).toBe(before);
  });

  it('stickers, voice, video, animations and contacts are unsupported, each named', async () => {
    h.fake.pushMessage(BUDI, { sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } });
    h.fake.pushMessage(BUDI, { voice: { file_id: 'v', file_unique_id: 'v', duration: 3 } });
    h.fake.pushMessage(BUDI, { video: { file_id: 'w', file_unique_id: 'w', width: 1, height: 1, duration: 3 } });
    h.fake.pushMessage(BUDI, {
      animation: { file_id: 'g', file_unique_id: 'g', width: 1, height: 1, duration: 1 },
      document: { file_id: 'g', file_unique_id: 'g', mime_type: 'video/mp4' },
    });
    h.fake.pushMessage(BUDI, { contact: { phone_number: '+628123', first_name: 'Siti' } });
    const got = await h.waitForInbound(5);
    expect(got.map((m) => m.content)).toEqual(['sticker', 'voice', 'video', 'video', 'contact']
      .map((what) => ({ kind: 'unsupported', what })));
    expect(h.fake.sentTo(BUDI.id).at(-1)!.text).toBe('got unsupported');
  });

  it('an edited message is unsupported "edited"; a moving live location is ignored', async () => {
    const editDate = Math.floor(Date.now() / 1000);
    h.fake.pushUpdate({
      edited_message: {
        message_id: 77, date: editDate - 60, edit_date: editDate,
        chat: { id: BUDI.id, type: 'private', first_name: 'Budi' }, from: { ...BUDI, is_bot: false }, text: 'koreksi',
      },
    } as never);
    h.fake.pushUpdate({
      edited_message: {
        message_id: 78, date: 1, edit_date: 2, chat: { id: BUDI.id, type: 'private', first_name: 'Budi' },
        from: { ...BUDI, is_bot: false }, location: { latitude: 1, longitude: 2, live_period: 60 },
      },
    } as never);
    h.fake.pushText(BUDI, 'sesudahnya');
    const got = await h.waitForInbound(2);
    expect(got[0]).toMatchObject({ platformMessageId: `e${BUDI.id}:77:${editDate}`, content: { kind: 'unsupported', what: 'edited' } });
    expect(got[1]!.content).toEqual({ kind: 'text', text: 'sesudahnya' });
  });

  it('group chatter is ignored; a mention, a reply to the bot or a command for it gives a group notice in the group', async () => {
    const group = { id: -100777, type: 'supergroup' as const, title: 'Warga RT 05' };
    h.fake.pushMessage(BUDI, { text: 'ada yang tahu jadwal posyandu?' }, group);
    h.fake.pushMessage(BUDI, { text: '/start@other_bot' , entities: [{ type: 'bot_command', offset: 0, length: 16 }] }, group);
    const mention = h.fake.pushMessage(BUDI, {
      text: '@lapor_test_bot jalan rusak', entities: [{ type: 'mention', offset: 0, length: 15 }],
    }, group);
    h.fake.pushMessage(BUDI, { text: '/lapor', entities: [{ type: 'bot_command', offset: 0, length: 6 }] }, group);
    h.fake.pushMessage(BUDI, {
      text: 'oke', reply_to_message: { message_id: 1, date: 1, chat: group, from: { id: h.fake.me.id, is_bot: true, first_name: 'Lapor' } },
    }, group);
    h.fake.pushText(BUDI, 'pribadi'); // a marker: everything before it was handled
    await h.waitForInbound(4);
    await h.fake.waitForSent(group.id, 3); // chats run in parallel: the group's three replies too
    const inGroup = h.received.filter((m) => m.chatId === String(group.id));
    expect(inGroup.map((m) => m.content)).toEqual(Array(3).fill({ kind: 'unsupported', what: 'group' }));
    expect(inGroup[0]!.platformMessageId).toBe(`m${group.id}:${mention.message!.message_id}`);
    expect(h.received).toHaveLength(4);
    expect(h.fake.sentTo(group.id).map((m) => m.text)).toEqual(Array(3).fill('got unsupported'));
  });

  it('the officers\' chat never reaches the citizen engine', async () => {
    const officer = await harness({ officerChatId: '-100999' });
    const seen: number[] = [];
    const withSeam = await harness({ officerChatId: '-100999', onOfficerMessage: async (input) => void seen.push(input.messageId) });
    try {
      for (const x of [officer, withSeam]) {
        await x.adapter.start();
        x.fake.pushMessage(BUDI, { text: '@lapor_test_bot balas 123', entities: [{ type: 'mention', offset: 0, length: 15 }] },
          { id: -100999, type: 'supergroup', title: 'Petugas' });
        x.fake.pushText(BUDI, 'marker');
        await x.waitForInbound(1);
        await new Promise((r) => setTimeout(r, 100));
        expect(x.received.map((m) => m.chatId)).toEqual([String(BUDI.id)]);
      }
      expect(seen).toHaveLength(1);
    } finally {
      await officer.close();
      await withSeam.close();
    }
  });

  it('a redelivered update keeps its platformMessageId, so the hub sees a duplicate and replies once', async () => {
    const before = h.fake.sentTo(BUDI.id).length + 1;
    const update = h.fake.pushText(BUDI, 'laporan sekali saja');
    await h.waitForInbound(1);
    await h.fake.waitForSent(BUDI.id, before);
    h.fake.redeliver(update);
    const [first, again] = await h.waitForInbound(2);
    expect(again!.platformMessageId).toBe(first!.platformMessageId);
    expect(again!.platformMessageId).toBe(`m${BUDI.id}:${update.message!.message_id}`);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.sentTo(BUDI.id).length).toBe(before);
  });

  it('confirmed updates are not delivered again', async () => {
    h.fake.pushText(BUDI, 'satu kali');
    await h.waitForInbound(1);
    await new Promise((r) => setTimeout(r, 400)); // a few more polls
    expect(h.received).toHaveLength(1);
    const offsets = h.fake.callsOf('getUpdates').map((p) => Number(p.offset));
    expect(offsets.at(-1)).toBeGreaterThan(0);
  });
});
