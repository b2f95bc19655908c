// Random bytes from the kernel's CSPRNG, drawn 4 KiB at a time: one system call per 4 KiB
// rather than one per id or nonce (the hot path asks for a few bytes many times a request).
import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(4096);
let offset = pool.length;

/** `size` (≤ 4096) fresh random bytes; each byte of the pool is handed out once. */
export function pooledRandomBytes(size: number): Buffer {
  if (offset + size > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  // a copy: the pool is refilled in place
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return bytes;
}

/** A random fraction in [0, 1) from one pooled byte, as ulid's generator asks. */
export function pooledRandomFraction(): number {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  return pool[offset++]! / 256;
}
