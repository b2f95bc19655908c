// Shared pieces of the property-based (fast-check) tests of every inbound surface
// (test/fuzz/): run settings from the environment, hostile values, raw HTTP, and the
// checks every surface must pass (no 5xx, JSON {error} on 4xx, nothing stored when rejected).
import { readdirSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect } from 'vitest';

/** FUZZ_RUNS cases per property (default small for `npm test`; `.ci/run` sets more). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 150);
/** a fixed seed unless FUZZ_SEED says otherwise, so a failure reproduces */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261201);

/** a test's time limit: its runs at a generous 300 ms each (2 loaded cores), plus set-up */
export const FUZZ_TIMEOUT_MS = 30_000 + FUZZ_RUNS * 300;

/** fast-check parameters for one property; prints the seed so that a run can be repeated. */
export function fuzzParams(name: string, runs = FUZZ_RUNS): fc.Parameters<unknown> {
  console.log(`[fuzz] ${name}: ${runs} runs, seed ${FUZZ_SEED} (FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${runs} to repeat)`);
  return { numRuns: runs, seed: FUZZ_SEED };
}

/** Records every unhandled rejection while the file runs; the file asserts it stays empty. */
export function recordUnhandledRejections(): unknown[] {
  const seen: unknown[] = [];
  const record = (reason: unknown) => void seen.push(reason);
  beforeAll(() => void process.on('unhandledRejection', record));
  afterAll(() => void process.off('unhandledRejection', record));
  return seen;
}

// ---- hostile values --------------------------------------------------------

const NASTY = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\udc00\ud800', '\u202eabc', '\u200b', '\u200f\u200e',
  '\ufeff', '\uffff', '\r\n', '%', '%00', '%zz', '%ff', '../../etc/passwd', '<script>', "'; DROP TABLE x;--",
  '😀', 'é', '١٢٣', 'null', 'undefined', '__proto__', 'constructor', '{}', '[]', '0', '-1', '1e309', 'NaN',
];

/** strings that break naive code: NUL, lone surrogates, RTL and zero-width marks, huge and empty */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', '\u202e', '\u200b', 'a', ' ', '😀'), maxLength: 30 }),
  fc.constantFrom(5000, 70_000).map((n) => 'a'.repeat(n)),
  fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...NASTY), fc.string({ maxLength: 10 })).map((p) => p.join('')),
);

const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 53), 0.5, 1e-320),
  fc.double(),
  fc.integer(),
);

/** any value of a type a field should not have */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  nastyNumber,
  fc.constantFrom(null, true, false, [], {}),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.integer({ min: 20, max: 2000 }).map(deepNesting),
);

/** [[[ ... ]]] or {"a":{"a": ... }} nested `depth` levels */
export function deepNesting(depth: number): unknown {
  let value: unknown = depth % 2 ? [] : {};
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

type Json = Record<string, unknown>;

/**
 * Mutations of a valid object: drop, retype or replace a field (also nested), add unknown
 * fields, or replace the whole thing. Each mutation keeps the rest valid, so that the
 * mutated field is what the surface must cope with.
 */
export function mutated(valid: fc.Arbitrary<Json>): fc.Arbitrary<unknown> {
  return valid.chain((object) => {
    const paths = fieldPaths(object);
    const path = fc.constantFrom(...(paths.length ? paths : [['x']]));
    return fc.oneof(
      fc.constant(object),
      path.map((p) => setPath(object, p, undefined)),
      fc.tuple(path, wrongValue).map(([p, v]) => setPath(object, p, v)),
      fc.tuple(path, wrongValue, wrongValue).map(([p, a, b]) => setPath(setPath(object, p, a), [p[0]!], b)),
      fc.tuple(fc.string({ maxLength: 12 }), wrongValue).map(([k, v]) => ({ ...object, [k]: v })),
      fc.constant(Object.fromEntries(Object.keys(object).map((k) => [k, null]))),
      fc.jsonValue({ maxDepth: 3 }),
    );
  });
}

/** A raw JSON text of `value` with hostile twists: duplicate keys, NaN, truncation, BOM. */
export function rawJsonText(value: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(value) ?? 'null';
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(text) },
    fc.constant(text.replace(/^\{/, '{"sessionId":1,"text":"dup",')),
    fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n)),
    fc.constant(`\ufeff${text}`),
    fc.constant(text.replace(/:(\d+)/, ':NaN')),
    fc.constantFrom('', 'null', '[]', '"x"', '{', '{"a":}', '\u0000', '[' .repeat(5000), '{"a":'.repeat(3000)),
  );
}

function fieldPaths(object: unknown, prefix: string[] = []): string[][] {
  if (!object || typeof object !== 'object' || Array.isArray(object)) return [];
  return Object.entries(object).flatMap(([key, value]) => [[...prefix, key], ...fieldPaths(value, [...prefix, key])]);
}

function setPath(object: unknown, path: string[], value: unknown): Json {
  const copy: Json = { ...(object as Json) };
  const [head, ...rest] = path;
  if (rest.length === 0) {
    if (value === undefined) delete copy[head!];
    else copy[head!] = value;
  } else {
    copy[head!] = setPath(copy[head!] ?? {}, rest, value);
  }
  return copy;
}

