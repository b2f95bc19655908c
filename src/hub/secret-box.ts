// Seals channel secrets (bot tokens, Cloud API credentials) for the database: AES-256-GCM
// with a key derived from HUB_SECRET_KEY (HKDF-SHA256). A sealed value names its version so
// the scheme can change; a wrong key or a changed byte fails to open instead of yielding junk.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export interface SecretBox {
  seal(secrets: Record<string, string>): string;
  open(sealed: string): Record<string, string>;
}

export function createSecretBox(hubSecretKey: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', hubSecretKey, 'lapor-hub', 'integration-secrets', 32));
  return {
    seal(secrets) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || data === undefined) throw new SecretBoxError('not a sealed secret of this hub');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]);
        return JSON.parse(plain.toString('utf8')) as Record<string, string>;
      } catch {
        throw new SecretBoxError('sealed secret does not open with HUB_SECRET_KEY (changed key?)');
      }
    },
  };
}
