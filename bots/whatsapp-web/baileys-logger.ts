// Baileys logs whole stanzas (JIDs, phone numbers, message texts): none of it may reach the
// hub's log. The adapter logs what matters itself, by integration id.
import type { ILogger } from '@whiskeysockets/baileys/lib/Utils/logger.js';

export const silentBaileysLogger: ILogger = {
  level: 'silent',
  child: () => silentBaileysLogger,
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
};
