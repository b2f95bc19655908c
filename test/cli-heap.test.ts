import { describe, expect, it } from 'vitest';
import { boundOldSpaceGrowth } from '../src/cli/heap.js';

describe('boundOldSpaceGrowth', () => {
  it('leaves a --heap-growing-percent given on the command line alone', () => {
    expect(boundOldSpaceGrowth(['--heap-growing-percent=100'])).toBe(false);
    expect(boundOldSpaceGrowth(['--inspect', '--heap-growing-percent', '100'])).toBe(false);
  });

  it('sets it otherwise', () => {
    expect(boundOldSpaceGrowth(['--inspect'])).toBe(true);
  });
});
