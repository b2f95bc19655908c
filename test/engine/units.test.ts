import { describe, expect, it } from 'vitest';
import { detectCommand } from '../../src/engine/commands.js';
import { loadFlows } from '../../src/engine/loader.js';
import { chooseOption } from '../../src/engine/options.js';
import { placePhrase } from '../../src/engine/prefill.js';
import { fill } from '../../src/engine/text.js';
import { generateTitle } from '../../src/engine/title.js';

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

  it.each(['status laporan saya bagaimana', 'indonesia', 'batal tapi', 'status 123'])('"%s" is not a command', (text) => {
    expect(detectCommand(flows, text)).toBeNull();
  });
});

describe('fill', () => {
  it('fills placeholders and drops optional parts without values', () => {
    expect(fill('A {x}[[ (b: {y})]][[ c: {z}]]', { x: 1, y: 'yy', z: null })).toBe('A 1 (b: yy)');
  });
});
