// The officers' texts on their own: whatever a description or address holds, an announcement
// never shows a phone number or NIK, and names the reporter only on a public report.
import { describe, expect, it } from 'vitest';
import { pseudonym } from '../../src/core/pseudonym.js';
import { announcement, citizenWrote, reporterLabel, topicName } from '../../src/hub/officers/telegram-bridge-texts.js';

const base = {
  id: 'c0ffee00-1111-2222-3333-444455556666', citizenId: 'citizen-1', trackingId: '1234567', status: 'BELUM_TERVERIFIKASI',
  classification: 'PENGADUAN', category: 'infrastruktur', title: 'Jalan rusak, hubungi 0812 3456 7890',
  content: 'Jalan rusak parah. WA saya +62 812-3456-7890, NIK 3273012345670001.', locationName: 'Kota Bandung',
  locationAddress: 'Jl. Asia Afrika 8, telp 022-7654321', dateOfIncident: '2026-11-30', isAnonymous: false, isSecret: false,
  reporterName: 'Budi Santoso', channel: 'telegram',
};

describe('officer texts', () => {
  it('mask phone numbers and NIKs in the title, description and address', () => {
    const text = announcement(base);
    for (const digits of ['0812 3456 7890', '812-3456-7890', '3273012345670001', '022-7654321']) expect(text).not.toContain(digits);
    expect(text).toContain('1234567');
    expect(text).toContain('Budi Santoso');
    expect(citizenWrote(base, 'nomor saya 081234567890', 0)).not.toContain('081234567890');
  });

  it('use the pseudonym for anonymous and secret reports', () => {
    for (const privacy of [{ isAnonymous: true }, { isSecret: true }]) {
      const c = { ...base, ...privacy };
      expect(reporterLabel(c)).toBe(pseudonym(base.id));
      expect(announcement(c)).not.toContain('Budi');
    }
  });

  it('name a topic by number and category, or by the id before the report is filed', () => {
    expect(topicName(base)).toBe('1234567 · infrastruktur');
    expect(topicName({ ...base, trackingId: null })).toBe('#c0ffee00 · infrastruktur');
  });

  it('say when a report waits to be filed by hand', () => {
    expect(announcement({ ...base, trackingId: null, status: 'WAITING_MANUAL' })).toContain('lapor.go.id');
    expect(announcement({ ...base, trackingId: null, status: 'FAILED' })).toContain('Gagal diteruskan');
  });
});
