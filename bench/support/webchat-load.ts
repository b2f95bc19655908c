// The web chat load of bench:load and bench:scale: each closed-loop worker is one citizen
// behind a reverse proxy (its own X-Forwarded-For) typing the report flow, a fresh session
// every 8 messages.
import { randomBytes } from 'node:crypto';
import type { Request } from './loop.js';

// the report flow as a citizen types it (test/support/citizen.ts confirmComplaint), cut
// before the summary: 8 messages, then a fresh session, so no session comes near 20 per 10 s
export const SCRIPT: Array<{ text: string } | { payload: string }> = [
  { text: 'halo' },
  { payload: 'PENGADUAN' },
  { text: 'Lampu penerangan jalan di Jl. Merdeka mati sudah dua minggu, rawan kejahatan.' },
  { payload: 'utilitas' },
  { text: 'Jl. Merdeka, Kota Bandung' },
  { text: 'kemarin' },
  { payload: 'skip' },
  { payload: 'public' },
];

/** A worker's address: 10.x.y.z, one per worker. */
export const addressOf = (worker: number) => `10.${(worker >> 16) & 255}.${(worker >> 8) & 255}.${worker & 255}`;

/** The `next` of runLoop for this load; one per run (it keeps each worker's session). */
export function webchatLoad(): (worker: number, n: number) => Request {
  const sessions = new Map<number, string>();
  return (worker, n) => {
    if (n % SCRIPT.length === 0) sessions.set(worker, `bench-${randomBytes(12).toString('base64url')}`);
    return {
      path: '/api/v1/webchat/messages',
      body: JSON.stringify({ sessionId: sessions.get(worker), ...SCRIPT[n % SCRIPT.length] }),
      headers: { 'x-forwarded-for': addressOf(worker) },
    };
  };
}
