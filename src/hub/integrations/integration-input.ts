// What the admin API takes to add or change a channel integration, by type. Secrets (tokens,
// app secrets) are sealed with HUB_SECRET_KEY before they are stored and are never returned:
// a view lists only which secrets are set. One schema validates requests and documents them.
import { z } from 'zod';

const secret = (what: string) => z.string().trim().min(1, `${what} must not be empty`).max(4096);

export const telegramSettings = z.object({
  token: secret('token').regex(/^\d+:[A-Za-z0-9_-]{30,}$/, 'must be a bot token from @BotFather (123456:ABC…)'),
  mode: z.enum(['polling', 'webhook']).default('polling'),
  webhookSecret: secret('webhookSecret').regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1–256 of A–Z a–z 0–9 _ -').optional(),
  officerChatId: z.string().regex(/^-?\d+$/, 'must be a numeric chat id').optional(),
}).strict().refine((s) => s.mode !== 'webhook' || s.webhookSecret, {
  // without it anyone could post updates to the bot's public path and act as an officer
  path: ['webhookSecret'], message: 'is required in webhook mode (Telegram sends it in X-Telegram-Bot-Api-Secret-Token)',
});

export const whatsappCloudSettings = z.object({
  token: secret('token'),
  phoneNumberId: z.string().regex(/^\d{1,32}$/, 'must be the numeric phone number id (WhatsApp Manager, API Setup)'),
  appSecret: secret('appSecret'),
  verifyToken: secret('verifyToken'),
  templateName: z.string().regex(/^[a-z0-9_]{1,512}$/, 'must be a template name: lowercase letters, digits and _').optional(),
  templateLanguage: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must be a template language code such as id or en_US').optional(),
}).strict();

export const whatsappWebSettings = z.object({}).strict();

/** The settings of each type that are secrets: sealed at rest, never returned. */
export const SECRET_SETTINGS: Record<string, readonly string[]> = {
  telegram: ['token', 'webhookSecret'],
  'whatsapp-cloud': ['token', 'appSecret', 'verifyToken'],
  'whatsapp-web': [],
};

const name = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
/** where this integration's reports go; default: the agency's connector */
const connector = z.enum(['agency', 'manual']).default('agency');

export const integrationCreate = z.discriminatedUnion('type', [
  z.object({ type: z.literal('telegram'), name, connector, settings: telegramSettings }).strict(),
  z.object({ type: z.literal('whatsapp-cloud'), name, connector, settings: whatsappCloudSettings }).strict(),
  z.object({ type: z.literal('whatsapp-web'), name, connector, settings: whatsappWebSettings.default({}) }).strict(),
], { error: 'type must be one of telegram, whatsapp-cloud, whatsapp-web' });

/** A change: any of name, connector, and settings merged over the stored ones. */
export const integrationUpdate = z.object({
  name: name.optional(),
  connector: z.enum(['agency', 'manual']).optional(),
  settings: z.record(z.string(), z.string().max(4096))
    // the hub derives these from the integration's id: an admin never chooses a route
    .refine((s) => !('webhookPath' in s) && !('pagePath' in s) && !('apiRoot' in s), 'webhookPath, pagePath and apiRoot are set by the hub')
    .optional(),
}).strict();

export type IntegrationCreate = z.infer<typeof integrationCreate>;
export type IntegrationUpdate = z.infer<typeof integrationUpdate>;

/** What an endpoint shows of an integration: never a secret. */
export interface IntegrationView {
  id: string;
  agencyId: string;
  type: string;
  name: string;
  connector: 'agency' | 'manual';
  status: string;
  statusReason: string | null;
  /** env: from the environment (changed there, not here); api: through the admin API */
  source: string;
  /** non-secret settings */
  settings: Record<string, unknown>;
  /** names of the secret settings that are set */
  secretsSet: string[];
  connectedSince: Date;
  lastSeenAt: Date | null;
  createdAt: Date;
}

export class IntegrationAdminError extends Error {
  constructor(
    readonly kind: 'not_found' | 'invalid' | 'conflict' | 'unavailable',
    message: string,
    /** invalid: field → reason */
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'IntegrationAdminError';
  }
}
