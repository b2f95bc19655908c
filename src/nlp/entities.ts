// Entities of a free text: places (gazetteer), dates, tracking ids, phones, NIK.
import { findDates } from '../core/dates.js';
import type { Entity } from '../core/nlp.js';
import { findNik, findPhones } from '../core/phone.js';
import type { Gazetteer } from './gazetteer.js';

/** LAPOR! tracking ids are 7-digit numbers standing alone. */
const TRACKING_ID = /(?<![\d.,-])\d{7}(?![\d]|[.,-]\d)/g;

/** Tracking ids outside the phone numbers and NIKs already found (those are blanked out first). */
export function findTrackingIds(text: string, taken: string[]): Entity[] {
  let rest = text;
  for (const t of taken) rest = rest.replace(t, ' '.repeat(t.length));
  return [...rest.matchAll(TRACKING_ID)].map((m) => ({ type: 'tracking_id', text: m[0], value: m[0] }));
}

export function extractEntities(text: string, now: Date, gazetteer: Gazetteer): Entity[] {
  const phones = findPhones(text);
  const niks = findNik(text);
  return [
    ...gazetteer.find(text),
    ...findDates(text, now).map((d): Entity => ({ type: 'date', text: d.text, value: d.value })),
    ...findTrackingIds(text, [...phones, ...niks].map((f) => f.text)),
    ...phones.map((p): Entity => ({ type: 'phone', text: p.text, value: p.value })),
    ...niks.map((n): Entity => ({ type: 'nik', text: n.text, value: n.value })),
  ];
}
