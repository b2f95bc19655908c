import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../src/log.js';

describe('maskSecrets', () => {
  it('masks a bot token in a Bot API URL, however short, and a long one anywhere', () => {
    expect(maskSecrets('GET http://x/bot123:short/getMe failed', {})).toBe('GET http://x/bot[secret]/getMe failed');
    expect(maskSecrets('token 123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef01 seen', {})).toBe('token [secret] seen');
  });
  it('leaves paths that merely start with "bot" alone (stack frames of bots/telegram)', () => {
    const frame = 'at /work/main/bots/telegram/adapter.ts:342:63';
    expect(maskSecrets(frame, {})).toBe(frame);
  });
  it('masks configured secrets by value', () => {
    expect(maskSecrets('key=admin-key-0123456789 used', { ADMIN_API_KEY: 'admin-key-0123456789' })).toBe('key=[secret] used');
  });
});
