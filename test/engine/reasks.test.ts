import { describe, expect, it } from 'vitest';
import { converse, pay, type Line } from './transcript.js';

const STORY = 'Puskesmas Sukamaju sering tutup sebelum jam layanan berakhir, warga tidak bisa berobat.';
const toDescription: Line[] = [[pay('PENGADUAN'), { effects: ['report_started'] }]];
const toDate: Line[] = [...toDescription, [STORY], [pay('kesehatan')], ['Puskesmas Sukamaju, Kabupaten Bogor']];
const toPhone: Line[] = [...toDate, ['kemarin'], [pay('skip')], [pay('public')], ['Rina', { expects: 'reporter_phone' }]];

describe('unusable answers get a specific re-ask', () => {
  it('a short description says how many characters are missing and what to add', () => {
    converse([
      ...toDescription,
      ['jalan rusak', { say: ['terlalu singkat', '11 huruf', 'kurang 19 lagi', 'di mana persisnya'], expects: 'description' }],
      ['   Puskesmas tutup       ', { say: ['15 huruf', 'kurang 15'], expects: 'description' }],
      [STORY, { expects: 'category' }],
    ]);
  });

  it('a photo instead of a description is kept, and the description is asked again', () => {
    const run = converse([...toDescription, [{ kind: 'attachment', attachment: { mediaId: 'x', filename: 'a.jpg', mimeType: 'image/jpeg', size: 1 } }, { say: 'Lampiran diterima', expects: 'description' }]]);
    expect(run.state?.draft?.attachments).toHaveLength(1);
  });

  it('a future date is refused with the reason; nonsense and impossible dates too', () => {
    converse([
      ...toDate,
      ['besok', { say: ['"besok"', 'belum lewat'], expects: 'date_of_incident', quickReplies: ['today', 'yesterday'] }],
      ['2026-12-25', { say: 'belum lewat', expects: 'date_of_incident' }],
      ['31/02/2026', { say: 'tidak ada di kalender', expects: 'date_of_incident' }],
      ['pokoknya lama', { say: 'belum menangkap tanggalnya', expects: 'date_of_incident', offers: ['help', 'cancel'] }],
      ['hari senin kemarin', { expects: 'attachments' }],
    ]);
  });

  it('an unknown payload is an unusable answer, never a command or a dead end', () => {
    converse([
      ...toDescription,
      [STORY],
      [pay('jalan_tol'), { say: 'Pilih salah satu kategori', expects: 'category' }],
      [pay('yes'), { say: 'Pilih salah satu kategori', expects: 'category' }],
      [pay('infrastruktur'), { expects: 'location' }],
      [pay('PENGADUAN'), { say: 'Pilihan itu tidak ada di sini', expects: 'location' }],
      [pay('share_location'), { say: 'tombol lampiran', expects: 'location' }],
      ['RT', { say: 'kurang jelas', expects: 'location', offers: ['help', 'cancel'] }],
    ]);
  });

  it('a bad phone number says what a good one looks like', () => {
    const run = converse([
      ...toPhone,
      ['12345', { say: ['belum bisa saya baca', '0812-3456-7890'], expects: 'reporter_phone', type: 'phone' }],
      ['022 1234567', { say: 'diawali 08 atau +62', expects: 'reporter_phone' }],
      ['0812 9876 5432', { expects: 'confirm' }],
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    expect(run.report?.reporter).toEqual({ name: 'Rina', phone: '+6281298765432' });
  });

  it('the third wrong answer in a row also offers help and cancel; a good answer resets the count', () => {
    const run = converse([
      ...toPhone,
      ['abc', { expects: 'reporter_phone', quickReplies: [] }],
      ['def', { expects: 'reporter_phone', quickReplies: [] }],
      ['ghi', { say: ['belum bisa saya baca', 'Bantuan untuk panduan'], quickReplies: ['help', 'cancel'] }],
      ['jkl', { quickReplies: ['help', 'cancel'] }],
      [pay('help'), { say: ['Panduan singkat', 'Nomor HP'], expects: 'reporter_phone', quickReplies: [] }],
      ['xyz', { quickReplies: [] }],
      [pay('cancel'), { say: 'dibatalkan', expects: null }],
    ]);
    expect(run.state).toMatchObject({ draft: null, pending: null });
  });

  it('choice questions keep their options when help is offered', () => {
    converse([
      ...toDescription,
      [STORY],
      ['jalan tol', { expects: 'category' }],
      ['apa ya', { expects: 'category' }],
      ['hmm', { expects: 'category', offers: ['infrastruktur', 'lainnya', 'help', 'cancel'] }],
      ['14', { expects: 'category' }],
      ['1', { expects: 'location' }],
    ]);
  });

  it('an unclear first message shows the welcome menu, then re-asks it specifically', () => {
    converse([
      ['p', { say: 'asisten LAPOR!', expects: 'classification', effects: [] }],
      ['xx', { say: 'belum paham', expects: 'classification' }],
      ['yy', { say: 'belum paham', expects: 'classification' }],
      ['zz', { say: 'belum paham', offers: ['PENGADUAN', 'status', 'help', 'cancel'] }],
    ]);
  });

  it('a date or place alone does not start a report', () => {
    converse([
      ['kemarin', { expects: 'classification', effects: [] }],
      ['kemarin', { say: 'belum paham', expects: 'classification', effects: [] }],
    ]);
  });

  it('a location shared while checking a status starts a report that asks its next question', () => {
    converse([
      ['status', { say: '7 angka' }],
      [{ kind: 'location', location: { latitude: -6.2, longitude: 106.8 } }, { say: 'Lokasi saya simpan', expects: 'classification', effects: ['report_started'] }],
    ]);
  });

  it('a name made of digits is re-asked', () => {
    converse([...toPhone.slice(0, -1), ['12345', { say: 'dengan huruf', expects: 'reporter_name' }], ['Rina S.', { expects: 'reporter_phone' }]]);
  });

  it('text at the attachments question says how to go on', () => {
    converse([...toDate, ['kemarin'], ['sebentar ya', { say: 'pilih Lewati', expects: 'attachments', quickReplies: ['skip'] }]]);
  });

  it('typing at the summary that is not an option is re-asked with the options', () => {
    converse([
      ...toPhone,
      ['081234567890'],
      ['hmm gimana ya', { say: 'Pilih Kirim laporan', expects: 'confirm', quickReplies: ['confirm', 'edit', 'cancel'] }],
      ['2', { expects: 'confirm', type: 'choice' }],
    ]);
  });
});
