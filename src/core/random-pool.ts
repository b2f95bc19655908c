// Random bytes from the kernel's CSPRNG, drawn 4 KiB at a time: one system call per 4 KiB
// rather than one per id or nonce (the hot path asks for a few bytes many times a request).
import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(4096);
let offset = pool.length;

/** Where `size` (≤ 4096) unused bytes start; each byte of the pool is handed out once. */
function reserve(size: number): number {
  if (offset + size > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const start = offset;
  offset += size;
  return start;
}

/** `size` (≤ 4096) fresh random bytes, copied: the pool is refilled in place. */
export function pooledRandomBytes(size: number): Buffer {
  const start = reserve(size);
  return Buffer.from(pool.subarray(start, start + size));
}

/** A random fraction in [0, 1) from one pooled byte, as ulid's generator asks. */
export const pooledRandomFraction = (): number => pool[reserve(1)]! / 256;
