import { describe, expect, it } from 'vitest';
import { converse, nlp, pay, say, type Line } from './transcript.js';

const STORY = 'Jembatan gantung di Desa Sukamaju putus sejak banjir, anak-anak harus memutar jauh ke sekolah.';
const steps: Line[] = [
  [pay('PENGADUAN'), { effects: ['report_started'] }],
  [STORY, { expects: 'category' }],
  [pay('infrastruktur'), { expects: 'location' }],
  ['Desa Sukamaju, Kabupaten Garut', { expects: 'date_of_incident' }],
  ['kemarin', { expects: 'attachments' }],
  [pay('skip'), { expects: 'privacy' }],
  [pay('anonymous'), { expects: 'confirm' }],
];

describe('cancel', () => {
  for (let at = 1; at <= steps.length; at++) {
    it(`after ${at} step(s), in any spelling, drops the report and asks nothing more`, () => {
      const spelling = ['batal', '/batal', 'BATAL!', 'cancel', '/cancel', pay('cancel'), 'stop'][at - 1]!;
      const run = converse([...steps.slice(0, at), [spelling, { say: 'dibatalkan', expects: null, quickReplies: [] }]]);
      expect(run.state).toMatchObject({ draft: null, pending: null });
      expect(run.effects.map((e) => e.type)).toEqual(['report_started']);
    });
  }

  it('with nothing going on says so', () => {
    converse([['batal', { say: 'Oke, dibatalkan', expects: null }]]);
  });

  it('a new report after cancelling is counted again', () => {
    converse([...steps.slice(0, 3), ['batal'], ['/lapor', { expects: 'classification', effects: ['report_started'] }]]);
  });
});

describe('help', () => {
  it('explains and repeats the pending question', () => {
    converse([...steps.slice(0, 3), ['bantuan', { say: ['Panduan singkat', 'Di mana lokasinya'], expects: 'location', replies: 2 }]]);
    converse([...steps.slice(0, 3), ['/help', { expects: 'location' }]]);
  });

  it('when idle, shows the menu', () => {
    converse([['help', { say: 'Panduan singkat', expects: 'classification' }]]);
  });
});

describe('status', () => {
  it('asks for the tracking number, then asks the hub', () => {
    const run = converse([
      ['status', { say: '7 angka', expects: null }],
      ['nomornya 12345', { say: 'terdiri dari 7 angka', expects: null }],
      ['4829301', { effects: ['status_lookup'], replies: 0 }],
    ]);
    expect(run.effects).toEqual([{ type: 'status_lookup', trackingId: '4829301' }]);
    expect(run.state?.pending).toBeNull();
  });

  it.each(['status 4829301', '/status 4829301', 'cek status #4829301', 'STATUS 4829301'])('"%s" looks it up directly', (text) => {
    expect(converse([[text, { effects: ['status_lookup'] }]]).effects).toEqual([{ type: 'status_lookup', trackingId: '4829301' }]);
  });

  it('from the welcome menu', () => {
    converse([['halo'], [pay('status'), { say: '7 angka' }], ['4829301', { effects: ['status_lookup'] }]]);
    converse([['halo'], ['cek status', { say: '7 angka' }]]);
  });

  it('in the middle of a report keeps the report and comes back to it', () => {
    const run = converse([
      ...steps.slice(0, 3),
      ['status', { say: '7 angka' }],
      ['1234567', { say: ['tetap tersimpan', 'lanjut'], effects: ['status_lookup'] }],
      ['lanjut', { say: 'Di mana lokasinya', expects: 'location' }],
      ['status 7654321', { effects: ['status_lookup'], say: 'tetap tersimpan' }],
      ['Desa Sukamaju, Kabupaten Garut', { expects: 'date_of_incident' }],
    ]);
    expect(run.effects.filter((e) => e.type === 'status_lookup')).toEqual([
      { type: 'status_lookup', trackingId: '1234567' },
      { type: 'status_lookup', trackingId: '7654321' },
    ]);
  });

  it('the tracking-number question offers a way out: a new report, or cancel', () => {
    converse([['status', { say: '7 angka', quickReplies: ['report', 'cancel'] }], [pay('report'), { expects: 'classification', effects: ['report_started'] }]]);
    converse([['cek status', { quickReplies: ['report', 'cancel'] }], ['12', { say: 'Buat laporan baru', quickReplies: ['report', 'cancel'] }], ['laporan baru', { expects: 'classification', effects: ['report_started'] }]]);
    converse([['status'], [pay('cancel'), { say: 'dibatalkan', expects: null }]]);
    converse([['status'], ['mau lapor', { expects: 'classification', effects: ['report_started'] }]]);
  });

  it('cancelling the tracking-number question in the middle of a report keeps the report', () => {
    const run = converse([...steps.slice(0, 3), ['status'], ['batal', { say: ['cek status dibatalkan', 'Di mana lokasinya'], expects: 'location' }]]);
    expect(run.state?.draft?.category).toBe('infrastruktur');
  });

  it('a story at the tracking-number question starts a report with it instead of re-asking for 7 digits', () => {
    const story = 'Jalan di depan Pasar Cibeureum rusak parah sejak kemarin, banyak lubang dan motor jatuh.';
    const run = converse([
      ['status', { say: '7 angka' }],
      [say(story, nlp(story, { intent: 'pengaduan', intentScore: 0.7, category: 'infrastruktur', categoryScore: 0.8 })), {
        say: 'saya catat', notSay: '7 angka', expects: 'location', effects: ['report_started'],
      }],
    ]);
    expect(run.state?.draft).toMatchObject({ classification: 'PENGADUAN', description: story, category: 'infrastruktur' });
    // mid-report, it fills what the report still lacks and never drops it
    const mid = converse([
      [pay('PENGADUAN'), { effects: ['report_started'] }],
      ['status'],
      [say(story, nlp(story, { intent: 'pengaduan', category: 'infrastruktur', categoryScore: 0.8 })), { expects: 'location', effects: [] }],
    ]);
    expect(mid.state?.draft).toMatchObject({ classification: 'PENGADUAN', description: story });
  });

  it('a description that mentions status or batal is a description', () => {
    const text = 'Saya sudah tanya status KTP saya tiga kali tapi petugas bilang batal terus tanpa alasan.';
    converse([[pay('PENGADUAN'), { effects: ['report_started'] }], [text, { expects: 'category' }]]);
  });
});

