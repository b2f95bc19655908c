import { describe, expect, it } from 'vitest';
import { commandFromIntent, detectCommand } from '../../src/engine/commands.js';
import { fieldLabel } from '../../src/engine/index.js';
import { loadFlows } from '../../src/engine/loader.js';
import { chooseOption } from '../../src/engine/options.js';
import { placePhrase } from '../../src/engine/prefill.js';
import { fill } from '../../src/engine/text.js';
import { isAcknowledgement } from '../../src/engine/reply.js';
import { generateTitle } from '../../src/engine/title.js';
import { nlp } from './transcript.js';

const flows = loadFlows();

describe('generateTitle', () => {
  it('takes the first sentence', () => {
    expect(generateTitle('jalan rusak parah di depan pasar. Sudah dua minggu tidak diperbaiki.')).toBe('Jalan rusak parah di depan pasar');
    expect(generateTitle('Lampu jalan gang kami mati!\nSudah seminggu')).toBe('Lampu jalan gang kami mati');
    expect(generateTitle('Jalan rusak di Jl. Merdeka No. 5 depan pasar. Sudah lama.')).toBe('Jalan rusak di Jl. Merdeka No. 5 depan pasar');
    expect(generateTitle('Lampu mati! Sudah seminggu gelap.')).toBe('Lampu mati! Sudah seminggu gelap');
  });

  it('uses the whole text when the first sentence is too short', () => {
    expect(generateTitle('Tolong. Jalan di depan rumah saya berlubang')).toBe('Tolong. Jalan di depan rumah saya berlubang');
  });

  it.each([
    ['pagi min, jalan di depan rumah saya berlubang besar. Sudah dua minggu.', 'Jalan di depan rumah saya berlubang besar'],
    ['halo kak saya mau lapor jalan rusak di depan pasar sudah lama', 'Jalan rusak di depan pasar sudah lama'],
    ['Assalamualaikum wr wb. Permisi pak, mau melaporkan lampu jalan mati di Gang Kenanga', 'Lampu jalan mati di Gang Kenanga'],
    ['selamat siang pak, sampah menumpuk di TPS Melati', 'Sampah menumpuk di TPS Melati'],
    ['min, sy mau lapor: air PDAM di rumah mati 3 hari', 'Air PDAM di rumah mati 3 hari'],
    ['gan, ada pungli di kantor samsat', 'Ada pungli di kantor samsat'],
    ['halo min 🙏 mau lapor nih, jembatan desa kami putus', 'Jembatan desa kami putus'],
    ['sy Budi Santoso NIK 3273011503850002 hp 081234567890, ada pungli di kantor kelurahan.', 'Ada pungli di kantor kelurahan'],
    ['Nama saya Siti, warga Cibeureum. Jalan kami rusak parah', 'Jalan kami rusak parah'],
  ])('drops greetings and fillers before the story: %s', (description, title) => {
    expect(generateTitle(description)).toBe(title);
  });

  it.each([
    'Pagi ini jalan di depan rumah banjir lagi',
    'Pak RT minta uang untuk surat pengantar',
    'Malam hari lampu jalan gang kami mati total',
    'Halo',
  ])('keeps words that are the story: %s', (description) => {
    expect(generateTitle(description)).toBe(description);
  });

  it('cuts long titles at a word, within 150 code points', () => {
    const title = generateTitle(`${'sangat '.repeat(40)}rusak`);
    expect([...title].length).toBeLessThanOrEqual(150);
    expect(title.endsWith('sangat…')).toBe(true);
  });
});

describe('placePhrase', () => {
  it.each([
    ['Jalan di depan Pasar Cibeureum, Kota Bandung rusak', 'Kota Bandung', 'Jalan di depan Pasar Cibeureum, Kota Bandung'],
    ['Sampah menumpuk dekat Jl. Merdeka No 5 Kota Bogor sejak kemarin', 'Kota Bogor', 'dekat Jl. Merdeka No 5 Kota Bogor'],
    ['Banjir di Kota Bekasi', 'Kota Bekasi', 'Kota Bekasi'],
    ['Kota Medan macet parah', 'Kota Medan', 'Kota Medan'],
    ['Saya tinggal di sini. Lampu jalan mati di Kabupaten Bogor', 'Kabupaten Bogor', 'Kabupaten Bogor'],
    ['tidak ada di teks', 'Kota Depok', 'Kota Depok'],
  ])('%s → %s', (text, entity, expected) => {
    expect(placePhrase(text, entity)).toBe(expected);
  });
});

describe('chooseOption', () => {
  const yesNo = [{ title: 'Ya', payload: 'yes' }, { title: 'Tidak', payload: 'no' }];
  it.each([
    ['ya', 'yes'], ['Y', 'yes'], ['iya', 'yes'], ['OK!', 'yes'], ['tidak', 'no'], ['gak', 'no'], ['ga', 'no'], ['nggak', 'no'],
    ['Yes', 'yes'], ['no', 'no'],
  ])('%s → %s', (text, payload) => {
    expect(chooseOption(flows, { kind: 'text', text }, yesNo)?.payload).toBe(payload);
  });

  it('numbers only where options are a list', () => {
    const options = [{ title: 'Publik', payload: 'public' }, { title: 'Anonim', payload: 'anonymous' }];
    expect(chooseOption(flows, { kind: 'text', text: '2' }, options, { numbered: true })?.payload).toBe('anonymous');
    expect(chooseOption(flows, { kind: 'text', text: '2' }, options)).toBeNull();
    expect(chooseOption(flows, { kind: 'text', text: '3' }, options, { numbered: true })).toBeNull();
  });

  it('a payload must be offered exactly', () => {
    expect(chooseOption(flows, { kind: 'payload', payload: 'yes' }, yesNo)?.payload).toBe('yes');
    expect(chooseOption(flows, { kind: 'payload', payload: 'ya' }, yesNo)).toBeNull();
  });
});

