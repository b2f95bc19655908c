// Mapping a stored complaint to the POST /complaints body.
import type { Complaint } from '@prisma/client';
import { describe, expect, it } from 'vitest';
import { clip, toE164, toLaporReport } from '../../src/connectors/report.js';
import { validateReport } from '../../src/simulator/validate.js';
import { validReport } from '../doubles/lapor-simulator.js';

const NOW = new Date('2026-11-28T07:00:00Z');
const complaint = (o: Partial<Complaint> = {}): Complaint => ({
  id: '3f2b8c1e-9a7d-4c21-b6e4-0d5f7a9c2e10',
  agencyId: 'pemkot-bandung',
  integrationId: 'tg-bandung',
  citizenId: 'citizen-1',
  conversationId: null,
  chatId: '12345',
  channel: 'telegram',
  language: 'id',
  classification: 'PENGADUAN',
  title: '  Jalan berlubang di depan Pasar Cibeureum ',
  content: 'Jalan di depan Pasar Cibeureum rusak parah dan membahayakan pengendara motor.',
  category: 'infrastruktur',
  dateOfIncident: '2026-11-20',
  locationCode: '32.73',
  locationName: 'Kota Bandung',
  locationAddress: 'Jl. Cibeureum depan pasar',
  latitude: -6.9175,
  longitude: 107.5695,
  isAnonymous: false,
  isSecret: false,
  reporterName: 'Siti',
  reporterPhone: '0812-3456-7890',
  attachments: [{ mediaId: 'm1', filename: 'foto.jpg', mimeType: 'image/jpeg', size: 1234 }],
  status: 'CONFIRMED',
  trackingId: null,
  laporUrl: null,
  institution: null,
  rejection: null,
  filedBody: null,
  statusAt: null,
  confirmedAt: NOW,
  questionsAsked: null,
  filedAt: null,
  verifiedAt: null,
  firstResponseAt: null,
  claimedBy: null,
  claimedByName: null,
  claimedAt: null,
  closedAt: null,
  escalatedAt: null,
  updatedAt: NOW,
  ...o,
});
const ctx = { integration: { id: 'tg-bandung', type: 'telegram' }, publicUrl: 'https://hub.example/' };

describe('toLaporReport', () => {
  it('maps every field to the wire body, which the simulator accepts', () => {
    const body = toLaporReport(complaint(), ctx);
    // every field as in the simulator double's valid report, but this complaint's date and media link
    expect(body).toEqual(validReport({
      date_of_incident: '2026-11-20',
      attachments: [{ filename: 'foto.jpg', mime_type: 'image/jpeg', url: 'https://hub.example/media/m1' }],
    }));
    expect(validateReport(body, NOW)).toEqual([]);
  });

  it('an anonymous report carries no reporter at all', () => {
    const body = toLaporReport(complaint({ isAnonymous: true }), ctx);
    expect(body.reporter).toBeNull();
    expect(JSON.stringify(body)).not.toMatch(/Siti|81234567890/);
    expect(validateReport(body, NOW)).toEqual([]);
  });

  it('masks NIK and phone numbers in the title and content of a complaint stored unmasked', () => {
    const body = toLaporReport(complaint({
      title: 'Pungli, hubungi 0813-1111-2222',
      content: 'Petugas minta uang. NIK saya 3273012345678901, HP 0813-1111-2222, kantor (021) 555-1234.',
    }), ctx);
    expect(JSON.stringify([body.title, body.content])).not.toMatch(/1111|3273012345678901|555-1234/);
    expect(body.reporter?.phone).toBe('+6281234567890');
  });

  it('a secret report still carries the reporter', () => {
    const body = toLaporReport(complaint({ isSecret: true }), ctx);
    expect(body).toMatchObject({ is_secret: true, reporter: { name: 'Siti' } });
  });

  it('takes the channel from the integration type and clips source_app', () => {
    const wa = { integration: { id: 'x'.repeat(80), type: 'whatsapp-cloud' }, publicUrl: 'https://hub.example' };
    const body = toLaporReport(complaint({ channel: 'telegram' }), wa);
    expect(body.channel).toBe('whatsapp');
    expect(body.source_app).toHaveLength(64);
    expect(toLaporReport(complaint({ channel: 'api' }), { ...ctx, integration: { id: 'a', type: 'rest' } }).channel).toBe('api');
  });

  it('a complaint without location or date (information request) sends nulls', () => {
    const body = toLaporReport(
      complaint({
        classification: 'PERMINTAAN_INFORMASI', dateOfIncident: null, attachments: [],
        locationCode: null, locationName: null, locationAddress: null, latitude: null, longitude: null,
      }),
      ctx,
    );
    expect(body).toMatchObject({ location: null, date_of_incident: null, attachments: [] });
    expect(validateReport(body, NOW)).toEqual([]);
  });

  it('trims and clips title and content to the contract limits in code points', () => {
    const emoji = '🚧'.repeat(200);
    const body = toLaporReport(complaint({ title: `  ${emoji}  `, content: 'a'.repeat(6000) }), ctx);
    expect(Array.from(body.title)).toHaveLength(150);
    expect(body.content).toHaveLength(5000);
    expect(clip('  ab  ', 10)).toBe('ab');
  });
});

describe('toE164', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['81234567890', '+6281234567890'],
    ['0062 81234567890', '+6281234567890'],
    ['+62 0812 3456 7890', '+6281234567890'],
    ['+14155550123', '+14155550123'],
    ['abc', 'abc'],
  ])('%s → %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });
});
