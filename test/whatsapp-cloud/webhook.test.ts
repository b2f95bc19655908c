// GET/POST /webhooks/whatsapp over real HTTP: Meta's verify challenge, signatures over the
// raw bytes, the quick acknowledgement, deduplication of redeliveries, and routing by number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaJson } from '../doubles/graph-api.js';
import { CITIZEN, startHarness, type Harness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('GET /webhooks/whatsapp (subscription check)', () => {
  it('echoes hub.challenge as text/plain for the verify token', async () => {
    const answer = await h.meta.verify('verify-me', '1158201444');
    expect(answer).toMatchObject({ status: 200, body: '1158201444' });
    expect(answer.type).toMatch(/^text\/plain/);
  });

  it.each([
    ['a wrong verify token', 'not-it', 'subscribe'],
    ['a mode other than subscribe', 'verify-me', 'unsubscribe'],
  ])('answers 403 JSON for %s', async (_what, token, mode) => {
    const answer = await h.meta.verify(token, '42', mode);
    expect(answer.status).toBe(403);
    expect(answer.type).toMatch(/json/);
    expect(answer.body).not.toContain('42');
  });
});

describe('POST /webhooks/whatsapp signatures', () => {
  it.each(['missing', 'forged', 'malformed'] as const)('refuses a %s signature with 401 and stores nothing', async (signature) => {
    const before = h.stored.length;
    const payload = h.meta.envelope(h.meta.phoneNumberId, { messages: [{ from: CITIZEN, id: `wamid.sig-${signature}`, timestamp: '1', type: 'text', text: { body: 'halo' } }] });
    const delivery = await h.meta.deliver(payload, { signature });
    expect(delivery.status).toBe(401);
    expect(JSON.parse(delivery.body)).toHaveProperty('error');
    expect(h.stored.length).toBe(before);
  });

  it('refuses a body changed after signing (tampered) with 401', async () => {
    const before = h.stored.length;
    const payload = h.meta.envelope(h.meta.phoneNumberId, { messages: [{ from: CITIZEN, id: 'wamid.tampered', timestamp: '1', type: 'text', text: { body: 'halo' } }] });
    const delivery = await h.meta.deliver(payload, { tamper: (raw) => raw.replace('halo', 'hola') });
    expect(delivery.status).toBe(401);
    expect(h.stored.length).toBe(before);
  });

  it('checks the raw bytes: Meta escapes non-ASCII and "/" (\\uXXXX, \\/), which re-serialising would undo', async () => {
    const text = 'Jalan rusak 🚧 di Jl. Merdeka/Sudirman, café';
    const payload = h.meta.envelope(h.meta.phoneNumberId, {
      contacts: [{ profile: { name: 'Siti Nurhaliza' }, wa_id: CITIZEN }],
      messages: [{ from: CITIZEN, id: 'wamid.escaped', timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
    });
    const raw = metaJson(payload);
    expect(raw).toContain('\\ud83d\\udea7');
    expect(raw).toContain('Merdeka\\/Sudirman');
    expect(JSON.stringify(JSON.parse(raw))).not.toBe(raw); // the signature would not survive a round trip
    const delivery = await h.meta.deliver(raw);
    expect(delivery.status).toBe(200);
    await h.drained();
    const message = h.inbound.find((m) => m.platformMessageId === 'wamid.escaped');
    expect(message?.content).toEqual({ kind: 'text', text });
    expect(message?.sender).toMatchObject({ externalId: CITIZEN, phone: `+${CITIZEN}`, displayName: 'Siti Nurhaliza' });
  });

  it.each([
    ['not JSON', 'this is not json'],
    ['JSON of the wrong shape', '{"object":"whatsapp_business_account","entry":"nope"}'],
  ])('answers 400 to a correctly signed body that is %s, and stores nothing', async (_what, raw) => {
    const before = h.stored.length;
    const delivery = await h.meta.deliver(raw);
    expect(delivery.status).toBe(400);
    expect(JSON.parse(delivery.body)).toHaveProperty('error');
    expect(h.stored.length).toBe(before);
  });
});

describe('POST /webhooks/whatsapp storage', () => {
  it('acknowledges within 200 ms and processes afterwards', async () => {
    const { delivery, id } = await h.meta.sendText(CITIZEN, 'halo cepat');
    expect(delivery.status).toBe(200);
    expect(delivery.ms).toBeLessThan(200);
    await h.drained();
    expect(h.inbound.some((m) => m.platformMessageId === id)).toBe(true);
  });

  it('stores and processes a redelivered webhook once', async () => {
    const { id, payload } = await h.meta.sendText(CITIZEN, 'sekali saja');
    const again = await h.meta.deliver(payload);
    const third = await h.meta.deliver(payload);
    expect([again.status, third.status]).toEqual([200, 200]);
    await h.drained();
    expect(h.stored.filter((key) => key === `message:${id}`)).toHaveLength(1);
    expect(h.inbound.filter((m) => m.platformMessageId === id)).toHaveLength(1);
    // Meta marks it read once per processing, so once
    expect(h.meta.readReceipts.filter((r) => r.messageId === id)).toHaveLength(1);
  });

  it('splits one webhook into its messages and statuses, and ignores entries for another number', async () => {
    const payload = h.meta.envelope(h.meta.phoneNumberId, {
      contacts: [{ profile: { name: 'A' }, wa_id: '6281111111111' }, { profile: { name: 'B' }, wa_id: '6282222222222' }],
      messages: [
        { from: '6281111111111', id: 'wamid.split-a', timestamp: '1', type: 'text', text: { body: 'satu' } },
        { from: '6282222222222', id: 'wamid.split-b', timestamp: '1', type: 'text', text: { body: 'dua' } },
      ],
      statuses: [{ id: 'wamid.out-1', status: 'delivered', timestamp: '1', recipient_id: '6281111111111' }],
    });
    const other = h.meta.envelope('999000999', { messages: [{ from: '6283333333333', id: 'wamid.other-number', timestamp: '1', type: 'text', text: { body: 'bukan' } }] });
    (payload.entry as unknown[]).push(...(other.entry as unknown[]));
    const delivery = await h.meta.deliver(payload);
    expect(delivery.status).toBe(200);
    await h.drained();
    expect(h.stored).toEqual(expect.arrayContaining(['message:wamid.split-a', 'message:wamid.split-b', 'status:wamid.out-1:delivered']));
    expect(h.stored).not.toContain('message:wamid.other-number');
    expect(h.inbound.find((m) => m.platformMessageId === 'wamid.split-b')?.sender.displayName).toBe('B');
    expect(h.receipts).toContainEqual({ platformMessageId: 'wamid.out-1', status: 'delivered' });
  });

  it('answers 200 to a change of another field (no message, nothing to store)', async () => {
    const before = h.stored.length;
    const delivery = await h.meta.deliver({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED' } }] }] });
    expect(delivery.status).toBe(200);
    expect(h.stored.length).toBe(before);
  });
});

describe('several numbers on one webhook URL', () => {
  it('hands each entry to the adapter of its number, whichever adapter the request reached', async () => {
    // a second number of the same Meta app (same app secret), served by its own adapter and server
    const second = await startHarness({ meta: { phoneNumberId: '208877665544', appSecret: h.meta.appSecret } });
    try {
      const payload = h.meta.envelope(h.meta.phoneNumberId, { messages: [{ from: CITIZEN, id: 'wamid.to-first', timestamp: '1', type: 'text', text: { body: 'ke nomor pertama' } }] });
      const toSecond = second.meta.envelope(second.meta.phoneNumberId, { messages: [{ from: CITIZEN, id: 'wamid.to-second', timestamp: '1', type: 'text', text: { body: 'ke nomor kedua' } }] });
      (payload.entry as unknown[]).push(...(toSecond.entry as unknown[]));
      // delivered to the first adapter's URL only
      expect((await h.meta.deliver(payload)).status).toBe(200);
      await h.drained();
      await second.drained();
      expect(h.inbound.map((m) => m.platformMessageId)).toContain('wamid.to-first');
      expect(h.inbound.map((m) => m.platformMessageId)).not.toContain('wamid.to-second');
      expect(second.inbound.map((m) => m.platformMessageId)).toEqual(['wamid.to-second']);
      // the second number's verify token is known on the shared URL too
      expect((await h.meta.verify('verify-me', '7')).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