/** a path segment as a client might send it: plain, percent-encoded, or with broken escapes */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{1,70}$/),
  nastyString.map((s) => percentEncode(s.slice(0, 200))),
  fc.constantFrom('%', '%zz', '%00', '%ff', '%C0%AF', '%2e%2e', '%2F', '..', '.', '%E2%80%AE', '%ED%A0%80'),
);

/** every character percent-encoded as UTF-8; a lone surrogate as its (invalid) 3-byte form */
function percentEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const pair = unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += `%${(0xe0 | (unit >> 12)).toString(16)}%${(0x80 | ((unit >> 6) & 0x3f)).toString(16)}%${(0x80 | (unit & 0x3f)).toString(16)}`.toUpperCase();
    } else {
      out += encodeURIComponent(text[i]!);
    }
  }
  return out;
}

/** a query string value as a client might send it */
export const queryValue: fc.Arbitrary<string> = pathSegment;

// ---- raw HTTP ---------------------------------------------------------------

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request with exactly the path, headers and bytes given (fetch would normalise them). */
export function rawRequest(baseUrl: string, options: {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** the client's address, another one of 127.0.0.0/8 (limits that count per address) */
  localAddress?: string;
}): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: url.hostname,
      port: url.port,
      ...(options.localAddress && { localAddress: options.localAddress }),
      method: options.method,
      path: options.path,
      headers: { ...options.headers, ...(options.body !== undefined && { 'content-length': String(Buffer.byteLength(options.body)) }) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The contract of every inbound surface: never a 5xx; a 4xx says why in JSON `{error}`. */
export function expectClientSafe(res: RawResponse, what: string): void {
  const context = `${what} -> ${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, context).toBeLessThan(500);
  if (res.status >= 400) {
    expect(String(res.headers['content-type']), context).toMatch(/application\/json/);
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      throw new Error(`4xx body is not JSON: ${context}`);
    }
    expect(typeof (body as { error?: unknown })?.error, context).toBe('string');
  }
}

/** The hub still answers its liveness probe. */
export async function expectAlive(baseUrl: string): Promise<void> {
  const res = await rawRequest(baseUrl, { method: 'GET', path: '/healthz' });
  expect(res.status).toBe(200);
}

// ---- what is stored -----------------------------------------------------------

export interface Stored {
  message: number;
  conversation: number;
  citizen: number;
  complaint: number;
  complaintEvent: number;
  outboxJob: number;
  media: number;
  pendingUpdate: number;
  mediaFiles: number;
}

const COUNTED = {
  message: 'Message', conversation: 'Conversation', citizen: 'Citizen', complaint: 'Complaint',
  complaintEvent: 'ComplaintEvent', outboxJob: 'OutboxJob', media: 'Media', pendingUpdate: 'PendingUpdate',
} as const;
const COUNT_SQL = `SELECT ${Object.entries(COUNTED).map(([key, table]) => `(SELECT count(*)::int FROM "${table}") AS "${key}"`).join(', ')}`;

/**
 * Row counts of the tables an inbound request may write (one query), and the files under
 * DATA_DIR/media. The query always answers one row of numbers; anything else (no row at all:
 * a database engine that died answering [] to everything) throws, never counts as "nothing
 * stored", which would let every "nothing stored when rejected" check pass on a dead database.
 */
export async function stored(db: { sql: { query<T>(sql: string): Promise<T[]> } }, dataDir: string): Promise<Stored> {
  const rows = await db.sql.query<Omit<Stored, 'mediaFiles'>>(COUNT_SQL);
  const counts = rows[0];
  if (rows.length !== 1 || !counts || Object.keys(COUNTED).some((key) => typeof counts[key as keyof typeof counts] !== 'number')) {
    throw new Error(`the row counts query answered ${JSON.stringify(rows).slice(0, 200)}, not one row of counts: is the database alive?`);
  }
  return { ...counts, mediaFiles: countFiles(join(dataDir, 'media')) };
}

/**
 * Waits until the queue has nothing due within two seconds: what an accepted webhook set off
 * (its processing, the replies it queued) has run, so that a later request's row counts are
 * its own. A job waiting out a longer backoff does not hold it up.
 */
export async function queueSettled(db: { sql: { query<T>(sql: string): Promise<T[]> } }, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db.sql.query<{ due: number }>(
      `SELECT count(*)::int AS due FROM "OutboxJob" WHERE status IN ('pending', 'running') AND "runAt" <= (now() AT TIME ZONE 'UTC') + interval '2 seconds'`);
    if (typeof row?.due !== 'number') throw new Error('the queue count answered no row: is the database alive?');
    if (row.due === 0) return;
    if (Date.now() > deadline) throw new Error(`the queue still has ${row.due} job(s) due after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function countFiles(dir: string): number {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  return entries.reduce((n, name) => {
    const path = join(dir, name);
    return n + (statSync(path).isDirectory() ? countFiles(path) : 1);
  }, 0);
}
