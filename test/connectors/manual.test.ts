import { describe, expect, it } from 'vitest';
import type { LaporReportBody } from '../../src/connectors/connector.js';
import { ManualConnector } from '../../src/connectors/manual/index.js';
import { validReport } from '../doubles/lapor-simulator.js';

describe('manual connector', () => {
  const now = new Date('2026-11-28T07:00:00Z');
  const manual = new ManualConnector(() => now);

  it('accepts without a tracking id: an officer files it by hand', async () => {
    expect(await manual.submit(validReport() as unknown as LaporReportBody, 'c1')).toBeNull();
  });

  it('has no feed and records responses locally with a stable id', async () => {
    expect(await manual.fetchUpdates(null)).toEqual({ updates: [], nextCursor: null });
    const msg = { message: 'halo', role: 'instansi' as const, author: 'Dinas' };
    const first = await manual.postResponse('1234567', msg, 'k1');
    expect(first).toEqual({ id: 'manual-k1', createdAt: now });
    expect(await manual.postResponse('1234567', msg, 'k1')).toEqual(first);
    expect((await manual.health()).ok).toBe(true);
  });
});
