// Field names of the LAPOR! contract in the citizen's words, for rejection reasons ("content: too short").
import type { Language } from '../core/taxonomy.js';
import type { Flows } from './flow-schema.js';

/**
 * The citizen's words for a LAPOR! request field (`content` → "Isi laporan", `reporter.phone` →
 * "Nomor HP"), from flows/common.yaml `lapor_fields`. A nested path falls back to its parent
 * (`location.name` → "Lokasi", `attachments[0].url` → "Lampiran"); an unknown field is returned as given.
 */
export function fieldLabel(flows: Flows, language: Language, field: string): string {
  const { lapor_fields: labels, fields } = flows.common;
  const path = field.trim().replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
  for (let n = path.length; n > 0; n--) {
    const key = path.slice(0, n).join('.');
    const label = Object.hasOwn(labels, key) ? labels[key] : undefined;
    if (label === undefined) continue;
    return typeof label === 'string' ? fields[label as keyof typeof fields][language] : label[language];
  }
  return field;
}
