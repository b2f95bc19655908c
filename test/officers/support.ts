// The officers' Telegram chat in tests: a whole hub with Telegram on, the officers' group known
// to the Bot API double, and citizens who file through the web chat with words of their own.
import type { HubOptions } from '../../src/app.js';
import type { FakeTelegramBotApi, SentMessage } from '../doubles/telegram-bot-api.js';
import { confirmComplaint, type CitizenWords } from '../support/citizen.js';
import { eventually, type TestHub } from '../support/hub.js';
import { startTelegramHub } from '../support/telegram-hub.js';
import { WebchatClient } from '../support/webchat-client.js';

export const OFFICERS = -1001234567890;
export const ADMIN_KEY = 'admin-key-for-officer-tests-0123';
export const AGENCY = 'Pemkot Bandung';

export async function startOfficerHub(opts: { forum?: boolean; env?: Record<string, string>; options?: HubOptions } = {}) {
  const started = await startTelegramHub({
    TELEGRAM_OFFICER_CHAT_ID: String(OFFICERS), ADMIN_API_KEY: ADMIN_KEY, AGENCY_NAME: AGENCY, ...opts.env,
  }, opts.options);
  started.fake.addGroup({ id: OFFICERS, title: 'Petugas Pemkot', ...(opts.forum ? { is_forum: true } : {}) });
  return started;
}

export const DESCRIPTION_WITH_CONTACTS = 'Lampu penerangan jalan di Jl. Merdeka mati sudah dua minggu. Hubungi saya di 0812-9876-5432, NIK 3273012345670001.';

/** A web chat citizen confirms a report (NLP off) with this description and privacy choice. */
export async function confirmReport(hub: TestHub, opts: CitizenWords = {}) {
  const chat = new WebchatClient(hub.url);
  await confirmComplaint(chat, { ...opts, description: opts.description ?? DESCRIPTION_WITH_CONTACTS });
  const complaint = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: chat.sessionId } }));
  return { chat, complaint };
}

/** The first message the bot sent to the officers' chat (or a thread of it) that matches. */
export function postIn(fake: FakeTelegramBotApi, match: (m: SentMessage) => boolean, timeoutMs = 10_000): Promise<SentMessage> {
  return eventually(async () => fake.sentTo(OFFICERS).find(match), timeoutMs);
}

/** The bot's reply to a member's message in the officers' chat. */
export const answerTo = (fake: FakeTelegramBotApi, messageId: number, timeoutMs?: number) =>
  postIn(fake, (m) => m.reply_to_message?.message_id === messageId && m.from?.is_bot === true, timeoutMs);

/** The bot's messages to a private chat. */
export const privateAnswers = (fake: FakeTelegramBotApi, userId: number, n = 1) => fake.waitForSent(userId, n, 10_000);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
