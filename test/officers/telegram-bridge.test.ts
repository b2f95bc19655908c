// The officers' Telegram chat, end to end: a whole hub (real database, queue, LAPOR! simulator)
// whose grammY bot talks to the Bot API double over HTTP. Reports are announced in the group
// without the reporter's contact; officers answer by replying there, and the answer reaches
// the citizen (web chat and Telegram) and LAPOR!; commands take, list and answer reports;
// nobody outside the group (or a linked officer of another agency) can act.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonym } from '../../src/core/pseudonym.js';
import type { FakeTelegramBotApi } from '../doubles/telegram-bot-api.js';
import { eventually, type TestHub } from '../support/hub.js';
import { AGENCY, answerTo, confirmReport, OFFICERS, postIn, privateAnswers, sleep, startOfficerHub } from './support.js';

const ANI = { id: 9101, first_name: 'Ani', last_name: 'Wulandari', username: 'ani_petugas' };
const BAYU = { id: 9102, first_name: 'Bayu' };
const STRANGER = { id: 9199, first_name: 'Orang', last_name: 'Lain' };

let fake: FakeTelegramBotApi;
let hub: TestHub;
beforeAll(async () => {
  ({ fake, hub } = await startOfficerHub());
});
afterAll(async () => {
  await hub?.close();
  await fake?.stop();
});

/** A filed web chat report and its announcement in the officers' chat. */
async function announced(opts: Parameters<typeof confirmReport>[1] = {}) {
  const { chat, complaint } = await confirmReport(hub, opts);
  const filed = await eventually(() => hub.prisma.complaint.findFirst({ where: { id: complaint.id, trackingId: { not: null } } }));
  const post = await postIn(fake, (m) => m.text?.includes(filed.trackingId!) === true && m.text.startsWith('📢'));
  return { chat, complaint: filed, trackingId: filed.trackingId!, post };
}

const citizenTexts = async (chat: { history(): Promise<{ text: string }[]> }) => (await chat.history()).map((m) => m.text);

describe('announcements in the officers\' chat', () => {
  it('show the number, category, place and a masked description; a public report names the reporter, never their contact', async () => {
    const { chat, complaint, trackingId, post } = await announced({ privacy: 'public' });
    expect(post.text).toContain(trackingId);
    expect(post.text).toContain('utilitas');
    expect(post.text).toContain('Kota Bandung');
    expect(post.text).toContain('Lampu penerangan jalan');
    expect(post.text).toContain('Budi Santoso');
    // the phone number and NIK in the description, the reporter's phone, the chat id: none of them
    for (const secret of ['0812-9876-5432', '9876', '3273012345670001', '081298765432', '+6281298765432', chat.sessionId]) {
      expect(post.text).not.toContain(secret);
    }
    expect(post.text).not.toMatch(/\d{8,}/); // no phone or NIK digits (tracking numbers are 7 digits)
    const thread = await eventually(() => hub.prisma.officerThread.findUnique({ where: { complaintId: complaint.id } }));
    expect(thread).toMatchObject({ chatId: String(OFFICERS), topicId: null, rootMessageId: post.message_id });
    expect(await hub.prisma.officerPost.findUnique({ where: { chatId_messageId: { chatId: String(OFFICERS), messageId: post.message_id } } }))
      .toMatchObject({ complaintId: complaint.id });
  });

  it('call an anonymous or secret reporter by pseudonym only, and announce each report once', async () => {
    for (const privacy of ['anonymous', 'secret'] as const) {
      const { complaint, post } = await announced({ privacy, name: 'Siti Rahma' });
      expect(post.text).toContain(pseudonym(complaint.id));
      expect(post.text).not.toContain('Siti');
      expect(post.text).not.toContain('Budi');
      await sleep(300);
      const announcements = fake.sentTo(OFFICERS).filter((m) => m.text?.startsWith('📢') && m.text.includes(complaint.trackingId!));
      expect(announcements).toHaveLength(1);
    }
  });
});

describe('announcements when the Bot API fails for a moment', () => {
  it('are sent once after a 5xx and a 429', async () => {
    fake.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    fake.rateLimitNext('sendMessage', 1);
    const { complaint, post } = await announced();
    await sleep(500);
    expect(fake.sentTo(OFFICERS).filter((m) => m.text?.startsWith('📢') && m.text.includes(complaint.trackingId!))).toHaveLength(1);
    expect(post.message_id).toBe((await eventually(() => hub.prisma.officerThread.findUnique({ where: { complaintId: complaint.id } }))).rootMessageId);
    expect(await hub.prisma.outboxJob.count({ where: { kind: 'officer_post', status: 'dead' } })).toBe(0);
  });
});

