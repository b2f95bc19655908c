// Calls the admin API over real HTTP with the test key (or another officer's).
import type { TestHub } from '../support/hub.js';

export const ADMIN_KEY = 'admin-key-for-tests-0123456789';

export type Answer = { status: number; body: any };

export async function admin(
  hub: TestHub,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  key: string | null = ADMIN_KEY,
): Promise<Answer> {
  const res = await fetch(`${hub.url}/api/v1/admin${path}`, {
    method,
    headers: {
      ...(key !== null && { authorization: `Bearer ${key}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** An API client bound to one key. */
export const as = (hub: TestHub, key: string) =>
  (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) => admin(hub, method, path, body, key);

const TABLES = ['Agency', 'Officer', 'OfficerSession', 'AuditEntry', 'Integration', 'Complaint', 'ComplaintEvent', 'Message', 'OutboxJob', 'KeyValue'];

/** Everything an admin request could change, row by row (compare before and after). */
export async function snapshot(hub: TestHub): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = await hub.db.sql.query(`SELECT * FROM "${table}" ORDER BY 1`);
  return out;
}

/** Until the queue has nothing left to do (so a snapshot stays still). */
export async function queueIdle(hub: TestHub): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const [row] = await hub.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxJob" WHERE status IN ('pending', 'running')`);
    if (row!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the queue did not become idle');
}
