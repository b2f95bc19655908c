// What to do when the socket closes, by Baileys' DisconnectReason (the Boom status code).
import { DisconnectReason } from '@whiskeysockets/baileys';

export type AfterClose =
  /** 515: expected right after pairing; a fresh socket with the saved creds */
  | { action: 'restart' }
  /** 401: the phone unlinked this device; the session is worthless, pair again */
  | { action: 'pair-again' }
  /** 440: another process or machine took the number; fighting it gets both kicked */
  | { action: 'give-up' }
  /** anything else (network, 408, 428, 500, 503): try again after a backoff */
  | { action: 'reconnect'; code: number | undefined };

export function statusCodeOf(error: unknown): number | undefined {
  const code = (error as { output?: { statusCode?: unknown } } | undefined)?.output?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

export function afterClose(error: unknown): AfterClose {
  const code = statusCodeOf(error);
  switch (code) {
    case DisconnectReason.restartRequired:
      return { action: 'restart' };
    case DisconnectReason.loggedOut:
      return { action: 'pair-again' };
    case DisconnectReason.connectionReplaced:
      return { action: 'give-up' };
    default:
      return { action: 'reconnect', code };
  }
}

export interface BackoffOptions {
  minDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { minDelayMs: 2000, maxDelayMs: 120_000 };

/** attempt 1, 2, …: doubling from minDelayMs to maxDelayMs, "full jitter" in its upper half */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
