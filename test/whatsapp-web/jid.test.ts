// Which addresses are a person's chat, the phone a JID carries, and pairing-code phone digits.
import { describe, expect, it } from 'vitest';
import { isCrowdJid, isPersonJid, pairingDigits, phoneOf } from '../../bots/whatsapp-web/jid.js';

describe('WhatsApp addresses', () => {
  it('a phone JID or a @lid is a person; groups, status, broadcast lists and newsletters are not', () => {
    expect(isPersonJid('6281234567890@s.whatsapp.net')).toBe(true);
    expect(isPersonJid('123456789012345@lid')).toBe(true);
    for (const jid of ['120363012345678901@g.us', 'status@broadcast', '1234@broadcast', '120363098765432109@newsletter']) {
      expect(isPersonJid(jid)).toBe(false);
      expect(isCrowdJid(jid)).toBe(true);
    }
    expect(isPersonJid(undefined)).toBe(false);
  });

  it('the phone of a phone JID (a device suffix dropped), none for a @lid', () => {
    expect(phoneOf('6281234567890@s.whatsapp.net')).toBe('+6281234567890');
    expect(phoneOf('6281234567890:12@s.whatsapp.net')).toBe('+6281234567890');
    expect(phoneOf('123456789012345@lid')).toBeUndefined();
    expect(phoneOf('0@s.whatsapp.net')).toBeUndefined();
  });

  it('pairing-code digits: country code first, a leading 0 read as +62, anything else refused', () => {
    expect(pairingDigits('6281234567890')).toBe('6281234567890');
    expect(pairingDigits('+62 812-3456-7890')).toBe('6281234567890');
    expect(pairingDigits('0812 3456 7890')).toBe('6281234567890');
    for (const bad of ['budi', '12', '+62abc', '']) expect(pairingDigits(bad)).toBeUndefined();
  });
});
