// What the pairing page shows, kept in the state store (`pairing`) by the process that runs the
// socket, so the page answers the same in every process that serves HTTP.
import type { ChannelHealth, ChannelStateStore } from '../../src/core/channel.js';

export const PAIRING_KEY = 'pairing';
/** WhatsApp shows a new QR about every 20 s; an older one no longer links a phone */
export const QR_FRESH_MS = 60_000;

export interface PairingState {
  status: ChannelHealth['status'];
  detail?: string;
  /** the QR's text (Baileys' `connection.update` qr), while waiting to be scanned */
  qr?: string;
  /** the 8-character code from requestPairingCode, while waiting to be typed on the phone */
  pairingCode?: string;
  /** when this was written (epoch ms) */
  at: number;
}

export async function readPairing(store: ChannelStateStore): Promise<PairingState | undefined> {
  const text = await store.get(PAIRING_KEY);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as PairingState;
  } catch {
    return undefined;
  }
}

export function writePairing(store: ChannelStateStore, state: PairingState): Promise<void> {
  return store.setMany({ [PAIRING_KEY]: JSON.stringify(state) });
}
