// Helpers for the hub's `POST /webhooks/lapor` (the contract's optional push).
import { z } from 'zod';
import type { LaporUpdate } from '../connector.js';
import { verifySignature } from '../signature.js';
import { updateSchema } from './wire.js';

/** Checks `X-Lapor-Signature: sha256=<hex HMAC-SHA256 of the raw body>`, timing-safe. */
export function verifyLaporSignature(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  return verifySignature(rawBody, header, secret);
}

/** A pushed body that is not one update object of the contract. `issues` come from zod. */
export class InvalidLaporUpdateError extends Error {
  constructor(readonly issues: z.core.$ZodIssue[], pretty: string) {
    super(`invalid LAPOR! update: ${pretty}`);
    this.name = 'InvalidLaporUpdateError';
  }
}

/** Parses one pushed update (the `/updates` item shape); throws InvalidLaporUpdateError. */
export function parseLaporUpdate(json: unknown): LaporUpdate {
  const parsed = updateSchema.safeParse(json);
  if (!parsed.success) throw new InvalidLaporUpdateError(parsed.error.issues, z.prettifyError(parsed.error));
  return parsed.data;
}
