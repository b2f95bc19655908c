import { describe, expect, it } from 'vitest';
import { findNik, findPhones, maskNik, maskPersonalData, maskPhones, normalizePhone } from '../../src/core/phone.js';

describe('normalizePhone', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['0812 3456 7890', '+6281234567890'],
    ['081234567890', '+6281234567890'],
    ['+62 812-3456-7890', '+6281234567890'],
    ['+6281234567890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['81234567890', '+6281234567890'],
    ['(0812) 3456.7890', '+6281234567890'],
    ['0812345678', '+62812345678'], // 9 digits after the 0
    ['08123456789012', '+628123456789012'], // 13 digits after the 0
  ])('%s → %s', (text, expected) => {
    expect(normalizePhone(text)).toBe(expected);
  });

  it.each(['', 'abc', '022-1234567', '08123', '081234567890123', '+1 415 555 0100', '4829301', '0812 3456 abc'])(
    'rejects %j',
    (text) => {
      expect(normalizePhone(text)).toBeNull();
    },
  );
});

describe('findPhones', () => {
  it('finds numbers in prose', () => {
    expect(findPhones('hubungi saya di 0812-3456-7890 atau +62 857 1111 2222 ya')).toEqual([
      { text: '0812-3456-7890', value: '+6281234567890' },
      { text: '+62 857 1111 2222', value: '+6285711112222' },
    ]);
  });

  it('ignores other numbers', () => {
    expect(findPhones('laporan 4829301, NIK 3273010101010001, RT 03/05')).toEqual([]);
  });
});

describe('findNik', () => {
  it('finds a 16-digit NIK, contiguous or grouped', () => {
    expect(findNik('NIK saya 3273010101900001')).toEqual([{ text: '3273010101900001', value: '3273010101900001' }]);
    expect(findNik('nik 3273 0141 0190 0001.')[0]?.value).toBe('3273014101900001');
  });

  it('ignores implausible numbers', () => {
    expect(findNik('rekening 0000999999999999')).toEqual([]);
    expect(findNik('081234567890')).toEqual([]);
  });
});

describe('maskPersonalData', () => {
  it('masks NIK and phones, keeps the rest', () => {
    expect(maskPersonalData('NIK 3273010101900001, hp 0812-3456-7890, laporan 4829301')).toBe(
      'NIK [NIK], hp [TELEPON], laporan 4829301',
    );
    expect(maskPersonalData('wa +6281234567890 / 81234567890')).toBe('wa [TELEPON] / [TELEPON]');
  });
});

describe('maskNik and maskPhones', () => {
  it('maskNik masks every 16-digit number and nothing else', () => {
    expect(maskNik('NIK 3273011503850002 hp 081234567890 KK 3273-0115-0385-0003 laporan 4829301')).toBe(
      'NIK [NIK] hp 081234567890 KK [NIK] laporan 4829301',
    );
  });

  it('maskPhones masks mobile numbers in any writing, and keeps amounts, dates and tracking numbers', () => {
    expect(maskPhones('hp 0812-3456-7890, wa +62 857 1111 2222, bayar Rp50.000 tgl 12/11/2026 no 4829301')).toBe(
      'hp [TELEPON], wa [TELEPON], bayar Rp50.000 tgl 12/11/2026 no 4829301',
    );
  });

  it('maskPersonalData is both, NIK first (a NIK is never half-masked as a phone)', () => {
    expect(maskPersonalData('6281234567890123 / 081234567890')).toBe('[NIK] / [TELEPON]');
    expect(maskPhones('6281234567890123')).not.toBe('[NIK]');
  });
});

describe('maskPhones: every way a number is written', () => {
  it.each([
    ['HP 0813-1111-2222 ya', 'HP [TELEPON] ya'],
    ['hp 0813 1111 2222.', 'hp [TELEPON].'],
    ['wa +62 813 1111 2222', 'wa [TELEPON]'],
    ['wa +62-813-1111-2222', 'wa [TELEPON]'],
    ['no 6281311112222', 'no [TELEPON]'],
    ['(0813) 1111.2222', '[TELEPON]'],
    ['kantor (021) 555-1234', 'kantor [TELEPON]'],
    ['telp 021-5551234 atau 0274 512345', 'telp [TELEPON] atau [TELEPON]'],
    ['+62 21 5551234', '[TELEPON]'],
  ])('%s', (text, masked) => {
    expect(maskPhones(text)).toBe(masked);
  });

  it.each(['tgl 02-08-2024 jam 07.30-09.00', 'RT 003/RW 005', 'Rp 250.000 pada 12/11/2026', 'laporan 4829301', 'kode pos 40123', 'SK No. 021/2024'])(
    'keeps %j',
    (text) => {
      expect(maskPhones(text)).toBe(text);
    },
  );
});
