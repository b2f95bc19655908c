// Calls the admin API over real HTTP with the test key (or another officer's). Every successful
// answer is checked against the shape its route documents in the OpenAPI document.
import { adminRoutes } from '../../src/http/admin/index.js';
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
  const answer = { status: res.status, body: text ? JSON.parse(text) : null };
  if (answer.status < 300) expectDocumentedShape(method, path, answer.body);
  return answer;
}

// the table only: no handler runs here
const ROUTES = adminRoutes({} as never).map((spec) => ({
  spec,
  pattern: new RegExp(`^${spec.path.replace(/:\w+/g, '[^/]+')}$`),
}));

/** The answer is what the route's OpenAPI response schema says (no field more, none missing). */
export function expectDocumentedShape(method: string, path: string, body: unknown): void {
  const bare = path.split('?')[0]!;
  const found = ROUTES.find((r) => r.spec.method === method.toLowerCase() && r.pattern.test(bare));
  if (!found) throw new Error(`${method} ${bare} answered 2xx but is not in the route table`);
  if (found.spec.ok === 204) {
    if (body !== null) throw new Error(`${method} ${bare}: 204 with a body`);
    return;
  }
  if (!found.spec.response) throw new Error(`${method} ${found.spec.path} documents no response shape`);
  const result = found.spec.response.safeParse(body);
  if (!result.success) throw new Error(`${method} ${bare}: the answer differs from the documented shape: ${JSON.stringify(result.error.issues).slice(0, 800)}`);
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
