// The pooled CSPRNG (src/core/random-pool.ts): every byte handed out once, across refills.
import { describe, expect, it } from 'vitest';
import { pooledRandomBytes, pooledRandomFraction } from '../../src/core/random-pool.js';

describe('pooled random bytes', () => {
  it('gives the size asked, and never the same bytes twice, across many refills of the pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const bytes = pooledRandomBytes(16);
      expect(bytes).toHaveLength(16);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(2_000);
  });

  it('keeps a handed-out buffer when the pool is refilled', () => {
    const kept = pooledRandomBytes(16);
    const copy = Buffer.from(kept);
    for (let i = 0; i < 600; i++) pooledRandomBytes(16);
    expect(kept.equals(copy)).toBe(true);
  });

  it('gives fractions in [0, 1)', () => {
    const fractions = Array.from({ length: 5_000 }, pooledRandomFraction);
    expect(Math.min(...fractions)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...fractions)).toBeLessThan(1);
    expect(new Set(fractions).size).toBeGreaterThan(200);
  });
});
