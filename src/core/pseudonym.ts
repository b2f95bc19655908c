// What officers call a citizen who did not choose a public report: a stable pseudonym from
// the citizen's id (the same person is the same "Warga" across their reports), never their
// name, phone number or chat id.
import { createHash } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function pseudonym(citizenId: string): string {
  const digest = createHash('sha256').update(`citizen:${citizenId}`).digest();
  let code = '';
  for (let i = 0; i < 5; i++) code += ALPHABET[digest[i]! % ALPHABET.length];
  return `Warga-${code}`;
}

/** Phone numbers (8+ digits, with spaces, dots or dashes) and NIKs (16 digits) in free text. */
const CONTACT_DIGITS = /\+?\d(?:[\s.-]?\d){7,}/g;

/** Free text as shown where the reporter's contact must not appear: long digit runs hidden. */
export function maskContacts(text: string): string {
  return text.replace(CONTACT_DIGITS, '[disembunyikan]');
}
