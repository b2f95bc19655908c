// byMonth[].byChannel: each Jakarta month's reports split by channel, for the dashboard's chart.
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/core/working-calendar.js';
import { aggregate, type StatRow } from '../../src/hub/stats/aggregate.js';

const calendar = WorkingCalendar.weekendsOnly();

const row = (channel: string, filedAt: string): StatRow => ({
  agencyId: 'a', status: 'BELUM_TERVERIFIKASI', category: 'lainnya', channel,
  filedAt: new Date(filedAt), verifiedAt: null, firstResponseAt: null, closedAt: null,
});

describe('byMonth by channel', () => {
  it('splits every month by channel; a month counts in Asia/Jakarta; the parts add up to the month', () => {
    const s = aggregate([
      row('telegram', '2026-09-10T03:00:00Z'),
      row('whatsapp', '2026-09-30T16:59:00Z'), // 23:59 Jakarta: still September
      row('whatsapp', '2026-09-30T17:00:00Z'), // 00:00 Jakarta on 1 October
      row('webchat', '2026-10-05T03:00:00Z'),
      row('telegram', '2026-10-06T03:00:00Z'),
    ], 5, calendar);
    expect(s.byMonth).toEqual([
      { month: '2026-09', reports: 2, byChannel: { telegram: 1, whatsapp: 1 } },
      { month: '2026-10', reports: 3, byChannel: { whatsapp: 1, webchat: 1, telegram: 1 } },
    ]);
  });
  it('has no months without reports', () => {
    expect(aggregate([], 0, calendar).byMonth).toEqual([]);
  });
});
