// Shared HTTP plumbing of the lapor and webhook connectors: one request with a timeout,
// and the mapping of HTTP outcomes to ConnectorError kinds. Never retries: the queue does.
import { z } from 'zod';
import { ConnectorError } from './connector.js';

export const DEFAULT_TIMEOUT_MS = 15_000;

export interface HttpResult {
  status: number;
  headers: Headers;
  /** raw body text ('' when none) */
  text: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Sends one request and reads its body; network errors and timeouts become `retry`. */
export async function send(req: HttpRequest): Promise<HttpResult> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = req.fetch ?? fetch;
  const target = `${req.method} ${redact(req.url)}`;
  try {
    // the signal also bounds reading the body, so a stalled stream times out too
    const res = await doFetch(req.url, {
      method: req.method,
      headers: { accept: 'application/json', ...req.headers },
      body: req.body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') {
      throw new ConnectorError('retry', `${target} timed out after ${timeoutMs} ms`);
    }
    const cause = (e.cause as Error | undefined)?.message;
    throw new ConnectorError('retry', `${target} failed: ${e.message}${cause ? ` (${cause})` : ''}`);
  }
}

const errorsBody = z.object({
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});

/** Throws the ConnectorError matching a non-2xx answer; returns on 2xx. */
export function assertOk(res: HttpResult, what: string, now: () => number = Date.now): void {
  const { status } = res;
  if (status >= 200 && status < 300) return;
  const brief = `${what}: HTTP ${status}`;
  if (status === 400 || status === 422) {
    const parsed = errorsBody.safeParse(tryJson(res.text));
    const fieldErrors = parsed.success ? parsed.data.errors : [];
    const list = fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; ');
    throw new ConnectorError('rejected', `${brief}${list ? ` (${list})` : ''}`, { status, fieldErrors });
  }
  if (status === 401 || status === 403) throw new ConnectorError('auth', brief, { status });
  if (status === 404) throw new ConnectorError('not_found', brief, { status });
  if (status === 409) throw new ConnectorError('conflict', `${brief} (idempotency key reused with another body)`, { status });
  if (status === 429 || status >= 500 || status === 408) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), now());
    throw new ConnectorError('retry', brief, { status, ...(retryAfterMs !== undefined && { retryAfterMs }) });
  }
  // other 4xx (405, 413, 415...): the request itself is wrong; retrying will not help
  throw new ConnectorError('rejected', brief, { status, fieldErrors: [] });
}

/** `Retry-After` as seconds or an HTTP date (RFC 9110) → milliseconds from now, never negative. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Parses a 2xx body with a schema; a malformed body is a `retry` error (the server misbehaved). */
export function parseBody<T extends z.ZodType>(res: HttpResult, schema: T, what: string): z.output<T> {
  const json = tryJson(res.text);
  if (json === undefined) {
    throw new ConnectorError('retry', `${what}: HTTP ${res.status} with a body that is not JSON`, { status: res.status });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ConnectorError('retry', `${what}: HTTP ${res.status} with a malformed body: ${z.prettifyError(parsed.error)}`, {
      status: res.status,
    });
  }
  return parsed.data;
}

/** URL without query string or credentials, for error messages that may reach logs. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '<invalid url>';
  }
}