describe('an officer\'s reply in the group', () => {
  it('reaches the web chat citizen and LAPOR! as the agency\'s response, is confirmed in the group, and audited', async () => {
    const { chat, complaint, trackingId, post } = await announced();
    const reply = fake.pushGroupText(OFFICERS, ANI, 'Terima kasih, petugas kami cek besok pagi.', { replyTo: post.message_id });
    const officerMessageId = reply.message!.message_id;

    const confirmation = await answerTo(fake, officerMessageId);
    expect(confirmation.text).toContain('Terkirim ke pelapor');
    expect(confirmation.text).toContain(trackingId);

    // the citizen hears it from the agency, never from the officer by name
    const heard = await eventually(async () => (await citizenTexts(chat)).find((t) => t.includes('petugas kami cek besok pagi')));
    expect(heard).toContain(AGENCY);
    expect(heard).not.toContain('Ani');

    // LAPOR! has it as the agency's response
    const onLapor = await eventually(async () => hub.simulator!.control.report(trackingId)!.responses
      .find((r: { message: string }) => r.message === 'Terima kasih, petugas kami cek besok pagi.'));
    expect(onLapor).toMatchObject({ role: 'instansi', author: AGENCY });
    // and the officer is told so under their message
    const receipt = await postIn(fake, (m) => m.reply_to_message?.message_id === officerMessageId && m.text?.includes('LAPOR! sudah menerima') === true);
    expect(receipt.text).toContain(trackingId);

    const entry = await hub.prisma.auditEntry.findFirstOrThrow({ where: { action: 'reply', target: `complaint:${complaint.id}` } });
    expect(entry).toMatchObject({ agencyId: 'default', actor: 'Ani Wulandari (@ani_petugas)', source: `telegram ${OFFICERS}`, officerId: null });
  });

  it('answers the citizen\'s later message in the same thread, and a reply to that post reaches them too', async () => {
    const { chat, complaint, trackingId, post } = await announced();
    fake.pushGroupText(OFFICERS, ANI, 'Boleh kirim foto lampunya?', { replyTo: post.message_id });
    await eventually(async () => (await citizenTexts(chat)).find((t) => t.includes('Boleh kirim foto lampunya?')));
    await chat.say({ text: 'Lampunya di tiang nomor 12, telepon saya 081298765432 kalau perlu.' });
    await chat.say({ payload: 'yes' });
    await eventually(() => hub.prisma.complaintEvent.findFirst({ where: { complaintId: complaint.id, type: 'citizen_reply' } }));

    const followUp = await postIn(fake, (m) => m.text?.includes('tiang nomor 12') === true);
    expect(followUp.reply_to_message?.message_id).toBe(post.message_id); // in the announcement's thread
    expect(followUp.text).not.toContain('081298765432');
    expect(followUp.text).toContain(trackingId);

    fake.pushGroupText(OFFICERS, BAYU, 'Baik, kami ganti lampunya hari ini.', { replyTo: followUp.message_id });
    await eventually(async () => (await citizenTexts(chat)).find((t) => t.includes('kami ganti lampunya hari ini')));
  });

  it('is relayed to a citizen who reported through Telegram, in their own chat', async () => {
    const citizen = { id: 7301, first_name: 'Rudi', language_code: 'id' };
    const complaint = await fileThroughTelegram(citizen);
    const post = await postIn(fake, (m) => m.text?.startsWith('📢') === true && m.text.includes(complaint.trackingId!));
    expect(post.text).not.toContain(String(citizen.id));
    fake.pushGroupText(OFFICERS, ANI, 'Laporan Anda sedang kami tangani.', { replyTo: post.message_id });
    await eventually(async () => fake.sentTo(citizen.id).find((m) => m.text?.includes('Laporan Anda sedang kami tangani.')));
  });

  it('is handled once when Telegram delivers the same update again', async () => {
    const { complaint, post } = await announced();
    const update = fake.pushGroupText(OFFICERS, ANI, 'Sudah kami catat.', { replyTo: post.message_id });
    await answerTo(fake, update.message!.message_id);
    fake.redeliver(update);
    await sleep(1500);
    expect(await hub.prisma.complaintEvent.count({ where: { complaintId: complaint.id, type: 'officer_reply' } })).toBe(1);
    const confirmations = fake.sentTo(OFFICERS).filter((m) => m.reply_to_message?.message_id === update.message!.message_id && m.text?.includes('Terkirim'));
    expect(confirmations).toHaveLength(1);
  });

  it('is relayed once when the work after a committed reply fails and Telegram delivers the update again', async () => {
    const { chat, complaint, post } = await announced();
    // the reply commits; the very next read (the bridge's, for its confirmation) fails
    const desk = hub.desk as { reply: typeof hub.desk.reply; find: typeof hub.desk.find };
    const { reply, find } = { reply: hub.desk.reply.bind(hub.desk), find: hub.desk.find.bind(hub.desk) };
    let failNext = false;
    desk.reply = async (...args) => {
      const sent = await reply(...args);
      failNext = true;
      return sent;
    };
    desk.find = async (...args) => {
      if (!failNext) return find(...args);
      failNext = false;
      throw new Error('connection terminated unexpectedly');
    };
    try {
      const update = fake.pushGroupText(OFFICERS, ANI, 'Kami cek lokasi hari ini.', { replyTo: post.message_id });
      await eventually(() => hub.prisma.complaintEvent.findFirst({ where: { complaintId: complaint.id, type: 'officer_reply' } }));
      await sleep(300);
      fake.redeliver(update);
      await sleep(1500);
      expect(await hub.prisma.complaintEvent.count({ where: { complaintId: complaint.id, type: 'officer_reply' } })).toBe(1);
      await eventually(async () => (await citizenTexts(chat)).some((t) => t.includes('Kami cek lokasi hari ini.')));
      expect((await citizenTexts(chat)).filter((t) => t.includes('Kami cek lokasi hari ini.'))).toHaveLength(1);
    } finally {
      delete (desk as Partial<typeof desk>).reply;
      delete (desk as Partial<typeof desk>).find;
    }
  });

  it('says that only text is relayed when an officer answers with a photo', async () => {
    const { complaint, post } = await announced();
    const photo = fake.pushUpdate({
      message: {
        message_id: 777001, date: Math.floor(Date.now() / 1000), chat: fake.groups.get(String(OFFICERS))!, from: { ...ANI, is_bot: false },
        photo: [{ file_id: 'p1', file_unique_id: 'u1', width: 10, height: 10 }], reply_to_message: post,
      },
    } as never);
    expect((await answerTo(fake, photo.message!.message_id)).text).toContain('Hanya teks');
    expect(await hub.prisma.complaintEvent.count({ where: { complaintId: complaint.id, type: 'officer_reply' } })).toBe(0);
  });

  it('leaves the group\'s own chatter alone', async () => {
    const chatter = fake.pushGroupText(OFFICERS, ANI, 'Rapat jam 10 ya.');
    const calls = fake.calls.length;
    await sleep(800);
    expect(fake.sentTo(OFFICERS).filter((m) => m.reply_to_message?.message_id === chatter.message!.message_id)).toHaveLength(0);
    expect(fake.calls.slice(calls).filter((c) => c.method === 'sendMessage' && c.params.reply_parameters?.message_id === chatter.message!.message_id)).toHaveLength(0);
  });
});

