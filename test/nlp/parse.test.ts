import { beforeAll, describe, expect, it } from 'vitest';
import type { NlpResult } from '../../src/core/nlp.js';
import { createNlp, type Nlp } from '../../src/nlp/index.js';

const now = new Date('2026-11-28T12:00:00+07:00');
let nlp: Nlp;
beforeAll(async () => {
  nlp = await createNlp({ train: 'never' });
});
const parse = (text: string): Promise<NlpResult> => nlp.parse(text, { now });

describe('nlp parse', () => {
  it('has exactly the interfaces.md shape', async () => {
    const r = await parse('min jln depan rumah rusak parah bgt di kab tasikmalaya, udah dari kemarin');
    expect(Object.keys(r).sort()).toEqual(['category', 'categoryScore', 'entities', 'intent', 'intentScore', 'language', 'text']);
    expect(r).toMatchObject({ language: 'id', intent: 'pengaduan', category: 'infrastruktur' });
    expect(r.intentScore).toBeGreaterThan(0.5);
    expect(r.entities).toEqual([
      { type: 'location', text: 'kab tasikmalaya', code: '32.06', regency: 'Kabupaten Tasikmalaya', province: 'Jawa Barat' },
      { type: 'date', text: 'kemarin', value: '2026-11-27' },
    ]);
  });

  it('understands English', async () => {
    const r = await parse('The street lights in Surabaya have been off since yesterday');
    expect(r).toMatchObject({ language: 'en', intent: 'pengaduan', category: 'infrastruktur' });
    expect(r.entities.map((e) => e.type)).toEqual(['location', 'date']);
  });

  it('finds tracking ids and phones, and gives no category outside report intents', async () => {
    const r = await parse('cek status laporan 4829301 dong, hp saya 0812-3456-7890');
    expect(r).toMatchObject({ intent: 'cek_status', category: null, categoryScore: 0 });
    expect(r.entities).toEqual([
      { type: 'tracking_id', text: '4829301', value: '4829301' },
      { type: 'phone', text: '0812-3456-7890', value: '+6281234567890' },
    ]);
  });

  it('finds a NIK without taking part of it for a tracking id', async () => {
    const r = await parse('NIK saya 3273010101010001 tapi ktp belum jadi jg padahal udah rekam di kota bandung');
    expect(r).toMatchObject({ intent: 'pengaduan', category: 'kependudukan' });
    expect(r.entities.filter((e) => e.type === 'nik')).toEqual([{ type: 'nik', text: '3273010101010001', value: '3273010101010001' }]);
    expect(r.entities.some((e) => e.type === 'tracking_id')).toBe(false);
    expect(r.entities.find((e) => e.type === 'location')?.code).toBe('32.73');
  });

  it('reads informal chat with regional words', async () => {
    expect((await parse('punten, jalanna ruksak pisan di kec cicendo')).intent).toBe('pengaduan');
    expect((await parse('gajadi min')).intent).toBe('batal');
    expect((await parse('halo min')).intent).toBe('sapaan');
    expect((await parse('bot ini bisa apa aja')).intent).toBe('bantuan');
  });

  it('classifies the three report intents', async () => {
    expect(await parse('usul dibangun taman bermain di dekat sekolah')).toMatchObject({ intent: 'aspirasi' });
    expect(await parse('bagaimana cara mengurus akta kelahiran anak')).toMatchObject({
      intent: 'permintaan_informasi',
      category: 'kependudukan',
    });
    expect(await parse('ada pungli waktu bikin sim di polres')).toMatchObject({ intent: 'pengaduan', category: 'pungli_korupsi' });
  });

  it('takes a short "I want to report" as pengaduan, never as a status check or a cancel', async () => {
    for (const text of ['mau lapor', 'mau melapor min', 'lapor', 'mau ngadu', 'sy mau ngadu', 'mo lapor min', 'lapor dong', 'mau komplain', 'I want to report', "I'd like to file a complaint"]) {
      expect((await parse(text)).intent, text).toBe('pengaduan');
    }
    // a status check names the status, a number or a check word
    for (const text of ['cek status laporan saya', 'laporan saya sudah sampai mana', 'status laporan 4829301', 'check my report']) {
      expect((await parse(text)).intent, text).toBe('cek_status');
    }
    expect((await parse('gak jadi lapor')).intent).toBe('batal');
  });

  it('puts the named city first and does not take slang for a place', async () => {
    const first = async (text: string) => (await parse(text)).entities.find((e) => e.type === 'location');
    expect(await first('gang mawar rt 3 rw 5 deket masjid')).toBeUndefined();
    expect(await first('lampu jalan mati di kelurahan sukajadi kota bandung')).toMatchObject({ code: '32.73' });
    expect(await first('sampah di kec tembalang, eh maksudnya kota bandung')).toMatchObject({ code: '32.73' });
  });

  it('sends out-of-scope text to none', async () => {
    for (const text of ['resep rendang padang yang enak', 'xqzt vbnm', 'tell me a joke']) {
      expect((await parse(text)).intent, text).toBe('none');
    }
    expect((await parse('')).intent).toBe('none');
  });
});
