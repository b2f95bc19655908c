// The WhatsApp Web channel (Baileys): one integration when WHATSAPP_WEB=on. See adapter.ts.
import type { Config } from '../../src/config.js';
import type { ChannelFactory } from '../../src/core/channel.js';
import { createWhatsappWebAdapter, type WhatsappWebSettings } from './adapter.js';
import type { WhatsappWebTuning } from './tuning.js';

export const WHATSAPP_WEB_INTEGRATION_ID = 'whatsapp-web';

export const whatsappWebChannel: ChannelFactory<Config, WhatsappWebTuning> = {
  type: 'whatsapp-web',
  fromEnv(env) {
    if (env.WHATSAPP_WEB !== 'on') return [];
    const settings: WhatsappWebSettings = env.ADMIN_API_KEY ? { adminApiKey: env.ADMIN_API_KEY } : {};
    return [{ id: WHATSAPP_WEB_INTEGRATION_ID, name: 'WhatsApp', settings: settings as Record<string, unknown> }];
  },
  create(spec, context, tuning) {
    return createWhatsappWebAdapter(spec, context, tuning);
  },
};

export { createWhatsappWebAdapter, MAX_TEXT } from './adapter.js';
export type { WhatsappWebSettings } from './adapter.js';
export type { PairingEvent, WhatsappWebTuning } from './tuning.js';
export { pairingDigits } from './jid.js';
export { PAIRING_PAGE_PATH } from './pairing-page.js';
