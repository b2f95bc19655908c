// pino logger. Personal data (names, phones, NIK, message texts) never reaches a log: code
// logs ids, counts and kinds, never citizens' words; these paths are redacted as a second line.
import pino, { type Logger } from 'pino';

export type { Logger };

const REDACT = [
  '*.reporterName', '*.reporterPhone', '*.phone', '*.displayName', '*.name', '*.text', '*.message',
  '*.reporter', '*.content', 'reporterName', 'reporterPhone', 'phone', 'displayName', 'text', 'content',
  'headers.authorization', '*.headers.authorization', 'req.headers.authorization',
];

/** configuration values that are secrets: masked wherever they appear in a line */
const SECRET_SETTINGS = [
  'TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'LAPOR_API_TOKEN', 'LAPOR_WEBHOOK_SECRET', 'ADMIN_API_KEY', 'HUB_SECRET_KEY',
  'WHATSAPP_CLOUD_TOKEN', 'WHATSAPP_CLOUD_APP_SECRET', 'WHATSAPP_CLOUD_VERIFY_TOKEN',
];
/** a Telegram bot token, alone or in a Bot API URL (/bot<token>/) */
const TELEGRAM_TOKEN = /\d+:[A-Za-z0-9_-]{30,}/g;
const BOT_URL_PATH = /\/bot\d+:[^/\s"']+\//g;

/**
 * Masks secrets in any text bound for a log or the terminal: message, error message and
 * stack alike. Tokens are masked by shape; configured secrets (from the environment the
 * configuration is read from) by value, so a short test token is masked too.
 */
export function maskSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let masked = text.replace(BOT_URL_PATH, '/bot[secret]/').replace(TELEGRAM_TOKEN, '[secret]');
  for (const name of SECRET_SETTINGS) {
    const value = env[name];
    if (value && value.length >= 6) masked = masked.split(value).join('[secret]');
  }
  return masked;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({
    level,
    redact: { paths: REDACT, censor: '[hidden]' },
    base: { app: 'lapor-hub' },
    // the whole serialized line: nested errors and stacks included
    hooks: { streamWrite: (line) => maskSecrets(line) },
  }, destination);
}