describe('commands in the officers\' chat', () => {
  it('/ambil shows who took the report and who had it before; /tugas lists the caller\'s open reports', async () => {
    const { complaint, trackingId } = await announced();
    const first = fake.pushGroupText(OFFICERS, ANI, `/ambil ${trackingId}`);
    expect((await answerTo(fake, first.message!.message_id)).text).toContain(`Ani Wulandari (@ani_petugas) mengambil / took ${trackingId}`);
    const second = fake.pushGroupText(OFFICERS, BAYU, `/ambil@lapor_test_bot ${trackingId}`);
    const taken = await answerTo(fake, second.message!.message_id);
    expect(taken.text).toContain(`Bayu mengambil / took ${trackingId}`);
    expect(taken.text).toContain('sebelumnya / before: Ani Wulandari (@ani_petugas)');
    expect(await hub.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).toMatchObject({ claimedBy: `telegram:${BAYU.id}`, claimedByName: 'Bayu' });

    const list = fake.pushGroupText(OFFICERS, BAYU, '/tugas');
    expect((await answerTo(fake, list.message!.message_id)).text).toContain(trackingId);
    const aniList = fake.pushGroupText(OFFICERS, ANI, '/tugas');
    expect((await answerTo(fake, aniList.message!.message_id)).text).not.toContain(trackingId);
    expect(await hub.prisma.auditEntry.count({ where: { action: 'claim', target: `complaint:${complaint.id}` } })).toBe(2);
  });

  it('/balas answers by number; bad input gets a specific answer', async () => {
    const { chat, trackingId } = await announced();
    const ok = fake.pushGroupText(OFFICERS, ANI, `/balas ${trackingId} Tim sudah menuju lokasi.`);
    expect((await answerTo(fake, ok.message!.message_id)).text).toContain('Terkirim ke pelapor');
    await eventually(async () => (await citizenTexts(chat)).find((t) => t.includes('Tim sudah menuju lokasi.')));

    const noText = fake.pushGroupText(OFFICERS, ANI, `/balas ${trackingId}`);
    expect((await answerTo(fake, noText.message!.message_id)).text).toContain('Format: /balas');
    const unknown = fake.pushGroupText(OFFICERS, ANI, '/balas 99999999 Halo');
    expect((await answerTo(fake, unknown.message!.message_id)).text).toContain('99999999 tidak ditemukan');
    const wrongStatus = fake.pushGroupText(OFFICERS, ANI, `/status ${trackingId} BERES`);
    const statusAnswer = (await answerTo(fake, wrongStatus.message!.message_id)).text!;
    expect(statusAnswer).toContain('BERES');
    expect(statusAnswer).toContain('TERVERIFIKASI');
    const unknownCommand = fake.pushGroupText(OFFICERS, ANI, '/tutup@lapor_test_bot 123');
    expect((await answerTo(fake, unknownCommand.message!.message_id)).text).toContain('Perintah tidak dikenal');
    const otherBots = fake.pushGroupText(OFFICERS, ANI, '/tutup 123'); // a bare command may be another bot's
    await sleep(500);
    expect(fake.sentTo(OFFICERS).filter((m) => m.reply_to_message?.message_id === otherBots.message!.message_id)).toHaveLength(0);
    const help = fake.pushGroupText(OFFICERS, ANI, '/bantuan@lapor_test_bot');
    const helpText = (await answerTo(fake, help.message!.message_id)).text!;
    for (const command of ['/balas', '/status', '/ambil', '/tugas']) expect(helpText).toContain(command);
  });
});

