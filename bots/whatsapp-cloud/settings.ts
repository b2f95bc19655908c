// One Cloud API number's settings, as IntegrationSpec.settings carries them: from the
// environment for the default agency (fromEnv below), from the admin API for more numbers.
import { z } from 'zod';
import type { IntegrationSpec } from '../../src/core/channel.js';
import type { Config } from '../../src/config.js';

export const DEFAULT_API_ROOT = 'https://graph.facebook.com/v21.0';

const settingsShape = z.object({
  token: z.string().min(1),
  phoneNumberId: z.string().regex(/^\d{1,32}$/),
  appSecret: z.string().min(1),
  verifyToken: z.string().min(1),
  apiRoot: z.string().url().default(DEFAULT_API_ROOT),
  /** approved template for messages outside the 24-hour window; none: such messages are held */
  templateName: z.string().regex(/^[a-z0-9_]{1,512}$/).optional(),
  templateLanguage: z.string().default('id'),
});

export type CloudSettings = z.infer<typeof settingsShape>;

/** Throws one line naming the bad settings, never their values (they are secrets). */
export function parseSettings(spec: Pick<IntegrationSpec, 'id' | 'settings'>): CloudSettings {
  const parsed = settingsShape.safeParse(spec.settings);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? 'settings')))];
    throw new Error(`integration ${spec.id}: invalid WhatsApp Cloud settings: ${names.join(', ')}`);
  }
  return { ...parsed.data, apiRoot: parsed.data.apiRoot.replace(/\/+$/, '') };
}

/** The default agency's number, when the four WHATSAPP_CLOUD_* variables are set (config checks all-or-none). */
export function integrationsFromEnv(env: Config): Omit<IntegrationSpec, 'agencyId'>[] {
  const { WHATSAPP_CLOUD_TOKEN: token, WHATSAPP_CLOUD_PHONE_NUMBER_ID: phoneNumberId } = env;
  const { WHATSAPP_CLOUD_APP_SECRET: appSecret, WHATSAPP_CLOUD_VERIFY_TOKEN: verifyToken } = env;
  if (!token || !phoneNumberId || !appSecret || !verifyToken) return [];
  const settings: Record<string, unknown> = {
    token, phoneNumberId, appSecret, verifyToken,
    apiRoot: env.WHATSAPP_CLOUD_API_ROOT ?? DEFAULT_API_ROOT,
    templateLanguage: env.WHATSAPP_CLOUD_TEMPLATE_LANGUAGE ?? 'id',
    ...(env.WHATSAPP_CLOUD_TEMPLATE ? { templateName: env.WHATSAPP_CLOUD_TEMPLATE } : {}),
  };
  return [{ id: `whatsapp-cloud-${phoneNumberId}`, name: `WhatsApp ${phoneNumberId}`, settings }];
}
