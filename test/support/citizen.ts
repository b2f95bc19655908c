// A citizen who files a complaint step by step through the web chat (NLP off).
import type { TestHub } from './hub.js';
import { eventually } from './hub.js';
import { WebchatClient } from './webchat-client.js';

export interface CitizenWords {
  privacy?: 'public' | 'anonymous' | 'secret';
  /** default: a street light out for two weeks */
  description?: string;
  /** asked unless anonymous; default Budi Santoso */
  name?: string;
}

export async function confirmComplaint(chat: WebchatClient, options: CitizenWords = {}) {
  const privacy = options.privacy ?? 'public';
  await chat.say({ text: 'halo' });
  await chat.say({ payload: 'PENGADUAN' });
  await chat.say({ text: options.description ?? 'Lampu penerangan jalan di Jl. Merdeka mati sudah dua minggu, rawan kejahatan.' });
  await chat.say({ payload: 'utilitas' });
  await chat.say({ text: 'Jl. Merdeka, Kota Bandung' });
  await chat.say({ text: 'kemarin' });
  await chat.say({ payload: 'skip' });
  await chat.say({ payload: privacy });
  if (privacy !== 'anonymous') {
    await chat.say({ text: options.name ?? 'Budi Santoso' });
    await chat.say({ text: '081298765432' });
  }
  return chat.say({ payload: 'confirm' });
}

/** Files a complaint and waits for its tracking id. */
export async function fileComplaint(hub: TestHub, chat = new WebchatClient(hub.url), timeoutMs = 10_000) {
  await confirmComplaint(chat);
  const complaint = await eventually(
    () => hub.prisma.complaint.findFirst({ where: { chatId: chat.sessionId, trackingId: { not: null } } }),
    timeoutMs,
  );
  return { chat, complaint, trackingId: complaint.trackingId! };
}
