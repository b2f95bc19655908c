// One rule for the names evidence files are stored and served under, whatever the channel.
import type { EvidenceType } from './media-type.js';

const EXTENSIONS: Record<EvidenceType, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf',
};
const DEFAULT_BASE = 'bukti';
const MAX_BASE_CHARACTERS = 100;

/**
 * A file name safe in a header and on any disk: letters of every script, digits, spaces and
 * `. _ ( ) -` stay; control characters, quotes, slashes and other symbols become `_`; at most
 * 100 characters before an extension that matches the bytes' type; "bukti" when nothing is left.
 */
export function evidenceFileName(original: string, type: EvidenceType): string {
  const base = original
    .normalize('NFC')
    .replace(/\.[\p{L}\p{N}]{1,8}$/u, '')
    .replace(/[^\p{L}\p{M}\p{N} ._()-]+/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/_+/g, '_')
    .replace(/^[\s._]+|[\s.]+$/g, '');
  const bounded = [...base].slice(0, MAX_BASE_CHARACTERS).join('').trimEnd();
  return `${/[\p{L}\p{N}]/u.test(bounded) ? bounded : DEFAULT_BASE}.${EXTENSIONS[type]}`;
}
