// The WhatsApp Web channel (Baileys): its factory is channel.ts; the adapter is adapter.ts.
export { whatsappWebChannel, WHATSAPP_WEB_INTEGRATION_ID } from './channel.js';
export { createWhatsappWebAdapter, MAX_TEXT } from './adapter.js';
export type { WhatsappWebSettings } from './adapter.js';
export type { PairingEvent, WhatsappWebTuning } from './tuning.js';
export { pairingDigits } from './jid.js';
export { PAIRING_PAGE_PATH } from './pairing-page.js';
