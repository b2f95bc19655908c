// An agency on the manual connector whose officers' chat is a forum: each report gets its own
// topic, announced while it waits to be filed by hand; officers answer in the topic, enter the
// number and the statuses, and the citizen hears every step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeTelegramBotApi } from '../doubles/telegram-bot-api.js';
import { eventually, type TestHub } from '../support/hub.js';
import { admin } from '../admin/support.js';
import { ADMIN_KEY, answerTo, confirmReport, OFFICERS, postIn, sleep, startOfficerHub } from './support.js';

const ANI = { id: 9201, first_name: 'Ani' };

let fake: FakeTelegramBotApi;
let hub: TestHub;
beforeAll(async () => {
  ({ fake, hub } = await startOfficerHub({ forum: true }));
  await hub.prisma.agency.update({ where: { id: 'default' }, data: { connectorType: 'manual' } });
  hub.connectors.forget('default');
});
afterAll(async () => {
  await hub?.close();
  await fake?.stop();
});

const citizenTexts = async (chat: { history(): Promise<{ text: string }[]> }) => (await chat.history()).map((m) => m.text);
let trackingSeq = 4200000;

/** A report waiting to be filed by hand, and its announcement in its own topic. */
async function waiting() {
  const { chat, complaint } = await confirmReport(hub, { privacy: 'anonymous' });
  await eventually(() => hub.prisma.complaint.findFirst({ where: { id: complaint.id, status: 'WAITING_MANUAL' } }));
  const thread = await eventually(() => hub.prisma.officerThread.findUnique({ where: { complaintId: complaint.id } }));
  const post = fake.sentTo(OFFICERS).find((m) => m.message_id === thread.rootMessageId)!;
  return { chat, complaint, thread, post };
}

describe('a forum officers\' chat with the manual connector', () => {
  it('gives each report its own topic, announced as waiting to be filed by hand', async () => {
    const first = await waiting();
    const second = await waiting();
    expect(first.thread.topicId).not.toBeNull();
    expect(second.thread.topicId).not.toBeNull();
    expect(first.thread.topicId).not.toBe(second.thread.topicId);
    const topics = fake.callsOf('createForumTopic');
    expect(topics.length).toBe(2);
    expect(topics[0]!.name).toBe(`#${first.complaint.id.slice(0, 8)} · utilitas`);
    expect(first.post.message_thread_id).toBe(first.thread.topicId);
    expect(first.post.text).toContain('Belum diajukan');
    expect(first.post.text).toContain('lapor.go.id');
    expect(fake.callsOf('getChat').length).toBe(1); // asked once per chat
  });

  it('takes an officer\'s answer in the topic to the citizen; filing by hand and /status follow in the topic', async () => {
    const { chat, complaint, thread, post } = await waiting();
    // a plain message in the topic is the officers' own talk; a reply to the bot's post answers
    const talk = fake.pushGroupText(OFFICERS, ANI, 'Siapa yang ke lokasi?', { threadId: thread.topicId! });
    const answer = fake.pushGroupText(OFFICERS, ANI, 'Laporan Anda kami terima, segera kami ajukan.', { replyTo: post.message_id });
    const confirmation = await answerTo(fake, answer.message!.message_id);
    expect(confirmation.message_thread_id).toBe(thread.topicId);
    expect(confirmation.text).toContain('menunggu nomor laporan');
    await eventually(async () => (await citizenTexts(chat)).find((t) => t.includes('segera kami ajukan')));
    await sleep(300);
    expect(fake.sentTo(OFFICERS).filter((m) => m.reply_to_message?.message_id === talk.message!.message_id)).toHaveLength(0);

    const trackingId = String(++trackingSeq);
    expect((await admin(hub, 'POST', `/complaints/${complaint.id}/filed`, { trackingId }, ADMIN_KEY)).status).toBe(200);
    const filed = await postIn(fake, (m) => m.text?.includes(`Tercatat di LAPOR! dengan nomor ${trackingId}`) === true);
    expect(filed.message_thread_id).toBe(thread.topicId);
    await eventually(async () => fake.callsOf('editForumTopic').find((p) => p.name === `${trackingId} · utilitas`));

    const wrong = fake.pushGroupText(OFFICERS, ANI, `/status ${trackingId} SELESAI_SUDAH`, { threadId: thread.topicId! });
    const refusal = await answerTo(fake, wrong.message!.message_id);
    expect(refusal.text).toContain('SELESAI_SUDAH');
    expect(refusal.text).toContain('DITINDAKLANJUTI');
    expect((await hub.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).status).toBe('BELUM_TERVERIFIKASI');

    const status = fake.pushGroupText(OFFICERS, ANI, `/status ${trackingId} terdisposisi Dinas PJU Kota Bandung`, { threadId: thread.topicId! });
    const done = await answerTo(fake, status.message!.message_id);
    expect(done.text).toContain('TERDISPOSISI');
    expect(done.message_thread_id).toBe(thread.topicId);
    await eventually(async () => (await citizenTexts(chat)).find((t) => t.includes('Dinas PJU Kota Bandung')));
    expect(await hub.prisma.auditEntry.findFirst({ where: { action: 'status', target: `complaint:${complaint.id}` } }))
      .toMatchObject({ actor: 'Ani', source: `telegram ${OFFICERS}`, detail: { from: 'BELUM_TERVERIFIKASI', to: 'TERDISPOSISI' } });

    // in reply to the report's post, a status needs no number
    const short = fake.pushGroupText(OFFICERS, ANI, '/status DITINDAKLANJUTI', { replyTo: post.message_id });
    expect((await answerTo(fake, short.message!.message_id)).text).toContain('DITINDAKLANJUTI');
    expect((await hub.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).status).toBe('DITINDAKLANJUTI');

    // the answer given before the number is on the hub's record for LAPOR! now (manual: kept in the hub)
    await eventually(async () => {
      const event = await hub.prisma.complaintEvent.findFirst({ where: { complaintId: complaint.id, type: 'officer_reply' } });
      return (event?.data as { remoteId?: string } | undefined)?.remoteId;
    });
  });

  it('announces a report the hub could not file, so that an officer files it by hand', async () => {
    await hub.prisma.agency.update({ where: { id: 'default' }, data: { connectorType: 'lapor' } });
    hub.connectors.forget('default');
    const sim = hub.simulator!.control;
    // 409: the key was used with another body; the hub keeps the report as FAILED at once
    sim.failNext(1, { status: 409, path: 'POST /complaints' });
    try {
      const { complaint } = await confirmReport(hub, { privacy: 'anonymous' });
      await eventually(() => hub.prisma.complaint.findFirst({ where: { id: complaint.id, status: 'FAILED' } }), 10_000);
      const thread = await eventually(() => hub.prisma.officerThread.findUnique({ where: { complaintId: complaint.id } }));
      const post = fake.sentTo(OFFICERS).find((m) => m.message_id === thread.rootMessageId)!;
      expect(post.text).toContain('Gagal diteruskan ke LAPOR!');
      expect(post.message_thread_id).toBe(thread.topicId);
    } finally {
      sim.clearFaults();
      await hub.prisma.agency.update({ where: { id: 'default' }, data: { connectorType: 'manual' } });
      hub.connectors.forget('default');
    }
  });
});
