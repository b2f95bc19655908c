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
  it('the next free text while idle is the reply to that complaint', () => {
    const run = converse([
      [agency, { replies: 0 }],
      ['Terima kasih, tapi jalannya masih berlubang sampai sekarang.', { say: 'sudah kami teruskan', effects: ['citizen_reply'] }],
      ['halo', { say: 'asisten LAPOR!', effects: [] }],
    ]);
    expect(run.effects).toEqual([{ type: 'citizen_reply', complaintId: 'c_123', message: 'Terima kasih, tapi jalannya masih berlubang sampai sekarang.' }]);
    expect(run.state?.replyTo).toBeNull();
  });

  it('takes even a one-character reply, and wins over what NLP thinks it is', () => {
    const run = converse([[agency], [say('ok', nlp('ok', { intent: 'sapaan' })), { effects: ['citizen_reply'] }]]);
    expect(run.effects).toEqual([{ type: 'citizen_reply', complaintId: 'c_123', message: 'ok' }]);
  });

  it.each(['menu', 'batal', 'status', 'bantuan'])('the command "%s" clears it', (command) => {
    const later = 'Sudah diperbaiki, terima kasih banyak ya pak atas bantuannya!';
    // after the command the text is taken as what it looks like: a story (or a bad tracking number)
    const run = converse([[agency], [command], [later, { effects: command === 'status' ? [] : ['report_started'] }]]);
    expect(run.effects.map((e) => e.type)).not.toContain('citizen_reply');
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
      ['batal'],
    ]);
    expect(run.state?.replyTo).toBeNull(); // the cancel command cleared it
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
