import { describe, expect, it } from 'vitest';
import { converse, ctxWith, nlp, pay, say, type Line } from './transcript.js';

// what citizens really write: their identity first, then the problem
const STORY = 'sy Budi Santoso NIK 3273011503850002 hp 081234567890, ada pungli di kantor kelurahan Cempaka waktu urus KTP, diminta Rp50.000.';
const parsed = nlp(STORY, { intent: 'pengaduan', intentScore: 0.9, category: 'pungli_korupsi', categoryScore: 0.9 });

const toPrivacy: Line[] = [
  [say(STORY, parsed), { effects: ['report_started'] }],
  ['Kantor Kelurahan Cempaka, Kota Bekasi', { expects: 'date_of_incident' }],
  [pay('today'), { expects: 'privacy' }],
];

describe('personal data in the story never reaches LAPOR! where it does not belong', () => {
  it('anonymous: NIK and phone are masked in title and content; the summary shows it and says why', () => {
    const run = converse([
      ...toPrivacy,
      [pay('anonymous'), {
        expects: 'confirm',
        say: ['NIK [NIK] hp [TELEPON], ada pungli', 'NIK/nomor HP disamarkan demi privasi', 'pastikan namamu tidak tertulis', 'Pilih Ubah'],
        notSay: ['3273011503850002', '081234567890'],
        offers: ['edit'],
      }],
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    const report = run.report!;
    expect(report.reporter).toBeNull();
    expect(report.content).toBe('sy Budi Santoso NIK [NIK] hp [TELEPON], ada pungli di kantor kelurahan Cempaka waktu urus KTP, diminta Rp50.000.');
    expect(`${report.title} ${report.content}`).not.toMatch(/3273011503850002|081234567890|\d{10,}/);
  });

  it.each(['secret', 'public'])('%s: NIK and phone are masked in the story too; the phone goes in the reporter field', (privacy) => {
    const run = converse([
      ...toPrivacy,
      [pay(privacy), { expects: 'reporter_name' }],
      ['Budi Santoso'],
      ['081234567890', { expects: 'confirm', say: ['NIK [NIK] hp [TELEPON]', 'disamarkan demi privasi'], notSay: ['3273011503850002', 'hp 081234567890', 'pastikan namamu'] }],
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    expect(run.report?.content).toContain('NIK [NIK] hp [TELEPON], ada pungli');
    expect(run.report?.reporter).toEqual({ name: 'Budi Santoso', phone: '+6281234567890' });
  });

  it('nothing to mask: no privacy line; an anonymous report still reminds not to write a name', () => {
    const story = 'Ada pungutan liar saat mengurus KTP di kantor kelurahan, diminta bayar Rp50.000.';
    converse([
      [pay('PENGADUAN'), { effects: ['report_started'] }],
      [story],
      [pay('pungli_korupsi')],
      ['Kantor Kelurahan Cempaka, Kota Bekasi'],
      [pay('today')],
      [pay('skip')],
      [pay('anonymous'), { expects: 'confirm', say: 'pastikan namamu tidak tertulis', notSay: 'disamarkan' }],
    ]);
    converse([
      [pay('PENGADUAN'), { effects: ['report_started'] }],
      [story],
      [pay('pungli_korupsi')],
      ['Kantor Kelurahan Cempaka, Kota Bekasi'],
      [pay('today')],
      [pay('skip')],
      [pay('public')],
      ['Siti'],
      ['081234567890', { expects: 'confirm', notSay: ['disamarkan', 'pastikan namamu'] }],
    ]);
  });

  it('the name can be taken out of the story from the summary', () => {
    const run = converse([
      ...toPrivacy,
      [pay('anonymous'), { expects: 'confirm' }],
      [pay('edit')],
      [pay('description'), { expects: 'description' }],
      ['Ada pungli di kantor kelurahan Cempaka waktu urus KTP, diminta Rp50.000 oleh petugas.', { expects: 'confirm', notSay: ['Budi', 'disamarkan'] }],
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    expect(run.report?.content).not.toContain('Budi');
  });

  it('masking cannot make the story too short for LAPOR!: its length counts without the numbers', () => {
    converse([
      [pay('PENGADUAN'), { effects: ['report_started'] }],
      ['NIK 3273011503850002 hp 081234567890 pungli', { say: 'terlalu singkat', expects: 'description' }],
    ]);
  });

  it('in English too', () => {
    const text = 'My ID 3273011503850002, phone 0812-3456-7890: the clinic in Kota Bekasi asked for illegal fees yesterday.';
    const run = converse([
      [say(text, nlp(text, { language: 'en', intent: 'pengaduan', category: 'kesehatan', categoryScore: 0.9, entities: [{ type: 'location', text: 'Kota Bekasi', code: '32.75', regency: 'Kota Bekasi', province: 'Jawa Barat' }] })), { effects: ['report_started'] }],
      [pay('anonymous'), { expects: 'confirm', say: ['masked for privacy', 'make sure your name is not in the story'] }],
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ], { ctx: ctxWith() });
    expect(run.report?.content).toBe('My ID [NIK], phone [TELEPON]: the clinic in Kota Bekasi asked for illegal fees yesterday.');
  });
});
