import { describe, expect, it } from 'vitest';
import type { ConfirmedReport } from '../../src/core/report.js';
import { converse, pay, photo, type Line } from './transcript.js';

const STORY = 'Sampah menumpuk di TPS Jalan Melati sudah dua minggu tidak diangkut, baunya menyengat.';

/** A public complaint, answered step by step, waiting at the summary. */
const toSummary: Line[] = [
  [pay('PENGADUAN'), { effects: ['report_started'] }],
  [STORY],
  [pay('lingkungan')],
  ['TPS Jalan Melati, Kota Depok'],
  ['2026-11-20'],
  [pay('skip')],
  [pay('public')],
  ['Siti'],
  ['081234567890', { expects: 'confirm' }],
];

const ORIGINAL: ConfirmedReport = {
  classification: 'PENGADUAN',
  title: 'Sampah menumpuk di TPS Jalan Melati sudah dua minggu tidak diangkut, baunya menyengat',
  content: STORY,
  category: 'lingkungan',
  dateOfIncident: '2026-11-20',
  location: { name: 'TPS Jalan Melati, Kota Depok', address: 'TPS Jalan Melati, Kota Depok' },
  isAnonymous: false,
  isSecret: false,
  reporter: { name: 'Siti', phone: '+6281234567890' },
  attachments: [],
  language: 'id',
};

const FIELDS = [
  'classification', 'title', 'description', 'category', 'location', 'date_of_incident', 'attachments', 'privacy',
  'reporter_name', 'reporter_phone',
];

/** Edits one field from the summary and confirms; returns the filed report. */
function editAndConfirm(field: string, answers: Line[]): ConfirmedReport {
  const run = converse([
    ...toSummary,
    [pay('edit'), { say: 'Bagian mana', expects: 'confirm', type: 'choice', quickReplies: FIELDS }],
    [pay(field), { expects: field === 'title' ? 'title' : (field as never) }],
    ...answers,
    [pay('confirm'), { effects: ['submit_complaint'] }],
  ]);
  return run.report!;
}

