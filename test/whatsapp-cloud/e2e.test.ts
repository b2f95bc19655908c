// A citizen files a complaint over a WhatsApp Cloud API number and hears of its status change:
// the whole hub (engine, database, queue, simulator) with signed webhooks from a Graph API
// double over HTTP, which validates every message the hub sends as Meta does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGraphApi, type SentMessage } from '../doubles/graph-api.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';

const BUDI = '6281298765432';
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(256, 7)]);

let meta: FakeGraphApi;
let hub: TestHub;
/** the wamid of the status update the citizen received */
let lastUpdate: string | undefined;
beforeAll(async () => {
  meta = await FakeGraphApi.start();
  hub = await startTestHub(meta.env({ WHATSAPP_CLOUD_TEMPLATE: 'lapor_update' }));
  meta.webhookUrl = `${hub.url}/webhooks/whatsapp`;
});
afterAll(async () => {
  await hub?.close();
  await meta?.stop();
});

/** What the hub sent to the citizen since the last call, once it has gone quiet. */
function conversation(waId: string) {
  let seen = 0;
  return async function botSays(): Promise<SentMessage[]> {
    await meta.waitForSent(waId, seen + 1, 10_000);
    let count = -1;
    while (count !== meta.sentTo(waId).length) {
      count = meta.sentTo(waId).length;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const fresh = meta.sentTo(waId).slice(seen);
    seen = count;
    return fresh;
  };
}

/** The choices a message offers: reply button ids, list row ids, or the numbered lines' numbers. */
function choices(message: SentMessage): { kind: 'button' | 'list' | 'number'; ids: string[]; titles: string[] } | undefined {
  const interactive = message.body.interactive;
  if (interactive?.type === 'button') {
    const buttons = interactive.action.buttons.map((b: { reply: { id: string; title: string } }) => b.reply);
    return { kind: 'button', ids: buttons.map((b: { id: string }) => b.id), titles: buttons.map((b: { title: string }) => b.title) };
  }
  if (interactive?.type === 'list') {
    const rows = interactive.action.sections.flatMap((s: { rows: Array<{ id: string; title: string }> }) => s.rows);
    return { kind: 'list', ids: rows.map((r: { id: string }) => r.id), titles: rows.map((r: { title: string }) => r.title) };
  }
  const lines = [...String(message.body.text?.body ?? '').matchAll(/^(\d+)\. (.+)$/gm)];
  return lines.length ? { kind: 'number', ids: lines.map((m) => m[1]!), titles: lines.map((m) => m[2]!) } : undefined;
}
const text = (messages: SentMessage[]) => messages.map((m) => m.body.text?.body ?? m.body.interactive?.body?.text ?? '').join('\n');
const lastWithChoices = (messages: SentMessage[]) => [...messages].reverse().find((m) => choices(m));

/** Taps the option with this id (a button or list row) or answers its number. */
async function choose(message: SentMessage, id: string) {
  const offered = choices(message)!;
  if (offered.kind === 'number') return meta.sendText(BUDI, id);
  const index = offered.ids.indexOf(id);
  expect(index, `option ${id} not offered: ${offered.ids.join(', ')}`).toBeGreaterThanOrEqual(0);
  return meta.sendReply(BUDI, { id, title: offered.titles[index]! }, offered.kind === 'button' ? 'button_reply' : 'list_reply', { name: 'Budi Santoso' });
}

describe('the hub serves /webhooks/whatsapp', () => {
  it('answers Meta\'s verify challenge and refuses a forged webhook, storing nothing', async () => {
    expect(await meta.verify('verify-me', '31337')).toMatchObject({ status: 200, body: '31337' });
    expect((await meta.verify('wrong', '31337')).status).toBe(403);
    const before = await hub.prisma.inboundWebhook.count();
    const forged = await meta.deliver(meta.envelope(meta.phoneNumberId, { messages: [{ from: BUDI, id: 'wamid.forged', timestamp: '1', type: 'text', text: { body: 'halo' } }] }), { signature: 'forged' });
    expect(forged.status).toBe(401);
    expect(await hub.prisma.inboundWebhook.count()).toBe(before);
  });

  it('lists the number as a connected whatsapp-cloud integration', async () => {
    const res = await fetch(`${hub.url}/readyz`);
    const body = await res.json() as { checks: Record<string, { ok: boolean }> };
    expect(body.checks[`whatsapp-cloud-${meta.phoneNumberId}`]).toMatchObject({ ok: true });
  });
});

describe('a complaint over a WhatsApp Cloud API number', () => {
  it('is filed through buttons, a list, numbered categories, a location pin and a photo, and its status change reaches the chat', async () => {
    const botSays = conversation(BUDI);
    await meta.sendText(BUDI, 'halo', { name: 'Budi Santoso' });
    const menu = lastWithChoices(await botSays())!;
    expect(choices(menu)!.ids).toContain('PENGADUAN');
    expect(meta.readReceipts.length).toBeGreaterThan(0);

    await choose(menu, 'PENGADUAN');
    expect(text(await botSays())).toMatch(/ceritakan|masalah/i);

    await meta.sendText(BUDI, 'Jembatan kayu di dekat sekolah dasar sudah lapuk dan hampir roboh, anak-anak takut lewat.', { name: 'Budi Santoso' });
    const categories = lastWithChoices(await botSays())!;
    // 13 categories: one list holds 10 rows, so numbered text
    expect(choices(categories)).toMatchObject({ kind: 'number' });
    expect(choices(categories)!.ids).toHaveLength(13);
    await meta.sendText(BUDI, '1', { name: 'Budi Santoso' });

    const askLocation = await botSays();
    expect(askLocation.at(-1)!.body.interactive?.type).toBe('location_request_message');
    await meta.sendLocation(BUDI, -6.9175, 107.5695);
    expect(text(await botSays())).toMatch(/kapan/i);

    await meta.sendText(BUDI, 'kemarin', { name: 'Budi Santoso' });
    expect(text(await botSays())).toMatch(/foto|bukti/i);

    await meta.sendImage(BUDI, meta.addMedia(JPEG, 'image/jpeg'));
    let question = lastWithChoices(await botSays())!;
    // after a photo the bot offers to continue; then the privacy choice
    while (!choices(question)!.ids.includes('public')) {
      const next = choices(question)!.ids.find((id) => ['done', 'skip'].includes(id));
      expect(next, `unexpected question: ${text([question])}`).toBeDefined();
      await choose(question, next!);
      question = lastWithChoices(await botSays())!;
    }
    await choose(question, 'public');

    // the name comes from the WhatsApp profile, the phone from the number: only confirmed
    let step = lastWithChoices(await botSays())!;
    for (let i = 0; i < 3 && !choices(step)!.ids.includes('confirm'); i += 1) {
      expect(choices(step)!.ids, `unexpected question: ${text([step])}`).toContain('yes');
      await choose(step, 'yes');
      step = lastWithChoices(await botSays())!;
    }
    expect(choices(step)!.ids).toEqual(expect.arrayContaining(['confirm', 'edit', 'cancel']));
    await choose(step, 'confirm');

    const complaint = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: BUDI, trackingId: { not: null } } }));
    expect(complaint).toMatchObject({
      integrationId: `whatsapp-cloud-${meta.phoneNumberId}`, channel: 'whatsapp', reporterName: 'Budi Santoso', reporterPhone: `+${BUDI}`, category: 'infrastruktur',
      latitude: -6.9175, longitude: 107.5695,
    });
    expect(complaint.attachments).toHaveLength(1);
    const filed = hub.simulator!.control.report(complaint.trackingId!)!.report as { channel: string };
    expect(filed.channel).toBe('whatsapp');

    await eventually(async () => meta.sentTo(BUDI).find((m) => text([m]).includes(complaint.trackingId!)));
    await botSays();

    hub.simulator!.control.setStatus(complaint.trackingId!, 'TERDISPOSISI', 'Dinas PUPR Kabupaten Garut');
    await hub.poller.pollOnce();
    const update = await botSays();
    expect(text(update)).toContain('Dinas PUPR Kabupaten Garut');

    lastUpdate = update.at(-1)!.wamid;

    // how fast the hub's real inbox answered (the 200 ms bound is asserted in webhook.test.ts:
    // here, under a whole suite's load on PGlite's one connection, it is a measurement only)
    const acks = meta.deliveries.filter((d) => d.status === 200).map((d) => d.ms).sort((a, b) => a - b);
    console.log(`webhook acks: ${acks.length}, median ${acks[acks.length >> 1]!.toFixed(1)} ms, max ${acks.at(-1)!.toFixed(1)} ms`);
    expect(acks.length).toBeGreaterThanOrEqual(10);
  });

  it('records Meta\'s delivery receipt on the outbound message that carried the update', async (ctx) => {
    expect(lastUpdate).toBeDefined();
    const sentWithId = await hub.prisma.message.count({ where: { integrationId: `whatsapp-cloud-${meta.phoneNumberId}`, direction: 'out', platformMessageId: { not: null } } });
    // the delivery job stores SendResult.platformMessageId (the delivery-order branch): until it
    // does, no receipt can find its message; the adapter's side is tested in inbound.test.ts
    if (sentWithId === 0) return ctx.skip();
    await meta.sendStatus(lastUpdate!, 'delivered');
    await eventually(() => hub.prisma.message.findFirst({ where: { platformMessageId: lastUpdate!, deliveryStatus: 'delivered' } }));
  });
});