describe('who may act', () => {
  it('refuses a stranger\'s command in a private chat and in another group, and changes nothing', async () => {
    const { complaint, trackingId } = await announced();
    fake.pushText(STRANGER, `/ambil ${trackingId}`);
    const [refusal] = await privateAnswers(fake, STRANGER.id);
    expect(refusal!.text).toContain('tidak terdaftar sebagai petugas');
    expect(refusal!.text).toContain('not registered as an officer');
    fake.pushText(STRANGER, `/balas ${trackingId} Laporan ditutup.`);
    await privateAnswers(fake, STRANGER.id, 2);

    const otherGroup = -100555;
    fake.addGroup({ id: otherGroup, title: 'Warga RW 05' });
    const inGroup = fake.pushGroupText(otherGroup, STRANGER, `/ambil@lapor_test_bot ${trackingId}`);
    const groupRefusal = await eventually(async () => fake.sentTo(otherGroup).find((m) => m.reply_to_message?.message_id === inGroup.message!.message_id));
    expect(groupRefusal.text).toContain('tidak terdaftar sebagai petugas');

    const after = await hub.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } });
    expect(after.claimedBy).toBeNull();
    expect(await hub.prisma.complaintEvent.count({ where: { complaintId: complaint.id, type: { in: ['officer_reply', 'claimed'] } } })).toBe(0);
    expect(await hub.prisma.auditEntry.count({ where: { target: `complaint:${complaint.id}` } })).toBe(0);
  });

  it('lets a linked officer act in a private chat for their own agency only', async () => {
    const { complaint, trackingId } = await announced();
    await hub.prisma.agency.upsert({ where: { id: 'kab-garut' }, create: { id: 'kab-garut', name: 'Pemkab Garut' }, update: {} });
    const outsider = { id: 9301, first_name: 'Gita' };
    await hub.prisma.officer.create({ data: { agencyId: 'kab-garut', name: 'Gita (Garut)', telegramId: String(outsider.id) } });
    fake.pushText(outsider, `/ambil ${trackingId}`);
    const [answer] = await privateAnswers(fake, outsider.id);
    expect(answer!.text).toContain(`${trackingId} tidak ditemukan`); // another agency's report: as if missing
    fake.pushText(outsider, `/balas ${trackingId} Ini dari Garut.`);
    await privateAnswers(fake, outsider.id, 2);
    expect((await hub.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).claimedBy).toBeNull();
    expect(await hub.prisma.complaintEvent.count({ where: { complaintId: complaint.id, type: 'officer_reply' } })).toBe(0);

    const own = { id: 9302, first_name: 'Dewi' };
    const officer = await hub.prisma.officer.create({ data: { agencyId: 'default', name: 'Dewi Lestari', telegramId: String(own.id) } });
    fake.pushText(own, `/ambil ${trackingId}`);
    const [taken] = await privateAnswers(fake, own.id);
    expect(taken!.text).toContain(`Dewi Lestari mengambil / took ${trackingId}`);
    expect(await hub.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).toMatchObject({ claimedBy: officer.id });
    const entry = await hub.prisma.auditEntry.findFirstOrThrow({ where: { action: 'claim', target: `complaint:${complaint.id}` } });
    expect(entry).toMatchObject({ officerId: officer.id, actor: 'Dewi Lestari', source: `telegram ${own.id}` });
    fake.pushText(own, '/tugas');
    const [, list] = await privateAnswers(fake, own.id, 2);
    expect(list!.text).toContain(trackingId);
  });

  it('keeps a citizen\'s own /status question a citizen conversation', async () => {
    const citizen = { id: 7401, first_name: 'Wati' };
    fake.pushText(citizen, '/status 1234567 kemarin');
    const [answer] = await privateAnswers(fake, citizen.id);
    expect(answer!.text).not.toContain('tidak terdaftar sebagai petugas');
  });
});

