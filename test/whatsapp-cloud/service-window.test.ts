// The 24-hour customer-service window with an injected clock: inside it free-form messages,
// outside it the configured template (the message as its body parameter), or `held` when no
// template is configured; Meta's 131047 (its clock said the window closed) takes the template path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_PARAMETER_MAX } from '../../bots/whatsapp-cloud/service-window.js';
import { ChannelError } from '../../src/core/channel.js';
import { CITIZEN, outbound, startHarness, wroteAgo, type Harness } from './support.js';

const HOUR = 60 * 60 * 1000;
const UPDATE = 'Status laporan #4829301 berubah: TERDISPOSISI.\n\nDiteruskan ke Dinas PUPR   Kota Bandung.';

describe('with a template configured', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { WHATSAPP_CLOUD_TEMPLATE: 'lapor_update', WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: 'id' } });
    await h.meta.sendText(CITIZEN, 'halo');
    await h.drained();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('sends the message itself within 24 hours of the citizen\'s last message', async () => {
    const result = await h.adapter.send(CITIZEN, outbound({ text: UPDATE }), wroteAgo(h, 23 * 60 + 59));
    expect(h.meta.sentTo(CITIZEN).at(-1)).toMatchObject({ type: 'text', wamid: result.platformMessageId });
  });

  it('after 24 hours (injected clock) sends the template with the text as its one body parameter, lines joined', async () => {
    h.clock.now = new Date(Date.now() + 25 * HOUR);
    h.meta.now = () => h.clock.now;
    try {
      const result = await h.adapter.send(CITIZEN, outbound({ text: UPDATE }), { lastInboundAt: new Date(h.clock.now.getTime() - 25 * HOUR) });
      const sent = h.meta.sentTo(CITIZEN).at(-1)!;
      expect(sent).toMatchObject({ type: 'template', wamid: result.platformMessageId });
      expect(sent.body.template).toEqual({
        name: 'lapor_update', language: { code: 'id' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Status laporan #4829301 berubah: TERDISPOSISI. · Diteruskan ke Dinas PUPR Kota Bandung.' }] }],
      });
    } finally {
      h.clock.now = new Date();
      h.meta.now = () => new Date();
    }
  });

  it('never wrote (lastInboundAt null): the template', async () => {
    await h.adapter.send(CITIZEN, outbound({ text: 'Laporanmu diterima.' }), { lastInboundAt: null });
    expect(h.meta.sentTo(CITIZEN).at(-1)!.type).toBe('template');
  });

  it('a long message is cut to the template parameter limit', async () => {
    await h.adapter.send(CITIZEN, outbound({ text: 'Tanggapan instansi: ' + 'perbaikan dijadwalkan minggu depan. '.repeat(60) }), { lastInboundAt: null });
    const parameter: string = h.meta.sentTo(CITIZEN).at(-1)!.body.template.components[0].parameters[0].text;
    expect(parameter.length).toBe(TEMPLATE_PARAMETER_MAX);
    expect(parameter.endsWith('…')).toBe(true);
  });

  it('Meta answers 131047 (its window closed while the hub thought it open): the template goes instead', async () => {
    h.meta.failNext({ code: 131047, message: 'Re-engagement message' });
    const result = await h.adapter.send(CITIZEN, outbound({ text: 'Petugas membalas laporanmu.' }), wroteAgo(h, 10));
    const sent = h.meta.sentTo(CITIZEN).at(-1)!;
    expect(sent.type).toBe('template');
    expect(result.platformMessageId).toBe(sent.wamid);
  });

  it('the double itself refuses a free-form message after 24 hours (131047), so the rule is Meta\'s too', async () => {
    h.meta.now = () => new Date(Date.now() + 25 * HOUR);
    try {
      // the hub's clock says the window is open; Meta's does not: the template goes out
      await h.adapter.send(CITIZEN, outbound({ text: 'Laporan selesai.' }), wroteAgo(h, 5));
      expect(h.meta.sentTo(CITIZEN).at(-1)!.type).toBe('template');
    } finally {
      h.meta.now = () => new Date();
    }
  });
});

describe('without a template', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { WHATSAPP_CLOUD_TEMPLATE: '' } });
    await h.meta.sendText(CITIZEN, 'halo');
    await h.drained();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('outside the window: held (kept for the citizen\'s next message), nothing sent', async () => {
    const before = h.meta.sent.length;
    const error = await h.adapter.send(CITIZEN, outbound({ text: UPDATE }), wroteAgo(h, 25 * 60)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ kind: 'held' });
    expect(h.meta.sent.length).toBe(before);
  });

  it('131047 from Meta: held as well', async () => {
    h.meta.failNext({ code: 131047 });
    expect(await h.adapter.send(CITIZEN, outbound({ text: UPDATE }), wroteAgo(h, 1)).catch((e: unknown) => e)).toMatchObject({ kind: 'held' });
  });

  it('inside the window: sent as usual', async () => {
    await h.adapter.send(CITIZEN, outbound({ text: UPDATE }), wroteAgo(h, 60));
    expect(h.meta.sentTo(CITIZEN).at(-1)!.type).toBe('text');
  });
});
