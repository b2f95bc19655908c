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
