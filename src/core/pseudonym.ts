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

/** Indonesian phone numbers (0… or +62…, 10+ digits, with spaces, dots or dashes) and NIK/KK
 *  numbers (16 digits); dates, house numbers and 7-digit tracking numbers stay readable. */
const CONTACT_DIGITS = /(?:\+?62|\b0)(?:[\s.-]?\d){8,12}\b|\b\d{16}\b/g;

/** Free text as shown where the reporter's contact must not appear: long digit runs hidden. */
export function maskContacts(text: string): string {
  return text.replace(CONTACT_DIGITS, '[disembunyikan]');
}
