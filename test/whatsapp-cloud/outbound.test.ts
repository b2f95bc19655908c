// Outbound messages against the Graph API double, which validates them as Meta does: reply
// buttons, lists, numbered text for the 13 categories, the location request, long texts, and
// what each Graph error becomes for the hub's outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphApiError, GraphClient } from '../../bots/whatsapp-cloud/graph-client.js';
import { ChannelError } from '../../src/core/channel.js';
import type { QuickReply } from '../../src/core/messages.js';
import { CATEGORIES } from '../../src/core/taxonomy.js';
import { CITIZEN, outbound, startHarness, wroteAgo, type Harness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // the citizen wrote just now: the 24-hour window is open (on Meta's side too)
  await h.meta.sendText(CITIZEN, 'halo');
  await h.drained();
});
afterAll(async () => {
  await h?.close();
});

const open = () => wroteAgo(h, 1);
const last = () => h.meta.sentTo(CITIZEN).at(-1)!;
const options = (titles: string[]): QuickReply[] => titles.map((title, i) => ({ title, payload: `opt_${i}` }));

describe('Meta refuses what is over its limits (the double checks like Meta)', () => {
  const graph = () => new GraphClient({ apiRoot: h.meta.apiRoot, token: h.meta.token, phoneNumberId: h.meta.phoneNumberId });
  const buttons = (n: number, title = 'Ya') => ({
    to: CITIZEN, type: 'interactive',
    interactive: { type: 'button', body: { text: 'Pilih' }, action: { buttons: Array.from({ length: n }, (_, i) => ({ type: 'reply', reply: { id: `b${i}`, title: `${title}${i}` } })) } },
  });
  const list = (rows: Array<Record<string, string>>) => ({
    to: CITIZEN, type: 'interactive',
    interactive: { type: 'list', body: { text: 'Pilih' }, action: { button: 'Pilih', sections: [{ title: 'Kategori', rows }] } },
  });
  it.each([
    ['four buttons', buttons(4)],
    ['a button title over 20', buttons(1, 'Infrastruktur jalan ')],
    ['eleven rows', list(CATEGORIES.slice(0, 11).map((c) => ({ id: c, title: c })))],
    ['a row title over 24', list([{ id: 'a', title: 'Infrastruktur (jalan, jembatan)' }])],
    ['a row description over 72', list([{ id: 'a', title: 'A', description: 'x'.repeat(73) }])],
  ])('%s: 131009', async (_what, body) => {
    const error = await graph().sendMessage(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphApiError);
    expect(error).toMatchObject({ code: 131009, httpStatus: 400 });
  });
});

