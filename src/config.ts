// Configuration from the environment (contracts/interfaces.md), validated once at start-up.
// A bad value stops start-up with one line naming the variable, never a stack trace.
import { resolve } from 'node:path';
import { z } from 'zod';

const url = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const positiveInt = (name: string) =>
  z.coerce.number({ error: `${name} must be a number` }).int('must be a whole number').positive('must be positive');

const envSchema = z.object({
  PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number({ error: 'must be a number' })
    .int('must be a whole number').min(0, 'must be 0–65535').max(65535, 'must be 0–65535').default(3000)),
  DATA_DIR: optional(z.string()).default('./data'),
  DATABASE_URL: optional(url(['postgresql:', 'postgres:'])),
  REDIS_URL: optional(url(['redis:', 'rediss:'])),
  LAPOR_API_URL: optional(url(['http:', 'https:'])),
  LAPOR_API_TOKEN: optional(z.string()),
  LAPOR_POLL_INTERVAL_MS: optional(positiveInt('LAPOR_POLL_INTERVAL_MS')).default(30_000),
  /** days a file of a report never filed is kept after its conversation went quiet (filed evidence stays) */
  MEDIA_RETENTION_DAYS: optional(positiveInt('MEDIA_RETENTION_DAYS')).default(30),
  LAPOR_WEBHOOK_SECRET: optional(z.string()),
  PUBLIC_URL: optional(url(['http:', 'https:'])),
  TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d+:[\w-]+$/, 'must look like 123456:ABC-def (from @BotFather)')),
  TELEGRAM_API_ROOT: optional(url(['http:', 'https:'])).default('https://api.telegram.org'),
  TELEGRAM_MODE: optional(z.enum(['polling', 'webhook'], { error: 'must be polling or webhook' })).default('polling'),
  TELEGRAM_WEBHOOK_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1–256 of A-Z a-z 0-9 _ -')),
  TELEGRAM_OFFICER_CHAT_ID: optional(z.string().regex(/^-?\d+$/, 'must be a numeric chat id')),
  WHATSAPP_WEB: optional(z.enum(['on', 'off'], { error: 'must be on or off' })).default('off'),
  WHATSAPP_CLOUD_TOKEN: optional(z.string()),
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: optional(z.string().regex(/^\d{1,32}$/, 'must be the numeric phone number id (WhatsApp Manager, API Setup)')),
  WHATSAPP_CLOUD_APP_SECRET: optional(z.string()),
  WHATSAPP_CLOUD_VERIFY_TOKEN: optional(z.string()),
  WHATSAPP_CLOUD_API_ROOT: optional(url(['http:', 'https:'])).default('https://graph.facebook.com/v21.0'),
  // Meta's template names: lowercase letters, digits and underscores
  WHATSAPP_CLOUD_TEMPLATE: optional(z.string().regex(/^[a-z0-9_]{1,512}$/, 'must be a template name: lowercase letters, digits and _')),
  WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: optional(z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must be a template language code such as id or en_US')).default('id'),
  ADMIN_API_KEY: optional(z.string().min(16, 'must be at least 16 characters')),
  // a long random string: it derives the key that seals channel secrets stored in the database
  HUB_SECRET_KEY: optional(z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)')),
  AGENCY_NAME: optional(z.string()).default('Instansi Pelaksana'),
  /** the operator's holiday file (YAML or JSON, the shape of calendar/indonesia.yaml), read at start-up */
  HOLIDAYS_FILE: optional(z.string()),
  /** the hour (Asia/Jakarta, working days) of the officers' daily digest and of escalations */
  SLA_DIGEST_HOUR: optional(z.coerce.number({ error: 'must be a number' }).int('must be a whole number')
    .min(0, 'must be 0–23').max(23, 'must be 0–23')).default(8),
  /** reports listed per section of the digest (the rest are counted) */
  SLA_DIGEST_LIMIT: optional(positiveInt('SLA_DIGEST_LIMIT').max(100, 'must be at most 100')).default(10),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    error: 'must be one of fatal, error, warn, info, debug, trace, silent',
  })).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  DATA_DIR: string;
  PUBLIC_URL: string;
  /** true when the built-in LAPOR! simulator serves the connector */
  simulator: boolean;
  LAPOR_API_URL: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`${name}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.TELEGRAM_MODE === 'webhook' && e.TELEGRAM_BOT_TOKEN && !e.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError('TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_MODE is webhook');
  }
  const cloudMissing = missingWhatsappCloudVars(e);
  if (cloudMissing) throw new ConfigError(cloudMissing);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    ...e,
    DATA_DIR: resolve(e.DATA_DIR),
    PUBLIC_URL: publicUrl,
    simulator: !e.LAPOR_API_URL,
    LAPOR_API_URL: (e.LAPOR_API_URL ?? `http://127.0.0.1:${e.PORT}/simulator/lapor`).replace(/\/+$/, ''),
  };
}

const WHATSAPP_CLOUD_VARS = [
  'WHATSAPP_CLOUD_TOKEN', 'WHATSAPP_CLOUD_PHONE_NUMBER_ID', 'WHATSAPP_CLOUD_APP_SECRET', 'WHATSAPP_CLOUD_VERIFY_TOKEN',
] as const;

/** The Cloud API needs all four of its variables or none: one line naming the missing ones. */
function missingWhatsappCloudVars(e: Env): string | undefined {
  const missing = WHATSAPP_CLOUD_VARS.filter((name) => !e[name]);
  if (missing.length === 0 || missing.length === WHATSAPP_CLOUD_VARS.length) return undefined;
  return `${missing.join(', ')}: required when any of ${WHATSAPP_CLOUD_VARS.join(', ')} is set (the four go together)`;
}