describe('detectCommand', () => {
  it.each([
    ['batal', { name: 'cancel' }],
    ['/Batal', { name: 'cancel' }],
    ['status?', { name: 'status' }],
    ['/status 4829301', { name: 'status', trackingId: '4829301' }],
    ['bahasa en', { name: 'language', to: 'en' }],
    ['bahasa', { name: 'language' }],
    ['English', { name: 'language', to: 'en' }],
    ['/start@lapor_bot', { name: 'start' }],
    ['/start ref_123', { name: 'start' }],
    ['/start lapor', { name: 'report' }],
    ['/start status', { name: 'status' }],
    ['lang:id', { name: 'language', to: 'id' }],
  ])('%s', (text, command) => {
    expect(detectCommand(flows, text)).toEqual(command);
  });

  it.each(['lapor', 'mau lapor', 'Mau lapor min', 'melapor', 'mau melapor min', 'lapor dong kak', 'buat laporan', 'Laporan baru'])(
    '"%s" is the report command',
    (text) => {
      expect(detectCommand(flows, text)).toEqual({ name: 'report' });
    },
  );

  it.each(['ngadu', 'mau ngadu pak', 'mau mengadu', 'pengaduan', 'Pengaduan bu'])('"%s" starts a complaint', (text) => {
    expect(detectCommand(flows, text)).toEqual({ name: 'report', classification: 'PENGADUAN' });
  });

  it('a polite suffix works for every command', () => {
    expect(detectCommand(flows, 'batal min')).toEqual({ name: 'cancel' });
    expect(detectCommand(flows, 'status 4829301 kak')).toEqual({ name: 'status', trackingId: '4829301' });
  });

  it.each(['status laporan saya bagaimana', 'indonesia', 'batal tapi', 'status 123', 'mau lapor jalan rusak', 'min'])('"%s" is not a command', (text) => {
    expect(detectCommand(flows, text)).toBeNull();
  });
});

describe('commandFromIntent', () => {
  const status = (text: string, intentScore: number, tracking = false) =>
    commandFromIntent(nlp(text, { intent: 'cek_status', intentScore, entities: tracking ? [{ type: 'tracking_id', text: '4829301', value: '4829301' }] : [] }), text);
  it('cek_status asks for the number only when NLP is sure and the text does not speak of reporting', () => {
    expect(status('gimana laporan saya ya', 0.85)).toEqual({ name: 'status' });
    expect(status('gimana laporan saya ya', 0.6)).toBeNull();
    expect(status('mau lapor min', 0.95)).toBeNull();
    expect(status('saya mau melapor', 0.95)).toBeNull();
    expect(status('pengaduan', 0.9)).toBeNull();
    expect(status('cek 4829301', 0.4, true)).toEqual({ name: 'status', trackingId: '4829301' });
  });
});

describe('isAcknowledgement', () => {
  it.each(['makasih', 'Terima kasih banyak pak!', 'ok', 'oke siap', 'siap min 👍', 'thanks', 'thank you so much', 'baik bu, terima kasih atas infonya 🙏'])(
    '"%s" only thanks',
    (text) => {
      expect(isAcknowledgement(flows, text)).toBe(true);
    },
  );
  it.each(['ya', 'min', 'makasih tapi jalannya masih rusak', 'ok belum diperbaiki', 'tidak'])('"%s" says more', (text) => {
    expect(isAcknowledgement(flows, text)).toBe(false);
  });
});

describe('fieldLabel', () => {
  it.each([
    ['content', 'Isi laporan', 'Description'],
    ['title', 'Judul', 'Title'],
    ['location', 'Lokasi', 'Location'],
    ['location.name', 'Lokasi', 'Location'],
    ['date_of_incident', 'Tanggal kejadian', 'Date of incident'],
    ['category', 'Kategori', 'Category'],
    ['classification', 'Jenis laporan', 'Type'],
    ['reporter.phone', 'Nomor HP', 'Phone number'],
    ['reporter.name', 'Nama', 'Name'],
    ['attachments', 'Lampiran', 'Attachments'],
    ['attachments[0].url', 'Lampiran', 'Attachments'],
    ['is_anonymous', 'Kerahasiaan', 'Privacy'],
    ['reporter', 'Identitas pelapor', "Reporter's details"],
    ['something_new', 'something_new', 'something_new'],
    ['constructor', 'constructor', 'constructor'],
  ])('%s', (field, id, en) => {
    expect(fieldLabel(flows, 'id', field)).toBe(id);
    expect(fieldLabel(flows, 'en', field)).toBe(en);
  });
});

describe('fill', () => {
  it('fills placeholders and drops optional parts without values', () => {
    expect(fill('A {x}[[ (b: {y})]][[ c: {z}]]', { x: 1, y: 'yy', z: null })).toBe('A 1 (b: yy)');
  });
});
