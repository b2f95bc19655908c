import { describe, expect, it } from 'vitest';
import { loadFlows } from '../../src/engine/loader.js';
import { initialState, type ConversationState } from '../../src/engine/state.js';
import { pendingQuestion, step } from '../../src/engine/step.js';
import type { EngineInput } from '../../src/engine/types.js';
import { attachment, converse, ctxWith, nlp, pay, photo, say, type Line } from './transcript.js';

const flows = loadFlows();
const STORY = 'Pelayanan di kantor Dukcapil sangat lambat, antre dari subuh tapi blangko KTP habis.';
const agency: EngineInput = { kind: 'agency_response', complaintId: 'c_123', trackingId: '4829301' };

describe('agency responses and citizen replies', () => {
  const REPLY = 'Terima kasih, tapi jalannya masih berlubang sampai sekarang.';

  it('a free text while idle is posted only after the citizen says it is an answer', () => {
    const run = converse([
      [agency, { replies: 0 }],
      [REPLY, { say: 'Kirim ini sebagai tanggapan untuk laporan #4829301?', quickReplies: ['yes', 'no'], effects: [] }],
      ['ya', { say: 'sudah kami teruskan', effects: ['citizen_reply'] }],
      ['halo', { say: 'asisten LAPOR!', effects: [] }],
    ]);
    expect(run.effects).toEqual([{ type: 'citizen_reply', complaintId: 'c_123', message: REPLY }]);
    expect(run.state?.replyTo).toBeNull();
    expect(run.state?.replyDraft).toBeUndefined();
  });

  it('"no": nothing is posted; the text is read as a new message (a story starts a report), the menu otherwise', () => {
    const story = converse([
      [agency],
      [STORY, { say: 'sebagai tanggapan' }],
      [pay('no'), { say: ['tidak saya kirim', 'ceritanya sudah saya catat'], expects: 'classification', effects: ['report_started'] }],
    ]);
    expect(story.state?.draft?.description).toBe(STORY);
    expect(story.state?.replyTo).toBeNull(); // a new report started
    const short = converse([
      [agency],
      ['bentar ya', { say: 'sebagai tanggapan' }],
      ['tidak', { say: ['tidak saya kirim', 'asisten LAPOR!'], expects: 'classification', offers: ['status'], effects: [] }],
    ]);
    expect(short.state?.replyTo).toEqual({ complaintId: 'c_123', trackingId: '4829301' }); // still answerable later
    expect(short.state?.replyDraft).toBeUndefined();
  });

  it.each([
    ['ok', nlp('ok', { intent: 'sapaan' })],
    ['makasih min', undefined],
    ['Terima kasih banyak atas tanggapannya pak 🙏', undefined],
    ['oke siap 👍', undefined],
    ['Thanks!', undefined],
  ])('thanks or an acknowledgement ("%s") gets a polite answer and is not posted', (text, parsed) => {
    const run = converse([[agency], [say(text, parsed), { say: 'Sama-sama', notSay: 'sebagai tanggapan', effects: [] }]]);
    expect(run.state?.replyTo).toEqual({ complaintId: 'c_123', trackingId: '4829301' });
    expect(run.state?.pending).toBeNull();
  });

  it('a greeting shows the welcome menu and posts nothing', () => {
    const run = converse([[agency], [say('selamat pagi', nlp('selamat pagi', { intent: 'sapaan' })), { say: 'asisten LAPOR!', effects: [] }]]);
    expect(run.state?.replyTo).not.toBeNull();
  });

  it('a sure, long new report starts a report instead', () => {
    const text = 'Lampu penerangan jalan di Gang Kenanga Kota Malang mati sejak seminggu lalu, gelap sekali malam hari.';
    const parsed = nlp(text, { intent: 'pengaduan', intentScore: 0.93, category: 'utilitas', categoryScore: 0.8 });
    const run = converse([[agency], [say(text, parsed), { say: 'saya catat', notSay: 'sebagai tanggapan', effects: ['report_started'] }]]);
    expect(run.state?.replyTo).toBeNull();
    // unsure or short: asked
    const unsure = nlp(text, { intent: 'pengaduan', intentScore: 0.6 });
    converse([[agency], [say(text, unsure), { say: 'sebagai tanggapan', effects: [] }]]);
    const short = 'Jalannya belum diperbaiki sama sekali.';
    converse([[agency], [say(short, nlp(short, { intent: 'pengaduan', intentScore: 0.95 })), { say: 'sebagai tanggapan', effects: [] }]]);
  });

  it('"Buat laporan baru" (the report command) while asked starts a report and drops the held text', () => {
    const run = converse([
      [agency],
      [REPLY, { say: 'sebagai tanggapan' }],
      [pay('report'), { expects: 'classification', effects: ['report_started'] }],
    ]);
    expect(run.state?.replyTo).toBeNull();
    expect(run.state?.replyDraft).toBeUndefined();
  });

  it('more bubbles before answering are added to the same reply', () => {
    const run = converse([
      [agency],
      ['Pak jalannya', { say: 'sebagai tanggapan' }],
      ['masih rusak parah', { say: 'sebagai tanggapan', quickReplies: ['yes', 'no'] }],
      [pay('yes'), { effects: ['citizen_reply'] }],
    ]);
    expect(run.effects).toEqual([{ type: 'citizen_reply', complaintId: 'c_123', message: 'Pak jalannya\nmasih rusak parah' }]);
  });

  it('a photo while idle is asked about too, and goes with the reply', () => {
    const run = converse([
      [agency],
      [photo(1, 'ini kondisinya sekarang'), { say: 'sebagai tanggapan untuk laporan #4829301', quickReplies: ['yes', 'no'], effects: [] }],
      [photo(2), { say: 'sebagai tanggapan', effects: [] }],
      [pay('yes'), { say: 'sudah kami teruskan', effects: ['citizen_reply'] }],
    ]);
    expect(run.effects).toEqual([
      { type: 'citizen_reply', complaintId: 'c_123', message: 'ini kondisinya sekarang', attachments: [attachment(1), attachment(2)] },
    ]);
    const bare = converse([[agency], [photo(1)], ['ya', { effects: ['citizen_reply'] }]]);
    expect(bare.effects).toEqual([{ type: 'citizen_reply', complaintId: 'c_123', message: '(lampiran dari pelapor)', attachments: [attachment(1)] }]);
  });

  it('a photo that is not an answer starts a report with it', () => {
    const run = converse([
      [agency],
      [photo(1)],
      [pay('no'), { say: 'buktinya saya simpan', expects: 'classification', effects: ['report_started'] }],
    ]);
    expect(run.state?.draft?.attachments).toEqual([attachment(1)]);
  });

  it('a text that is not an answer to the yes/no question is re-asked, a command still works', () => {
    converse([[agency], [REPLY], [pay('maybe'), { say: 'Balas Ya', quickReplies: ['yes', 'no'] }], ['batal', { say: 'dibatalkan', effects: [] }]]);
  });

  it('the reply goes to the report it was asked for, even when another response arrives meanwhile', () => {
    const other: EngineInput = { kind: 'agency_response', complaintId: 'c_456', trackingId: '1111111' };
    const run = converse([[agency], [REPLY], [other, { replies: 0 }], [pay('yes'), { say: 'sudah kami teruskan', effects: ['citizen_reply'] }]]);
    expect(run.effects).toEqual([{ type: 'citizen_reply', complaintId: 'c_123', message: REPLY }]);
    expect(run.state?.replyTo).toEqual({ complaintId: 'c_456', trackingId: '1111111' }); // that one can still be answered
  });

  it('only batal ends it; help, menu and status keep it', () => {
    const later = 'Sudah diperbaiki, terima kasih banyak ya pak atas bantuannya!';
    converse([[agency], ['batal'], [later, { notSay: 'sebagai tanggapan', effects: ['report_started'] }]]);
    for (const command of ['menu', 'bantuan']) {
      const run = converse([[agency], [command], [later, { say: 'sebagai tanggapan', effects: [] }], ['ya', { effects: ['citizen_reply'] }]]);
      expect(run.state?.replyTo).toBeNull();
    }
    const run = converse([[agency], ['status'], ['4829301', { effects: ['status_lookup'] }], [later, { say: 'sebagai tanggapan' }]]);
    expect(run.state?.replyTo).not.toBeNull();
  });

  it('starting a new report clears it', () => {
    const run = converse([[agency], [pay('PENGADUAN'), { effects: ['report_started'] }], ['batal'], ['Oke terima kasih']]);
    expect(run.effects.map((e) => e.type)).toEqual(['report_started']);
  });

  it('while a report is being written, text answers the report; the reply waits for idle', () => {
    const run = converse([
      [pay('PENGADUAN'), { effects: ['report_started'] }],
      [agency, { replies: 0 }],
      [STORY, { expects: 'category' }],
      [photo(1), { say: 'Lampiran diterima', expects: 'category' }],
      ['batal'],
    ]);
    expect(run.state?.replyTo).toBeNull(); // the cancel command cleared it
  });

  it('a state stored before replies were asked about (no replyDraft) still works', () => {
    const stored = { ...initialState(), replyTo: { complaintId: 'c_123', trackingId: '4829301' } } as ConversationState;
    delete (stored as { replyDraft?: unknown }).replyDraft;
    converse([[REPLY, { say: 'sebagai tanggapan' }], ['ya', { effects: ['citizen_reply'] }]], { state: stored });
  });
});

