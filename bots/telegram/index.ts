// The Telegram channel adapter (grammY): see adapter.ts.
export { createTelegramAdapter } from './adapter.js';
export type { Logger, TelegramAdapter, TelegramAdapterOptions } from './adapter.js';
export { COMMANDS_EN, COMMANDS_ID } from './commands.js';
