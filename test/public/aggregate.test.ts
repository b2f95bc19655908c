import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/core/working-calendar.js';
import { aggregate, jakartaMonth, quantile } from '../../src/hub/stats/aggregate.js';

// a holiday inside the verification window of the fixtures (Wed 4 Nov 2026, made up)
const calendar = new WorkingCalendar((year) => (year === 2026 ? new Map([['2026-11-04', 'Libur (fixture)']]) : new Map()));

describe('stats aggregation', () => {
  it('puts 23:30 UTC on the 31st in the next Jakarta month', () => {
    expect(jakartaMonth(new Date('2026-10-31T23:30:00Z'))).toBe('2026-11');
    expect(jakartaMonth(new Date('2026-10-31T16:59:00Z'))).toBe('2026-10');
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
    ], 8, calendar);
    expect(s.totals).toEqual({ reports: 4, open: 2, closed: 2, resolved: 1 });
    expect(s.byChannel).toEqual({ telegram: 2, whatsapp: 1, webchat: 1 });
    expect(s.byAgency).toEqual({ a: 3, b: 1 });
    expect(s.resolutionRate).toBe(0.25);
    expect(s.completionRate).toBe(0.5);
    expect(s.medianHours).toEqual({ toVerification: 105, toFirstResponse: 210, toClose: 30 });
    // filed Mon 2 Nov: 3 working days are Tue 3, (Wed 4 off) Thu 5, Fri 6; 10 h is in time,
    // 200 h (Tue 10th) is late
    expect(s.sla.verifiedInTime).toBe(0.5);
    // first response within 5 working days of the verification: verified Mon 2nd, due by the end
    // of Tue 10th (the holiday skipped), answered at 20 h: in time; verified Tue 10th, due by the
    // end of Tue 17th, answered at 400 h (00:00 Thu 19th in Jakarta): late
    expect(s.sla.respondedInTime).toBe(0.5);
  });
});
