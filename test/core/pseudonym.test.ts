import { describe, expect, it } from 'vitest';
import { maskContacts, pseudonym } from '../../src/core/pseudonym.js';
import { shownReporter } from '../../src/core/reporter-identity.js';

describe('pseudonym', () => {
  it('is stable per report and differs between reports (of one citizen too)', () => {
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
    // without 0 or +62, as people type them
    ['wa 812-1111-2222', 'wa [disembunyikan]'],
    ['hp 8121111222', 'hp [disembunyikan]'],
    ['telp (022) 7654321', 'telp [disembunyikan]'],
    ['kantor 022-7654321', 'kantor [disembunyikan]'],
    // a NIK grouped with spaces or dots
    ['NIK 3273 0123 4567 0001', 'NIK [disembunyikan]'],
    ['NIK 32.73.01.234567.0001', 'NIK [disembunyikan]'],
    ['+628123456789, terima kasih', '[disembunyikan], terima kasih'],
  ])('hides the number in %j', (text, masked) => {
    expect(maskContacts(text)).toBe(masked);
  });

  it('keeps short numbers: house numbers, RT/RW, dates, tracking numbers of 7 digits', () => {
    const text = 'Jl. Merdeka No. 12 RT 03/RW 05, sejak 12-11-2026, laporan 4829301, pukul 10.30';
    expect(maskContacts(text)).toBe(text);
  });
});

describe('shownReporter', () => {
  const report = { id: 'r-1', reporterName: 'Budi Santoso', reporterPhone: '+6281234567890' };
  it('shows an anonymous reporter to no one, by the report\'s pseudonym', () => {
    for (const audience of ['desk', 'group'] as const) {
      expect(shownReporter({ ...report, isAnonymous: true, isSecret: false }, audience))
        .toEqual({ label: pseudonym('r-1'), pseudonymous: true, name: null, phone: null });
    }
  });
  it('shows a secret reporter to the agency\'s desk, by pseudonym in the group chat', () => {
    const secret = { ...report, isAnonymous: false, isSecret: true };
    expect(shownReporter(secret, 'desk')).toEqual({ label: 'Budi Santoso', pseudonymous: false, name: 'Budi Santoso', phone: '+6281234567890' });
    expect(shownReporter(secret, 'group')).toEqual({ label: pseudonym('r-1'), pseudonymous: true, name: null, phone: null });
  });
  it('names a public reporter in the group chat, never with the phone', () => {
    const shown = shownReporter({ ...report, isAnonymous: false, isSecret: false }, 'group');
    expect(shown).toEqual({ label: 'Budi Santoso', pseudonymous: false, name: 'Budi Santoso', phone: null });
  });
});
