// The multipart parser is bounded in fields, field sizes, parts and headers, not only the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub.js';
import { newSessionId } from '../support/webchat-client.js';
import { jpeg, upload } from './helpers.js';

let hub: TestHub;
beforeAll(async () => { hub = await startTestHub(); }, 30_000);
afterAll(async () => hub?.close());

describe('web chat upload limits', () => {
  it('refuses 100 text fields of 1 MB beside a tiny JPEG with a 4xx reason, and stores nothing', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const res = await upload(hub.url, newSessionId(), jpeg(), 'foto.jpg', (form) => {
      for (let i = 0; i < 100; i++) form.append(`f${i}`, big);
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/field/);
    expect(await hub.prisma.media.count()).toBe(0);
  });

  it('refuses many small fields with 400', async () => {
    const res = await upload(hub.url, newSessionId(), jpeg(), 'foto.jpg', (form) => {
      for (let i = 0; i < 50; i++) form.append(`f${i}`, 'a');
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/too many/);
  });
});
