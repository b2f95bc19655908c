// A citizen files a complaint over WhatsApp Web and hears of its status change: the whole hub
// (registry, engine, database, queue, LAPOR! simulator) with the WhatsApp Web channel on a fake
// Baileys socket (channelTuning). Choices are answered by their numbers, as on a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairingEvent } from '../../bots/whatsapp-web/index.js';
import { startWhatsappWebHub } from './support/whatsapp-hub.js';
import { FakeWhatsapp, incoming } from '../doubles/baileys-socket.js';
import { eventually, type TestHub } from '../support/hub.js';

const JID = '6281234567890@s.whatsapp.net';
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(256, 7)]);

let whatsapp: FakeWhatsapp;
let hub: TestHub;
const pairing: PairingEvent[] = [];
beforeAll(async () => {
  whatsapp = new FakeWhatsapp();
  hub = await startWhatsappWebHub(whatsapp, pairing);
});
afterAll(async () => {
  await hub?.close();
});

/** What the hub sent to the chat since the last call, once it has gone quiet. */
function conversation(jid: string) {
  let seen = 0;
  return async function botSays(): Promise<string> {
    await whatsapp.waitForSent(jid, seen + 1);
    let count = -1;
    while (count !== whatsapp.sentTo(jid).length) {
      count = whatsapp.sentTo(jid).length;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const fresh = whatsapp.sentTo(jid).slice(seen);
    seen = count;
    return fresh.map((m) => m.text).join('\n');
  };
}

/** The number of the numbered line whose title matches. */
function numberOf(text: string, title: RegExp): string {
  const line = text.split('\n').map((l) => /^(\d+)\. (.+)$/.exec(l)).find((m) => m && title.test(m[2]!));
  expect(line, `no numbered option ${title} in:\n${text}`).toBeTruthy();
  return line![1]!;
}

describe('a complaint over WhatsApp Web', () => {
  it('pairs, files a report by numbered answers, confirms, gets the tracking number and a status change', async () => {
    await eventually(async () => pairing.some((e) => e.type === 'qr'));
    // the pairing page, mounted by the registry: the QR as an image (this machine, no ADMIN_API_KEY)
    const page = await eventually(async () => {
      const res = await fetch(`${hub.url}/admin/whatsapp-web`);
      const html = await res.text();
      return res.status === 200 && html.includes('data:image/png;base64,') && html;
    });
    expect(page).toContain('Hubungkan WhatsApp');
    await whatsapp.current!.pairSuccess('6281100000000');
    await eventually(async () => pairing.some((e) => e.type === 'open'));
    // the status the public integrations list shows
    const row = await eventually(() => hub.prisma.integration.findFirst({ where: { id: 'whatsapp-web', status: 'connected' } }));
    expect(row).toMatchObject({ type: 'whatsapp-web', name: 'WhatsApp' });

    const botSays = conversation(JID);
    const say = (message: Parameters<typeof incoming>[1]) =>
      whatsapp.current!.deliver([incoming(JID, message, { pushName: 'Budi Santoso' })]);

    await say({ conversation: 'halo' });
    const menu = await botSays();
    await say({ conversation: numberOf(menu, /^Pengaduan/) });
    expect(await botSays()).toMatch(/ceritakan|masalah/i);

    await say({ conversation: 'Jembatan kayu di dekat sekolah dasar sudah lapuk dan hampir roboh, anak-anak takut lewat.' });
    const categories = await botSays();
    expect(categories.split('\n').filter((l) => /^\d+\. /.test(l)).length).toBeGreaterThanOrEqual(13);
    await say({ conversation: numberOf(categories, /^Infrastruktur/) });
    expect(await botSays()).toMatch(/lokasi|di mana/i);

    await say({ locationMessage: { degreesLatitude: -6.9175, degreesLongitude: 107.5695 } });
    expect(await botSays()).toMatch(/kapan/i);
    await say({ conversation: 'kemarin' });
    expect(await botSays()).toMatch(/foto|bukti/i);

    const photo = incoming(JID, { imageMessage: { mimetype: 'image/jpeg', fileLength: JPEG.length } }, { pushName: 'Budi Santoso' });
    whatsapp.media.set(photo.key.id!, JPEG);
    await whatsapp.current!.deliver([photo]);
    let question = await botSays();
    // after a photo the bot offers to continue; then the privacy choice
    for (let i = 0; i < 3 && !/Publik/.test(question); i += 1) {
      await say({ conversation: /Selesai/.test(question) ? 'Selesai' : 'Lewati' });
      question = await botSays();
    }
    await say({ conversation: numberOf(question, /^Publik/) });
    // the name comes from the WhatsApp profile, the phone from the address: only confirmed
    let next = await botSays();
    for (let i = 0; i < 3 && !/Kirim laporan/.test(next); i += 1) {
      expect(next).toMatch(/Budi Santoso|\+?62812|0812|HP|telepon|nomor/i);
      await say({ conversation: /\d\. Ya/.test(next) ? numberOf(next, /^Ya$/) : 'Ya' });
      next = await botSays();
    }
    expect(next).toMatch(/Budi Santoso/);
    await say({ conversation: numberOf(next, /^Kirim laporan/) });

    const complaint = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: JID, trackingId: { not: null } } }));
    expect(complaint).toMatchObject({
      integrationId: 'whatsapp-web', channel: 'whatsapp', reporterName: 'Budi Santoso', reporterPhone: '+6281234567890', category: 'infrastruktur',
      latitude: -6.9175, longitude: 107.5695,
    });
    expect(complaint.attachments).toHaveLength(1);
    const filed = hub.simulator!.control.report(complaint.trackingId!)!.report as { channel: string };
    expect(filed.channel).toBe('whatsapp');

    await eventually(async () => whatsapp.sentTo(JID).find((m) => m.text.includes(complaint.trackingId!)));
    await botSays();

    hub.simulator!.control.setStatus(complaint.trackingId!, 'TERDISPOSISI', 'Dinas PUPR Kabupaten Garut');
    await hub.poller.pollOnce();
    expect(await botSays()).toContain('Dinas PUPR Kabupaten Garut');
    // every message went to the JID the citizen wrote from, each with a typing indicator first
    expect(new Set(whatsapp.sent.map((m) => m.jid))).toEqual(new Set([JID]));
    expect(whatsapp.presences.filter((p) => p.type === 'composing').length).toBe(whatsapp.sent.length);
  });

  it('does nothing for a redelivered message (the same key.id)', async () => {
    const jid = '6289876543210@s.whatsapp.net';
    const botSays = conversation(jid);
    const message = incoming(jid, { conversation: 'halo' });
    await whatsapp.current!.deliver([message]);
    const first = await botSays();
    expect(first.length).toBeGreaterThan(0);
    const count = whatsapp.sentTo(jid).length;
    await whatsapp.current!.deliver([message]);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(whatsapp.sentTo(jid)).toHaveLength(count);
    expect(await hub.prisma.message.count({ where: { chatId: jid, direction: 'in' } })).toBe(1);
  });
});
