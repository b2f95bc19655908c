import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/core/nlp.js';
import { converse, ctxWith, nlp, pay, say, YESTERDAY } from './transcript.js';

const FIRST = 'Jalan di depan Pasar Cibeureum, Kota Bandung rusak parah sejak kemarin, banyak lubang dan motor jatuh.';
const BANDUNG: Entity = { type: 'location', text: 'Kota Bandung', code: '32.73', regency: 'Kota Bandung', province: 'Jawa Barat' };
const KEMARIN: Entity = { type: 'date', text: 'kemarin', value: YESTERDAY };
const parsedFirst = nlp(FIRST, { intent: 'pengaduan', category: 'infrastruktur', categoryScore: 0.81, entities: [BANDUNG, KEMARIN] });

describe('the fast path: what, where and when in the first message', () => {
  it('reaches the confirmation in 4 questions (privacy, name, phone, confirm) and files what was understood', () => {
    const run = converse([
      [say(FIRST, parsedFirst), {
        say: ['saya catat', 'Jenis laporan: Pengaduan', 'Kategori: Infrastruktur', 'Lokasi: Jalan di depan Pasar Cibeureum, Kota Bandung', 'Tanggal kejadian: 27 November 2026', 'Foto bukti boleh dikirim kapan saja'],
        expects: 'privacy',
        effects: ['report_started'],
        replies: 2,
      }],
      [pay('public'), { expects: 'reporter_name' }],
      ['Siti', { expects: 'reporter_phone' }],
      ['081234567890', { expects: 'confirm', say: ['Yang saya tangkap dari pesanmu: jenis laporan, kategori, lokasi, tanggal kejadian', 'Judul: Jalan di depan Pasar Cibeureum, Kota Bandung rusak parah sejak kemarin'] }],
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    expect(run.questions).toBe(4);
    expect(run.report).toEqual({
      classification: 'PENGADUAN',
      title: 'Jalan di depan Pasar Cibeureum, Kota Bandung rusak parah sejak kemarin, banyak lubang dan motor jatuh',
      content: FIRST,
      category: 'infrastruktur',
      dateOfIncident: YESTERDAY,
      location: { code: '32.73', name: 'Kota Bandung', address: 'Jalan di depan Pasar Cibeureum, Kota Bandung' },
      isAnonymous: false,
      isSecret: false,
      reporter: { name: 'Siti', phone: '+6281234567890' },
      attachments: [],
      language: 'id',
    });
  });

  it('with the name and phone known from WhatsApp: 3 questions', () => {
    const run = converse(
      [
        [say(FIRST, parsedFirst), { expects: 'privacy', effects: ['report_started'] }],
        [pay('secret'), { expects: 'reporter_name', quickReplies: ['yes', 'no'] }],
        ['ya', { expects: 'confirm' }],
        ['kirim', { effects: ['submit_complaint'] }],
      ],
      { ctx: ctxWith({ channel: 'whatsapp-cloud', profile: { displayName: 'Siti', phone: '+6281234567890' } }) },
    );
    expect(run.questions).toBe(3);
    expect(run.report).toMatchObject({ isSecret: true, reporter: { name: 'Siti', phone: '+6281234567890' } });
  });

  it('anonymous: 2 questions', () => {
    const run = converse([[say(FIRST, parsedFirst), { effects: ['report_started'] }], [pay('anonymous'), { expects: 'confirm' }], [pay('confirm'), { effects: ['submit_complaint'] }]]);
    expect(run.questions).toBe(2);
  });

  it('anything understood can be corrected in the summary', () => {
    const run = converse([
      [say(FIRST, parsedFirst), { effects: ['report_started'] }],
      [pay('anonymous')],
      [pay('edit')],
      [pay('category')],
      [pay('transportasi'), { expects: 'confirm' }],
      [pay('edit')],
      [pay('location')],
      ['Jl. Cibeureum No. 10, Kota Cimahi', { expects: 'confirm', say: 'Jl. Cibeureum No. 10, Kota Cimahi' }],
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    expect(run.report).toMatchObject({
      category: 'transportasi',
      location: { name: 'Jl. Cibeureum No. 10, Kota Cimahi', address: 'Jl. Cibeureum No. 10, Kota Cimahi' },
      dateOfIncident: YESTERDAY,
    });
  });

  it('asks only what is missing: a weak category guess and no date', () => {
    const text = 'Air PDAM di Kecamatan Cibeunying mati terus, warga harus beli air galon setiap hari.';
    const parsed = nlp(text, { intent: 'pengaduan', category: 'utilitas', categoryScore: 0.3, entities: [{ ...BANDUNG, text: 'Kecamatan Cibeunying' }] });
    const run = converse([
      [say(text, parsed), { say: 'Lokasi: Kecamatan Cibeunying (Kota Bandung)', notSay: 'Kategori:', expects: 'category', effects: ['report_started'] }],
      [pay('utilitas'), { expects: 'date_of_incident' }],
      ['seminggu lalu', { expects: 'privacy' }],
      [pay('anonymous'), { expects: 'confirm' }],
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    expect(run.report).toMatchObject({ category: 'utilitas', dateOfIncident: '2026-11-21', location: { code: '32.73', name: 'Kota Bandung', address: 'Kecamatan Cibeunying' } });
  });

  it('an aspiration intent files an ASPIRASI', () => {
    const text = 'Usul agar taman kota di Kabupaten Sleman diberi lebih banyak tempat sampah.';
    const run = converse([
      [say(text, nlp(text, { intent: 'aspirasi', category: 'lingkungan', categoryScore: 0.7, entities: [{ type: 'location', text: 'Kabupaten Sleman', code: '34.04', regency: 'Kabupaten Sleman', province: 'DI Yogyakarta' }] })), { expects: 'date_of_incident', effects: ['report_started'] }],
      [pay('today'), { expects: 'privacy' }],
      [pay('anonymous')],
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    expect(run.report).toMatchObject({ classification: 'ASPIRASI', category: 'lingkungan', location: { code: '34.04', name: 'Kabupaten Sleman' } });
  });

  it('a short report intent starts the report and asks for the story', () => {
    converse([
      [say('lapor soal pungli', nlp('lapor soal pungli', { intent: 'pengaduan', category: null })), { say: 'Jenis laporan: Pengaduan', expects: 'description', effects: ['report_started'] }],
    ]);
    // "mau lapor" is the report command: it does not say which type, so the type is asked
    converse([
      [say('mau lapor', nlp('mau lapor', { intent: 'pengaduan', category: null })), { expects: 'classification', effects: ['report_started'] }],
    ]);
  });

  it('a province-only location keeps the province as the name', () => {
    const text = 'Banjir setinggi lutut di kampung kami di Jawa Barat belum surut sejak 3 hari lalu.';
    const run = converse([
      [say(text, nlp(text, { intent: 'pengaduan', category: 'lingkungan', categoryScore: 0.9, entities: [{ type: 'location', text: 'Jawa Barat', code: '32', province: 'Jawa Barat' }] })), { expects: 'privacy', effects: ['report_started'] }],
    ]);
    expect(run.state?.draft).toMatchObject({ location: { code: '32', name: 'Jawa Barat', address: 'Jawa Barat' }, dateOfIncident: '2026-11-25' });
  });
});

describe('several places: the first one NLP gives is taken (its list is best-first)', () => {
  const CIMAHI: Entity = { type: 'location', text: 'Kota Cimahi', code: '32.77', regency: 'Kota Cimahi', province: 'Jawa Barat' };
  const CIBEUREUM: Entity = { type: 'location', text: 'Cibeureum', code: '32.73', regency: 'Kota Bandung', province: 'Jawa Barat' };

  it('in the first message', () => {
    const text = 'Jalan di Cibeureum, Kota Cimahi rusak parah sejak kemarin, banyak lubang dan motor jatuh.';
    const run = converse([[say(text, nlp(text, { intent: 'pengaduan', category: 'infrastruktur', categoryScore: 0.9, entities: [CIMAHI, CIBEUREUM, KEMARIN] })), { say: 'Kota Cimahi', effects: ['report_started'] }]]);
    expect(run.state?.draft?.location).toMatchObject({ code: '32.77', name: 'Kota Cimahi' });
  });

  it('in a typed location', () => {
    const text = 'Pasar Cibeureum, Kota Cimahi';
    const run = converse([
      [pay('PENGADUAN'), { effects: ['report_started'] }],
      ['Jalan di depan pasar rusak parah, banyak lubang dan motor jatuh tiap hari.'],
      [pay('infrastruktur'), { expects: 'location' }],
      [say(text, nlp(text, { entities: [CIMAHI, CIBEUREUM] })), { expects: 'date_of_incident' }],
    ]);
    expect(run.state?.draft?.location).toEqual({ code: '32.77', name: 'Kota Cimahi', address: text });
  });
});

describe('the title comes from the story, not the greeting', () => {
  it('"pagi min, ..." files a title starting with the problem', () => {
    const text = 'pagi min, mau lapor. Lampu penerangan di Gang Kenanga mati sejak kemarin, gelap sekali malam hari.';
    const run = converse([
      [say(text, nlp(text, { intent: 'pengaduan', category: 'utilitas', categoryScore: 0.9, entities: [KEMARIN] })), { effects: ['report_started'] }],
      ['Gang Kenanga, Kota Malang'],
      [pay('anonymous'), { say: 'Judul: Lampu penerangan di Gang Kenanga mati sejak kemarin, gelap sekali malam hari', notSay: 'Judul: Pagi' }],
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    expect(run.report?.title).toBe('Lampu penerangan di Gang Kenanga mati sejak kemarin, gelap sekali malam hari');
    expect(run.report?.content).toBe(text);
  });
});

describe('without NLP the first message still counts', () => {
  it('a long first text becomes the description, its date is found, and the type is asked', () => {
    const text = 'Lampu penerangan jalan di Gang Kenanga mati sejak kemarin, gelap sekali malam hari.';
    const run = converse([
      [text, { say: ['Tanggal kejadian: 27 November 2026', 'jenis'], expects: 'classification', quickReplies: ['PENGADUAN', 'ASPIRASI', 'PERMINTAAN_INFORMASI'], effects: ['report_started'] }],
      ['1', { expects: 'category' }],
      [pay('utilitas'), { expects: 'location' }],
      ['Gang Kenanga RT 03/05, Kota Malang', { expects: 'privacy' }],
      [pay('anonymous')],
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    expect(run.report).toMatchObject({ classification: 'PENGADUAN', content: text, dateOfIncident: YESTERDAY, attachments: [] });
  });

  it('only a story: thanks for it while asking its type', () => {
    converse([['Petugas di kantor kecamatan meminta uang tambahan untuk surat pindah.', { say: 'ceritanya sudah saya catat', expects: 'classification', replies: 1, effects: ['report_started'] }]]);
  });
});

describe('intents', () => {
  it('a greeting shows the welcome menu', () => {
    converse([[say('selamat pagi min', nlp('selamat pagi min', { intent: 'sapaan' })), { say: 'asisten LAPOR!', expects: 'classification', effects: [] }]]);
  });

  it('cek_status with a tracking number asks the hub directly', () => {
    const run = converse([
      [say('gimana laporan 4829301 ya', nlp('gimana laporan 4829301 ya', { intent: 'cek_status', entities: [{ type: 'tracking_id', text: '4829301', value: '4829301' }] })), { effects: ['status_lookup'], replies: 0 }],
    ]);
    expect(run.effects).toEqual([{ type: 'status_lookup', trackingId: '4829301' }]);
  });

  it('cancel/help intents count only when the text does not answer the question', () => {
    const long = 'Saya mau batal ikut program tapi uang pendaftaran tidak dikembalikan oleh panitia kelurahan.';
    converse([
      [pay('PENGADUAN'), { effects: ['report_started'] }],
      [say(long, nlp(long, { intent: 'batal' })), { expects: 'category' }],
      [say('tolong saya bingung', nlp('tolong saya bingung', { intent: 'bantuan' })), { say: 'Panduan singkat', expects: 'category' }],
      [say('gak jadi deh', nlp('gak jadi deh', { intent: 'batal' })), { say: 'dibatalkan', expects: null }],
    ]);
  });

  it('the language of the first parsed text is the conversation language', () => {
    const text = 'The road in front of my house in Kota Bandung has big potholes since last week.';
    const run = converse([
      [say(text, nlp(text, { language: 'en', intent: 'pengaduan', category: 'infrastruktur', categoryScore: 0.9, entities: [BANDUNG] })), { say: ["I've noted your report", 'Category: Infrastructure'], expects: 'privacy', effects: ['report_started'] }],
      [say('anonim', nlp('anonim', { language: 'id' })), { say: 'Please check your report', expects: 'confirm' }],
      [pay('confirm'), { say: "We've received", effects: ['submit_complaint'] }],
    ]);
    expect(run.report).toMatchObject({ language: 'en', dateOfIncident: '2026-11-21' });
  });

  it('NLP resolves a typed location and a date the rules do not know', () => {
    const run = converse([
      [pay('PENGADUAN'), { effects: ['report_started'] }],
      ['Sekolah dasar negeri di desa kami atapnya bocor dan hampir roboh, murid belajar di teras.'],
      [pay('pendidikan'), { expects: 'location' }],
      [say('SDN 2 Cibiru, dekat kantor desa', nlp('SDN 2 Cibiru, dekat kantor desa', { entities: [{ ...BANDUNG, text: 'Cibiru' }] })), { expects: 'date_of_incident' }],
      [say('awal bulan ini', nlp('awal bulan ini', { entities: [{ type: 'date', text: 'awal bulan ini', value: '2026-11-01' }] })), { expects: 'attachments' }],
    ]);
    expect(run.state?.draft).toMatchObject({
      location: { code: '32.73', name: 'Kota Bandung', address: 'SDN 2 Cibiru, dekat kantor desa' },
      dateOfIncident: '2026-11-01',
    });
  });
});