describe('asking to report is never a status check', () => {
  it.each(['lapor', 'mau lapor', 'mau melapor min', 'Mau lapor kak', 'melapor'])('"%s" starts a report and asks its type', (text) => {
    converse([[say(text, nlp(text, { intent: 'cek_status', intentScore: 0.9 })), { expects: 'classification', notSay: '7 angka', effects: ['report_started'] }]]);
  });

  it.each(['mau ngadu', 'ngadu min', 'mau mengadu', 'pengaduan'])('"%s" starts a complaint and asks the story', (text) => {
    const run = converse([[say(text, nlp(text, { intent: 'cek_status', intentScore: 0.9 })), { expects: 'description', effects: ['report_started'] }]]);
    expect(run.state?.draft?.classification).toBe('PENGADUAN');
  });

  it('cek_status without a number asks for it only when NLP is sure and no report word is in the text', () => {
    const unsure = 'laporan saya gimana';
    converse([[say(unsure, nlp(unsure, { intent: 'cek_status', intentScore: 0.55 })), { notSay: '7 angka', expects: 'classification' }]]);
    const sure = 'laporan saya sudah sampai mana ya';
    converse([[say(sure, nlp(sure, { intent: 'cek_status', intentScore: 0.85 })), { say: '7 angka' }]]);
    const report = 'saya mau melapor tapi bingung caranya';
    converse([[say(report, nlp(report, { intent: 'cek_status', intentScore: 0.95 })), { notSay: '7 angka', effects: ['report_started'] }]]);
  });
});

describe('language', () => {
  it('"bahasa" offers a choice; the pending question is repeated in the chosen language', () => {
    converse([
      ...steps.slice(0, 3),
      ['bahasa', { quickReplies: ['lang:id', 'lang:en'], expects: null }],
      [pay('lang:en'), { say: ["let's continue in English", 'Where is it?'], expects: 'location' }],
      ['Desa Sukamaju, Garut', { say: 'When did it happen', expects: 'date_of_incident' }],
      ['bahasa indonesia', { say: 'Kapan kejadiannya', expects: 'date_of_incident' }],
    ]);
  });

  it('switches directly with an argument or a language name, and the report is filed in it', () => {
    const run = converse([
      ...steps.slice(0, 2),
      ['english', { say: 'Which category', expects: 'category' }],
      ['/language id', { say: 'kategori', expects: 'category' }],
      ['language english', { expects: 'category' }],
      ...steps.slice(2),
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    expect(run.report?.language).toBe('en');
  });

  it('a command does not settle the language NLP guesses for it ("cek status" is not English)', () => {
    const story = 'Jalan di depan Pasar Cibeureum rusak parah sejak kemarin, banyak lubang dan motor jatuh.';
    converse([
      [say('cek status', nlp('cek status', { language: 'en', intent: 'cek_status' })), { say: 'Kirim nomor laporanmu' }],
      [say(story, nlp(story, { language: 'id', intent: 'pengaduan' })), { say: 'saya catat', effects: ['report_started'] }],
    ]);
  });

  it('typing a language at the chooser works too', () => {
    converse([['bahasa'], ['English', { say: "let's continue in English", expects: null }], ['halo', { say: "I'm the LAPOR! assistant" }]]);
  });
});

describe('start, menu and lapor never drop a report being written', () => {
  it.each(['/start', 'menu', '/lapor', '/start@laporbot', 'halo'])('%s mid-report resumes it', (command) => {
    const run = converse([...steps.slice(0, 4), [command, { say: ['masih tersimpan', 'Kapan kejadiannya'], expects: 'date_of_incident' }]]);
    expect(run.effects.filter((e) => e.type === 'report_started')).toHaveLength(1);
  });

  it('the deep link /start lapor opens a new report at once', () => {
    converse([['/start lapor', { say: 'termasuk jenis apa', expects: 'classification', effects: ['report_started'] }]]);
  });

  it('/start when idle shows the welcome menu', () => {
    converse([['/start', { say: 'asisten LAPOR!', expects: 'classification', offers: ['status'] }]]);
  });

  it('an old button after the report was sent says it is no longer active', () => {
    converse([...steps, [pay('confirm'), { effects: ['submit_complaint'] }], [pay('confirm'), { say: 'tidak berlaku', expects: 'classification' }]]);
  });
});
