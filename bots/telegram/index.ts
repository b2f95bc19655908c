// The Telegram channel adapter (grammY): see adapter.ts; its factory for the registry: channel.ts.
export { createTelegramAdapter } from './adapter.js';
export type { Logger, TelegramAdapter, TelegramAdapterOptions } from './adapter.js';
export { telegramChannel, type TelegramTuning } from './channel.js';
export { COMMANDS_EN, COMMANDS_ID } from './commands.js';
