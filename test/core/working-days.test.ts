import { describe, expect, it } from 'vitest';
import { workingDaysBefore } from '../../src/core/working-days.js';

describe('workingDaysBefore (Asia/Jakarta, weekends skipped)', () => {
  it('counts back over a weekend to 00:00 Jakarta', () => {
    // Tuesday 2026-12-08 10:00 in Jakarta; 5 working days before: Tuesday 2026-12-01
    expect(workingDaysBefore(new Date('2026-12-08T03:00:00Z'), 5).toISOString()).toBe('2026-11-30T17:00:00.000Z');
    // Monday 2026-12-07 01:00 Jakarta (still Sunday in UTC): 1 working day before is Friday
    expect(workingDaysBefore(new Date('2026-12-06T18:00:00Z'), 1).toISOString()).toBe('2026-12-03T17:00:00.000Z');
  });
});
