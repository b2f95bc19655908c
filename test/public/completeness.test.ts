// Completeness per channel in GET /api/public/stats: web chat conversations driven for real (one
// confirmed after re-asks, one abandoned), Telegram as fixture rows; the expected figures are
// counted here from what the web chat client saw and from the fixtures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/db.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { WebchatClient, type ChatMessage } from '../support/webchat-client.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let hub: TestHub;
/** bot messages that asked something, from the start of the confirmed report to its confirmation */
let webchatQuestions = 0;

const asked = (messages: ChatMessage[]) => messages.filter((m) => m.expects).length;

beforeAll(async () => {
  db = await createTestDatabase();
  // no workers: the reports stay confirmed, not filed; completeness counts what the citizens completed
  hub = await startTestHub({}, { db, workers: false });
  const done = new WebchatClient(hub.url);
  await done.say({ text: 'halo' }); // the welcome menu: before the report, not one of its questions
  const steps: Parameters<WebchatClient['say']>[0][] = [
    { payload: 'PENGADUAN' },
    { text: 'lampu mati' }, // too short: re-asked
    { text: 'Lampu penerangan jalan di Jl. Merdeka mati sudah dua minggu, rawan kejahatan.' },
    { payload: 'utilitas' },
    { text: 'Jl. Merdeka, Kota Bandung' },
    { text: 'besok' }, // in the future: re-asked
    { text: 'kemarin' },
    { payload: 'skip' },
    { payload: 'public' },
    { text: 'Budi Santoso' },
    { text: '12345' }, // not a phone number: re-asked
    { text: '081298765432' },
  ];
  for (const step of steps) webchatQuestions += asked(await done.say(step));
  await done.say({ payload: 'confirm' });
  // started and left after two answers
  const left = new WebchatClient(hub.url);
  await left.say({ payload: 'PENGADUAN' });
  await left.say({ text: 'Sampah menumpuk di depan pasar sejak minggu lalu dan berbau busuk sekali.' });

  const p = hub.prisma;
  await p.agency.create({ data: { id: 'other', name: 'Pemkot Lain' } });
  await p.integration.create({ data: { id: 'tg-c', agencyId: 'other', type: 'telegram', name: '@c_bot', source: 'api' } });
  const citizen = await p.citizen.create({ data: { integrationId: 'tg-c', externalId: '5550001', displayName: 'Siti Aminah', phone: '+6281311112222' } });
  // 5 reports started in two chats; 2 confirmed (7 and 12 questions), 1 filed by hand without a conversation
  const c1 = await p.conversation.create({ data: { integrationId: 'tg-c', chatId: '5550001', citizenId: citizen.id, state: {}, reportsStarted: 3 } });
  const c2 = await p.conversation.create({ data: { integrationId: 'tg-c', chatId: '5550002', citizenId: citizen.id, state: {}, reportsStarted: 2 } });
  const base = { agencyId: 'other', integrationId: 'tg-c', citizenId: citizen.id, channel: 'telegram', classification: 'pengaduan', title: 'Jalan rusak', content: 'Jalan berlubang besar', category: 'infrastruktur', reporterName: 'Siti Aminah' };
  await p.complaint.create({ data: { ...base, chatId: '5550001', conversationId: c1.id, questionsAsked: 7 } });
  await p.complaint.create({ data: { ...base, chatId: '5550002', conversationId: c2.id, questionsAsked: 12, status: 'REJECTED' } });
  await p.complaint.create({ data: { ...base, chatId: '5550003', conversationId: null, questionsAsked: null } });
});
afterAll(async () => {
  await hub?.close();
  await db?.close();
});


describe('GET /api/public/stats completeness', () => {
  it('gives per channel the reports started and completed, the rate and the questions per report', async () => {
    const res = await fetch(`${hub.url}/api/public/stats`);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(webchatQuestions).toBeGreaterThan(10); // the re-asks are in the transcript
    expect(body.completeness.webchat).toEqual({ started: 2, reports: 1, rate: 0.5, questionsPerReport: webchatQuestions });
    expect(body.completeness.telegram).toEqual({ started: 5, reports: 2, rate: 0.4, questionsPerReport: 9.5 });
    expect(body.completeness.whatsapp).toEqual({ started: 0, reports: 0, rate: null, questionsPerReport: null });
    // the existing keys stay
    for (const key of ['totals', 'byChannel', 'completionRate', 'sla']) expect(body).toHaveProperty(key);
    for (const personal of [/Budi/, /Siti/, /081298765432/, /6281311112222/, /555000\d/, /Merdeka/]) expect(text).not.toMatch(personal);
  });

  it('filters by agency', async () => {
    const body = JSON.parse(await (await fetch(`${hub.url}/api/public/stats?agency=other`)).text());
    expect(body.completeness.telegram).toEqual({ started: 5, reports: 2, rate: 0.4, questionsPerReport: 9.5 });
    expect(body.completeness.webchat).toEqual({ started: 0, reports: 0, rate: null, questionsPerReport: null });
  });
});
