import { beforeAll, describe, expect, it } from 'vitest';
import { loadGazetteer, type Gazetteer } from '../../src/nlp/gazetteer.js';

let gaz: Gazetteer;
beforeAll(() => {
  gaz = loadGazetteer();
});
const codes = (text: string): string[] => gaz.find(text).map((e) => e.code);

describe('gazetteer', () => {
  it('resolves a regency with its qualifier, in any spelling', () => {
    expect(gaz.find('jalan rusak di kab tasikmalaya')).toEqual([
      { type: 'location', text: 'kab tasikmalaya', code: '32.06', regency: 'Kabupaten Tasikmalaya', province: 'Jawa Barat' },
    ]);
    expect(codes('banjir di Kab. Bogor')).toEqual(['32.01']);
    expect(codes('kabupaten bogor')).toEqual(['32.01']);
    expect(codes('pemkab bogor')).toEqual(['32.01']);
    expect(codes('Kota Bogor')).toEqual(['32.71']);
    expect(codes('bekasi regency')).toEqual(['32.16']);
    expect(codes('malang city')).toEqual(['35.73']);
  });

  it('keeps the text as written', () => {
    expect(gaz.find('Lapor, KOTA BANDUNG macet')[0]?.text).toBe('KOTA BANDUNG');
  });

  it('takes a bare name shared by a city and a regency as the city', () => {
    expect(codes('bandung banjir lagi')).toEqual(['32.73']);
    expect(codes('di tasikmalaya')).toEqual(['32.78']);
  });

  it('resolves a district to the regency it lies in', () => {
    expect(gaz.find('puskesmas di kec coblong')).toEqual([
      { type: 'location', text: 'kec coblong', code: '32.73', regency: 'Kota Bandung', province: 'Jawa Barat' },
    ]);
    expect(codes('lampu mati di tembalang')).toEqual(['33.74']);
    expect(codes('kecamatan mlati')).toEqual(['34.04']);
  });

  it('picks among same-name districts by the regency or province named, else the best known', () => {
    expect(codes('sukajadi pekanbaru')).toEqual(['14.71']);
    expect(codes('sukajadi')).toEqual(['32.73']);
    expect(codes('depok sleman')).toEqual(['34.04']);
    expect(codes('depok')).toEqual(['32.76']);
    expect(codes('wonosari')).toEqual(['34.03']);
    expect(codes('cibinong, jawa barat')).toEqual(['32.01']);
  });

  it('matches villages only after desa/kelurahan', () => {
    expect(codes('desa panggungharjo')).toEqual(['34.02']);
    expect(codes('ds panggungharjo')).toEqual(['34.02']);
    expect(codes('kel lebak bulus')).toEqual(['31.74']);
    expect(codes('kelurahan dago')).toEqual(['32.73']);
    expect(codes('panggungharjo')).toEqual([]);
  });

  it('gives a province-only mention the province code and no regency', () => {
    expect(gaz.find('di jawa barat')).toEqual([{ type: 'location', text: 'jawa barat', code: '32', province: 'Jawa Barat' }]);
    expect(codes('jatim')).toEqual(['35']);
    expect(codes('Jakarta')).toEqual(['31']);
    // a province named with one of its regencies is not repeated
    expect(codes('Kota Bandung, Jawa Barat')).toEqual(['32.73']);
  });

  it('knows informal and English names', () => {
    expect(codes('jaksel')).toEqual(['31.74']);
    expect(codes('jogja')).toEqual(['34.71']);
    expect(codes('south tangerang')).toEqual(['36.74']);
    expect(codes('west java')).toEqual(['32']);
  });

  it('does not take common words or street names for places', () => {
    for (const text of [
      'jalan rusak di pasar dekat taman kota',
      'sungai tercemar limbah',
      'rumah sakit menolak pasien',
      'laporan saya sudah selesai belum',
      'kamu tinggal di mana, ibu',
      'jl. surabaya no 5 rusak',
      'desa kami terpencil',
      'baunya bau bau banget',
    ]) {
      expect(gaz.find(text), text).toEqual([]);
    }
  });

  it('reports several places in reading order, one per regency', () => {
    expect(codes('kec parung kab bogor')).toEqual(['32.01']);
    expect(codes('dari kota bandung ke kota surabaya')).toEqual(['32.73', '35.78']);
  });
});

