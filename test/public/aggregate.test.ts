import { describe, expect, it } from 'vitest';
import { addWorkingDays, aggregate, jakartaMonth, quantile } from '../../src/hub/stats/aggregate.js';

describe('stats aggregation', () => {
  it('puts 23:30 UTC on the 31st in the next Jakarta month', () => {
    expect(jakartaMonth(new Date('2026-10-31T23:30:00Z'))).toBe('2026-11');
    expect(jakartaMonth(new Date('2026-10-31T16:59:00Z'))).toBe('2026-10');
  });
  it('adds working days across a year end, skipping weekends (deadline is the end of the Jakarta day)', () => {
    // Wed 2026-12-30 (Jakarta) + 3 working days: Thu 31, Fri 1, Mon 4 → until Tue 5 00:00 Jakarta
    expect(addWorkingDays(new Date('2026-12-30T03:00:00Z'), 3).toISOString()).toBe('2027-01-04T17:00:00.000Z');
    // filed Saturday: Mon, Tue, Wed
    expect(addWorkingDays(new Date('2026-11-07T03:00:00Z'), 3).toISOString()).toBe('2026-11-11T17:00:00.000Z');
  });
  it('computes quantiles, rates and counts', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBe(91);
    const f = new Date('2026-11-02T01:00:00Z'); // Monday
    const h = (n: number) => new Date(f.getTime() + n * 3600_000);
    const base = { agencyId: 'a', category: 'infrastruktur', channel: 'telegram', filedAt: f, verifiedAt: null, firstResponseAt: null, closedAt: null };
    const s = aggregate([
      { ...base, status: 'SELESAI', verifiedAt: h(10), firstResponseAt: h(20), closedAt: h(30) },
      { ...base, status: 'DITINDAKLANJUTI', channel: 'whatsapp', verifiedAt: h(200), firstResponseAt: h(400) },
      { ...base, status: 'BELUM_TERVERIFIKASI', channel: 'webchat', agencyId: 'b' },
      { ...base, status: 'BUKAN_WEWENANG', category: 'kesehatan' },
    ], 8);
    expect(s.totals).toEqual({ reports: 4, open: 2, closed: 2, resolved: 1 });
    expect(s.byChannel).toEqual({ telegram: 2, whatsapp: 1, webchat: 1 });
    expect(s.byAgency).toEqual({ a: 3, b: 1 });
    expect(s.resolutionRate).toBe(0.25);
    expect(s.completionRate).toBe(0.5);
    expect(s.medianHours).toEqual({ toVerification: 105, toFirstResponse: 210, toClose: 30 });
    // 10 h is in time; 200 h (Tue the 10th) is past 3 working days (end of Thu the 5th)
    expect(s.sla.verifiedInTime).toBe(0.5);
  });
});
