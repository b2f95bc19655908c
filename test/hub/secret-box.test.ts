import { describe, expect, it } from 'vitest';
import { createSecretBox, SecretBoxError } from '../../src/hub/secret-box.js';

const KEY = 'a-hub-secret-key-for-tests-0123456789abcdef';

describe('secret box', () => {
  it('seals so that the value is not readable and opens back to the same secrets', () => {
    const box = createSecretBox(KEY);
    const sealed = box.seal({ token: '123456:ABCDEFsecret', appSecret: 'shh' });
    expect(sealed).not.toContain('ABCDEFsecret');
    expect(sealed).not.toContain('shh');
    expect(box.open(sealed)).toEqual({ token: '123456:ABCDEFsecret', appSecret: 'shh' });
    // a fresh nonce each time: the same secrets never seal to the same text
    expect(box.seal({ token: 'x' })).not.toBe(box.seal({ token: 'x' }));
  });

  it('refuses another key, a changed byte and junk instead of returning garbage', () => {
    const sealed = createSecretBox(KEY).seal({ token: 'secret' });
    expect(() => createSecretBox(`${KEY}-other`).open(sealed)).toThrow(SecretBoxError);
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3]!, 'base64url');
    data[0] = data[0]! ^ 1;
    expect(() => createSecretBox(KEY).open([...parts.slice(0, 3), data.toString('base64url')].join('.'))).toThrow(SecretBoxError);
    expect(() => createSecretBox(KEY).open('plain-token')).toThrow(SecretBoxError);
  });
});
