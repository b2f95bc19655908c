// The Cloud API's environment: all four variables or none, the template settings, and the
// integration the default agency's number becomes.
import { describe, expect, it } from 'vitest';
import { whatsappCloudChannel } from '../../bots/whatsapp-cloud/index.js';
import { parseSettings } from '../../bots/whatsapp-cloud/settings.js';
import { ConfigError, loadConfig } from '../../src/config.js';

const FOUR = {
  WHATSAPP_CLOUD_TOKEN: 'EAAG-secret', WHATSAPP_CLOUD_PHONE_NUMBER_ID: '109876543210',
  WHATSAPP_CLOUD_APP_SECRET: 'app-secret', WHATSAPP_CLOUD_VERIFY_TOKEN: 'verify-me',
};

describe('WhatsApp Cloud configuration', () => {
  it('is off without its variables', () => {
    expect(whatsappCloudChannel.fromEnv(loadConfig({}))).toEqual([]);
  });

  it('names the missing variables in one line when only some are set', () => {
    const env = { WHATSAPP_CLOUD_TOKEN: 'EAAG-secret', WHATSAPP_CLOUD_PHONE_NUMBER_ID: '109876543210' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/^WHATSAPP_CLOUD_APP_SECRET, WHATSAPP_CLOUD_VERIFY_TOKEN: required when any of/);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('EAAG-secret');
      expect((error as Error).message.split('\n')).toHaveLength(1);
    }
  });

  it.each([
    [{ ...FOUR, WHATSAPP_CLOUD_PHONE_NUMBER_ID: '+62 812' }, /^WHATSAPP_CLOUD_PHONE_NUMBER_ID: /],
    [{ ...FOUR, WHATSAPP_CLOUD_TEMPLATE: 'Lapor Update' }, /^WHATSAPP_CLOUD_TEMPLATE: /],
    [{ ...FOUR, WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: 'indonesian' }, /^WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: /],
    [{ ...FOUR, WHATSAPP_CLOUD_API_ROOT: 'graph.facebook.com' }, /^WHATSAPP_CLOUD_API_ROOT: /],
  ])('rejects %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('makes one integration whatsapp-cloud-<phone number id> carrying its settings (template language id by default)', () => {
    const specs = whatsappCloudChannel.fromEnv(loadConfig({ ...FOUR, WHATSAPP_CLOUD_TEMPLATE: 'lapor_update' }));
    expect(specs).toHaveLength(1);
    expect(specs[0]).toMatchObject({ id: 'whatsapp-cloud-109876543210' });
    expect(parseSettings(specs[0]!)).toEqual({
      token: 'EAAG-secret', phoneNumberId: '109876543210', appSecret: 'app-secret', verifyToken: 'verify-me',
      apiRoot: 'https://graph.facebook.com/v21.0', templateName: 'lapor_update', templateLanguage: 'id',
    });
  });

  it('refuses bad per-integration settings naming the fields, never their values', () => {
    expect(() => parseSettings({ id: 'whatsapp-cloud-2', settings: { token: 'EAAG-secret', phoneNumberId: 'abc' } }))
      .toThrow(/^integration whatsapp-cloud-2: invalid WhatsApp Cloud settings: phoneNumberId, appSecret, verifyToken$/);
  });
});
