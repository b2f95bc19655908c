// Helpers of the hub's POST /webhooks/lapor: signature check and update parsing.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidLaporUpdateError, parseLaporUpdate, verifyLaporSignature } from '../../src/connectors/lapor/index.js';

const secret = 'lapor-webhook-secret';
const raw = Buffer.from('{"id":"u17","tracking_id":"4829301"}');
const sig = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

describe('verifyLaporSignature', () => {
  it('accepts the HMAC of the raw body, in either hex case', () => {
    expect(verifyLaporSignature(raw, sig, secret)).toBe(true);
    expect(verifyLaporSignature(raw, sig.toUpperCase().replace('SHA256=', 'sha256='), secret)).toBe(true);
  });

  it('refuses a missing, malformed or wrong signature', () => {
    expect(verifyLaporSignature(raw, undefined, secret)).toBe(false);
    expect(verifyLaporSignature(raw, '', secret)).toBe(false);
    expect(verifyLaporSignature(raw, sig.slice('sha256='.length), secret)).toBe(false);
    expect(verifyLaporSignature(raw, 'sha256=abc', secret)).toBe(false);
    expect(verifyLaporSignature(raw, sig, 'other-secret')).toBe(false);
    expect(verifyLaporSignature(Buffer.from(`${raw} `), sig, secret)).toBe(false);
    expect(verifyLaporSignature(raw, sig, '')).toBe(false);
  });
});

describe('parseLaporUpdate', () => {
  it('parses a status update', () => {
    expect(
      parseLaporUpdate({
        id: 'u17', tracking_id: '4829301', type: 'status', status: 'TERDISPOSISI',
        institution: 'Dinas PUPR Kota Bandung', at: '2026-11-28T09:00:00Z',
      }),
    ).toEqual({
      id: 'u17', trackingId: '4829301', type: 'status', status: 'TERDISPOSISI',
      institution: 'Dinas PUPR Kota Bandung', at: new Date('2026-11-28T09:00:00Z'),
    });
  });

  it('parses a response update', () => {
    const update = parseLaporUpdate({
      id: 'u18', tracking_id: '4829301', type: 'response', status: 'DITINDAKLANJUTI',
      response: { id: 'r1', author: 'Dinas PUPR', role: 'instansi', message: 'Akan kami perbaiki.', created_at: '2026-11-29T02:00:00Z' },
      at: '2026-11-29T09:00:00+07:00',
    });
    expect(update.response).toEqual({
      id: 'r1', author: 'Dinas PUPR', role: 'instansi', message: 'Akan kami perbaiki.', createdAt: new Date('2026-11-29T02:00:00Z'),
    });
    expect(update.at).toEqual(new Date('2026-11-29T02:00:00Z'));
  });

  it('throws a clear error naming the bad fields', () => {
    const bad = () => parseLaporUpdate({ id: 'u1', tracking_id: '1', type: 'status', status: 'DONE', at: 'yesterday' });
    expect(bad).toThrow(InvalidLaporUpdateError);
    expect(bad).toThrow(/invalid LAPOR! update.*status.*at/s);
    expect(() => parseLaporUpdate('nope')).toThrow(InvalidLaporUpdateError);
    try {
      parseLaporUpdate({ id: 'u2', tracking_id: '1', type: 'response', status: 'SELESAI', at: '2026-11-28T09:00:00Z' });
      expect.unreachable();
    } catch (err) {
      expect((err as InvalidLaporUpdateError).issues[0]?.path).toEqual(['response']);
    }
  });
});
