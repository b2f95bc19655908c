// What officers call a reporter they may not know by name: a pseudonym per report, from the
// complaint's id. Per report, never per citizen: a shared pseudonym would tie a citizen's
// anonymous report to their named ones. Never a name, phone number or chat id.
import { createHash } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function pseudonym(complaintId: string): string {
  const digest = createHash('sha256').update(`report:${complaintId}`).digest();
  let code = '';
  for (let i = 0; i < 5; i++) code += ALPHABET[digest[i]! % ALPHABET.length];
  return `Warga-${code}`;
}

/** Nine or more digits in one run, single spaces, dots, dashes or brackets between them: phone
 *  numbers with or without 0/+62 (0812-…, 812 …, (022) 7654321) and NIK/KK numbers however they
 *  are grouped. Dates, house numbers, RT/RW and 7-digit tracking numbers stay readable. */
const CONTACT_DIGITS = /(?<![\d])\+?\(?\d(?:(?:[ .-]|\) ?)?\d){8,}(?![\d])/g;

/** Free text as shown where the reporter's contact must not appear: long digit runs hidden. */
export function maskContacts(text: string): string {
  return text.replace(CONTACT_DIGITS, '[disembunyikan]');
}
