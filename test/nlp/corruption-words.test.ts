// Finding: "pungutan liar ... untuk mengurus surat pengantar KTP" was filed as kependudukan.
// Explicit words for extortion, bribes and corruption win over the service they happened in.
import { beforeAll, describe, expect, it } from 'vitest';
import { createNlp, type Nlp } from '../../src/nlp/index.js';

let nlp: Nlp;
beforeAll(async () => {
  nlp = await createNlp({ train: 'never' });
});

const EXPLICIT = [
  'Saya mau melapor pungutan liar di kantor Kelurahan Sukajadi, petugas minta uang Rp200.000 untuk mengurus surat pengantar KTP',
  'ada pungli pas bikin KTP di kecamatan, bayar 150rb baru jadi',
  'petugas disdukcapil minta uang 300 ribu biar akta kelahiran cepat keluar',
  'waktu urus KK saya dimintai uang 100rb sama oknum kelurahan',
  'oknum polisi minta uang damai waktu razia SIM di jalan raya',
  'guru di SD negeri minta sogokan supaya anak saya diterima',
  'kepala desa diduga korupsi dana desa untuk perbaikan jalan',
  'banyak calo di kantor samsat, urus STNK harus lewat mereka',
  'harus kasih uang pelicin ke petugas puskesmas biar dapat rujukan',
  'petugas perizinan terima suap untuk meloloskan izin bangunan',
  'an official at the village office asked for a bribe to process my ID card',
  'the clinic staff demanded illegal fees before treating my mother',
];
const NOT_CORRUPTION: [string, string][] = [
  ['kependudukan', 'KTP elektronik saya belum jadi sudah tiga bulan, blangko habis terus di disdukcapil'],
  ['kependudukan', 'biaya pembuatan akta kelahiran berapa ya, apakah gratis di disdukcapil'],
  ['infrastruktur', 'jalan rusak parah di depan pasar, uang kas warga sudah habis untuk menambal'],
];

describe('explicit corruption words decide the category', () => {
  it.each(EXPLICIT)('%s -> pungli_korupsi', async (text) => {
    const result = await nlp.parse(text);
    expect(result.category).toBe('pungli_korupsi');
    expect(result.categoryScore).toBeGreaterThanOrEqual(0.9);
  });

  it.each(NOT_CORRUPTION)('no explicit word (%s): %s', async (_category, text) => {
    expect((await nlp.parse(text)).category).not.toBe('pungli_korupsi');
  });
});
