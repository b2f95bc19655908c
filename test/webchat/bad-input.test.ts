// Every malformed web chat request gets a 4xx with a JSON reason and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub.js';
import { last, newSessionId, WebchatClient } from '../support/webchat-client.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({}, { channelTuning: { webchat: { messagesPerAddress: 40 } } });
});
afterAll(async () => hub?.close());

const post = (body: unknown, contentType = 'application/json') =>
  fetch(`${hub.url}/api/v1/webchat/messages`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function expectError(res: Response, status: number, reason: RegExp) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body.error).toMatch(reason);
}

describe('POST /api/v1/webchat/messages rejects', () => {
  const sessionId = newSessionId();
  it.each([
    ['a short sessionId', { sessionId: 'short', text: 'halo' }, /sessionId/],
    ['a sessionId with bad characters', { sessionId: 'abc def ghi jkl mno', text: 'halo' }, /sessionId/],
    ['a missing sessionId', { text: 'halo' }, /sessionId/],
    ['no text, payload or location', { sessionId }, /exactly one/],
    ['text and payload together', { sessionId, text: 'halo', payload: 'yes' }, /exactly one/],
    ['text and location together', { sessionId, text: 'halo', location: { latitude: 1, longitude: 1 } }, /exactly one/],
    ['empty text', { sessionId, text: '' }, /empty/],
    ['white-space text', { sessionId, text: '   ' }, /empty/],
    ['text over 4096 characters', { sessionId, text: 'a'.repeat(4097) }, /4096/],
    ['a text that is not a string', { sessionId, text: 42 }, /text/],
    ['latitude outside ±90', { sessionId, location: { latitude: 90.5, longitude: 0 } }, /latitude/],
    ['longitude outside ±180', { sessionId, location: { latitude: 0, longitude: -180.01 } }, /longitude/],
    ['a location without longitude', { sessionId, location: { latitude: 0 } }, /location|longitude/],
    ['an unknown language', { sessionId, text: 'halo', language: 'fr' }, /language/],
    ['a JSON array', [1, 2], /object/],
  ])('%s with 400', async (_name, body, reason) => {
    await expectError(await post(body), 400, reason);
  });

  it('a body that is not JSON with 400', async () => {
    await expectError(await post('{"sessionId": ', 'application/json'), 400, /JSON/);
  });

  it('a body over 64 KiB with 413', async () => {
    await expectError(await post({ sessionId, text: 'x'.repeat(70 * 1024) }), 413, /64 KiB/);
  });

  it('nothing of a rejected request reaches the database', async () => {
    expect(await hub.prisma.message.count({ where: { chatId: sessionId } })).toBe(0);
  });
});

describe('the web chat rate limit', () => {
  it('answers the 21st message of a session within 10 s with 429 and Retry-After', async () => {
    const chat = new WebchatClient(hub.url);
    for (let i = 0; i < 20; i++) expect((await chat.post({ text: 'halo' })).status).toBe(200);
    const limited = await chat.post({ text: 'halo' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body.error).toMatch(/too many/);
    // another session is not affected
    expect((await new WebchatClient(hub.url).post({ text: 'halo' })).status).toBe(200);
  });
});

describe('answers the bot cannot use', () => {
  it('a payload that matches no offered quick reply is re-asked with 200', async () => {
    const chat = new WebchatClient(hub.url);
    await chat.say({ text: 'halo' });
    const question = last(await chat.say({ payload: 'PENGADUAN' }));
    const reask = last(await chat.say({ payload: 'infrastruktur' }));
    expect(reask.expects).toEqual(question.expects);
  });

  it('a description under 30 characters gets a specific re-ask', async () => {
    const chat = new WebchatClient(hub.url);
    await chat.say({ text: 'halo' });
    await chat.say({ payload: 'PENGADUAN' });
    const reask = last(await chat.say({ text: 'jalan rusak' }));
    expect(reask.expects).toEqual({ slot: 'description', type: 'text' });
    expect(reask.text).toMatch(/singkat/);
    expect(reask.text).toMatch(/11/); // says how long it is now
  });
});

describe('GET /api/v1/webchat/sessions/:id/messages', () => {
  it('rejects a malformed session id with 400', async () => {
    await expectError(await fetch(`${hub.url}/api/v1/webchat/sessions/short/messages`), 400, /sessionId/);
  });

  it('rejects an `after` id that is not this session\'s with 400', async () => {
    const mine = new WebchatClient(hub.url);
    const other = new WebchatClient(hub.url);
    await mine.say({ text: 'halo' });
    const [theirs] = await other.say({ text: 'halo' });
    await expectError(await fetch(`${hub.url}/api/v1/webchat/sessions/${mine.sessionId}/messages?after=${theirs!.id}`), 400, /after/);
    await expectError(await fetch(`${hub.url}/api/v1/webchat/sessions/${mine.sessionId}/messages?after=m_nope`), 400, /after/);
  });

  it('gives an unknown session an empty list', async () => {
    expect(await new WebchatClient(hub.url).history()).toEqual([]);
  });
});

describe('POST /api/v1/webchat/sessions/:id/attachments', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
  const upload = (sessionId: string, data: Buffer, field = 'file', type = 'image/png') => {
    const form = new FormData();
    form.append(field, new Blob([new Uint8Array(data)], { type }), 'foto.png');
    return fetch(`${hub.url}/api/v1/webchat/sessions/${sessionId}/attachments`, { method: 'POST', body: form });
  };

  it('accepts a photo as evidence and answers like POST /messages', async () => {
    const chat = new WebchatClient(hub.url);
    const res = await upload(chat.sessionId, png);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.messages.length).toBeGreaterThan(0);
    const media = await hub.prisma.media.findMany();
    expect(media.some((m) => m.mimeType === 'image/png' && m.size === png.length)).toBe(true);
  });

  it('rejects a file over 5 MiB with 413', async () => {
    await expectError(await upload(newSessionId(), Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)])), 413, /5 MiB/);
  });

  it('rejects a file that is not jpeg, png, webp or pdf with 415, whatever its declared type', async () => {
    await expectError(await upload(newSessionId(), Buffer.from('<html>hello</html>'), 'file', 'image/png'), 415, /jpeg/);
  });

  it('rejects a request without the file field with 400', async () => {
    await expectError(await upload(newSessionId(), png, 'photo'), 400, /file/);
  });

  it('rejects a malformed session id with 400', async () => {
    await expectError(await upload('bad', png), 400, /sessionId/);
  });
});

describe('the per-address rate limit', () => {
  it('stops one address that mints new session ids, but not another address', async () => {
    const from = (ip: string) => (sessionId: string) => fetch(`${hub.url}/api/v1/webchat/messages`, {
      method: 'POST',
      // the hub trusts X-Forwarded-For from a proxy on this machine
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ sessionId, text: 'halo' }),
    });
    const abuser = from('203.0.113.7');
    // this hub allows 40 messages per address in 10 s (default 300); all 41 are counted at once
    const statuses = (await Promise.all(Array.from({ length: 41 }, () => abuser(newSessionId())))).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect((await from('198.51.100.9')(newSessionId())).status).toBe(200);
  });
});
