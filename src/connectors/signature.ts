// HMAC-SHA256 signatures in the `sha256=<hex>` form used by the LAPOR! push
// (X-Lapor-Signature) and by the webhook connector (X-Hub-Signature-256).
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signBody(rawBody: Buffer | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** Timing-safe check of a `sha256=<hex>` header against the raw body; false when missing or malformed. */
export function verifySignature(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  if (!header || !secret) return false;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return false;
  const given = Buffer.from(match[1]!.toLowerCase(), 'hex');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
