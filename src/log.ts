// pino logger. Personal data (names, phones, NIK, message texts) never reaches a log: code
// logs ids, counts and kinds, never citizens' words; these paths are redacted as a second line.
import pino, { type Logger } from 'pino';

export type { Logger };

const REDACT = [
  '*.reporterName', '*.reporterPhone', '*.phone', '*.displayName', '*.name', '*.text', '*.message',
  '*.reporter', '*.content', 'reporterName', 'reporterPhone', 'phone', 'displayName', 'text', 'content',
  'headers.authorization', '*.headers.authorization', 'req.headers.authorization',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[hidden]' }, base: { app: 'lapor-hub' } }, destination);
}
