// Delivering OutboundMessages: keyboards, splitting, rate limits and the errors the outbox sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, splitText } from '../../bots/telegram/outbound.js';
import { ChannelError } from '../../src/core/channel.js';
import { CATEGORIES } from '../../src/core/taxonomy.js';
import { harness, outbound, type Harness } from './helpers.js';

describe('telegram adapter, send', () => {
  let h: Harness;
  let chat = 7000;
  const nextChat = () => String(++chat);

  beforeAll(async () => {
    h = await harness();
    await h.adapter.start();
  });
  afterAll(() => h.close());

  it('plain text, without link previews', async () => {
    const id = nextChat();
    await h.adapter.send(id, outbound({ text: 'Laporan Anda sudah diteruskan. Nomor pelacakan: 4829301' }));
    const [call] = h.fake.callsOf('sendMessage').filter((p) => String(p.chat_id) === id);
    expect(call).toMatchObject({ text: 'Laporan Anda sudah diteruskan. Nomor pelacakan: 4829301', link_preview_options: { is_disabled: true } });
    expect(call!.reply_markup).toBeUndefined();
  });

  it('quick replies become an inline keyboard; the 13 categories fit in rows', async () => {
    const id = nextChat();
    const quickReplies = CATEGORIES.map((c) => ({ title: c.replace('_', ' & '), payload: c }));
    await h.adapter.send(id, outbound({ text: 'Pilih kategori:', quickReplies, expects: { slot: 'category', type: 'choice' } }));
    const [msg] = h.fake.sentTo(id);
    const rows = msg!.reply_markup.inline_keyboard as Array<Array<{ text: string; callback_data: string }>>;
    expect(rows.flat().map((b) => b.callback_data)).toEqual([...CATEGORIES]);
    expect(rows.every((r) => r.length >= 1 && r.length <= 3)).toBe(true);
    expect(rows.length).toBeLessThanOrEqual(7);
  });

  it('a location question offers a one-time request_location keyboard; the next plain message removes it', async () => {
    const id = nextChat();
    await h.adapter.send(id, outbound({
      text: 'Di mana lokasinya? Kirim lokasi atau ketik alamatnya.',
      quickReplies: [{ title: 'Kirim lokasi', payload: 'share_location' }],
      expects: { slot: 'location', type: 'location' },
    }));
    let sent = h.fake.sentTo(id);
    expect(sent).toHaveLength(1); // share_location is the request_location button itself
    expect(sent[0]!.reply_markup).toEqual({
      keyboard: [[{ text: '📍 Kirim lokasi', request_location: true }]], resize_keyboard: true, one_time_keyboard: true,
    });
    // a choice question keeps it (one reply_markup per message), a plain one removes it
    await h.adapter.send(id, outbound({ text: 'Pilih:', quickReplies: [{ title: 'Ya', payload: 'yes' }] }));
    await h.adapter.send(id, outbound({ text: 'Kapan kejadiannya?', expects: { slot: 'date_of_incident', type: 'date' } }));
    await h.adapter.send(id, outbound({ text: 'Terima kasih.' }));
    sent = h.fake.sentTo(id);
    expect(sent[1]!.reply_markup.inline_keyboard).toBeDefined();
    expect(sent[2]!.reply_markup).toEqual({ remove_keyboard: true });
    expect(sent[3]!.reply_markup).toBeUndefined();
  });

  it('a location question with other quick replies sends them as a second, inline message', async () => {
    const id = nextChat();
    await h.adapter.send(id, outbound({
      text: 'Di mana lokasinya?',
      quickReplies: [{ title: 'Kirim lokasi', payload: 'share_location' }, { title: 'Lewati', payload: 'skip' }],
      expects: { slot: 'location', type: 'location' },
    }));
    const sent = h.fake.sentTo(id);
    expect(sent.map((m) => m.text)).toEqual(['Di mana lokasinya?', '⬇️']);
    expect(sent[0]!.reply_markup.keyboard[0][0].request_location).toBe(true);
    expect(sent[1]!.reply_markup.inline_keyboard).toEqual([[{ text: 'Lewati', callback_data: 'skip' }]]);
  });

  it('a text over 4096 characters is split, the keyboard on the last part', async () => {
    const id = nextChat();
    const paragraph = 'Rincian laporan. '.repeat(200).trim();
    const text = [paragraph, paragraph, paragraph].join('\n');
    await h.adapter.send(id, outbound({ text, quickReplies: [{ title: 'Kirim', payload: 'confirm' }] }));
    const sent = h.fake.sentTo(id);
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((m) => m.text!.length <= 4096)).toBe(true);
    expect(sent.map((m) => m.text).join('\n')).toBe(text);
    expect(sent.slice(0, -1).every((m) => m.reply_markup === undefined)).toBe(true);
    expect(sent.at(-1)!.reply_markup.inline_keyboard).toBeDefined();
  });

  it('a 429 with retry_after 1 delays the message but delivers it once', async () => {
    const id = nextChat();
    h.fake.rateLimitNext('sendMessage', 1);
    const started = Date.now();
    await h.adapter.send(id, outbound({ text: 'Status laporan Anda: TERVERIFIKASI' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(h.fake.sentTo(id)).toHaveLength(1);
    expect(h.fake.callsOf('sendMessage').filter((p) => String(p.chat_id) === id)).toHaveLength(2);
  });

  it('403 (bot blocked) is ChannelError blocked; "chat not found" too', async () => {
    h.fake.blockNext('sendMessage');
    const err = await h.adapter.send(nextChat(), outbound({ text: 'halo' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect(err).toMatchObject({ kind: 'blocked' });
    h.fake.failNext('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' });
    await expect(h.adapter.send(nextChat(), outbound({ text: 'halo' }))).rejects.toMatchObject({ kind: 'blocked' });
  });

  it('other 400s are permanent; 5xx and network errors are retry', async () => {
    h.fake.failNext('sendMessage', { error_code: 400, description: 'Bad Request: can\'t parse entities' });
    await expect(h.adapter.send(nextChat(), outbound({ text: 'x' }))).rejects.toMatchObject({ kind: 'permanent' });
    h.fake.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    await expect(h.adapter.send(nextChat(), outbound({ text: 'x' }))).rejects.toMatchObject({ kind: 'retry' });
    await expect(h.adapter.send(nextChat(), outbound({ text: '   ' }))).rejects.toMatchObject({ kind: 'permanent' });
  });

  it('a 429 longer than auto-retry may wait goes back to the outbox as retry with retryAfterMs', async () => {
    h.fake.rateLimitNext('sendMessage', 3600);
    await expect(h.adapter.send(nextChat(), outbound({ text: 'x' }))).rejects.toMatchObject({ kind: 'retry', retryAfterMs: 3_600_000 });
  });

  it('a quick reply payload over 64 bytes is permanent, before any call', async () => {
    const before = h.fake.callsOf('sendMessage').length;
    await expect(h.adapter.send(nextChat(), outbound({ text: 'x', quickReplies: [{ title: 't', payload: 'p'.repeat(65) }] })))
      .rejects.toMatchObject({ kind: 'permanent' });
    expect(h.fake.callsOf('sendMessage').length).toBe(before);
  });
});

describe('telegram adapter, network errors', () => {
  it('an unreachable Bot API is ChannelError retry', async () => {
    const h = await harness();
    await h.adapter.start();
    await h.fake.stop(); // the server goes away
    await expect(h.adapter.send('1', outbound({ text: 'x' }))).rejects.toMatchObject({ kind: 'retry' });
    await h.adapter.stop();
    await h.media.dispose();
  });
});

describe('rendering (pure)', () => {
  it('splits at line breaks, then spaces, never inside a surrogate pair', () => {
    expect(splitText('a\nb', 2)).toEqual(['a', 'b']);
    expect(splitText('aa bb', 3)).toEqual(['aa', 'bb']);
    const emoji = '😀'.repeat(3); // 6 UTF-16 units
    const parts = splitText(emoji, 3);
    expect(parts.join('')).toBe(emoji);
    expect(parts.every((p) => !/[\ud800-\udbff]$/.test(p))).toBe(true);
  });

  it('the request_location button takes the share_location title (the conversation\'s language)', () => {
    const keyboardOf = (r: ReturnType<typeof render>) =>
      (r.parts[0]!.reply_markup as { keyboard: Array<Array<{ text: string; request_location?: boolean }>> }).keyboard;
    const ask = (quickReplies: Array<{ title: string; payload: string }>) =>
      render({ text: 'Where?', quickReplies, expects: { slot: 'location', type: 'location' } }, false);
    const en = ask([{ title: 'Share location', payload: 'share_location' }, { title: 'Skip', payload: 'skip' }]);
    expect(keyboardOf(en)).toEqual([[{ text: '📍 Share location', request_location: true }]]);
    expect(en.parts.map((p) => p.text)).toEqual(['Where?', '⬇️']); // Skip stays inline
    expect(keyboardOf(ask([{ title: '📍 Bagikan lokasi', payload: 'share_location' }]))[0]![0]!.text).toBe('📍 Bagikan lokasi');
    // without one, the default language's label
    expect(keyboardOf(ask([]))[0]![0]!.text).toBe('📍 Kirim lokasi');
  });

  it('short titles three to a row, long ones fewer', () => {
    const short = render({ text: 'x', quickReplies: ['Ya', 'Tidak', 'Batal', 'Ubah'].map((t) => ({ title: t, payload: t })) }, false);
    expect((short.parts[0]!.reply_markup as { inline_keyboard: unknown[][] }).inline_keyboard.map((r) => r.length)).toEqual([3, 1]);
    const long = render({ text: 'x', quickReplies: ['Permintaan Informasi', 'Pengaduan', 'Aspirasi'].map((t) => ({ title: t, payload: t })) }, false);
    expect((long.parts[0]!.reply_markup as { inline_keyboard: unknown[][] }).inline_keyboard.map((r) => r.length)).toEqual([2, 1]);
  });
});
