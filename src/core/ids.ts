import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

// ulid's own generator asks the kernel for one byte per character (16 calls per id); this
// one draws from a pool refilled 4 KiB at a time: the same CSPRNG, a fraction of the calls
const pool = Buffer.alloc(4096);
let offset = pool.length;
function pooledRandom(): number {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  return pool[offset++]! / 256;
}

const ulid = monotonicFactory(pooledRandom);

/** Message ids sort by creation time within a process (webchat `after=` relies on it). */
export const newMessageId = (): string => `m_${ulid()}`;
