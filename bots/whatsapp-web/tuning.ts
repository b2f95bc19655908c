// What tests and the `lapor-hub whatsapp pair` command adjust (HubOptions.channelTuning['whatsapp-web']).
import type { WAMessage } from '@whiskeysockets/baileys';
import type { BackoffOptions } from './disconnect.js';
import type { PacingOptions } from './pacing.js';
import type { SentStoreLimits } from './sent-store.js';
import type { MakeSocket, WhatsappSocket } from './socket.js';

/** What happens while linking a phone, for a command that waits for it. */
export type PairingEvent =
  | { type: 'qr'; qr: string }
  | { type: 'code'; code: string }
  | { type: 'open' }
  | { type: 'logged-out' }
  | { type: 'replaced' }
  | { type: 'error'; detail: string };

export interface WhatsappWebTuning {
  /** default: Baileys' makeWASocket */
  makeSocket?: MakeSocket;
  /** default: Baileys' downloadMediaMessage (with the socket's re-upload request) */
  downloadMedia?: (message: WAMessage, socket: WhatsappSocket) => Promise<Buffer>;
  pacing?: Partial<PacingOptions>;
  /** reconnecting after an unexpected close */
  backoff?: Partial<BackoffOptions>;
  /** handing a message to the hub again when it failed (the database away): default 1 s doubling to 60 s, 12 times */
  inboundRetry?: { attempts?: number; minDelayMs?: number; maxDelayMs?: number };
  sentStore?: Partial<SentStoreLimits>;
  /** where the QR and the pairing code are printed (default process.stdout; null: nowhere). Never the log. */
  terminal?: NodeJS.WritableStream | null;
  /** pair by an 8-character code typed on this phone (digits with country code) instead of a QR */
  pairingPhone?: string;
  onPairing?: (event: PairingEvent) => void;
}