describe('rendering within the limits', () => {
  it('up to three short options: reply buttons with the payloads as ids', async () => {
    const message = outbound({ text: 'Kirim laporan ini?', quickReplies: [
      { title: 'Kirim laporan', payload: 'confirm' }, { title: 'Ubah', payload: 'edit' }, { title: 'Batal', payload: 'cancel' },
    ] });
    const result = await h.adapter.send(CITIZEN, message, open());
    expect(result.platformMessageId).toBe(last().wamid);
    expect(last().body.interactive).toMatchObject({
      type: 'button', body: { text: 'Kirim laporan ini?' },
      action: { buttons: [
        { type: 'reply', reply: { id: 'confirm', title: 'Kirim laporan' } },
        { type: 'reply', reply: { id: 'edit', title: 'Ubah' } },
        { type: 'reply', reply: { id: 'cancel', title: 'Batal' } },
      ] },
    });
  });

  it('four options, or a title over 20: a list, long titles cut to 24 with the whole title as description', async () => {
    const menu = [
      { title: 'Pengaduan', payload: 'PENGADUAN' }, { title: 'Aspirasi', payload: 'ASPIRASI' },
      { title: 'Permintaan informasi', payload: 'PERMINTAAN_INFORMASI' }, { title: 'Cek status laporan saya sebelumnya', payload: 'status' },
    ];
    await h.adapter.send(CITIZEN, outbound({ text: 'Mau ngapain?', quickReplies: menu }), open());
    const list = last().body.interactive;
    expect(list.type).toBe('list');
    expect(list.action.button.length).toBeLessThanOrEqual(20);
    const rows = list.action.sections.flatMap((s: { rows: unknown[] }) => s.rows);
    expect(rows.map((r: { id: string }) => r.id)).toEqual(['PENGADUAN', 'ASPIRASI', 'PERMINTAAN_INFORMASI', 'status']);
    expect(rows[3]).toEqual({ id: 'status', title: expect.stringMatching(/^Cek status laporan.{0,6}…$/), description: 'Cek status laporan saya sebelumnya' });
    expect(rows[3].title.length).toBeLessThanOrEqual(24);

    await h.adapter.send(CITIZEN, outbound({ text: 'Pilih', quickReplies: options(['Ya, betul sekali, itu benar', 'Tidak']) }), open());
    expect(last().body.interactive.type).toBe('list');
  });

  it('ten options fit one list; the 13 categories go out as one numbered text (the engine takes the number)', async () => {
    await h.adapter.send(CITIZEN, outbound({ text: 'Pilih', quickReplies: options(CATEGORIES.slice(0, 10).map((c) => `Kategori ${c}`)) }), open());
    expect(last().body.interactive.action.sections[0].rows).toHaveLength(10);

    const before = h.meta.sentTo(CITIZEN).length;
    const categories = CATEGORIES.map((c) => ({ title: c === 'infrastruktur' ? 'Infrastruktur (jalan, jembatan)' : c, payload: c }));
    await h.adapter.send(CITIZEN, outbound({ text: 'Masuk kategori apa?', quickReplies: categories, expects: { slot: 'category', type: 'choice' } }), open());
    expect(h.meta.sentTo(CITIZEN)).toHaveLength(before + 1);
    expect(last().type).toBe('text');
    const body: string = last().body.text.body;
    expect(body).toMatch(/^Masuk kategori apa\?\n\n1\. Infrastruktur \(jalan, jembatan\)\n2\. kesehatan/);
    expect(body).toContain('13. lainnya');
  });

  it('a location question: a location_request_message', async () => {
    await h.adapter.send(CITIZEN, outbound({
      text: 'Di mana lokasinya? Ketik alamatnya atau kirim lokasi 📍',
      quickReplies: [{ title: 'Kirim lokasi', payload: 'share_location' }],
      expects: { slot: 'location', type: 'location' },
    }), open());
    expect(last().body.interactive).toEqual({
      type: 'location_request_message', body: { text: 'Di mana lokasinya? Ketik alamatnya atau kirim lokasi 📍' }, action: { name: 'send_location' },
    });
  });

  it('a body over 1024 characters: the text first, its last paragraph with the buttons', async () => {
    const summary = `Ringkasan laporan:\n${'Isi laporan panjang sekali. '.repeat(50)}`;
    const before = h.meta.sentTo(CITIZEN).length;
    const result = await h.adapter.send(CITIZEN, outbound({ text: `${summary}\n\nSudah benar?`, quickReplies: options(['Ya', 'Ubah']) }), open());
    const sent = h.meta.sentTo(CITIZEN).slice(before);
    expect(sent.map((m) => m.type)).toEqual(['text', 'interactive']);
    expect(sent[0]!.body.text.body).toBe(summary);
    expect(sent[1]!.body.interactive.body.text).toBe('Sudah benar?');
    expect(result.platformMessageId).toBe(sent[1]!.wamid);
  });

  it('a part that fails is retried alone: the parts already sent are not sent again', async () => {
    const summary = `Ringkasan:\n${'Isi laporan panjang sekali. '.repeat(50)}`;
    const message = outbound({ text: `${summary}\n\nKirim?`, quickReplies: options(['Kirim', 'Batal']) });
    const before = h.meta.sentTo(CITIZEN).length;
    h.meta.failNext(null, { code: 131056 });
    expect(await h.adapter.send(CITIZEN, message, open()).catch((e: unknown) => e)).toMatchObject({ kind: 'retry' });
    const result = await h.adapter.send(CITIZEN, message, open());
    const sent = h.meta.sentTo(CITIZEN).slice(before);
    expect(sent.map((m) => m.type)).toEqual(['text', 'interactive']);
    expect(result.platformMessageId).toBe(sent[1]!.wamid);
  });

  it('a text over 4096 characters is split at paragraph boundaries, nothing lost', async () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraf ${i}: ${'kata '.repeat(100)}`.trim());
    const before = h.meta.sentTo(CITIZEN).length;
    await h.adapter.send(CITIZEN, outbound({ text: paragraphs.join('\n\n') }), open());
    const parts = h.meta.sentTo(CITIZEN).slice(before).map((m) => m.body.text.body as string);
    expect(parts.length).toBe(2);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.join('\n\n')).toBe(paragraphs.join('\n\n'));
    expect(h.adapter.maxTextLength).toBe(4096);
  });
});

describe('Graph errors for the outbox', () => {
  const sendFailing = async (error: { code: number; httpStatus?: number }) => {
    h.meta.failNext(error);
    return h.adapter.send(CITIZEN, outbound({ text: 'Status laporanmu berubah.' }), open()).then(() => undefined, (e: unknown) => e);
  };

  it.each([
    [130429, 'retry', 2_000],
    [131056, 'retry', 6_000],
  ])('%s (throughput, pair rate): retry with a backoff hint', async (code, kind, retryAfterMs) => {
    const error = await sendFailing({ code });
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ kind, retryAfterMs });
  });

  it('131026 (undeliverable): permanent, the message is marked failed', async () => {
    expect(await sendFailing({ code: 131026 })).toMatchObject({ kind: 'permanent' });
  });

  it('another 4xx (a bad parameter): permanent; a 5xx: retry', async () => {
    expect(await sendFailing({ code: 100 })).toMatchObject({ kind: 'permanent' });
    expect(await sendFailing({ code: 131000, httpStatus: 500 })).toMatchObject({ kind: 'retry' });
    expect(await sendFailing({ code: 999, httpStatus: 503 })).toMatchObject({ kind: 'retry' });
  });

  it('190 (token refused): retry, the number degraded and reported, connected again once a call succeeds', async () => {
    expect(h.adapter.health().status).toBe('connected');
    h.meta.setTokenValid(false);
    try {
      expect(await h.adapter.send(CITIZEN, outbound({ text: 'x' }), open()).catch((e: unknown) => e)).toMatchObject({ kind: 'retry' });
      expect(h.adapter.health().status).toBe('degraded');
      expect(h.statuses.at(-1)).toMatchObject({ status: 'degraded' });
    } finally {
      h.meta.setTokenValid(true);
    }
    await h.adapter.send(CITIZEN, outbound({ text: 'lagi' }), open());
    expect(h.adapter.health().status).toBe('connected');
    expect(h.statuses.at(-1)).toEqual({ status: 'connected' });
  });

  it('a network failure: retry', async () => {
    const { WhatsappCloudAdapter } = await import('../../bots/whatsapp-cloud/adapter.js');
    const unreachable = new WhatsappCloudAdapter(
      { id: 'whatsapp-cloud-1', name: 'x' },
      { token: 't', phoneNumberId: '1', appSecret: 's', verifyToken: 'v', apiRoot: 'http://127.0.0.1:9', templateLanguage: 'id' },
      { now: () => new Date(), reportStatus: () => {}, logger: console } as never,
      { callTimeoutMs: 1000 },
    );
    const error = await unreachable.send(CITIZEN, outbound({ text: 'x' }), { lastInboundAt: new Date() }).catch((e: unknown) => e);
    await unreachable.stop();
    expect(error).toMatchObject({ kind: 'retry', message: expect.stringMatching(/^network/) });
  });
});
