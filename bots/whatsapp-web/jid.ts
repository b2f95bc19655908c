// Which WhatsApp addresses are a citizen's private chat, and the phone number a JID carries.
import { isJidBroadcast, isJidGroup, isJidNewsletter, isJidUser, isLidUser, jidDecode } from '@whiskeysockets/baileys';

/** A person's chat: a phone JID (…@s.whatsapp.net) or a hidden-number one (…@lid). */
export function isPersonJid(jid: string | null | undefined): jid is string {
  if (!jid) return false;
  return Boolean(isJidUser(jid) || isLidUser(jid));
}

/** Groups, status updates, broadcast lists and channels: never answered. */
export function isCrowdJid(jid: string): boolean {
  return Boolean(isJidGroup(jid) || isJidBroadcast(jid) || isJidNewsletter(jid));
}

/** `6281234567890@s.whatsapp.net` (or `…:3@s.whatsapp.net`, a device) → `+6281234567890`; a @lid has none. */
export function phoneOf(jid: string | null | undefined): string | undefined {
  if (!jid || !isJidUser(jid)) return undefined;
  const user = jidDecode(jid)?.user;
  return user && /^[1-9]\d{6,14}$/.test(user) ? `+${user}` : undefined;
}

/** A phone number as WhatsApp wants it for a pairing code: digits with the country code. */
export function pairingDigits(phone: string): string | undefined {
  const digits = phone.replace(/[\s()+.-]/g, '');
  const international = digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
  return /^[1-9]\d{7,14}$/.test(international) ? international : undefined;
}
