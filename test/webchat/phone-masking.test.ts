// "NIK/nomor HP disamarkan": what LAPOR! receives (the simulator's copy of the request) carries
// no phone number in the title or the story, whatever the privacy choice and however the number
// is written; the reporter's own number still goes in the `reporter` field of a known report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { last, WebchatClient, type ChatMessage } from '../support/webchat-client.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.close());

const STORY =
  'Jalan di depan Pasar Cibeureum berlubang besar. Hubungi HP 0813-1111-2222, WA +62 813 1111 3333, ' +
  'juga 0813 1111 4444, 6281311115555, +62-813-1111-6666 atau kantor RW (021) 555-1234. NIK 3273011503850002.';
const TITLE = 'Jalan berlubang, hubungi 0813.1111.7777';
const PHONE_DIGITS = ['1111', '5551234', '555-1234', '3273011503850002'];

/** Answers whatever the bot asks until the summary; at the summary the title is changed once. */
async function fileReport(chat: WebchatClient, privacy: 'public' | 'secret' | 'anonymous'): Promise<ChatMessage> {
  let reply = last(await chat.say({ payload: 'PENGADUAN' }));
  const answers: Record<string, () => Promise<ChatMessage[]>> = {
    description: () => chat.say({ text: STORY }),
    category: () => chat.say({ payload: 'infrastruktur' }),
    location: () => chat.say({ text: 'Pasar Cibeureum, Kota Bandung' }),
    date_of_incident: () => chat.say({ payload: 'yesterday' }),
    attachments: () => chat.say({ payload: 'skip' }),
    privacy: () => chat.say({ payload: privacy }),
    reporter_name: () => chat.say({ text: 'Siti Aminah' }),
    reporter_phone: () => chat.say({ text: '0812-3456-7890' }),
  };
  for (let turns = 0; reply.expects?.slot !== 'confirm'; turns++) {
    const answer = answers[reply.expects?.slot ?? ''];
    if (!answer || turns > 12) throw new Error(`unexpected question: ${reply.text}`);
    reply = last(await answer());
  }
  await chat.say({ payload: 'edit' });
  expect(last(await chat.say({ payload: 'title' })).expects?.slot).toBe('title');
  return last(await chat.say({ text: TITLE }));
}

async function received(chat: WebchatClient) {
  await chat.say({ payload: 'confirm' });
  const filed = await eventually(() =>
    hub.prisma.complaint.findFirst({ where: { chatId: chat.sessionId, trackingId: { not: null } } }));
  return hub.simulator!.control.report(filed.trackingId!)!.report;
}

describe('phone numbers in the report text are masked for LAPOR!', () => {
  it.each(['public', 'secret', 'anonymous'] as const)('%s report: title and content carry [TELEPON], never the number', async (privacy) => {
    const chat = new WebchatClient(hub.url);
    const summary = await fileReport(chat, privacy);
    expect(summary.expects?.slot).toBe('confirm');
    expect(summary.text).toContain('NIK/nomor HP disamarkan');
    for (const digits of PHONE_DIGITS) expect(summary.text).not.toContain(digits);

    const report = await received(chat);
    expect(report.title).toBe('Jalan berlubang, hubungi [TELEPON]');
    expect(report.content).toBe(
      'Jalan di depan Pasar Cibeureum berlubang besar. Hubungi HP [TELEPON], WA [TELEPON], ' +
      'juga [TELEPON], [TELEPON], [TELEPON] atau kantor RW [TELEPON]. NIK [NIK].',
    );
    if (privacy === 'anonymous') expect(report.reporter).toBeNull();
    else expect(report.reporter).toEqual({ name: 'Siti Aminah', phone: '+6281234567890', email: null });
  });
});
