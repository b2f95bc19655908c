// Every request rule of contracts/lapor-api-v1.md, as pure functions returning the
// `{ field, message }` list of a 400. Written by hand (not derived from the connector's
// types) so that the simulator checks the hub rather than agreeing with it.
import { CATEGORIES, CLASSIFICATIONS } from '../core/taxonomy.js';

export interface FieldError {
  field: string;
  message: string;
}

export const CHANNELS = ['telegram', 'whatsapp', 'webchat', 'console', 'api'] as const;
const E164 = /^\+[1-9]\d{7,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MIME = /^[\w.+-]+\/[\w.+-]+$/;

/** Length in Unicode code points after trimming, as the contract counts. */
export const codePoints = (s: string): number => Array.from(s.trim()).length;

/** Today's date (YYYY-MM-DD) in Indonesian time as the contract bounds it: UTC+9. */
export const todayUtc9 = (now: Date): string => new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown): boolean => v === undefined || v === null;

export function validateIdempotencyKey(key: string | undefined): FieldError[] {
  if (key === undefined || key.trim() === '') return [{ field: 'Idempotency-Key', message: 'header is required' }];
  if (key.length > 128) return [{ field: 'Idempotency-Key', message: 'at most 128 characters' }];
  return [];
}

export function validateReport(body: unknown, now: Date): FieldError[] {
  if (!isObject(body)) return [{ field: 'body', message: 'must be a JSON object' }];
  const errors: FieldError[] = [];
  const err = (field: string, message: string) => errors.push({ field, message });

  if (!CLASSIFICATIONS.includes(body.classification as never)) {
    err('classification', `is required, one of ${CLASSIFICATIONS.join(', ')}`);
  }
  text(body.title, 'title', 5, 150, errors);
  text(body.content, 'content', 30, 5000, errors);
  if (!CATEGORIES.includes(body.category as never)) err('category', `is required, one of ${CATEGORIES.join(', ')}`);

  const date = body.date_of_incident;
  if (!absent(date)) {
    if (typeof date !== 'string' || !isCalendarDate(date)) err('date_of_incident', 'must be a date YYYY-MM-DD');
    else if (date > todayUtc9(now)) err('date_of_incident', 'must not be after today');
  }

  location(body, errors);

  for (const flag of ['is_anonymous', 'is_secret'] as const) {
    if (!absent(body[flag]) && typeof body[flag] !== 'boolean') err(flag, 'must be true or false');
  }
  if (!absent(body.institution_id) && typeof body.institution_id !== 'string') err('institution_id', 'must be a string or null');

  reporter(body, errors);
  attachments(body.attachments, errors);

  if (!absent(body.channel) && !CHANNELS.includes(body.channel as never)) err('channel', `must be one of ${CHANNELS.join(', ')}`);
  if (!absent(body.source_app)) {
    if (typeof body.source_app !== 'string') err('source_app', 'must be a string');
    else if (codePoints(body.source_app) > 64) err('source_app', 'at most 64 characters');
  }
  return errors;
}

export function validateResponseRequest(body: unknown): FieldError[] {
  if (!isObject(body)) return [{ field: 'body', message: 'must be a JSON object' }];
  const errors: FieldError[] = [];
  text(body.message, 'message', 1, 5000, errors);
  if (body.role !== 'pelapor' && body.role !== 'instansi') errors.push({ field: 'role', message: 'must be pelapor or instansi' });
  if (!absent(body.author) && typeof body.author !== 'string') errors.push({ field: 'author', message: 'must be a string or null' });
  return errors;
}

function text(value: unknown, field: string, min: number, max: number, errors: FieldError[]): void {
  if (typeof value !== 'string' || value.trim() === '') {
    errors.push({ field, message: 'is required' });
    return;
  }
  const n = codePoints(value);
  if (n < min) errors.push({ field, message: `at least ${min} characters (got ${n})` });
  if (n > max) errors.push({ field, message: `at most ${max} characters (got ${n})` });
}

function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function location(body: Record<string, unknown>, errors: FieldError[]): void {
  const loc = body.location;
  if (absent(loc)) {
    if (body.classification !== 'PERMINTAAN_INFORMASI') {
      errors.push({ field: 'location', message: 'is required (may be null only for PERMINTAAN_INFORMASI)' });
    }
    return;
  }
  if (!isObject(loc)) {
    errors.push({ field: 'location', message: 'must be an object or null' });
    return;
  }
  for (const key of ['code', 'name', 'address'] as const) {
    if (!absent(loc[key]) && typeof loc[key] !== 'string') errors.push({ field: `location.${key}`, message: 'must be a string or null' });
  }
  const coord = (key: 'latitude' | 'longitude', limit: number): boolean => {
    const v = loc[key];
    if (absent(v)) return false;
    if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > limit) {
      errors.push({ field: `location.${key}`, message: `must be a number between -${limit} and ${limit}` });
      return false;
    }
    return true;
  };
  const hasLat = coord('latitude', 90);
  const hasLon = coord('longitude', 180);
  const hasName = typeof loc.name === 'string' && loc.name.trim() !== '';
  if (!hasName && !(hasLat && hasLon)) {
    errors.push({ field: 'location', message: 'needs a name or both latitude and longitude' });
  }
}

function reporter(body: Record<string, unknown>, errors: FieldError[]): void {
  const r = body.reporter;
  if (body.is_anonymous === true) {
    if (!absent(r)) errors.push({ field: 'reporter', message: 'must be null on an anonymous report' });
    return;
  }
  if (!isObject(r)) {
    errors.push({ field: 'reporter', message: 'is required unless is_anonymous is true' });
    return;
  }
  if (typeof r.name !== 'string' || r.name.trim() === '') errors.push({ field: 'reporter.name', message: 'is required' });
  if (typeof r.phone !== 'string' || !E164.test(r.phone) || r.phone.startsWith('+620')) {
    errors.push({ field: 'reporter.phone', message: 'must be in E.164 form, e.g. +6281234567890' });
  }
  if (!absent(r.email) && (typeof r.email !== 'string' || !EMAIL.test(r.email))) {
    errors.push({ field: 'reporter.email', message: 'must be an e-mail address or null' });
  }
}

function attachments(value: unknown, errors: FieldError[]): void {
  if (absent(value)) return;
  if (!Array.isArray(value)) {
    errors.push({ field: 'attachments', message: 'must be a list' });
    return;
  }
  value.forEach((a: unknown, i) => {
    const at = `attachments[${i}]`;
    if (!isObject(a)) {
      errors.push({ field: at, message: 'must be an object' });
      return;
    }
    if (typeof a.filename !== 'string' || a.filename.trim() === '') errors.push({ field: `${at}.filename`, message: 'is required' });
    if (typeof a.mime_type !== 'string' || !MIME.test(a.mime_type)) errors.push({ field: `${at}.mime_type`, message: 'must be a MIME type' });
    if (typeof a.url !== 'string' || !isHttpUrl(a.url)) errors.push({ field: `${at}.url`, message: 'must be an http(s) URL' });
  });
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
