// The WhatsApp Web channel's factory for the registry: one integration when WHATSAPP_WEB=on.
// Baileys (about half a second to import) is loaded with the integration, not at start-up.
import type { Config } from '../../src/config.js';
import type { ChannelFactory } from '../../src/core/channel.js';
import type { WhatsappWebSettings } from './adapter.js';
import type { WhatsappWebTuning } from './tuning.js';

export const WHATSAPP_WEB_INTEGRATION_ID = 'whatsapp-web';

export const whatsappWebChannel: ChannelFactory<Config, WhatsappWebTuning> = {
  type: 'whatsapp-web',
  fromEnv(env) {
    if (env.WHATSAPP_WEB !== 'on') return [];
    const settings: WhatsappWebSettings = env.ADMIN_API_KEY ? { adminApiKey: env.ADMIN_API_KEY } : {};
    return [{ id: WHATSAPP_WEB_INTEGRATION_ID, name: 'WhatsApp', settings: settings as Record<string, unknown> }];
  },
  async create(spec, context, tuning) {
    const { createWhatsappWebAdapter } = await import('./adapter.js');
    return createWhatsappWebAdapter(spec, context, tuning);
  },
};
