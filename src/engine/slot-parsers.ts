// Parsers for typed answers, one per kind of field. They only read; the step decides what to do.
import { jakartaDateString, parseDateDetailed } from '../core/dates.js';
import type { NlpResult } from '../core/nlp.js';
import { findPhones, maskPersonalData, normalizePhone } from '../core/phone.js';
import type { ReportLocation } from '../core/report.js';
import type { ComplaintFlow } from './flow-schema.js';
import type { TextVars } from './text.js';
import { codePoints } from './text.js';

/** A usable value, or the reason it is not (a key of the question's `errors`) with details for the re-ask. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string; vars?: TextVars };

type Limits = ComplaintFlow['limits'];

/**
 * A story long enough for LAPOR!. Counted as it may be filed: with NIK and phone numbers masked
 * (they are on an anonymous report), so that masking never makes a confirmed report too short.
 */
export function parseDescription(text: string, limits: Limits): Parsed<string> {
  const value = text.trim();
  const length = codePoints(maskPersonalData(value));
  if (length < limits.description_min) {
    return { ok: false, reason: 'too_short', vars: { length, missing: limits.description_min - length } };
  }
  if (length > limits.description_max) return { ok: false, reason: 'too_long', vars: { length, max: limits.description_max } };
  return { ok: true, value };
}

export function parseTitle(text: string, limits: Limits): Parsed<string> {
  const value = text.replace(/\s+/g, ' ').trim();
  const length = codePoints(value);
  if (length < limits.title_min) return { ok: false, reason: 'too_short', vars: { length } };
  if (length > limits.title_max) return { ok: false, reason: 'too_long', vars: { length } };
  return { ok: true, value };
}

/**
 * The resolved region of the first NLP location entity, keeping the citizen's words as the address.
 * NLP lists places best-first (a named regency/city before districts): the first is taken as is.
 */
export function locationFromNlp(nlp: NlpResult | undefined, address: string): ReportLocation | null {
  const entity = nlp?.entities.find((e) => e.type === 'location');
  if (!entity || entity.type !== 'location') return null;
  return { code: entity.code, name: entity.regency ?? entity.province, address };
}

/** A place or address typed as text; resolved to a region when NLP found one in it. */
export function parseLocationText(text: string, nlp: NlpResult | undefined, limits: Limits): Parsed<ReportLocation> {
  const words = text.replace(/\s+/g, ' ').trim();
  const letters = (words.match(/\p{L}/gu) ?? []).length;
  if (letters < limits.location_min_letters) return { ok: false, reason: 'too_short' };
  return { ok: true, value: locationFromNlp(nlp, words) ?? { name: words, address: words } };
}

export function parseDateAnswer(text: string, nlp: NlpResult | undefined, now: Date): Parsed<string> {
  const parsed = parseDateDetailed(text, now);
  if (parsed.ok) return { ok: true, value: parsed.value };
  if (parsed.reason === 'none') {
    // NLP may know a way of saying it that the rules do not; it never returns a future date
    const entity = nlp?.entities.find((e) => e.type === 'date');
    if (entity?.type === 'date' && entity.value <= jakartaDateString(now)) {
      return { ok: true, value: entity.value };
    }
  }
  return { ok: false, reason: parsed.reason, vars: { text: parsed.text ?? text.trim() } };
}

/**
 * Characters that show nothing: format characters (zero-width space, joiners, direction marks) and
 * variation selectors are dropped; blank "letters" (Hangul fillers, the Braille blank) are spaces.
 * Profiles use them to hide a name, and some count as letters to Unicode.
 */
const FORMAT = /[\p{Cf}\u034f\ufe00-\ufe0f]/gu;
const BLANK_LETTERS = /[\u115f\u1160\u3164\uffa0\u2800]/gu;

export function parseName(text: string): Parsed<string> {
  const value = text.replace(FORMAT, '').replace(BLANK_LETTERS, ' ').replace(/\s+/g, ' ').trim();
  const letters = (value.match(/\p{L}/gu) ?? []).length;
  const ok = letters >= 2 && codePoints(value) <= 100 && !/[\d@#/\\<>{}]/.test(value);
  return ok ? { ok: true, value } : { ok: false, reason: 'invalid' };
}

/** A chat app's profile name as it may be offered, or null: empty, blank or invisible-only is no name. */
export function profileName(displayName: string | null | undefined): string | null {
  if (!displayName) return null;
  const parsed = parseName(displayName);
  return parsed.ok ? parsed.value : null;
}

/** E.164 of a typed Indonesian mobile number ("0812-3456-7890", or "nomor saya 0812...", one number only). */
export function parsePhone(text: string): Parsed<string> {
  const direct = normalizePhone(text);
  if (direct) return { ok: true, value: direct };
  const found = findPhones(text);
  return found.length === 1 ? { ok: true, value: found[0]!.value } : { ok: false, reason: 'invalid' };
}

/** A phone the chat app gives (already E.164), as LAPOR! wants it; foreign E.164 numbers are kept. */
export function profilePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  return normalizePhone(phone) ?? (/^\+[1-9]\d{7,14}$/.test(phone.replace(/[\s-]/g, '')) ? phone.replace(/[\s-]/g, '') : null);
}

/** The one 7-digit tracking number in a text. */
export function parseTrackingId(text: string): Parsed<string> {
  const found = text.match(/(?<!\d)\d{7}(?!\d)/g) ?? [];
  return found.length === 1 ? { ok: true, value: found[0]! } : { ok: false, reason: 'invalid' };
}
