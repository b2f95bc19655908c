// Calls the admin API over real HTTP with the test key.
import type { TestHub } from '../support/hub.js';

export const ADMIN_KEY = 'admin-key-for-tests-0123456789';

export async function admin(
  hub: TestHub,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  key: string | null = ADMIN_KEY,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${hub.url}/api/v1/admin${path}`, {
    method,
    headers: {
      ...(key !== null && { authorization: `Bearer ${key}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}