describe('changing a field from the summary re-asks only that field, then shows the summary again', () => {
  it('leaves everything as it was without changes', () => {
    expect(converse([...toSummary, [pay('confirm'), { effects: ['submit_complaint'] }]]).report).toEqual(ORIGINAL);
  });

  it('classification', () => {
    expect(editAndConfirm('classification', [[pay('ASPIRASI'), { expects: 'confirm', say: 'Aspirasi' }]])).toEqual({
      ...ORIGINAL,
      classification: 'ASPIRASI',
    });
  });

  it('title (and the title stays when the description changes later)', () => {
    const run = converse([
      ...toSummary,
      [pay('edit')],
      [pay('title'), { say: 'Judul sekarang', expects: 'title', type: 'text' }],
      ['TPS', { say: 'terlalu pendek', expects: 'title' }],
      ['Sampah TPS Melati tidak diangkut', { expects: 'confirm', say: 'Judul: Sampah TPS Melati tidak diangkut' }],
      [pay('edit')],
      [pay('description')],
      ['Sampah di TPS Melati tidak diangkut sejak awal bulan dan mulai dikerubungi lalat.', { expects: 'confirm' }],
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    expect(run.report).toEqual({
      ...ORIGINAL,
      title: 'Sampah TPS Melati tidak diangkut',
      content: 'Sampah di TPS Melati tidak diangkut sejak awal bulan dan mulai dikerubungi lalat.',
    });
  });

  it('description (the generated title follows it)', () => {
    const story = 'Lampu jalan di Gang Mawar mati. Sudah seminggu gelap dan rawan kejahatan.';
    expect(editAndConfirm('description', [['terlalu pendek', { say: 'kurang' }], [story, { expects: 'confirm' }]])).toEqual({
      ...ORIGINAL,
      content: story,
      title: 'Lampu jalan di Gang Mawar mati',
    });
  });

  it('category', () => {
    expect(editAndConfirm('category', [[pay('kesehatan'), { expects: 'confirm' }]])).toEqual({ ...ORIGINAL, category: 'kesehatan' });
  });

  it('location, as a shared map point', () => {
    const report = editAndConfirm('location', [
      [{ kind: 'location', location: { latitude: -6.4, longitude: 106.8 } }, { expects: 'confirm', say: 'titik peta -6.40000, 106.80000' }],
    ]);
    expect(report).toEqual({ ...ORIGINAL, location: { latitude: -6.4, longitude: 106.8 } });
  });

  it('date of incident', () => {
    expect(editAndConfirm('date_of_incident', [['kemarin lusa', { expects: 'confirm', say: '26 November 2026' }]])).toEqual({
      ...ORIGINAL,
      dateOfIncident: '2026-11-26',
    });
  });

  it('attachments: add, clear, add again', () => {
    const report = editAndConfirm('attachments', [
      [photo(1), { say: '1 lampiran', quickReplies: ['done', 'clear'] }],
      [pay('clear'), { quickReplies: ['skip'] }],
      [photo(2), { say: '1 lampiran' }],
      [pay('done'), { expects: 'confirm', say: '1 file' }],
    ]);
    expect(report.attachments.map((a) => a.mediaId)).toEqual(['m2']);
  });

  it('privacy to anonymous drops the reporter', () => {
    expect(editAndConfirm('privacy', [[pay('anonymous'), { expects: 'confirm', notSay: 'Siti' }]])).toEqual({
      ...ORIGINAL,
      isAnonymous: true,
      reporter: null,
    });
  });

  it('privacy from anonymous back to secret asks the name and phone again', () => {
    const run = converse([
      ...toSummary,
      [pay('edit')],
      [pay('privacy')],
      [pay('anonymous'), { expects: 'confirm' }],
      [pay('edit'), { quickReplies: FIELDS.slice(0, 8) }],
      [pay('privacy')],
      [pay('secret'), { expects: 'reporter_name' }],
      ['Siti Rahma', { expects: 'reporter_phone' }],
      ['0857 1111 2222', { expects: 'confirm' }],
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    expect(run.report).toEqual({ ...ORIGINAL, isSecret: true, reporter: { name: 'Siti Rahma', phone: '+6285711112222' } });
  });

  it('reporter name', () => {
    expect(editAndConfirm('reporter_name', [['Siti Nurhaliza', { expects: 'confirm', say: 'Siti Nurhaliza' }]])).toEqual({
      ...ORIGINAL,
      reporter: { name: 'Siti Nurhaliza', phone: '+6281234567890' },
    });
  });

  it('reporter phone', () => {
    expect(editAndConfirm('reporter_phone', [['0813-9999-8888', { expects: 'confirm' }]])).toEqual({
      ...ORIGINAL,
      reporter: { name: 'Siti', phone: '+6281399998888' },
    });
  });

  it('classification to information request keeps the date; back to complaint after skipping asks it', () => {
    const run = converse([
      ...toSummary,
      [pay('edit')],
      [pay('classification')],
      [pay('PERMINTAAN_INFORMASI'), { expects: 'confirm' }],
      [pay('edit')],
      [pay('date_of_incident'), { offers: ['skip'] }],
      [pay('skip'), { expects: 'confirm', say: 'Tanggal kejadian: tidak ada' }],
      [pay('edit')],
      [pay('classification')],
      [pay('PENGADUAN'), { expects: 'date_of_incident', notSay: 'Lewati' }],
      [pay('skip'), { expects: 'date_of_incident', say: 'Pilihan itu tidak ada' }],
      ['kemarin', { expects: 'confirm' }],
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    expect(run.report).toEqual({ ...ORIGINAL, dateOfIncident: '2026-11-27' });
  });

  it('an unknown field payload is re-asked', () => {
    converse([...toSummary, [pay('edit')], [pay('nik'), { expects: 'confirm', type: 'choice', say: 'Pilih bagian' }], ['4', { expects: 'category' }]]);
  });
});
