// Indonesian phone numbers and NIK (national identity numbers): recognise, normalise, mask.
// Pure and synchronous.

export interface FoundValue {
  /** as written */
  text: string;
  /** normalised: E.164 for phones, 16 digits for NIK */
  value: string;
}

/** Mobile numbers: 8xx followed by 8..12 more digits (9–13 digits after the trunk 0). */
const MOBILE = /^8\d{8,12}$/;

/**
 * A number written as 0812-3456-7890, 0812 3456 7890, +62 812..., 62812..., (0812) ..., 812...
 * as E.164 (+62812...), or null when it is not an Indonesian mobile number.
 */
export function normalizePhone(text: string): string | null {
  const compact = text.trim().replace(/[\s().-]/g, '');
  const match = /^(?:\+?62|0062)?0?(\d+)$/.exec(compact);
  if (!match) return null;
  const national = match[1]!;
  // a bare "812..." without 0 or 62 is accepted only as a whole answer (this function), never found in prose
  return MOBILE.test(national) ? `+62${national}` : null;
}

// A candidate: a prefix (+62, 62, 0) then 8 and digits possibly grouped by spaces, dots, dashes or brackets.
const PHONE_CANDIDATE = /(?<![\d+])(?:\+62|0062|62|\(?0)[\s.-]?\(?8\d{1,3}\)?(?:[\s.-]?\d{2,5}){1,4}(?!\d)/g;

/** Indonesian mobile numbers mentioned in a free text, in reading order. */
export function findPhones(text: string): FoundValue[] {
  const found: FoundValue[] = [];
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    const phone = longestPhone(m[0]);
    if (phone) found.push(phone);
  }
  return found;
}

/** The longest leading part of a candidate that is a phone ("0812 3456 7890 kemarin 12" → the first three groups). */
function longestPhone(candidate: string): FoundValue | null {
  for (let end = candidate.length; end > 0; end--) {
    if (end < candidate.length && !/[\s().-]/.test(candidate[end]!)) continue;
    const text = candidate.slice(0, end).trim();
    const value = normalizePhone(text);
    if (value) return { text, value };
  }
  return null;
}

// 16 digits, contiguous or grouped (3273 0101 0101 0001, 327301.010101.0001).
const NIK_CANDIDATE = /(?<![\d])\d(?:[\s.-]?\d){15}(?![\d])/g;

/**
 * Plausible NIK: province code 11..94, birth day 01..31 (+40 for women), month 01..12.
 * The check keeps other 16-digit numbers (bank accounts, card numbers) from being taken as NIK.
 */
function isPlausibleNik(digits: string): boolean {
  const province = Number(digits.slice(0, 2));
  const day = Number(digits.slice(6, 8));
  const month = Number(digits.slice(8, 10));
  const dayOk = (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
  return province >= 11 && province <= 94 && dayOk && month >= 1 && month <= 12;
}

/** NIK numbers mentioned in a text. */
export function findNik(text: string): FoundValue[] {
  const found: FoundValue[] = [];
  for (const m of text.matchAll(NIK_CANDIDATE)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length === 16 && isPlausibleNik(digits)) found.push({ text: m[0], value: digits });
  }
  return found;
}

export const NIK_MASK = '[NIK]';
export const PHONE_MASK = '[TELEPON]';

/**
 * The text with every 16-digit number (contiguous or grouped) replaced by NIK_MASK. Errs on the
 * side of masking: a family-card (KK) or card number is as personal as a NIK, so no plausibility check.
 */
export function maskNik(text: string): string {
  return text.replace(NIK_CANDIDATE, (m) => (m.replace(/\D/g, '').length === 16 ? NIK_MASK : m));
}

/**
 * A landline: trunk 0 (or +62/62 and a separator) and an area code of 2–3 digits that is not a
 * mobile 8xx, in brackets or not, then the subscriber number, grouped or not:
 * (021) 555-1234, 021-5551234, 0274 512345, +62 21 5551234. Found only to be masked: a reporter's
 * contact number must be a mobile (findPhones). Dates (02-08-2024) and RT/RW (003/005) do not fit.
 */
const LANDLINE = /(?<![\d+])(?:(?:\+62|0062|62)[\s.-]\(?|\(?0)[2-79]\d{1,2}\)?[\s.-]?\d{2,4}(?:[\s.-]?\d{2,4}){0,2}(?!\d)/g;

/** Area code and subscriber number together: 8–11 digits after the trunk 0 or +62. */
function isLandline(candidate: string): boolean {
  const national = candidate.replace(/\D/g, '').replace(/^(?:0062|62|0)/, '');
  return national.length >= 8 && national.length <= 11;
}

/**
 * The text with phone numbers replaced by PHONE_MASK: mobile numbers written with 0, 62 or +62,
 * bare 8xx numbers of 9–13 digits, and landlines. Run maskNik first, so a NIK is not half-masked.
 */
export function maskPhones(text: string): string {
  return text
    .replace(PHONE_CANDIDATE, (m) => {
      const phone = longestPhone(m);
      return phone ? PHONE_MASK + m.slice(m.indexOf(phone.text) + phone.text.length) : m;
    })
    .replace(/(?<![\d+])8\d{8,12}(?!\d)/g, PHONE_MASK)
    .replace(LANDLINE, (m) => (isLandline(m) ? PHONE_MASK : m));
}

/** The text with NIK and phone numbers replaced by masks (for logs, and the text of every report). */
export function maskPersonalData(text: string): string {
  return maskPhones(maskNik(text));
}