describe('unsupported messages', () => {
  const toCategory: Line[] = [[pay('PENGADUAN'), { effects: ['report_started'] }], [STORY]];
  it.each([
    ['sticker', 'Stiker'],
    ['voice', 'pesan suara'],
    ['video', 'video belum bisa'],
    ['edited', 'diedit'],
    ['contact', 'Kontak'],
    ['too_large', '5 MB'],
    ['bad_type', 'PDF'],
    ['other', 'belum bisa saya proses'],
    ['hologram', 'belum bisa saya proses'],
  ])('%s gets a specific explanation, then the question again', (what, text) => {
    converse([...toCategory, [{ kind: 'unsupported', what }, { say: [text, 'kategori'], expects: 'category', replies: 2 }]]);
  });

  it('in a group: continue in a private chat, nothing else', () => {
    converse([...toCategory, [{ kind: 'unsupported', what: 'group' }, { say: 'chat pribadi', replies: 1, expects: null }]]);
  });

  it('when idle: only the explanation', () => {
    converse([[{ kind: 'unsupported', what: 'voice' }, { say: 'pesan suara', replies: 1 }]]);
  });
});

describe('evidence at any step', () => {
  it('a photo is added at any question and that question is repeated', () => {
    const run = converse([
      [pay('PENGADUAN'), { effects: ['report_started'] }],
      [STORY],
      [photo(1), { say: ['Lampiran diterima', '1 file', 'kategori'], expects: 'category' }],
      [pay('kependudukan')],
      [photo(2, 'ini fotonya'), { say: '2 file', expects: 'location' }],
      ['Kantor Dukcapil Kota Medan', { expects: 'date_of_incident' }],
      ['hari ini', { expects: 'attachments', say: 'Sudah ada 2 lampiran', quickReplies: ['done', 'clear'] }],
      ['selesai', { expects: 'privacy' }],
      [pay('anonymous'), { say: 'Lampiran: 2 file' }],
      [photo(3), { say: ['3 file', 'Lampiran: 3 file'], expects: 'confirm' }],
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    expect(run.report?.attachments).toEqual([attachment(1), attachment(2), attachment(3)]);
  });

  it('at most the configured number of attachments', () => {
    const max = flows.complaint.limits.max_attachments;
    const photos: Line[] = Array.from({ length: max }, (_, i) => [photo(i + 1)]);
    const run = converse([
      [pay('PENGADUAN'), { effects: ['report_started'] }],
      ...photos,
      [photo(99), { say: `maksimal ${max} lampiran`, expects: 'description' }],
    ]);
    expect(run.state?.draft?.attachments).toHaveLength(max);
  });

  it('a photo when idle starts a report; its caption can be the story', () => {
    const run = converse([
      [photo(1, 'Tumpukan sampah liar di pinggir Sungai Cikapundung, sudah berminggu-minggu tidak diangkut.'), {
        say: 'buktinya saya simpan',
        expects: 'classification',
        effects: ['report_started'],
      }],
      [pay('PENGADUAN'), { expects: 'category' }],
    ]);
    expect(run.state?.draft).toMatchObject({ attachments: [attachment(1)], fastPath: true });
    converse([[photo(1), { expects: 'classification', effects: ['report_started'] }], [pay('ASPIRASI'), { expects: 'description' }]]);
  });

  it('a shared location is kept at any step, and starts a report when idle', () => {
    const location: EngineInput = { kind: 'location', location: { latitude: -6.2, longitude: 106.8 }, address: 'Monas' };
    const run = converse([
      [location, { say: 'Lokasi saya simpan', expects: 'classification', effects: ['report_started'] }],
      [pay('PENGADUAN')],
      [STORY],
      [pay('lainnya'), { expects: 'date_of_incident' }],
    ]);
    expect(run.state?.draft?.location).toEqual({ latitude: -6.2, longitude: 106.8, address: 'Monas' });
  });
});

describe('resuming a stored conversation', () => {
  const conversation: EngineInput[] = [
    say('halo'),
    pay('PENGADUAN'),
    say('pendek'),
    say(STORY),
    photo(1),
    pay('kependudukan'),
    say('Kantor Dukcapil Kota Medan'),
    say('besok'),
    say('kemarin'),
    pay('done'),
    pay('public'),
    say('Siti'),
    say('0812'),
    say('0812-3456-7890'),
    pay('edit'),
    pay('category'),
    pay('sosial'),
    pay('confirm'),
  ];
  const ctx = ctxWith({ profile: { displayName: 'Siti' } });

  it('a JSON round-trip of the state at every point gives the same next step', () => {
    let state: ConversationState | null = null;
    for (const input of conversation) {
      const stored = JSON.parse(JSON.stringify(state)) as ConversationState | null;
      const original = step(flows, state, input, ctx);
      const resumed = step(flows, stored, input, ctx);
      expect(resumed).toEqual(original);
      state = original.state;
    }
    expect(state).toMatchObject({ pending: null, draft: null });
  });

  it('never mutates the state it is given', () => {
    let state: ConversationState | null = null;
    for (const input of conversation) {
      const frozen = state && (JSON.parse(JSON.stringify(state)) as ConversationState);
      const result = step(flows, frozen && deepFreeze(frozen), input, ctx);
      state = result.state;
    }
  });

  it('pendingQuestion repeats what the bot is waiting for', () => {
    let state: ConversationState | null = null;
    for (const input of conversation.slice(0, -1)) {
      const result = step(flows, state, input, ctx);
      state = result.state;
      const asked = result.replies.filter((r) => r.expects).at(-1);
      // the question itself (a re-ask words it differently, but expects the same)
      const repeated = pendingQuestion(flows, JSON.parse(JSON.stringify(state)));
      if (asked) expect({ expects: repeated?.expects, quickReplies: repeated?.quickReplies }).toEqual({ expects: asked.expects, quickReplies: asked.quickReplies });
    }
    expect(pendingQuestion(flows, state)?.expects).toEqual({ slot: 'confirm', type: 'confirm' });
    expect(pendingQuestion(flows, null)).toBeNull();
    expect(pendingQuestion(flows, initialState())).toBeNull();
  });

  it('a state of another version starts a fresh conversation', () => {
    const old = { ...initialState(), version: 0, pending: 'location' } as unknown as ConversationState;
    const result = step(flows, old, say('halo'), ctxWith());
    expect(result.state.version).toBe(1);
    expect(result.replies[0]?.expects?.slot).toBe('classification');
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
