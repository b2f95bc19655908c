// Text a client sends that PostgreSQL cannot store (U+0000, an unpaired surrogate) is refused
// at the door, for every route at once: 400 `{error: "<where>: contains ..."}` and nothing
// stored. The path and query are checked before any router runs; a body is checked the moment
// a router's parser assigns `req.body` (express.json and every body-parser parser do, inside
// their own error handling, so the refusal reaches the router's error handler as a 400).
// Platforms are not refused (they would deliver the same update forever): under /webhooks/
// only the path and query are checked, and src/db/text-guard.ts cleans what they send.
import type { RequestHandler } from 'express';
import { hasUnstorableText } from '../db/text-guard.js';

const REASON = 'contains a NUL character or an unpaired surrogate';
const PLATFORM_PREFIX = '/webhooks/';

/** An error body-parser passes on with its status and type (http-errors keeps both). */
export class UnstorableTextError extends Error {
  readonly status = 400;
  readonly type = 'entity.text.unstorable';
  constructor(where: string) {
    super(`${where}: ${REASON}`);
  }
}

/** Where in `value` the first unstorable string is (keys too), or undefined. */
export function findUnstorableText(value: unknown, where: string): string | undefined {
  if (typeof value === 'string') return hasUnstorableText(value) ? where : undefined;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  // own keys, walked without copying them into entry pairs (this runs on every request body);
  // `where` is built only for the one that is found
  for (const key of Object.keys(value)) {
    if (hasUnstorableText(key)) return `${where} key`;
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'string' ? !hasUnstorableText(item) : item === null || typeof item !== 'object') continue;
    const found = findUnstorableText(item, Array.isArray(value) ? `${where}[${key}]` : `${where}.${key}`);
    if (found) return found;
  }
  return undefined;
}

export function rejectUnstorableText(): RequestHandler {
  return (req, res, next) => {
    // a raw NUL cannot be in a request line; a percent-encoded one decodes to U+0000, and an
    // encoded surrogate is invalid UTF-8, which decoding refuses or turns into U+FFFD
    if (/%00/.test(req.path)) return void res.status(400).json({ error: `path: ${REASON}` });
    const inQuery = findUnstorableText(req.query, 'query');
    if (inQuery) return void res.status(400).json({ error: `${inQuery}: ${REASON}` });
    if (req.path.startsWith(PLATFORM_PREFIX)) return next();
    let body: unknown = req.body;
    Object.defineProperty(req, 'body', {
      configurable: true,
      enumerable: true,
      get: () => body,
      set: (value: unknown) => {
        const where = findUnstorableText(value, 'body');
        if (where) throw new UnstorableTextError(where);
        body = value;
      },
    });
    next();
  };
}