/** A citizen files through the bot's private chat (NLP off: every question asked). */
async function fileThroughTelegram(user: { id: number; first_name: string; language_code?: string }) {
  const lastWithButtons = async (n: number) => {
    const sent = await fake.waitForSent(user.id, n, 10_000);
    await sleep(200);
    return [...fake.sentTo(user.id)].reverse().find((m) => (m.reply_markup?.inline_keyboard ?? []).length > 0) ?? sent.at(-1)!;
  };
  const tap = async (data: string) => {
    const message = await eventually(async () => [...fake.sentTo(user.id)].reverse()
      .find((m) => (m.reply_markup?.inline_keyboard ?? []).flat().some((b: { callback_data?: string }) => b.callback_data === data)));
    const count = fake.sentTo(user.id).length;
    fake.pushTap(user, message.message_id, data);
    await fake.waitForSent(user.id, count + 1, 10_000);
    await sleep(150);
  };
  const say = async (text: string) => {
    const count = fake.sentTo(user.id).length;
    fake.pushText(user, text);
    await fake.waitForSent(user.id, count + 1, 10_000);
    await sleep(150);
  };
  await say('/start');
  await lastWithButtons(1);
  await tap('PENGADUAN');
  await say('Saluran air di depan rumah tersumbat sampah sejak seminggu, air meluap ke jalan.');
  await tap('lingkungan');
  await say('Jl. Merdeka, Kota Bandung');
  await say('kemarin');
  await tap('skip');
  await tap('anonymous');
  await tap('confirm');
  return eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: String(user.id), trackingId: { not: null } } }));
}

describe('a reply made on the /admin page or through the API', () => {
  it('is shown in the report\'s thread, masked, and officers can answer under it', async () => {
    const { chat, complaint, post } = await announced();
    const rina = { agencyId: 'default', officerId: null, role: 'officer' as const, name: 'Rina (admin)', actorKey: 'page:rina' };
    await hub.desk.reply(rina, { id: complaint.id }, 'Petugas kami datang besok. Info: 0812-1111-2222.', 'page 127.0.0.1');
    const note = await postIn(fake, (m) => m.text?.startsWith('✉️') === true && m.text.includes('Petugas kami datang besok'));
    expect(note.text).toContain('Rina (admin)');
    expect(note.text).not.toContain('0812-1111-2222');
    expect(note.reply_to_message?.message_id ?? (note as { reply_parameters?: { message_id: number } }).reply_parameters?.message_id)
      .toBe(post.message_id);
    // the post is recorded just after Telegram accepted it
    expect(await eventually(() => hub.prisma.officerPost.findUnique({ where: { chatId_messageId: { chatId: String(OFFICERS), messageId: note.message_id } } })))
      .toMatchObject({ complaintId: complaint.id });
    // the citizen heard it once, and the note is not repeated
    await eventually(async () => (await citizenTexts(chat)).some((t) => t.includes('Petugas kami datang besok')));
    await sleep(300);
    expect(fake.sentTo(OFFICERS).filter((m) => m.text?.includes('Petugas kami datang besok'))).toHaveLength(1);
  });
});
