// The WhatsApp Cloud API channel (Meta's official API): one factory, registered in src/app.ts.
import type { ChannelFactory } from '../../src/core/channel.js';
import type { Config } from '../../src/config.js';
import { WhatsappCloudAdapter, type WhatsappCloudTuning } from './adapter.js';
import { integrationsFromEnv, parseSettings } from './settings.js';

export const whatsappCloudChannel: ChannelFactory<Config, WhatsappCloudTuning> = {
  type: 'whatsapp-cloud',
  fromEnv: integrationsFromEnv,
  // a number added through the admin API without its own apiRoot uses the environment's
  storedDefaults: (env) => ({ apiRoot: env.WHATSAPP_CLOUD_API_ROOT }),
  create: (spec, context, tuning) => new WhatsappCloudAdapter(spec, parseSettings(spec), context, tuning),
};

export { WhatsappCloudAdapter } from './adapter.js';
export type { WhatsappCloudTuning } from './adapter.js';
export { signWebhook } from './signature.js';
export { WEBHOOK_PATH } from './webhook-routes.js';
