// The Telegram channel's factory for the registry: one integration per TELEGRAM_BOT_TOKEN.
import type { ChannelFactory } from '../../src/core/channel.js';
import type { Config } from '../../src/config.js';
import type { TelegramAdapterOptions } from './adapter.js';

/** What tests and commands adjust (no per-chat throttle, short long-polls, quick start retries). */
export type TelegramTuning = Partial<Pick<TelegramAdapterOptions,
  'throttle' | 'pollTimeoutSeconds' | 'startRetry' | 'fileTimeoutMs' | 'inboundRetry' | 'maxRetryAfterSeconds' | 'onOfficerMessage'>>;

interface TelegramSettings {
  token: string;
  apiRoot: string;
  mode: 'polling' | 'webhook';
  webhookSecret?: string;
  officerChatId?: string;
  /** webhook mode: where Telegram posts (default /webhooks/telegram) */
  webhookPath?: string;
}

type TelegramEnv = Pick<Config, 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_API_ROOT' | 'TELEGRAM_MODE' | 'TELEGRAM_WEBHOOK_SECRET' | 'TELEGRAM_OFFICER_CHAT_ID'>;

export const telegramChannel: ChannelFactory<TelegramEnv, TelegramTuning> = {
  type: 'telegram',

  fromEnv(env) {
    if (!env.TELEGRAM_BOT_TOKEN) return [];
    const settings: TelegramSettings = {
      token: env.TELEGRAM_BOT_TOKEN,
      apiRoot: env.TELEGRAM_API_ROOT,
      mode: env.TELEGRAM_MODE,
      ...(env.TELEGRAM_WEBHOOK_SECRET && { webhookSecret: env.TELEGRAM_WEBHOOK_SECRET }),
      ...(env.TELEGRAM_OFFICER_CHAT_ID && { officerChatId: env.TELEGRAM_OFFICER_CHAT_ID }),
    };
    // the bot id is the token's public part; the secret part never leaves the settings
    return [{ id: `telegram-${env.TELEGRAM_BOT_TOKEN.split(':')[0]}`, name: 'Telegram bot', settings: { ...settings } }];
  },

  storedDefaults: (env) => ({ apiRoot: env.TELEGRAM_API_ROOT }),

  // grammY is imported with the first Telegram integration, not at start-up
  async create(spec, context, tuning) {
    const settings = spec.settings as unknown as TelegramSettings;
    const { createTelegramAdapter } = await import('./adapter.js');
    return createTelegramAdapter({
      integrationId: spec.id,
      token: settings.token,
      apiRoot: settings.apiRoot,
      mode: settings.mode,
      webhookUrl: `${context.publicUrl()}${settings.webhookPath ?? '/webhooks/telegram'}`,
      webhookPath: settings.webhookPath,
      webhookSecret: settings.webhookSecret,
      officerChatId: settings.officerChatId,
      onInbound: context.onInbound,
      inbox: context.inbox,
      media: context.media,
      logger: context.logger,
      ...tuning,
    });
  },
};
