import { describe, expect, it } from 'vitest';
import { maskContacts, pseudonym } from '../../src/core/pseudonym.js';

describe('pseudonym', () => {
  it('is stable per citizen and differs between citizens', () => {
    expect(pseudonym('c-1')).toMatch(/^Warga-[A-Z2-9]{5}$/);
    expect(pseudonym('c-1')).toBe(pseudonym('c-1'));
    expect(pseudonym('c-1')).not.toBe(pseudonym('c-2'));
  });
});

describe('maskContacts', () => {
  it.each([
    ['hubungi 0812-3456-7890 ya', 'hubungi [disembunyikan] ya'],
    ['WA saya +62 812 3456 7890', 'WA saya [disembunyikan]'],
    ['NIK 3273012345678901 milik saya', 'NIK [disembunyikan] milik saya'],
    ['nomor 081234567890.', 'nomor [disembunyikan].'],
  ])('hides the number in %j', (text, masked) => {
    expect(maskContacts(text)).toBe(masked);
  });

  it('keeps short numbers: house numbers, RT/RW, dates, tracking numbers of 7 digits', () => {
    const text = 'Jl. Merdeka No. 12 RT 03/RW 05, sejak 12-11-2026, laporan 4829301';
    expect(maskContacts(text)).toBe(text);
  });
});
