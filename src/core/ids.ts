import { monotonicFactory } from 'ulid';
import { pooledRandomFraction } from './random-pool.js';

// ulid's own generator asks the kernel for one byte per character (16 calls per id)
const ulid = monotonicFactory(pooledRandomFraction);

/** Message ids sort by creation time within a process (webchat `after=` relies on it). */
export const newMessageId = (): string => `m_${ulid()}`;