describe('a regency named outright', () => {
  it('outweighs an unqualified district name of another regency in the same text', () => {
    const found = loadGazetteer().find('jalan rusak di depan pasar cibeureum kota bandung');
    expect(found.map((e) => e.code)).toEqual(['32.73']);
  });
});

describe('common words and chat slang that are also district names', () => {
  it('are not places on their own ("deket" is Kecamatan Deket, Lamongan)', () => {
    for (const text of [
      'gang mawar rt 3 rw 5 deket masjid',
      'rumah dket pasar',
      'lampu mati di sebelah sekolah',
      'sampah numpuk di ujung gang',
      'jalan berlubang di tengah kota',
      'banjir di kota', // "kota" alone
      'got mampet depan warung belakang masjid',
      'pasar baru yang lama sudah jaya makmur',
      'di perumahan indah sari mulya',
      'pohon tumbang di samping candi',
    ]) {
      expect(gaz.find(text), text).toEqual([]);
    }
  });

  it('count with "kec"/"kecamatan", or beside their own regency', () => {
    expect(codes('kecamatan deket')).toEqual(['35.24']);
    expect(codes('kec deket')).toEqual(['35.24']);
    expect(codes('banjir di deket, lamongan')).toEqual(['35.24']);
    expect(codes('kec tempel')).toEqual(['34.04']);
    expect(codes('tempel sleman')).toEqual(['34.04']);
    // a common word next to a regency that is not its own stays a word
    expect(codes('deket kota bandung')).toEqual(['32.73']);
  });

  it('keeps well-known names made of common words', () => {
    expect(codes('macet di pasar minggu')).toEqual(['31.74']);
    expect(codes('cempaka putih banjir')).toEqual(['31.71']);
  });
});

describe('a regency or city the citizen names', () => {
  it('decides among same-name villages and districts ("kelurahan sukajadi kota bandung")', () => {
    expect(codes('kelurahan sukajadi kota bandung')).toEqual(['32.73']);
    expect(codes('jalan rusak di kelurahan sukajadi, kota bandung')).toEqual(['32.73']);
    expect(codes('kelurahan sukajadi pekanbaru')).toEqual(['14.71']);
    expect(codes('desa sukajadi kab bogor')).toEqual(['32.01']);
  });

  it('comes first: the engine takes the first location', () => {
    expect(codes('kec tembalang kota bandung')).toEqual(['32.73', '33.74']);
    expect(codes('jalan rusak di kec coblong, kabupaten bandung')).toEqual(['32.04', '32.73']);
    expect(codes('di jawa timur, kota bandung')).toEqual(['32.73', '35']);
  });
});

describe('gazetteer warm-up', () => {
  it('builds the village index in slices, yielding to other work, and answers the same meanwhile', async () => {
    const fresh = loadGazetteer();
    let turns = 0;
    let spinning = true;
    const spin = (): void => {
      turns += 1;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const warming = fresh.warm();
    // asked mid-build: the lookup finishes the index at once and finds the village
    await new Promise((resolve) => setImmediate(resolve));
    expect(fresh.find('desa panggungharjo').map((e) => e.code)).toEqual(['34.02']);
    await warming;
    spinning = false;
    // other callbacks ran between the slices: start-up is not held up by one 0.2 s block
    expect(turns).toBeGreaterThan(1);
    expect(fresh.find('kelurahan dago').map((e) => e.code)).toEqual(['32.73']);
  });

  it('resolves at once when the index is already built', async () => {
    const fresh = loadGazetteer();
    expect(fresh.find('desa panggungharjo').map((e) => e.code)).toEqual(['34.02']);
    await fresh.warm();
    expect(fresh.find('desa sukajadi kab bogor').map((e) => e.code)).toEqual(['32.01']);
  });
});
