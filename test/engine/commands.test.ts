import { describe, expect, it } from 'vitest';
import { converse, pay, type Line } from './transcript.js';

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

  it('a description that mentions status or batal is a description', () => {
    const text = 'Saya sudah tanya status KTP saya tiga kali tapi petugas bilang batal terus tanpa alasan.';
    converse([[pay('PENGADUAN'), { effects: ['report_started'] }], [text, { expects: 'category' }]]);
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
