// Evidence files for the media tests, and an upload over the real web chat endpoint.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export const jpeg = (seed = 0) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, seed)]);
export const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

export function upload(baseUrl: string, sessionId: string, data: Buffer, name = 'foto.jpg', extra: (form: FormData) => void = () => {}) {
  const form = new FormData();
  extra(form);
  form.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), name);
  return fetch(`${baseUrl}/api/v1/webchat/sessions/${sessionId}/attachments`, { method: 'POST', body: form });
}

/** the files in DATA_DIR/media (none when the folder was never made) */
export async function filesOnDisk(dataDir: string): Promise<string[]> {
  return readdir(join(dataDir, 'media')).catch(() => []);
}
